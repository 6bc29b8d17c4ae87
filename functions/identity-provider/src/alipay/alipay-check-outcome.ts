import { DeleteCommand, type DocumentClient, PutCommand, translateStorageError } from '@platform/dynamodb';
import {
  type Acr,
  isMethod,
  type Level,
  RealNameError,
  type RealNameErrorCode,
  type VerificationOutcome,
} from '@platform/real-name';
import { stateKey } from './pending-authorisation.ts';

/**
 * What the payment-account function found when the browser came back from Alipay, for the provider to finish the
 * step-up with: the account's verified outcome, the real-name service's refusal, or "the person did not authorise".
 */
export type AlipayCheckResult =
  | { readonly kind: 'verified'; readonly outcome: VerificationOutcome }
  | { readonly kind: 'refused'; readonly error: RealNameError }
  | { readonly kind: 'denied' };

/** Bound to the interaction and the subject the `state` was issued to; the provider checks both. */
export interface AlipayCheckOutcome {
  readonly uid: string;
  readonly sub: string;
  readonly result: AlipayCheckResult;
  readonly expiresAtMs: number;
}

export interface AlipayCheckOutcomeStore {
  save(state: string, outcome: AlipayCheckOutcome): Promise<void>;
  /** Removes and returns it; `undefined` when unknown, already taken or expired. */
  take(state: string, nowMs: number): Promise<AlipayCheckOutcome | undefined>;
}

/** The browser is redirected straight on: an outcome not read within this is dropped (the person starts again). */
export const CHECK_OUTCOME_MS = 2 * 60_000;

/** The refusal as data: the code and what the page shows; never the person's data (the service puts none there). */
const refusalItem = (error: RealNameError) => ({
  code: error.code,
  message: error.message,
  messageZh: error.messageZh,
  ...(error.reason === undefined ? {} : { reason: error.reason }),
  ...(error.remainingAttempts === undefined ? {} : { remainingAttempts: error.remainingAttempts }),
  ...(error.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: error.retryAfterSeconds }),
});

const resultItem = (result: AlipayCheckResult): Record<string, unknown> => {
  if (result.kind === 'denied') return { kind: 'denied' };
  if (result.kind === 'refused') return { kind: 'refused', error: refusalItem(result.error) };
  const { outcome } = result;
  return {
    kind: 'verified',
    outcome: {
      method: outcome.method,
      verifiedMethods: [...outcome.verifiedMethods],
      level: outcome.level,
      ...(outcome.acr === undefined ? {} : { acr: outcome.acr }),
      newlyLinked: outcome.newlyLinked,
    },
  };
};

const optionalNumber = (value: unknown) => (typeof value === 'number' ? value : undefined);

const resultOf = (item: Record<string, unknown>): AlipayCheckResult => {
  if (item.kind === 'refused') {
    const error = item.error as Record<string, unknown>;
    const reason = typeof error.reason === 'string' ? error.reason : undefined;
    const remainingAttempts = optionalNumber(error.remainingAttempts);
    const retryAfterSeconds = optionalNumber(error.retryAfterSeconds);
    return {
      kind: 'refused',
      error: new RealNameError(String(error.code) as RealNameErrorCode, {
        message: String(error.message),
        messageZh: String(error.messageZh),
        ...(reason === undefined ? {} : { reason }),
        ...(remainingAttempts === undefined ? {} : { remainingAttempts }),
        ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
      }),
    };
  }
  if (item.kind === 'verified') {
    const outcome = item.outcome as Record<string, unknown>;
    const methods = Array.isArray(outcome.verifiedMethods) ? outcome.verifiedMethods.filter(isMethod) : [];
    return {
      kind: 'verified',
      outcome: {
        method: 'alipay',
        verifiedMethods: new Set(methods),
        level: Number(outcome.level) as Level,
        ...(typeof outcome.acr === 'string' ? { acr: outcome.acr as Acr } : {}),
        newlyLinked: outcome.newlyLinked === true,
      },
    };
  }
  return { kind: 'denied' };
};

/** On the identity table beside the pending item: `ALIPAY_AUTHORISATION#<sha256(state)>` / `OUTCOME`, TTL. */
export const createDynamoDbAlipayCheckOutcomeStore = (options: {
  readonly documents: DocumentClient;
  readonly tableName: string;
}): AlipayCheckOutcomeStore => {
  const { documents, tableName } = options;
  return {
    save: async (state, outcome) => {
      await documents
        .send(
          new PutCommand({
            TableName: tableName,
            Item: {
              ...stateKey(state, 'OUTCOME'),
              entity: 'AlipayCheckOutcome',
              uid: outcome.uid,
              sub: outcome.sub,
              result: resultItem(outcome.result),
              expiresAtMs: outcome.expiresAtMs,
              expiresAt: Math.ceil(outcome.expiresAtMs / 1000),
            },
            // One outcome per state: the pending item was taken once, so a second write is a bug, not a retry.
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        )
        .catch(translateStorageError);
    },
    take: async (state, nowMs) => {
      const result = await documents
        .send(new DeleteCommand({ TableName: tableName, Key: stateKey(state, 'OUTCOME'), ReturnValues: 'ALL_OLD' }))
        .catch(translateStorageError);
      const item = result.Attributes;
      if (!item || Number(item.expiresAtMs) < nowMs) return undefined;
      return {
        uid: String(item.uid),
        sub: String(item.sub),
        result: resultOf(item.result as Record<string, unknown>),
        expiresAtMs: Number(item.expiresAtMs),
      };
    },
  };
};
