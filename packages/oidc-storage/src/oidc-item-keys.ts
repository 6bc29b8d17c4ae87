/**
 * Where oidc-provider's records live in the identity table (single-table design, generic key names):
 *
 * | attribute          | value                                  | why                                              |
 * | ------------------ | -------------------------------------- | ------------------------------------------------ |
 * | `pk`               | `OIDC#<Model>#<id>`                    | one item per record; `find` is one GetItem       |
 * | `sk`               | `OIDC`                                 | the table has a sort key; records need only one  |
 * | `gsi1pk`, `gsi1sk` | `OIDC_UID#<Model>#<uid>` or            | `findByUid` (Session) and `findByUserCode`       |
 * |                    | `OIDC_USER_CODE#<Model>#<userCode>`,   | (DeviceCode) by Query on `gsi1`; the sort key is |
 * |                    | `<written at, ms, padded>#<id>`        | the write time so that the newest record wins    |
 * | `gsi2pk`, `gsi2sk` | `OIDC_GRANT#<grantId>`, `<Model>#<id>` | `revokeByGrantId` finds every grant-bound record |
 * | `expiresAt`        | epoch seconds                          | the table's TTL attribute; absent: never expires |
 *
 * The index attributes are written only when the record has the value, so both indexes stay sparse. Lookup keys
 * carry the model name (unlike the grant key) because oidc-provider asks a model's own adapter for its uid / user
 * code, while grant revocation deliberately spans models.
 */
export const RECORD_SORT_KEY = 'OIDC';
export const LOOKUP_INDEX = 'gsi1';
export const GRANT_INDEX = 'gsi2';

/**
 * Models whose records belong to a grant and go when it is revoked: the same set as oidc-provider's reference
 * memory adapter. Other models may carry a `grantId` (an Interaction does) without being revoked with it.
 */
export const GRANT_BOUND_MODELS: ReadonlySet<string> = new Set([
  'AccessToken',
  'AuthorizationCode',
  'RefreshToken',
  'DeviceCode',
  'BackchannelAuthenticationRequest',
  'PreAuthorizedCode',
]);

/** Models oidc-provider looks up by `uid` (only sessions, through `Session.findByUid`). */
export const UID_LOOKUP_MODELS: ReadonlySet<string> = new Set(['Session']);

export interface RecordKey {
  readonly pk: string;
  readonly sk: string;
}

export const recordKey = (model: string, id: string): RecordKey => ({ pk: `OIDC#${model}#${id}`, sk: RECORD_SORT_KEY });

export const uidLookupKey = (model: string, uid: string): string => `OIDC_UID#${model}#${uid}`;

export const userCodeLookupKey = (model: string, userCode: string): string => `OIDC_USER_CODE#${model}#${userCode}`;

export const grantKey = (grantId: string): string => `OIDC_GRANT#${grantId}`;

/** Sorts lexically in write order for the next few thousand years (epoch ms has 13 digits until 2286). */
export const lookupSortKey = (writtenAtMs: number, id: string): string =>
  `${String(Math.trunc(writtenAtMs)).padStart(15, '0')}#${id}`;
