import { request } from './request.ts';

/**
 * What alipay-sdk imports from `urllib` (`import urllib, { Agent } from 'urllib'`, `export { ProxyAgent } from
 * 'urllib'`), and the types its declarations name. The root package.json's `overrides` install this package as
 * alipay-sdk's `urllib`, in tests, the local runtime and the Lambda bundles alike.
 */
export { Agent, ProxyAgent } from './dispatchers.ts';
export {
  type HttpClientResponse,
  type HttpMethod,
  type IncomingHttpHeaders,
  type RequestOptions,
  request,
} from './request.ts';
export { HttpClientRequestTimeoutError, UnsupportedRequestOptionError } from './request-errors.ts';

/** What urllib hands `curlStream` callers: nothing here, since a streamed answer needs an HTTP/2 agent. */
export type RawResponseWithMeta = never;

export default { request };
