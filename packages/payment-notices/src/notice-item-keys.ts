/**
 * Keys of the payments table items this package writes (generic `pk`/`sk`, `gsi1*`, `gsi2*` of the table):
 *
 * | item                 | pk                      | sk               | gsi1pk / gsi1sk                    | gsi2pk / gsi2sk                      |
 * | -------------------- | ----------------------- | ---------------- | ---------------------------------- | ------------------------------------ |
 * | notice (the view)    | `NOTICE#<noticeId>`     | `NOTICE`         | `DEPT#<departmentId>` / `<issuedAt>#<noticeId>` | `PAYER#<payerIndex>` / `<issuedAt>#<noticeId>` |
 * | ledger event n       | `NOTICE#<noticeId>`     | `EVENT#<n, 8 digits>` | –                             | –                                    |
 * | payment-code claim   | `PAYMENT_CODE#<code>`   | `CODE`           | –                                  | –                                    |
 * | payment record       | `PAYMENT#<paymentId>`, or the item given as `recordOn` (the order) | `PAYMENT` | `SETTLED#<channel>#<day>` / `<paidAt>#payment#<paymentId>` (see `settled-index.ts`) | – |
 * | refund record        | `REFUND#<refundId>`     | `REFUND`         | –                                  | –                                    |
 * | idempotency record   | `IDEMPOTENCY#<departmentId>#<key>` | `IDEMPOTENCY` | –                         | –                                    |
 *
 * A notice and its ledger share a partition, so one Query reads the whole history in order. No ids contain `#`
 * (see `reference.ts`, `notice-id.ts`), so no key can be forged from another's parts. Nothing here has a TTL except
 * idempotency records: notices, codes and ledgers are financial records.
 */
export type ItemKey = { readonly pk: string; readonly sk: string };

export const NOTICE_SK = 'NOTICE';
export const EVENT_SK_PREFIX = 'EVENT#';
export const DEPARTMENT_INDEX = 'gsi1';
export const PAYER_INDEX = 'gsi2';

export const noticeKey = (noticeId: string): ItemKey => ({ pk: `NOTICE#${noticeId}`, sk: NOTICE_SK });

/** Eight digits keep the events in order under string sorting; 10^8 changes to one notice will not happen. */
export const ledgerEventKey = (noticeId: string, sequence: number): ItemKey => ({
  pk: `NOTICE#${noticeId}`,
  sk: `${EVENT_SK_PREFIX}${String(sequence).padStart(8, '0')}`,
});

export const paymentCodeKey = (paymentCode: string): ItemKey => ({ pk: `PAYMENT_CODE#${paymentCode}`, sk: 'CODE' });
export const paymentKey = (paymentId: string): ItemKey => ({ pk: `PAYMENT#${paymentId}`, sk: 'PAYMENT' });
export const refundKey = (refundId: string): ItemKey => ({ pk: `REFUND#${refundId}`, sk: 'REFUND' });

export const departmentPartition = (departmentId: string): string => `DEPT#${departmentId}`;
export const payerPartition = (payerIndex: string): string => `PAYER#${payerIndex}`;
/** Newest first under `ScanIndexForward: false`; the id breaks ties between notices issued in the same millisecond. */
export const listingSortKey = (issuedAt: string, noticeId: string): string => `${issuedAt}#${noticeId}`;
