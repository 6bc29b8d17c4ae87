import type { AdapterPayload } from 'oidc-provider';
import {
  GRANT_BOUND_MODELS,
  grantKey,
  lookupSortKey,
  recordKey,
  UID_LOOKUP_MODELS,
  uidLookupKey,
  userCodeLookupKey,
} from './oidc-item-keys.ts';

/**
 * One oidc-provider record as an item of the identity table (key layout in `oidc-item-keys.ts`).
 *
 * The payload is kept as a JSON string, not as a DynamoDB map: it belongs to oidc-provider, which adds properties
 * between versions, and we never filter or update inside it. A string round-trips exactly what the engine gave us
 * (key order, numbers as JavaScript numbers, empty-named or `__proto__` keys, nested nulls), costs no per-attribute
 * marshalling, and keeps the item's own attribute names ours. The few values we index or change in place (the
 * lookup keys, the grant key, `consumed`) are lifted out into top-level attributes.
 */
export interface OidcRecordItem {
  readonly pk: string;
  readonly sk: string;
  readonly model: string;
  readonly id: string;
  readonly payload: string;
  /** Epoch seconds at which the record was consumed (set by `consume`, or carried over from the payload). */
  readonly consumed?: unknown;
  /** Epoch seconds; the table's TTL attribute. */
  readonly expiresAt?: number;
  readonly gsi1pk?: string;
  readonly gsi1sk?: string;
  readonly gsi2pk?: string;
  readonly gsi2sk?: string;
}

export const epochSeconds = (epochMs: number): number => Math.floor(epochMs / 1000);

/** The lookup (gsi1) key a record of this model is found by, if any. */
export const lookupKeyOf = (model: string, payload: AdapterPayload): string | undefined => {
  if (typeof payload.userCode === 'string') return userCodeLookupKey(model, payload.userCode);
  if (UID_LOOKUP_MODELS.has(model) && typeof payload.uid === 'string') return uidLookupKey(model, payload.uid);
  return undefined;
};

export const toRecordItem = (
  model: string,
  id: string,
  payload: AdapterPayload,
  expiresIn: number | undefined,
  nowMs: number,
): OidcRecordItem => {
  const lookupKey = lookupKeyOf(model, payload);
  const grantId = GRANT_BOUND_MODELS.has(model) && typeof payload.grantId === 'string' ? payload.grantId : undefined;
  // Like the memory adapter, a missing or infinite lifetime means "keep until destroyed".
  const expires = typeof expiresIn === 'number' && Number.isFinite(expiresIn);
  return {
    ...recordKey(model, id),
    model,
    id,
    payload: JSON.stringify(payload),
    ...(payload.consumed !== undefined && payload.consumed !== null ? { consumed: payload.consumed } : {}),
    ...(expires ? { expiresAt: epochSeconds(nowMs) + expiresIn } : {}),
    ...(lookupKey ? { gsi1pk: lookupKey, gsi1sk: lookupSortKey(nowMs, id) } : {}),
    ...(grantId ? { gsi2pk: grantKey(grantId), gsi2sk: `${model}#${id}` } : {}),
  };
};

/** DynamoDB deletes expired items late (often hours, up to days), so every read applies the expiry itself. */
export const isExpired = (item: Pick<OidcRecordItem, 'expiresAt'>, nowMs: number): boolean =>
  typeof item.expiresAt === 'number' && item.expiresAt <= epochSeconds(nowMs);

export const toPayload = (item: OidcRecordItem): AdapterPayload => {
  const payload = JSON.parse(item.payload) as AdapterPayload;
  if (item.consumed !== undefined) payload.consumed = item.consumed;
  return payload;
};
