import type { SimulatedTrade, TradeState } from './trade-book.ts';

/** The payer's pages: plain HTML forms, no script. Amounts shown in yuan, as WeChat shows them. */
const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export const yuanText = (fen: number): string => {
  const digits = String(Math.abs(fen)).padStart(3, '0');
  return `${fen < 0 ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
};

const page = (title: string, body: string): string =>
  `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
  `<body><p>微信支付模拟器（本地）</p>${body}</body></html>`;

const STATE_TEXT: Readonly<Record<TradeState, string>> = {
  NOTPAY: '待支付',
  SUCCESS: '支付成功',
  REFUND: '已转入退款',
  CLOSED: '订单已关闭',
};

const hidden = (fields: Readonly<Record<string, string>>): string =>
  Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('');

/** The order and, while it can be paid, a form that pays it. */
export const payPage = (
  trade: SimulatedTrade,
  form: { readonly action: string; readonly fields?: Record<string, string> },
) =>
  page(
    '微信支付',
    `<h1>微信支付</h1><dl>` +
      `<dt>商品</dt><dd>${escapeHtml(trade.description)}</dd>` +
      `<dt>商户订单号</dt><dd>${escapeHtml(trade.outTradeNo)}</dd>` +
      `<dt>金额</dt><dd>¥${yuanText(trade.totalFen)}</dd>` +
      `<dt>状态</dt><dd>${STATE_TEXT[trade.state]}</dd></dl>` +
      (trade.state === 'NOTPAY'
        ? `<form method="post" action="${escapeHtml(form.action)}">${hidden(form.fields ?? {})}` +
          `<button type="submit">确认支付</button></form>`
        : ''),
  );

export const paidPage = (trade: SimulatedTrade): string =>
  page('支付成功', `<h1>支付成功</h1><p>¥${yuanText(trade.totalFen)} · ${escapeHtml(trade.outTradeNo)}</p>`);

export const errorPage = (code: string, message: string): string =>
  page(
    '微信支付 - 出错了',
    `<h1>出错了</h1><p>错误代码：<code>${escapeHtml(code)}</code></p><p>${escapeHtml(message)}</p>`,
  );
