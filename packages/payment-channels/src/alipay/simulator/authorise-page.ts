import type { SimulatedAlipayUser } from './simulated-alipay-users.ts';

/** The simulator's user-authorisation pages: plain HTML forms, no script, as `cashier-page.ts`. */
const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const page = (title: string, body: string): string =>
  `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
  `<body><p>支付宝开放平台模拟器（本地）· Alipay open platform simulator (local)</p>${body}</body></html>`;

export interface AuthoriseRequest {
  readonly appId: string;
  readonly appName: string;
  readonly scope: string;
  readonly redirectUri: string;
  readonly state: string;
}

/** One radio button per member (the "who is logged in to the wallet" a real Alipay would know), one button. */
export const authorisePage = (request: AuthoriseRequest, users: readonly SimulatedAlipayUser[]): string => {
  const hidden = (name: string, value: string) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`;
  const choices = users
    .map(
      (user, index) =>
        `<p><label><input type="radio" name="user_id" value="${user.userId}"${index === 0 ? ' checked' : ''}> ` +
        `${escapeHtml(user.nickName)} (${user.userId}) — ${escapeHtml(user.note)}</label></p>`,
    )
    .join('');
  return page(
    '支付宝授权',
    `<h1>${escapeHtml(request.appName)} 申请获得以下权限</h1>` +
      `<p>获取你的支付宝账户信息（实名姓名、证件号码） · Read your Alipay account information (real name, ID number)</p>` +
      `<form method="post" action="/oauth2/publicAppAuthorize.htm">` +
      hidden('app_id', request.appId) +
      hidden('scope', request.scope) +
      hidden('redirect_uri', request.redirectUri) +
      hidden('state', request.state) +
      `<fieldset><legend>支付宝账户 · Alipay account</legend>${choices}</fieldset>` +
      `<button type="submit">授权 / Authorise</button></form>`,
  );
};

export const authoriseErrorPage = (code: string, message: string): string =>
  page(
    '支付宝 - 出错了',
    `<h1>抱歉，出错了</h1><p>错误代码：<code>${escapeHtml(code)}</code></p><p>${escapeHtml(message)}</p>`,
  );
