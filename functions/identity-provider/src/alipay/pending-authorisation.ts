import { createHash } from 'node:crypto';
import { DeleteCommand, type DocumentClient, PutCommand, translateStorageError } from '@platform/dynamodb';
import { isMethod, type Method, type PaymentAccountClaim } from '@platform/real-name';

/**
 * A person who left for Alipay from a step-up page: which interaction and subject the `state` belongs to, and the
 * identity they claimed (keyed hashes and masked forms only). The `state` itself is the CSRF token of the round trip:
 * 256 random bits, stored only as its SHA-256, taken once, bound to the interaction it was issued in.
 */
export interface PendingAuthorisation {
  readonly uid: string;
  readonly sub: string;
  readonly claim: PaymentAccountClaim;
  /**
   * What the check back from Alipay needs of the interaction, kept here because it runs in the payment-account
   * function, which has no access to the provider's session: the portal (for the audit) and the sign-in's methods
   * (the session's `amr`, for the level the outcome states).
   */
  readonly portal: string;
  readonly sessionMethods: readonly Method[];
  readonly expiresAtMs: number;
}

export interface PendingAuthorisationStore {
  save(state: string, pending: PendingAuthorisation): Promise<void>;
  /** Removes and returns it; `undefined` when unknown, already taken or expired. */
  take(state: string, nowMs: number): Promise<PendingAuthorisation | undefined>;
}

/** Alipay's auth code lives minutes; a person who takes longer at the wallet starts again. */
export const PENDING_AUTHORISATION_MS = 10 * 60_000;

/** The item of one `state`: `PENDING` while at Alipay, `OUTCOME` once checked (alipay-check-outcome.ts). */
export const stateKey = (state: string, sk: 'PENDING' | 'OUTCOME' = 'PENDING') => ({
  pk: `ALIPAY_AUTHORISATION#${createHash('sha256').update(state).digest('hex')}`,
  sk,
});

/** On the identity table: `ALIPAY_AUTHORISATION#<sha256(state)>` / `PENDING`, TTL `expiresAt` (epoch seconds). */
export const createDynamoDbPendingAuthorisationStore = (options: {
  readonly documents: DocumentClient;
  readonly tableName: string;
}): PendingAuthorisationStore => {
  const { documents, tableName } = options;
  return {
    save: async (state, pending) => {
      await documents
        .send(
          new PutCommand({
            TableName: tableName,
            Item: {
              ...stateKey(state),
              entity: 'AlipayAuthorisation',
              uid: pending.uid,
              sub: pending.sub,
              claim: { ...pending.claim },
              portal: pending.portal,
              sessionMethods: [...pending.sessionMethods],
              expiresAtMs: pending.expiresAtMs,
              expiresAt: Math.ceil(pending.expiresAtMs / 1000),
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        )
        .catch(translateStorageError);
    },
    take: async (state, nowMs) => {
      // One delete returning the old item: of two concurrent callbacks with one state, one gets it.
      const result = await documents
        .send(new DeleteCommand({ TableName: tableName, Key: stateKey(state), ReturnValues: 'ALL_OLD' }))
        .catch(translateStorageError);
      const item = result.Attributes;
      if (!item || Number(item.expiresAtMs) < nowMs) return undefined;
      const claim = item.claim as Record<string, unknown>;
      return {
        uid: String(item.uid),
        sub: String(item.sub),
        claim: {
          citizenIndex: String(claim.citizenIndex),
          nameIndex: String(claim.nameIndex),
          maskedCitizenId: String(claim.maskedCitizenId),
          maskedName: String(claim.maskedName),
        },
        portal: String(item.portal),
        sessionMethods: Array.isArray(item.sessionMethods) ? item.sessionMethods.filter(isMethod) : [],
        expiresAtMs: Number(item.expiresAtMs),
      };
    },
  };
};
