import { fenToYuan } from '../yuan-amount.ts';
import type { SimulatedTrade } from './trade-book.ts';

/** The simulator's pages for the payer's browser: plain HTML forms, no script. */
const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const page = (title: string, body: string): string =>
  `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
  `<body><p>支付宝开放平台模拟器（本地）</p>${body}</body></html>`;

const STATUS_TEXT: Readonly<Record<SimulatedTrade['status'], string>> = {
  WAIT_BUYER_PAY: '等待付款',
  TRADE_SUCCESS: '交易已支付',
  TRADE_FINISHED: '交易已完结',
  TRADE_CLOSED: '交易已关闭',
};

export const cashierPage = (trade: SimulatedTrade): string =>
  page(
    '支付宝收银台',
    `<h1>支付宝收银台</h1><dl>` +
      `<dt>商品</dt><dd>${escapeHtml(trade.subject)}</dd>` +
      `<dt>商户订单号</dt><dd>${escapeHtml(trade.outTradeNo)}</dd>` +
      `<dt>金额</dt><dd>¥${fenToYuan(trade.totalFen)}</dd>` +
      `<dt>状态</dt><dd>${STATUS_TEXT[trade.status]}</dd></dl>` +
      (trade.status === 'WAIT_BUYER_PAY'
        ? `<form method="post" action="/cashier/${escapeHtml(trade.tradeNo)}/pay"><button type="submit">确认付款</button></form>`
        : ''),
  );

export const paidPage = (trade: SimulatedTrade): string =>
  page('支付成功', `<h1>支付成功</h1><p>¥${fenToYuan(trade.totalFen)} · ${escapeHtml(trade.outTradeNo)}</p>`);

export const errorPage = (code: string, message: string): string =>
  page(
    '支付宝 - 出错了',
    `<h1>抱歉，出错了</h1><p>错误代码：<code>${escapeHtml(code)}</code></p><p>${escapeHtml(message)}</p>`,
  );
