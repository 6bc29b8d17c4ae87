import type { SafeHtml } from '@platform/html';
import { serializeCookie } from './cookies.ts';
import { type ErrorPageModel, errorPage } from './error-page.ts';
import { messagesFor } from './messages.ts';
import type { PortalContext, PortalRequest } from './portal-context.ts';

const BASE_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

/**
 * The same page in the other language. Only the home page is worth reloading as it is; any other page (an error
 * after `/callback`, say) would redo its request, so the switch leads home.
 */
const switchLanguageHref = (request: PortalRequest): string => {
  const other = request.locale === 'en' ? 'zh-CN' : 'en';
  if (request.url.pathname !== '/' || request.req.method !== 'GET') return `/?lang=${other}`;
  const query = new URLSearchParams(request.url.search);
  query.set('lang', other);
  return `/?${query.toString()}`;
};

export const sendPage = (
  context: PortalContext,
  request: PortalRequest,
  status: number,
  title: string,
  body: SafeHtml,
): void => {
  request.res.writeHead(status, { ...context.shell.headers, 'set-cookie': request.setCookies });
  request.res.end(
    context.shell.render({ locale: request.locale, title, body, switchLanguageHref: switchLanguageHref(request) }),
  );
};

export const sendErrorPage = (
  context: PortalContext,
  request: PortalRequest,
  status: number,
  model: Omit<ErrorPageModel, 'locale'>,
): void =>
  sendPage(
    context,
    request,
    status,
    messagesFor(request.locale)[model.title],
    errorPage({ ...model, locale: request.locale }),
  );

/** 303: whatever the method was, the browser follows with a GET. */
export const redirect = (request: PortalRequest, location: string): void => {
  request.res.writeHead(303, { ...BASE_HEADERS, location, 'set-cookie': request.setCookies });
  request.res.end();
};

export const sendJson = (request: PortalRequest, status: number, body: unknown): void => {
  request.res.writeHead(status, {
    ...BASE_HEADERS,
    'content-type': 'application/json',
    'set-cookie': request.setCookies,
  });
  request.res.end(JSON.stringify(body));
};

export const setCookie = (
  context: PortalContext,
  request: PortalRequest,
  name: string,
  value: string,
  options: { readonly path?: string; readonly maxAge: number },
): void => {
  request.setCookies.push(
    serializeCookie(name, value, { path: options.path ?? '/', maxAge: options.maxAge, secure: context.secureCookies }),
  );
};

export const clearCookie = (context: PortalContext, request: PortalRequest, name: string, path = '/'): void =>
  setCookie(context, request, name, 'deleted', { path, maxAge: 0 });
