import type { Logger } from '@platform/logging';
import { type HttpHandler, httpHandler } from './http-handler.ts';

/**
 * The shared security headers set a strict API policy (`sandbox`, `form-action 'none'`) that would stop a page's
 * forms. A response that states its own policy (lower-case `content-security-policy`, as `@platform/html`'s
 * `pageHeaders` does: no script, pinned style) keeps it alone; anything else (problems, JSON, downloads) keeps the
 * API policy.
 */
export const pagesKeepTheirPolicy =
  (inner: HttpHandler): HttpHandler =>
  async (event, context) => {
    const response = await inner(event, context);
    const headers = response.headers;
    if (headers?.['content-security-policy'] !== undefined && headers['Content-Security-Policy'] !== undefined) {
      const { 'Content-Security-Policy': _api, ...own } = headers;
      return { ...response, headers: own };
    }
    return response;
  };

/** `httpHandler` for a function that serves server-rendered pages beside its API answers. */
export const pageHandler = (logger: Logger, route: HttpHandler): HttpHandler =>
  pagesKeepTheirPolicy(httpHandler(logger, route));
