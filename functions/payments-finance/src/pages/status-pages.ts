import { type Bilingual, both, html } from '@platform/html';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { type ConsoleViewer, consolePage } from './console-layout.ts';

/** Signed out: one button to the identity provider (L2: the ID number is verified, then released to the console). */
export const signedOutPage = (): APIGatewayProxyStructuredResultV2 =>
  consolePage(
    200,
    { zh: '请登录', en: 'Please sign in' },
    html`<p>${both({ zh: '财政对账与报表仅限财政局工作人员使用，需实名认证后登录。', en: 'For finance bureau officers only; signing in needs a verified real name.' })}</p>
<p><a id="sign-in" href="/finance/sign-in">${both({ zh: '通过统一身份认证登录', en: 'Sign in with the unified identity platform' })}</a></p>`,
  );

/** A person signed in at the provider who is no (active) finance officer: turned away, nothing shown. */
export const notAnOfficerPage = (): APIGatewayProxyStructuredResultV2 =>
  consolePage(
    403,
    { zh: '无权访问', en: 'Not authorised' },
    html`<div class="alert" id="not-an-officer" role="alert">${both({ zh: '您不是登记在册的财政局工作人员，不能使用财政对账与报表。如需开通，请联系本局管理员。', en: 'You are not a registered finance bureau officer and can not use the finance console. Ask your bureau’s administrator to grant access.' })}</div>`,
  );

const FAILURES: Readonly<Record<string, Bilingual>> = {
  expired: { zh: '登录已超时，请重新登录。', en: 'The sign-in took too long; please sign in again.' },
  refused: {
    zh: '登录未完成（已取消或未同意提供身份证号）。',
    en: 'The sign-in was not completed (cancelled, or the ID number was not shared).',
  },
  invalid: { zh: '登录应答无效。', en: 'The sign-in answer was not valid.' },
};

export const signInFailedPage = (failure: string): APIGatewayProxyStructuredResultV2 =>
  consolePage(
    403,
    { zh: '登录失败', en: 'Sign-in failed' },
    html`<div class="alert" role="alert" data-failure="${failure}">${both(FAILURES[failure] ?? (FAILURES.invalid as Bilingual))}</div><p><a href="/finance/sign-in">${both({ zh: '重新登录', en: 'Sign in again' })}</a></p>`,
  );

/** A form without this session's CSRF token: forged, or from a page older than the session. */
export const badFormPage = (viewer?: ConsoleViewer): APIGatewayProxyStructuredResultV2 =>
  consolePage(
    403,
    { zh: '表单已失效', en: 'Form expired' },
    html`<div class="alert" role="alert" id="bad-form">${both({ zh: '表单已失效或来源不明，操作未执行。请返回页面重试。', en: 'The form has expired or did not come from this console; nothing was done. Go back and try again.' })}</div>`,
    viewer,
  );

/** A service's refusal, in words, with its stable code; `back` is where to go on. */
export const refusalPage = (
  status: number,
  code: string,
  message: Bilingual,
  back: string,
  viewer?: ConsoleViewer,
): APIGatewayProxyStructuredResultV2 =>
  consolePage(
    status,
    { zh: '操作未执行', en: 'Not done' },
    html`<div class="alert" role="alert" id="refusal" data-code="${code}">${both(message)}<p class="muted">${code}</p></div><p><a href="${back}">${both({ zh: '返回', en: 'Back' })}</a></p>`,
    viewer,
  );

export const badRequestPage = (message: Bilingual, back: string, viewer?: ConsoleViewer) =>
  refusalPage(400, 'bad_request', message, back, viewer);
