import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { type DocumentClient, GetCommand, PutCommand, translateStorageError, UpdateCommand } from '@platform/dynamodb';
import type { FiscalReceipt } from './fiscal-receipt.ts';
import type { FiscalReceiptStore } from './fiscal-receipt-store.ts';
import { fromReceiptItem, receiptKey, toReceiptItem } from './receipt-item.ts';

export interface DynamoDbFiscalReceiptStoreOptions {
  readonly documents: DocumentClient;
  /** Physical name of the payments table (`PAYMENTS_TABLE`). */
  readonly tableName: string;
}

const isConditionFailure = (error: unknown): error is Error & { Item?: Record<string, AttributeValue> } =>
  error instanceof Error && error.name === 'ConditionalCheckFailedException';

/** Receipts on the payments table; item layout in `receipt-item.ts`. One request per operation. */
export class DynamoDbFiscalReceiptStore implements FiscalReceiptStore {
  readonly #documents: DocumentClient;
  readonly #tableName: string;

  constructor(options: DynamoDbFiscalReceiptStoreOptions) {
    if (!options.documents) throw new TypeError('DynamoDbFiscalReceiptStore: `documents` is required');
    if (typeof options.tableName !== 'string' || options.tableName === '') {
      throw new TypeError('DynamoDbFiscalReceiptStore: `tableName` must be a non-empty string');
    }
    this.#documents = options.documents;
    this.#tableName = options.tableName;
  }

  async create(receipt: FiscalReceipt): Promise<{ created: boolean; receipt: FiscalReceipt }> {
    try {
      // The number is a function of the notice, so "not there yet" is the whole idempotency rule; the loser gets the
      // winner's item back from the failed condition (ALL_OLD, in the wire format: the document client does not
      // translate errors) instead of reading it in a second request.
      await this.#documents.send(
        new PutCommand({
          TableName: this.#tableName,
          Item: toReceiptItem(receipt),
          ConditionExpression: 'attribute_not_exists(pk)',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return { created: true, receipt };
    } catch (error) {
      if (isConditionFailure(error)) {
        const stored = error.Item ? unmarshall(error.Item) : await this.#getItem(receipt.document.receiptNumber);
        if (stored) return { created: false, receipt: fromReceiptItem(stored) };
      }
      return translateStorageError(error);
    }
  }

  async get(receiptNumber: string): Promise<FiscalReceipt | undefined> {
    const item = await this.#getItem(receiptNumber);
    return item ? fromReceiptItem(item) : undefined;
  }

  async appendCredit(change: Parameters<FiscalReceiptStore['appendCredit']>[0]): Promise<boolean> {
    try {
      await this.#documents.send(
        new UpdateCommand({
          TableName: this.#tableName,
          Key: receiptKey(change.receiptNumber),
          UpdateExpression:
            'SET credits = list_append(credits, :credit), creditedFen = :credited, #status = :status, updatedAt = :at',
          // Totals only grow (credits are positive), so the total read is the version: of two concurrent credits
          // (or a replay of the same refund) one wins, the other re-reads and is decided again.
          ConditionExpression: 'attribute_exists(pk) AND creditedFen = :expected',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':credit': [change.credit],
            ':credited': change.creditedFen,
            ':status': change.status,
            ':at': change.updatedAt,
            ':expected': change.expectedCreditedFen,
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      return translateStorageError(error);
    }
  }

  async #getItem(receiptNumber: string): Promise<Record<string, unknown> | undefined> {
    try {
      const output = await this.#documents.send(
        new GetCommand({ TableName: this.#tableName, Key: receiptKey(receiptNumber), ConsistentRead: true }),
      );
      return output.Item;
    } catch (error) {
      return translateStorageError(error);
    }
  }
}
