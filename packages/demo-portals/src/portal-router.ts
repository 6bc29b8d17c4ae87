import type { IncomingMessage, ServerResponse } from 'node:http';
import { backchannelLogout } from './backchannel-logout-route.ts';
import { finishLogin } from './callback-route.ts';
import { parseCookies } from './cookies.ts';
import { errorText } from './error-text.ts';
import { RequestBodyError } from './form-body.ts';
import { health } from './health-route.ts';
import { showHome } from './home-route.ts';
import { chooseLocale, pickedLocale } from './locale.ts';
import { startLogin } from './login-route.ts';
import { logout } from './logout-route.ts';
import type { PortalContext, PortalRequest, Route } from './portal-context.ts';
import { sendErrorPage, sendJson, setCookie } from './responses.ts';

/** Every route of a portal, by path and method. */
const ROUTES: Readonly<Record<string, Readonly<Record<string, Route>>>> = {
  '/': { GET: showHome },
  '/login': { GET: startLogin },
  '/callback': { GET: finishLogin },
  '/logout': { POST: logout },
  '/backchannel-logout': { POST: backchannelLogout },
  '/health': { GET: health },
};

const LANGUAGE_COOKIE_SECONDS = 365 * 24 * 60 * 60;

const portalRequest = (context: PortalContext, req: IncomingMessage, res: ServerResponse): PortalRequest => {
  const url = new URL(req.url ?? '/', context.portalUrl);
  const cookies = parseCookies(req.headers.cookie);
  const picked = pickedLocale(url.searchParams.get('lang'));
  const locale = chooseLocale(picked, cookies.get(context.cookieNames.language), req.headers['accept-language']);
  const request: PortalRequest = { req, res, url, locale, cookies, setCookies: [] };
  if (picked && picked !== cookies.get(context.cookieNames.language))
    setCookie(context, request, context.cookieNames.language, picked, { maxAge: LANGUAGE_COOKIE_SECONDS });
  return request;
};

/**
 * Cookies belong to a host name, so a portal reached as `localhost` would not see the login cookie it set as
 * `127.0.0.1`; pages are sent to the one address the provider knows, and anything else is refused (which also
 * keeps out DNS-rebinding pages).
 */
const wrongHost = (context: PortalContext, req: IncomingMessage, res: ServerResponse): boolean => {
  const expected = new URL(context.portalUrl).host;
  if (req.headers.host === expected) return false;
  if (req.method === 'GET') {
    res.writeHead(308, { location: new URL(req.url ?? '/', context.portalUrl).href, 'cache-control': 'no-store' });
  } else {
    res.writeHead(421, { 'content-type': 'text/plain; charset=utf-8' });
  }
  res.end();
  return true;
};

/** The portal's request listener: one table of routes, one place where errors become pages. */
export const createPortalRouter =
  (context: PortalContext) =>
  async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (wrongHost(context, req, res)) return;
    const request = portalRequest(context, req, res);
    const methods = ROUTES[request.url.pathname];
    const route = methods?.[req.method ?? 'GET'];
    try {
      if (!methods) return sendErrorPage(context, request, 404, { title: 'notFoundTitle', message: 'notFound' });
      if (!route) {
        res.setHeader('allow', Object.keys(methods).join(', '));
        return sendJson(request, 405, { error: 'method_not_allowed' });
      }
      await route(context, request);
    } catch (error) {
      if (res.headersSent) {
        res.destroy();
      } else if (error instanceof RequestBodyError) {
        sendJson(request, error.status, { error: 'invalid_request' });
      } else {
        context.log(`${req.method} ${request.url.pathname} failed: ${errorText(error)}`);
        sendErrorPage(context, request, 500, { title: 'internalTitle', message: 'internal' });
      }
    }
  };
