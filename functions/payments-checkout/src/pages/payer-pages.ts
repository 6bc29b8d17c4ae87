import { type Bilingual, both, html } from '@platform/html';
import { formatPaymentCode, formatYuan, type NoticeStatus, type PaymentNotice } from '@platform/payment-notices';
import type { SignInFailure } from '@platform/web-sign-in';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { PayerProfile } from '../payer-area/payer-profile.ts';
import { page } from './layout.ts';

type Page = APIGatewayProxyStructuredResultV2;

const STATUS_NAMES: Readonly<Record<NoticeStatus, Bilingual>> = {
  issued: { zh: '待缴款', en: 'To pay' },
  paid: { zh: '已缴款', en: 'Paid' },
  partially_refunded: { zh: '部分退款', en: 'Partly refunded' },
  refunded: { zh: '已退款', en: 'Refunded' },
  cancelled: { zh: '已撤销', en: 'Cancelled' },
  expired: { zh: '已过期', en: 'Expired' },
};

const PAST_DUE: Bilingual = { zh: '已逾期', en: 'Past due' };

/** One notice as the payer sees it: masked details, what to do next (pay, or see the receipt). */
export interface PayerNoticeView {
  readonly notice: PaymentNotice;
  /** Issued and before its due instant: the cashier will take a payment. */
  readonly payable: boolean;
  readonly receiptNumber?: string;
  /** The receipt's printed verification code: with the number, it opens the receipt page. */
  readonly receiptCode?: string;
}

const noticeCard = ({ notice, payable, receiptNumber, receiptCode }: PayerNoticeView) => {
  const status = notice.status === 'issued' && !payable ? PAST_DUE : STATUS_NAMES[notice.status];
  return html`<article class="payer-notice" data-notice-id="${notice.noticeId}" data-status="${notice.status}">
<dl>
<dt>${both({ zh: '项目', en: 'Item' })}</dt><dd>${notice.itemNameZh}</dd>
<dt>${both({ zh: '缴款码', en: 'Payment code' })}</dt><dd>${formatPaymentCode(notice.paymentCode)}</dd>
<dt>${both({ zh: '金额', en: 'Amount' })}</dt><dd class="amount">¥${formatYuan(notice.amountFen)}</dd>
<dt>${both({ zh: '缴款期限', en: 'Due date' })}</dt><dd>${notice.dueDate}</dd>
<dt>${both({ zh: '状态', en: 'Status' })}</dt><dd class="status">${both(status)}</dd>
</dl>
${payable ? html`<form method="get" action="/pay/${notice.paymentCode}"><button type="submit" id="pay-${notice.paymentCode}">${both({ zh: '去缴款', en: 'Pay' })}</button></form>` : ''}
${receiptNumber ? html`<p><a class="receipt" href="/receipts/${receiptNumber}?code=${receiptCode ?? ''}">${both({ zh: '查看电子票据', en: 'View the receipt' })}</a></p>` : ''}
</article><hr>`;
};

const signOutForm = (csrf: string) =>
  html`<form method="post" action="/my/sign-out"><input type="hidden" name="csrf" value="${csrf}"><button type="submit" id="sign-out">${both({ zh: '退出登录', en: 'Sign out' })}</button></form>`;

/** `olderCursor`: where the next (older) page of the listing starts, when there is one. */
export const myNoticesPage = (
  profile: PayerProfile,
  views: readonly PayerNoticeView[],
  csrf: string,
  olderCursor?: string,
): Page =>
  page(
    200,
    { zh: '我的缴款', en: 'My payments' },
    html`<p id="payer" class="muted">${both(
      profile.kind === 'uscc'
        ? { zh: `单位：统一社会信用代码 ${profile.maskedIdentifier}`, en: `Company: USCC ${profile.maskedIdentifier}` }
        : { zh: `缴款人：身份证号 ${profile.maskedIdentifier}`, en: `Payer: ID number ${profile.maskedIdentifier}` },
    )}</p>
${
  views.length === 0
    ? html`<p class="notice" id="no-notices">${both({ zh: '没有开具给您的缴款通知书。', en: 'No payment notice has been issued to you.' })}</p>`
    : html`<section id="notices">${views.map(noticeCard)}</section>`
}
${olderCursor ? html`<p><a id="older-notices" href="/my?cursor=${encodeURIComponent(olderCursor)}">${both({ zh: '更早的缴款通知书', en: 'Older notices' })}</a></p>` : ''}
<p><a href="/my">${both({ zh: '刷新', en: 'Refresh' })}</a></p>
${signOutForm(csrf)}`,
  );

export const signedOutPage = (): Page =>
  page(
    200,
    { zh: '我的缴款', en: 'My payments' },
    html`<p>${both({
      zh: '登录后可查看开具给您（或您的单位）的全部缴款通知书和电子票据。需要实名认证并同意提供身份证号。',
      en: 'Sign in to see every notice issued to you (or your company) and your receipts. Your real name must be verified, and you will be asked to share your ID number.',
    })}</p>
<form method="get" action="/my/sign-in"><button type="submit" id="sign-in">${both({ zh: '登录', en: 'Sign in' })}</button></form>
<p class="muted">${both({ zh: '只有缴款码？', en: 'Only have a payment code?' })} ${both({ zh: '请直接打开通知书上的缴款链接或扫描二维码。', en: 'Open the payment link printed on the notice, or scan its QR code.' })}</p>`,
  );

const FAILURES: Readonly<Record<SignInFailure, Bilingual>> = {
  expired: {
    zh: '登录已超时或不是在本浏览器中开始的，请重新登录。',
    en: 'The sign-in took too long or was started in another browser. Please sign in again.',
  },
  refused: {
    zh: '登录未完成：需要实名认证并同意提供身份证号（或单位的统一社会信用代码）才能查看您的缴款。',
    en: 'Sign-in not completed: your real name must be verified and your ID number (or your company’s USCC) shared to see your payments.',
  },
  invalid: { zh: '登录响应无效，请重新登录。', en: 'The sign-in answer was not valid. Please sign in again.' },
};

export const signInFailedPage = (failure: SignInFailure): Page =>
  page(
    failure === 'invalid' ? 400 : 403,
    { zh: '登录未完成', en: 'Not signed in' },
    html`<p class="alert" id="sign-in-failed" data-failure="${failure}">${both(FAILURES[failure])}</p>
<form method="get" action="/my/sign-in"><button type="submit" id="sign-in">${both({ zh: '重新登录', en: 'Sign in again' })}</button></form>`,
  );

export const signInUnavailablePage = (): Page =>
  page(
    503,
    { zh: '暂不能登录', en: 'Sign-in unavailable' },
    html`<p class="alert">${both({
      zh: '缴款人登录尚未开通。您仍可凭缴款码缴款。',
      en: 'Payer sign-in is not set up here. You can still pay a notice by its payment code.',
    })}</p>`,
  );

export const badFormPage = (): Page =>
  page(
    403,
    { zh: '请求无效', en: 'Request refused' },
    html`<p class="alert">${both({ zh: '表单已失效，请返回重试。', en: 'The form has expired. Please go back and try again.' })}</p><p><a href="/my">${both({ zh: '返回', en: 'Back' })}</a></p>`,
  );
