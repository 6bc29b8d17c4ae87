import { randomBytes } from 'node:crypto';
import { IdempotencyError } from './idempotency-errors.ts';
import type { IdempotencyClaim, IdempotencyRecord, IdempotencyScope, StoredResponse } from './idempotency-record.ts';
import { requestHash } from './request-hash.ts';

export interface IdempotencyPersistenceOptions {
  /** How long a key is remembered after its request completes; at least (and by default) 24 hours. */
  readonly retentionSeconds?: number;
  /**
   * How long the first request holds its key before another may take it over, in case it crashed. Set it above the
   * function's timeout, so that a live request is never overtaken. Default 60 s.
   */
  readonly leaseSeconds?: number;
  /** Epoch milliseconds; injectable so that tests can move time. */
  readonly now?: () => number;
}

export type IdempotencyStart =
  | { readonly outcome: 'proceed'; readonly claim: IdempotencyClaim }
  | { readonly outcome: 'replay'; readonly response: StoredResponse };

const MINIMUM_RETENTION_SECONDS = 24 * 60 * 60;
const KEY = /^[\x21-\x7E]{1,255}$/;
const DEPARTMENT = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;

const epochSeconds = (milliseconds: number): number => Math.ceil(milliseconds / 1000);

/**
 * The rules of `Idempotency-Key` (after Powertools for AWS Lambda's persistence layer): this base class decides
 * — key format, body hash, expiry, lease — and a subclass only stores, with the three conditional writes below.
 *
 *   begin:     claim the key for this request, unless someone holds it (same body: replay or "in progress";
 *              different body: 409);
 *   complete:  record the response, if this request still holds the lease;
 *   release:   give the key back (the request failed in a way worth retrying), if this request still holds it.
 *
 * Record the response of every request that reached a decision — a 422 for a bad amount too, so that a retry gets
 * the same answer — and release on failures that a retry may cure (storage unavailable, contention).
 */
export abstract class IdempotencyPersistence {
  readonly #retentionMs: number;
  readonly #leaseMs: number;
  protected readonly now: () => number;

  constructor(options: IdempotencyPersistenceOptions = {}) {
    const { retentionSeconds = MINIMUM_RETENTION_SECONDS, leaseSeconds = 60, now = Date.now } = options;
    if (!Number.isInteger(retentionSeconds) || retentionSeconds < MINIMUM_RETENTION_SECONDS) {
      throw new TypeError('IdempotencyPersistence: `retentionSeconds` must be an integer of at least 86400 (24 h)');
    }
    if (!Number.isInteger(leaseSeconds) || leaseSeconds < 1 || leaseSeconds > 900) {
      throw new TypeError('IdempotencyPersistence: `leaseSeconds` must be an integer from 1 to 900');
    }
    this.#retentionMs = retentionSeconds * 1000;
    this.#leaseMs = leaseSeconds * 1000;
    this.now = now;
  }

  async begin(scope: IdempotencyScope, requestBody: unknown): Promise<IdempotencyStart> {
    if (typeof scope.key !== 'string' || !KEY.test(scope.key)) throw new IdempotencyError('invalid_idempotency_key');
    if (typeof scope.departmentId !== 'string' || !DEPARTMENT.test(scope.departmentId)) {
      throw new TypeError('IdempotencyPersistence: departmentId is not a department id');
    }
    const nowMs = this.now();
    const claim: IdempotencyClaim = {
      scope: { departmentId: scope.departmentId, key: scope.key },
      requestHash: requestHash(requestBody),
      lockToken: randomBytes(16).toString('base64url'),
    };
    const held = await this.claimKey(
      {
        ...claim.scope,
        requestHash: claim.requestHash,
        status: 'in_progress',
        expiresAt: epochSeconds(nowMs + this.#retentionMs),
        leaseExpiresAtMs: nowMs + this.#leaseMs,
        lockToken: claim.lockToken,
      },
      nowMs,
    );
    if (!held) return { outcome: 'proceed', claim };
    if (held.requestHash !== claim.requestHash) throw new IdempotencyError('idempotency_key_reused');
    if (held.status === 'completed' && held.response) return { outcome: 'replay', response: held.response };
    const retryAfterSeconds = Math.max(1, epochSeconds((held.leaseExpiresAtMs ?? nowMs) - nowMs));
    throw new IdempotencyError('idempotency_request_in_progress', retryAfterSeconds);
  }

  /** Records the response for replay; throws `idempotency_lease_lost` if another request has taken the key over. */
  async complete(claim: IdempotencyClaim, response: StoredResponse): Promise<void> {
    const record: IdempotencyRecord = {
      ...claim.scope,
      requestHash: claim.requestHash,
      status: 'completed',
      // Counted from completion, so a key is remembered at least the retention after its answer was given.
      expiresAt: epochSeconds(this.now() + this.#retentionMs),
      response,
    };
    if (!(await this.saveResponse(record, claim.lockToken))) throw new IdempotencyError('idempotency_lease_lost');
  }

  /** Frees the key for a retry. Does nothing if the lease has passed to another request meanwhile. */
  async release(claim: IdempotencyClaim): Promise<void> {
    await this.deleteClaim(claim.scope, claim.lockToken);
  }

  /**
   * Stores `record` if the key is free at `nowMs`: never used, expired (`expiresAt` ≤ now in seconds), or in
   * progress with a lapsed lease (`leaseExpiresAtMs` ≤ now). Otherwise stores nothing and returns the record that
   * holds the key. Must be atomic: of concurrent claims of a free key exactly one may succeed.
   */
  protected abstract claimKey(record: IdempotencyRecord, nowMs: number): Promise<IdempotencyRecord | undefined>;

  /** Replaces the in-progress record with `record` if it still carries `lockToken`; says whether it did. */
  protected abstract saveResponse(record: IdempotencyRecord, lockToken: string): Promise<boolean>;

  /** Deletes the in-progress record if it still carries `lockToken`. */
  protected abstract deleteClaim(scope: IdempotencyScope, lockToken: string): Promise<void>;
}
