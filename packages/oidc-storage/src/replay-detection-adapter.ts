/**
 * oidc-provider's `ReplayDetection` model as one conditional write per check instead of a read and a write.
 *
 * oidc-provider records every `private_key_jwt` client assertion and DPoP proof it accepts (`ReplayDetection.unique`:
 * `find(id)`; if nothing is found, `upsert(id, …, ttl)`) and refuses an id it finds. With a plain adapter that is two
 * round trips per token request, and two requests carrying the same assertion at the same moment can both find
 * nothing and both pass. This adapter makes `find` the claim: one PutItem that succeeds only when no live record has
 * the id. The winner's `find` answers "not seen" and writes the record in the same call; any later or concurrent
 * caller's `find` answers the record that is there, so `unique` returns false and oidc-provider raises its own
 * error for that caller (`invalid_client` for an assertion, `invalid_dpop_proof` for a DPoP proof). The `upsert`
 * that `unique` then makes is skipped when the claim already keeps the id at least as long as asked.
 *
 * Only oidc-provider's documented adapter interface is used; `find` having an effect is sound because `unique` is
 * the only caller of `ReplayDetection.find` in oidc-provider 9 (checked when upgrading: `grep -rn ReplayDetection
 * node_modules/oidc-provider/lib`). The record written by a claim carries `iat`, `exp`, `jti` and `kind` but not
 * `iss` (unknown at `find`); nothing reads it back except this check.
 */
import { type DocumentClient, fromAttributes, PutCommand, translateStorageError } from '@platform/dynamodb';
import type { Adapter, AdapterPayload } from 'oidc-provider';
import { epochSeconds, type OidcRecordItem, toPayload, toRecordItem } from './oidc-record.ts';

export const REPLAY_DETECTION_MODEL = 'ReplayDetection';

/**
 * How long a claim keeps an id, in seconds: longer than oidc-provider asks for client assertions (their `exp`, 60 s
 * from openid-client, plus clock tolerance) and DPoP proofs (300 s), so that its `upsert` has nothing to add. When
 * it asks for longer (an assertion with a far `exp`), the `upsert` writes the longer expiry.
 */
export const REPLAY_CLAIM_SECONDS = 600;

/** Ids claimed by this instance and not yet upserted; bounded, should `upsert` never follow. */
const CLAIMS_MAX = 10_000;

export interface ReplayDetectionAdapterOptions {
  readonly documents: DocumentClient;
  readonly tableName: string;
  /** Epoch milliseconds; injectable for tests. Defaults to `Date.now`. */
  readonly now?: () => number;
  /** The adapter the other operations (`destroy`, …) go to: the table's ordinary adapter for `ReplayDetection`. */
  readonly fallback: Adapter;
}

const isConditionFailure = (error: unknown): error is Error & { Item?: Record<string, unknown> } =>
  error instanceof Error && error.name === 'ConditionalCheckFailedException';

export class DynamoDbReplayDetectionAdapter implements Adapter {
  readonly #documents: DocumentClient;
  readonly #tableName: string;
  readonly #now: () => number;
  readonly #fallback: Adapter;
  /** Id → expiry (epoch seconds) of the record this instance's claim wrote. */
  readonly #claims = new Map<string, number>();

  constructor(options: ReplayDetectionAdapterOptions) {
    this.#documents = options.documents;
    this.#tableName = options.tableName;
    this.#now = options.now ?? Date.now;
    this.#fallback = options.fallback;
  }

  /**
   * Claims `id`: undefined when this call recorded it (never seen, or only an expired record), else the payload of
   * the live record that already has it.
   */
  async find(id: string): Promise<AdapterPayload | undefined> {
    const nowMs = this.#now();
    const iat = epochSeconds(nowMs);
    const exp = iat + REPLAY_CLAIM_SECONDS;
    const payload: AdapterPayload = { iat, exp, jti: id, kind: REPLAY_DETECTION_MODEL };
    const Item = toRecordItem(REPLAY_DETECTION_MODEL, id, payload, REPLAY_CLAIM_SECONDS, nowMs);
    try {
      await this.#documents.send(
        new PutCommand({
          TableName: this.#tableName,
          Item,
          // Expired records that TTL has not removed yet count as absent, as they do for an ordinary `find`.
          ConditionExpression: 'attribute_not_exists(#pk) OR #expiresAt <= :now',
          ExpressionAttributeNames: { '#pk': 'pk', '#expiresAt': 'expiresAt' },
          ExpressionAttributeValues: { ':now': iat },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) return translateStorageError(error);
      // The item comes back in attribute-value form (as from the SDK), strings as `{ S: … }`.
      const existing = fromAttributes(error.Item) as OidcRecordItem | undefined;
      // The condition failed, so a live record holds the id; should its body not come back, it is still a replay.
      return typeof existing?.payload === 'string' ? toPayload(existing) : payload;
    }
    this.#remember(id, exp);
    return undefined;
  }

  /** After a claim by this instance: nothing to write unless asked to keep the id longer than the claim does. */
  async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
    const claimedUntil = this.#claims.get(id);
    this.#claims.delete(id);
    const asked =
      typeof expiresIn === 'number' && Number.isFinite(expiresIn)
        ? epochSeconds(this.#now()) + expiresIn
        : Number.POSITIVE_INFINITY;
    if (claimedUntil !== undefined && asked <= claimedUntil) return;
    await this.#fallback.upsert(id, payload, expiresIn);
  }

  findByUid(uid: string): ReturnType<Adapter['findByUid']> {
    return this.#fallback.findByUid(uid);
  }

  findByUserCode(userCode: string): ReturnType<Adapter['findByUserCode']> {
    return this.#fallback.findByUserCode(userCode);
  }

  async consume(id: string): Promise<void> {
    return this.#fallback.consume(id);
  }

  async destroy(id: string): Promise<void> {
    this.#claims.delete(id);
    return this.#fallback.destroy(id);
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    return this.#fallback.revokeByGrantId(grantId);
  }

  #remember(id: string, exp: number): void {
    this.#claims.set(id, exp);
    if (this.#claims.size > CLAIMS_MAX) this.#claims.delete(this.#claims.keys().next().value as string);
  }
}
