import { randomBytes } from 'node:crypto';
import {
  applyNoticeEvent,
  decideCancellation,
  generatePaymentCode,
  type NoticeRequest,
  noticeIssuedEvent,
  type PaymentNotice,
  PaymentNoticeError,
  type PaymentNoticeRepository,
  recordPayer,
} from '@platform/payment-notices';

const notUsed = () => Promise.reject(new Error('not used by the payments API'));

/**
 * Just enough of the notice store for the routes' unit tests: issue, get, list (offset cursors), cancel. The
 * DynamoDB store itself is tested in tests/integration and through the API in tests/e2e.
 */
export const createInMemoryNotices = (now: () => Date = () => new Date()) => {
  const notices = new Map<string, PaymentNotice>();
  const repository: PaymentNoticeRepository & { readonly size: () => number } = {
    size: () => notices.size,
    async issue(request: NoticeRequest) {
      const issuedAt = now().toISOString();
      const noticeId = randomBytes(16).toString('base64url');
      const payer = await recordPayer(request.payer, {
        seal: async (kind, plaintext) => `sealed.${kind}.${Buffer.from(plaintext).toString('base64url')}`,
        payerIndex: (kind, identifier) => `index-${kind}-${identifier}`,
      });
      const { notice } = noticeIssuedEvent({
        request,
        noticeId,
        paymentCode: generatePaymentCode(request.item.regionCode),
        payer,
        issuedAt,
      });
      notices.set(noticeId, notice);
      return notice;
    },
    async get(noticeId) {
      return notices.get(noticeId);
    },
    async listByDepartment(departmentId, options = {}) {
      const all = [...notices.values()]
        .filter((notice) => notice.departmentId === departmentId)
        .filter((notice) => options.status === undefined || notice.status === options.status)
        .reverse();
      const start = options.cursor === undefined ? 0 : Number(options.cursor.replace(/^offset-/, ''));
      if (!Number.isInteger(start) || start < 0) throw new PaymentNoticeError('invalid_cursor', { field: 'cursor' });
      const end = start + (options.limit ?? 20);
      return { notices: all.slice(start, end), ...(end < all.length ? { nextCursor: `offset-${end}` } : {}) };
    },
    async cancel(noticeId, departmentId, reason) {
      const notice = notices.get(noticeId);
      if (!notice) throw new PaymentNoticeError('notice_not_found', { field: 'noticeId' });
      const next = applyNoticeEvent(notice, decideCancellation(notice, departmentId, reason, now().toISOString()));
      notices.set(noticeId, next);
      return next;
    },
    findByPaymentCode: notUsed,
    listByPayer: notUsed,
    markPaid: notUsed,
    expire: notUsed,
    recordRefund: notUsed,
    releaseRefund: notUsed,
    readLedger: notUsed,
  };
  return repository;
};
