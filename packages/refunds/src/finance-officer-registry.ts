import { type DocumentClient, GetCommand, PutCommand, QueryCommand, translateStorageError } from '@platform/dynamodb';
import {
  coversRegion,
  type FinanceOfficer,
  maskedOfficer,
  type OfficerGrantInput,
  type OfficerRole,
  parseOfficerGrant,
  parseOfficerIdNumber,
} from './finance-officer.ts';
import { RefundError } from './refund-errors.ts';

/**
 * The finance officers, on the payments table:
 *
 * | item    | pk                          | sk        | gsi2pk / gsi2sk                              |
 * | ------- | --------------------------- | --------- | -------------------------------------------- |
 * | officer | `FINANCE_OFFICER#<index>`   | `OFFICER` | `FINANCE_OFFICERS` / `<regionCode>#<index>`  |
 *
 * One partition lists them all: a bureau has tens of officers, not millions. Revoking keeps the item (who approved
 * what stays explainable); a revoked officer is found but not authorised.
 */
export interface FinanceOfficerRegistryOptions {
  readonly documents: DocumentClient;
  readonly tableName: string;
  /** The payments vault's blind index of a citizen ID number (`vault.blindIndex('citizen-id', …)`). */
  readonly officerIndex: (idNumber: string) => string;
  readonly now?: () => Date;
}

const LIST_PARTITION = 'FINANCE_OFFICERS';
const officerKey = (officerIndex: string) => ({ pk: `FINANCE_OFFICER#${officerIndex}`, sk: 'OFFICER' });
const KEY_ATTRIBUTES = new Set(['pk', 'sk', 'entity', 'gsi2pk', 'gsi2sk']);

const fromItem = (item: Record<string, unknown>): FinanceOfficer =>
  Object.fromEntries(Object.entries(item).filter(([name]) => !KEY_ATTRIBUTES.has(name))) as unknown as FinanceOfficer;

export class FinanceOfficerRegistry {
  readonly #documents: DocumentClient;
  readonly #tableName: string;
  readonly #officerIndex: (idNumber: string) => string;
  readonly #now: () => Date;

  constructor(options: FinanceOfficerRegistryOptions) {
    if (!options.documents || !options.tableName || typeof options.officerIndex !== 'function') {
      throw new TypeError('FinanceOfficerRegistry: `documents`, `tableName` and `officerIndex` are required');
    }
    this.#documents = options.documents;
    this.#tableName = options.tableName;
    this.#officerIndex = options.officerIndex;
    this.#now = options.now ?? (() => new Date());
  }

  /** The index of an ID number as the registry keys officers by it (for a console that signed someone in). */
  indexOf(idNumber: string): string {
    return this.#officerIndex(parseOfficerIdNumber(idNumber));
  }

  /**
   * Grants (or re-grants, replacing the roles and region of) an officer. Granting again to a revoked officer makes
   * them active again; the first grant's time is kept.
   */
  async grant(input: OfficerGrantInput): Promise<FinanceOfficer> {
    const grant = parseOfficerGrant(input);
    const officerIndex = this.#officerIndex(grant.idNumber);
    const existing = await this.find(officerIndex);
    const now = this.#now().toISOString();
    const officer: FinanceOfficer = {
      officerIndex,
      ...maskedOfficer(grant),
      regionCode: grant.regionCode,
      roles: grant.roles,
      status: 'active',
      grantedAt: existing?.grantedAt ?? now,
      updatedAt: now,
    };
    await this.#put(officer);
    return officer;
  }

  /** Revokes an officer found by ID number; `officer_not_found` if there is none. */
  async revoke(idNumber: string): Promise<FinanceOfficer> {
    const officerIndex = this.indexOf(idNumber);
    const existing = await this.find(officerIndex);
    if (!existing) throw new RefundError('officer_not_found', { field: 'idNumber' });
    const now = this.#now().toISOString();
    const { revokedAt: _, ...rest } = existing;
    const officer: FinanceOfficer = { ...rest, status: 'revoked', updatedAt: now, revokedAt: now };
    await this.#put(officer);
    return officer;
  }

  /** The officer with this blind index, active or revoked; undefined if none. */
  async find(officerIndex: string): Promise<FinanceOfficer | undefined> {
    if (typeof officerIndex !== 'string' || !/^[A-Za-z0-9_-]{16,128}$/.test(officerIndex)) return undefined;
    const result = await this.#documents
      .send(new GetCommand({ TableName: this.#tableName, Key: officerKey(officerIndex), ConsistentRead: true }))
      .catch(translateStorageError);
    return result.Item ? fromItem(result.Item) : undefined;
  }

  async findByIdNumber(idNumber: string): Promise<FinanceOfficer | undefined> {
    return this.find(this.indexOf(idNumber));
  }

  /** Every officer, by region (eventually consistent: an index). */
  async list(): Promise<FinanceOfficer[]> {
    const officers: FinanceOfficer[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.#documents
        .send(
          new QueryCommand({
            TableName: this.#tableName,
            IndexName: 'gsi2',
            KeyConditionExpression: 'gsi2pk = :partition',
            ExpressionAttributeValues: { ':partition': LIST_PARTITION },
            ...(startKey ? { ExclusiveStartKey: startKey } : {}),
          }),
        )
        .catch(translateStorageError);
      officers.push(...(page.Items ?? []).map(fromItem));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return officers;
  }

  /**
   * The officer, if they may act in `role` on a matter of `regionCode` now: found, active, holding the role, and of a
   * bureau covering the region. Otherwise `officer_not_authorised` (the same answer for every reason, so that a
   * caller learns nothing about who is registered).
   */
  async authorise(officerIndex: string, role: OfficerRole, regionCode: string): Promise<FinanceOfficer> {
    const officer = await this.find(officerIndex);
    if (
      officer?.status !== 'active' ||
      !officer.roles.includes(role) ||
      !coversRegion(officer.regionCode, regionCode)
    ) {
      throw new RefundError('officer_not_authorised');
    }
    return officer;
  }

  async #put(officer: FinanceOfficer): Promise<void> {
    await this.#documents
      .send(
        new PutCommand({
          TableName: this.#tableName,
          Item: {
            ...officerKey(officer.officerIndex),
            entity: 'finance-officer',
            gsi2pk: LIST_PARTITION,
            gsi2sk: `${officer.regionCode}#${officer.officerIndex}`,
            ...officer,
          },
        }),
      )
      .catch(translateStorageError);
  }
}
