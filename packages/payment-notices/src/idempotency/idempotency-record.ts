/** The response to replay for a repeated request: what the first request answered. */
export interface StoredResponse {
  readonly statusCode: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** Idempotency keys are per department: two departments may use the same key for unrelated requests. */
export interface IdempotencyScope {
  readonly departmentId: string;
  readonly key: string;
}

/**
 * What is kept per key. `in_progress` while the first request runs, holding a lease (`lockToken` until
 * `leaseExpiresAtMs`) so that a crashed request does not block its key forever; `completed` with the response.
 */
export interface IdempotencyRecord extends IdempotencyScope {
  readonly requestHash: string;
  readonly status: 'in_progress' | 'completed';
  /** Epoch seconds; the table's TTL attribute. DynamoDB deletes late, so readers compare it themselves. */
  readonly expiresAt: number;
  readonly leaseExpiresAtMs?: number;
  readonly lockToken?: string;
  readonly response?: StoredResponse;
}

/** The holder of a key's lease: returned by `begin`, handed back to `complete` or `release`. */
export interface IdempotencyClaim {
  readonly scope: IdempotencyScope;
  readonly requestHash: string;
  readonly lockToken: string;
}
