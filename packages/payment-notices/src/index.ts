export { type AmountFen, formatYuan, MAXIMUM_AMOUNT_FEN, parseAmountFen } from './amount.ts';
export { dammCheckDigit, isDammValid } from './damm.ts';
export { decideCancellation } from './decide-cancellation.ts';
export { decideExpiry } from './decide-expiry.ts';
export { decidePayment, type PaymentReport } from './decide-payment.ts';
export { decideRefund } from './decide-refund.ts';
export { decideRelease } from './decide-release.ts';
export { type DueDate, parseDueDate } from './due-date.ts';
export {
  DynamoDbPaymentNoticeRepository,
  type DynamoDbPaymentNoticeRepositoryOptions,
} from './dynamodb-payment-notice-repository.ts';
export { canonicalJson } from './idempotency/canonical-json.ts';
export {
  DynamoDbIdempotencyPersistence,
  type DynamoDbIdempotencyPersistenceOptions,
  idempotencyItemKey,
} from './idempotency/dynamodb-idempotency-persistence.ts';
export { IdempotencyError, type IdempotencyErrorCode } from './idempotency/idempotency-errors.ts';
export {
  IdempotencyPersistence,
  type IdempotencyPersistenceOptions,
  type IdempotencyStart,
} from './idempotency/idempotency-persistence.ts';
export type {
  IdempotencyClaim,
  IdempotencyRecord,
  IdempotencyScope,
  StoredResponse,
} from './idempotency/idempotency-record.ts';
export { InMemoryIdempotencyPersistence } from './idempotency/in-memory-idempotency-persistence.ts';
export { requestHash } from './idempotency/request-hash.ts';
export { type IssuePaymentNoticeDependencies, issuePaymentNotice } from './issue-payment-notice.ts';
export { type IssuedNoticeParts, noticeIssuedEvent } from './issued-notice.ts';
export { type CatalogueItem, type ItemCatalogue, requireItem } from './item-catalogue.ts';
export type {
  NoticeCancelledEvent,
  NoticeExpiredEvent,
  NoticeIssuedEvent,
  NoticePaidEvent,
  RefundReleasedEvent,
  RefundRequestedEvent,
} from './ledger-event.ts';
export { LEDGER_EVENT_TYPES, type LedgerEvent, type LedgerEventType } from './ledger-event.ts';
export { DEFAULT_PAGE_SIZE, MAXIMUM_PAGE_SIZE } from './list-cursor.ts';
export { isNoticeId } from './notice-id.ts';
export { type NoticeRequest, type NoticeRequestContext, parseNoticeRequest } from './notice-request.ts';
export {
  allowedPriorStates,
  canTransition,
  isFinalStatus,
  isNoticeStatus,
  NOTICE_STATUSES,
  NOTICE_TRANSITIONS,
  type NoticeStatus,
  type NoticeTransition,
  type TransitionRule,
} from './notice-status.ts';
export { type Payer, type PayerKind, parsePayer } from './payer.ts';
export { maskIdentifier, maskPayerName } from './payer-masking.ts';
export {
  formatPaymentCode,
  generatePaymentCode,
  isRegionCode,
  isValidPaymentCode,
  PAYMENT_CODE_LENGTH,
  type PaymentCode,
  parsePaymentCode,
} from './payment-code.ts';
export type { NoticeCancellation, NoticePayment, PaymentNotice, RecordedPayer } from './payment-notice.ts';
export {
  AlreadyPaidError,
  isPaymentNoticeError,
  PaymentNoticeError,
  type PaymentNoticeErrorCode,
  type PaymentNoticeErrorDetails,
  type PaymentNoticeProblemFields,
  toProblemFields,
} from './payment-notice-errors.ts';
export type {
  JoinedPut,
  ListNoticesOptions,
  NoticePage,
  PaymentCommit,
  PaymentNoticeRepository,
  RefundRelease,
} from './payment-notice-repository.ts';
export type { PaymentRecordHost } from './payment-record.ts';
export { applyNoticeEvent, LedgerIntegrityError, rebuildNotice } from './rebuild-notice.ts';
export { type PayerProtection, recordPayer, type SealedKind } from './recorded-payer.ts';
export {
  SETTLED_INDEX,
  SETTLED_PARTITION_PREFIX,
  type SettledKind,
  settledIndexKeys,
  settledPartition,
  shanghaiBusinessDay,
} from './settled-index.ts';
export { createStaticItemCatalogue, SEEDED_NON_TAX_ITEMS } from './static-item-catalogue.ts';
