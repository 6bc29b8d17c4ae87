/**
 * Payment notices on the payments table. Item layout: `notice-item-keys.ts` (notice view, ledger events, payment-code
 * claims, payment and refund records, listing indexes). Every write below is one TransactWriteItems:
 *
 * | operation      | items written                                   | writes |
 * | -------------- | ----------------------------------------------- | ------ |
 * | `issue`        | notice + payment-code claim + `notice.issued`   | 3      |
 * | `markPaid`     | notice + `notice.paid` + payment record (+ joined puts) | 3 (+n) |
 * | `recordRefund` | notice + `refund.requested` + refund record     | 3      |
 * | `releaseRefund`| notice + `refund.released` + refund record update | 3    |
 * | `cancel`       | notice + `notice.cancelled`                     | 2      |
 * | `expire`       | notice + `notice.expired`                       | 2      |
 *
 * `markPaid`'s payment record is its own item, or an existing one it is written onto (the cashier's order, which
 * then also leaves the open-order index in that write), and its caller may join puts (the fiscal receipt): the
 * checkout's payment is then four writes in one transaction (notice, event, order as payment record, receipt).
 *
 * The notice item is replaced whole by what `applyNoticeEvent` returns for the event written beside it, so the
 * stored view is by construction the fold of the ledger.
 */
import {
  type DocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  translateStorageError,
} from '@platform/dynamodb';
import { decideCancellation } from './decide-cancellation.ts';
import { decideExpiry } from './decide-expiry.ts';
import { decidePayment, type PaymentReport } from './decide-payment.ts';
import { decideRefund } from './decide-refund.ts';
import { decideRelease } from './decide-release.ts';
import { noticeIssuedEvent } from './issued-notice.ts';
import type { LedgerEvent } from './ledger-event.ts';
import { changeNotice, claimPut, type NoticeChangeContext, type TransactItem } from './notice-change.ts';
import { isNoticeId, newNoticeId } from './notice-id.ts';
import { fromLedgerEventItem, fromNoticeItem, toLedgerEventItem, toNoticeItem } from './notice-item.ts';
import {
  DEPARTMENT_INDEX,
  departmentPartition,
  EVENT_SK_PREFIX,
  noticeKey,
  PAYER_INDEX,
  payerPartition,
  paymentCodeKey,
  refundKey,
} from './notice-item-keys.ts';
import { queryNoticePage } from './notice-listing.ts';
import type { NoticeRequest } from './notice-request.ts';
import { generatePaymentCode, parsePaymentCode } from './payment-code.ts';
import type { PaymentNotice } from './payment-notice.ts';
import { AlreadyPaidError, PaymentNoticeError } from './payment-notice-errors.ts';
import type {
  ListNoticesOptions,
  NoticePage,
  PaymentCommit,
  PaymentNoticeRepository,
  RefundRelease,
} from './payment-notice-repository.ts';
import { paymentRecordWrite } from './payment-record.ts';
import { type PayerProtection, recordPayer } from './recorded-payer.ts';
import { parseReference } from './reference.ts';
import { refundRecordUpdate } from './refund-record-update.ts';
import { cancellationReasons, conditionFailedAt, hasConflict } from './transaction-cancellation.ts';
import { stringAt } from './wire-item.ts';

export interface DynamoDbPaymentNoticeRepositoryOptions extends PayerProtection {
  readonly documents: DocumentClient;
  /** Physical name of the payments table (`PAYMENTS_TABLE`). */
  readonly tableName: string;
  /** Defaults to the system clock; injectable so that tests can move time. */
  readonly now?: () => Date;
  /** Draws the random part of payment codes; injectable so that tests can force collisions. */
  readonly drawRandom?: (range: number) => number;
  /** Attempts at a change that keeps losing races before `notice_contended`; default 12. */
  readonly maxAttempts?: number;
}

/** Draws of a payment code before giving up: with 10^13 codes per region a second draw is already a rarity. */
const CODE_ATTEMPTS = 5;

const ABSENT = 'attribute_not_exists(pk)';

export class DynamoDbPaymentNoticeRepository implements PaymentNoticeRepository {
  readonly #documents: DocumentClient;
  readonly #tableName: string;
  readonly #protection: PayerProtection;
  readonly #now: () => Date;
  readonly #drawRandom: ((range: number) => number) | undefined;
  readonly #changeContext: NoticeChangeContext;

  constructor(options: DynamoDbPaymentNoticeRepositoryOptions) {
    if (!options.documents) throw new TypeError('DynamoDbPaymentNoticeRepository: `documents` is required');
    if (typeof options.tableName !== 'string' || options.tableName === '') {
      throw new TypeError('DynamoDbPaymentNoticeRepository: `tableName` must be a non-empty string');
    }
    if (typeof options.seal !== 'function' || typeof options.payerIndex !== 'function') {
      throw new TypeError('DynamoDbPaymentNoticeRepository: `seal` and `payerIndex` are required functions');
    }
    const maxAttempts = options.maxAttempts ?? 12;
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
      throw new TypeError('DynamoDbPaymentNoticeRepository: `maxAttempts` must be a positive integer');
    }
    this.#documents = options.documents;
    this.#tableName = options.tableName;
    this.#protection = { seal: options.seal, payerIndex: options.payerIndex };
    this.#now = options.now ?? (() => new Date());
    this.#drawRandom = options.drawRandom;
    this.#changeContext = {
      tableName: options.tableName,
      read: (noticeId) => this.get(noticeId),
      transact: (items) => this.#transact(items),
      now: this.#now,
      maxAttempts,
    };
  }

  async issue(request: NoticeRequest): Promise<PaymentNotice> {
    const issuedAt = this.#now().toISOString();
    const payer = await recordPayer(request.payer, this.#protection);
    const noticeId = newNoticeId();
    for (let attempt = 1; attempt <= CODE_ATTEMPTS; attempt += 1) {
      const paymentCode = generatePaymentCode(request.item.regionCode, this.#drawRandom);
      const event = noticeIssuedEvent({ request, noticeId, paymentCode, payer, issuedAt });
      try {
        // All three only if absent: the code claim is what makes payment codes unique. If another notice holds
        // the code, the whole transaction is cancelled — no notice without its code, no code without its notice.
        await this.#transact([
          { Put: { TableName: this.#tableName, Item: toNoticeItem(event.notice), ConditionExpression: ABSENT } },
          {
            Put: {
              TableName: this.#tableName,
              Item: { ...paymentCodeKey(paymentCode), entity: 'payment-code', noticeId, issuedAt },
              ConditionExpression: ABSENT,
            },
          },
          { Put: { TableName: this.#tableName, Item: toLedgerEventItem(event), ConditionExpression: ABSENT } },
        ]);
        return event.notice;
      } catch (error) {
        const reasons = cancellationReasons(error);
        if (!reasons || !(conditionFailedAt(reasons, 1) || hasConflict(reasons))) throw error;
      }
    }
    throw new Error(`no free payment code in region ${request.item.regionCode} after ${CODE_ATTEMPTS} draws`);
  }

  async get(noticeId: string): Promise<PaymentNotice | undefined> {
    if (!isNoticeId(noticeId)) return undefined;
    const item = await this.#read(noticeKey(noticeId));
    return item ? fromNoticeItem(item) : undefined;
  }

  async findByPaymentCode(paymentCode: string): Promise<PaymentNotice | undefined> {
    const claim = await this.#read(paymentCodeKey(parsePaymentCode(paymentCode)));
    return typeof claim?.noticeId === 'string' ? this.get(claim.noticeId) : undefined;
  }

  async listByDepartment(departmentId: string, options: ListNoticesOptions = {}): Promise<NoticePage> {
    const partition = departmentPartition(parseReference(departmentId, 'departmentId'));
    return queryNoticePage(
      this.#documents,
      this.#tableName,
      { indexName: DEPARTMENT_INDEX, partitionAttribute: 'gsi1pk', sortAttribute: 'gsi1sk', partition },
      options,
    );
  }

  async listByPayer(payerIndex: string, options: ListNoticesOptions = {}): Promise<NoticePage> {
    if (typeof payerIndex !== 'string' || !/^[A-Za-z0-9_-]{16,128}$/.test(payerIndex)) {
      throw new PaymentNoticeError('invalid_reference', { field: 'payerIndex' });
    }
    return queryNoticePage(
      this.#documents,
      this.#tableName,
      {
        indexName: PAYER_INDEX,
        partitionAttribute: 'gsi2pk',
        sortAttribute: 'gsi2sk',
        partition: payerPartition(payerIndex),
      },
      options,
    );
  }

  markPaid(payment: PaymentReport, commit: PaymentCommit = {}): Promise<PaymentNotice> {
    return changeNotice(this.#changeContext, payment.noticeId, {
      transition: 'pay',
      decide: (notice, occurredAt) => decidePayment(notice, payment, occurredAt),
      condition: (notice, event) => ({
        expression: '#amountFen = :amountFen AND #dueAt > :paidAt',
        values: { ':amountFen': notice.amountFen, ':paidAt': event.paidAt },
      }),
      joined: async (event, notice, paid) => [
        paymentRecordWrite(this.#tableName, event, notice, commit.recordOn),
        ...((await commit.alongside?.(paid)) ?? []).map(({ item, taken }) => claimPut(this.#tableName, item, taken)),
      ],
      // The loser of a race learns the winner's payment id from the item that failed its condition.
      onNoticeCondition: ({ item }) => {
        const paymentId = stringAt(item, 'payment', 'paymentId');
        const status = stringAt(item, 'status');
        return paymentId && status && status !== 'issued'
          ? new AlreadyPaidError(paymentId, status as PaymentNotice['status'])
          : undefined;
      },
    });
  }

  cancel(noticeId: string, departmentId: string, reason: string): Promise<PaymentNotice> {
    return changeNotice(this.#changeContext, noticeId, {
      transition: 'cancel',
      decide: (notice, occurredAt) => decideCancellation(notice, departmentId, reason, occurredAt),
      condition: () => ({ expression: '#departmentId = :departmentId', values: { ':departmentId': departmentId } }),
    });
  }

  expire(noticeId: string, now: Date): Promise<PaymentNotice> {
    return changeNotice(this.#changeContext, noticeId, {
      transition: 'expire',
      decide: (notice) => decideExpiry(notice, now.toISOString()),
      condition: () => ({ expression: '#dueAt <= :now', values: { ':now': now.toISOString() } }),
    });
  }

  recordRefund(
    noticeId: string,
    refundId: string,
    amountFen: number,
    record: Readonly<Record<string, unknown>> = {},
  ): Promise<PaymentNotice> {
    return changeNotice(this.#changeContext, noticeId, {
      transition: 'refund',
      decide: (notice, occurredAt) => decideRefund(notice, refundId, amountFen, occurredAt),
      // DynamoDB conditions have no arithmetic: "refunded + amount ≤ paid" is stated as "refunded ≤ paid − amount",
      // with paid read from the same version the condition pins.
      condition: (notice) => ({
        expression: '#paidFen = :paidFen AND #refundedFen <= :refundedLimit',
        values: { ':paidFen': notice.paidFen, ':refundedLimit': notice.paidFen - amountFen },
      }),
      joined: (event) => [
        claimPut(
          this.#tableName,
          {
            ...record,
            ...refundKey(event.refundId),
            entity: 'refund',
            noticeId,
            refundId: event.refundId,
            amountFen: event.amountFen,
            requestedAt: event.occurredAt,
          },
          () => new PaymentNoticeError('refund_already_recorded', { field: 'refundId' }),
        ),
      ],
    });
  }

  releaseRefund(release: RefundRelease): Promise<PaymentNotice> {
    const { noticeId, refundId, amountFen, reason, change } = release;
    return changeNotice(this.#changeContext, noticeId, {
      transition: 'release',
      decide: (notice, occurredAt) => decideRelease(notice, refundId, amountFen, reason, occurredAt),
      condition: () => ({ expression: '#refundedFen >= :released', values: { ':released': amountFen } }),
      joined: () => [{ write: refundRecordUpdate(this.#tableName, release), refused: change.refused }],
    });
  }

  async readLedger(noticeId: string): Promise<LedgerEvent[]> {
    if (!isNoticeId(noticeId)) return [];
    const events: LedgerEvent[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.#documents
        .send(
          new QueryCommand({
            TableName: this.#tableName,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :events)',
            ExpressionAttributeValues: { ':pk': noticeKey(noticeId).pk, ':events': EVENT_SK_PREFIX },
            ConsistentRead: true,
            ...(startKey ? { ExclusiveStartKey: startKey } : {}),
          }),
        )
        .catch(translateStorageError);
      events.push(...(page.Items ?? []).map(fromLedgerEventItem));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return events;
  }

  async #read(key: { pk: string; sk: string }): Promise<Record<string, unknown> | undefined> {
    const result = await this.#documents
      .send(new GetCommand({ TableName: this.#tableName, Key: key, ConsistentRead: true }))
      .catch(translateStorageError);
    return result.Item;
  }

  /** Cancelled transactions pass through for the caller to read; transient failures become StorageUnavailable. */
  async #transact(items: TransactItem[]): Promise<void> {
    try {
      await this.#documents.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      if (cancellationReasons(error)) throw error;
      translateStorageError(error);
    }
  }
}
