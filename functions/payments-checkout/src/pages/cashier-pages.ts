import { type Bilingual, both, html, type SafeHtml } from '@platform/html';
import { formatPaymentCode, formatYuan, type PaymentNotice } from '@platform/payment-notices';
import type { CheckoutChannelId } from '@platform/payment-orders';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { page } from './layout.ts';

type Page = APIGatewayProxyStructuredResultV2;

export const CHANNEL_NAMES: Readonly<Record<CheckoutChannelId, Bilingual>> = {
  sandbox: { zh: '沙箱支付（测试）', en: 'Sandbox (test)' },
  alipay: { zh: '支付宝', en: 'Alipay' },
  'wechat-pay': { zh: '微信支付', en: 'WeChat Pay' },
};

/** Only what the payer needs to recognise the notice: the payer's name and identifier stay masked. */
const noticeDetails = (notice: PaymentNotice) => html`<dl>
<dt>${both({ zh: '缴款码', en: 'Payment code' })}</dt><dd>${formatPaymentCode(notice.paymentCode)}</dd>
<dt>${both({ zh: '缴款人', en: 'Payer' })}</dt><dd>${notice.payer.maskedName} (${notice.payer.maskedIdentifier})</dd>
<dt>${both({ zh: '项目', en: 'Item' })}</dt><dd>${notice.itemNameZh}</dd>
<dt>${both({ zh: '金额', en: 'Amount' })}</dt><dd class="amount">¥${formatYuan(notice.amountFen)}</dd>
<dt>${both({ zh: '缴款期限', en: 'Due date' })}</dt><dd>${notice.dueDate}</dd>
</dl>`;

/** `phoneQr`: the page's own URL as a QR code, to continue on a phone (`qr-code.ts`). */
export const cashierPage = (notice: PaymentNotice, channels: readonly CheckoutChannelId[], phoneQr?: SafeHtml): Page =>
  page(
    200,
    { zh: '缴款', en: 'Pay a notice' },
    html`${noticeDetails(notice)}
${
  channels.length === 0
    ? html`<p class="alert">${both({ zh: '暂无可用的支付渠道，请稍后再试。', en: 'No payment channel is available right now. Please try again later.' })}</p>`
    : channels.map(
        (channel) =>
          html`<form method="post" action="/pay/${notice.paymentCode}/${channel}"><button type="submit" name="channel" value="${channel}">${CHANNEL_NAMES[channel].zh} · ${CHANNEL_NAMES[channel].en}</button></form>`,
      )
}${phoneQr ?? ''}`,
  );

export const paidPage = (notice: PaymentNotice): Page =>
  page(
    200,
    { zh: '已缴款', en: 'Paid' },
    html`<p class="notice" data-status="paid">${both({ zh: '该缴款通知书已缴款，无需再次缴款。', en: 'This notice has been paid. There is nothing more to pay.' })}</p>${noticeDetails(notice)}`,
  );

export const notPayablePage = (notice: PaymentNotice): Page =>
  page(
    409,
    { zh: '无法缴款', en: 'Can not be paid' },
    html`<p class="alert" data-status="${notice.status}">${
      notice.status === 'cancelled'
        ? both({ zh: '该缴款通知书已撤销。', en: 'This notice was cancelled.' })
        : both({ zh: '该缴款通知书已过缴款期限。', en: 'This notice is past its due date.' })
    } ${both({ zh: '请联系开具部门。', en: 'Please contact the issuing department.' })}</p>${noticeDetails(notice)}`,
  );

export const notFoundPage = (): Page =>
  page(
    404,
    { zh: '未找到缴款通知书', en: 'Notice not found' },
    html`<p class="alert">${both({
      zh: '没有与该缴款码对应的缴款通知书。请核对通知书上的20位缴款码。',
      en: 'No payment notice has this payment code. Please check the 20-digit code printed on the notice.',
    })}</p>`,
  );

export const pendingPage = (paymentCode: string): Page =>
  page(
    200,
    { zh: '正在确认', en: 'Confirming' },
    html`<p class="notice" data-status="pending">${both({
      zh: '我们正在与支付渠道确认您的付款，通常只需几秒钟。',
      en: "We're confirming your payment with the channel. This usually takes a few seconds.",
    })}</p><p><a href="/pay/${paymentCode}/return">${both({ zh: '刷新', en: 'Refresh' })}</a></p>`,
  );

/** `codeQr`: the channel's code (WeChat Pay Native `code_url`) drawn as a QR code for the payer's phone to scan. */
export const qrPage = (notice: PaymentNotice, channel: CheckoutChannelId, content: string, codeQr?: SafeHtml): Page =>
  page(
    200,
    { zh: `${CHANNEL_NAMES[channel].zh}扫码支付`, en: `Pay with ${CHANNEL_NAMES[channel].en}` },
    html`${noticeDetails(notice)}<p>${both({
      zh: '请用手机扫码，或打开以下支付链接：',
      en: 'Scan the code with your phone, or open this payment link:',
    })}</p>${codeQr ?? ''}<p><a id="pay-link" href="${content}">${content}</a></p>
<p><a href="/pay/${notice.paymentCode}/return">${both({ zh: '我已付款', en: 'I have paid' })}</a></p>`,
  );

export const channelUnavailablePage = (channel: CheckoutChannelId, paymentCode: string): Page =>
  page(
    503,
    { zh: '支付渠道暂不可用', en: 'Channel unavailable' },
    html`<p class="alert">${both({
      zh: `${CHANNEL_NAMES[channel].zh}暂时无法受理，请稍后重试或选择其他渠道。`,
      en: `${CHANNEL_NAMES[channel].en} can not take the payment right now. Try again shortly or choose another channel.`,
    })}</p><p><a href="/pay/${paymentCode}">${both({ zh: '返回', en: 'Back' })}</a></p>`,
  );
