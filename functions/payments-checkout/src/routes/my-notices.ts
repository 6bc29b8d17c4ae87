import type { HttpHandler } from '@platform/http';
import { type NoticePage, type PaymentNotice, PaymentNoticeError } from '@platform/payment-notices';
import type { CheckoutDependencies } from '../checkout-dependencies.ts';
import { myNoticesPage, type PayerNoticeView, signedOutPage, signInUnavailablePage } from '../pages/payer-pages.ts';
import type { PayerArea, ReceiptLink } from '../payer-area/payer-area.ts';

/** A payer has few notices: one page of the newest covers nearly everyone; older pages follow `?cursor=`. */
const PAGE_SIZE = 50;

const receiptOf = async (area: PayerArea, notice: PaymentNotice): Promise<ReceiptLink | undefined> =>
  notice.payment && area.receiptNumberOf ? area.receiptNumberOf(notice) : undefined;

/**
 * `GET /my`: signed out, a sign-in button; signed in, every notice issued to the payer's identifier (found by its
 * blind index, kept in the session), newest first, masked, with a pay button for the open ones and a receipt link
 * for the paid ones.
 */
export const showMyNotices =
  (deps: CheckoutDependencies): HttpHandler =>
  async (event) => {
    const area = deps.payerArea;
    if (!area) return signInUnavailablePage();
    const session = await area.signIn.session(event);
    if (!session) return signedOutPage();
    // The repository binds a cursor to its listing's partition: another payer's cursor is refused, not followed.
    const cursor = event.queryStringParameters?.cursor;
    const page: NoticePage = await deps.notices
      .listByPayer(session.profile.payerIndex, { limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) })
      .catch((error: unknown) => {
        if (error instanceof PaymentNoticeError) return { notices: [] };
        throw error;
      });
    const now = deps.now().toISOString();
    const views: PayerNoticeView[] = await Promise.all(
      page.notices.map(async (notice) => {
        const receipt = await receiptOf(area, notice);
        return {
          notice,
          payable: notice.status === 'issued' && notice.dueAt > now,
          ...(receipt ? { receiptNumber: receipt.receiptNumber, receiptCode: receipt.verificationCode } : {}),
        };
      }),
    );
    return myNoticesPage(session.profile, views, area.signIn.csrfToken(session), page.nextCursor);
  };
