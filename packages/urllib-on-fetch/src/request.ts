import { Readable } from 'node:stream';
import type { Agent } from './dispatchers.ts';
import { HttpClientRequestTimeoutError, UnsupportedRequestOptionError } from './request-errors.ts';

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE' | 'PATCH' | 'OPTIONS';

/** Answer headers by lower-case name, `set-cookie` as a list. */
export type IncomingHttpHeaders = Record<string, string | string[]>;

/** The options alipay-sdk passes to `urllib.request`, with urllib's meaning. */
export interface RequestOptions {
  /** Default `GET`. */
  readonly method?: HttpMethod;
  readonly headers?: Readonly<Record<string, string>>;
  /** Form fields, sent as `application/x-www-form-urlencoded;charset=UTF-8`. Not with GET or HEAD, nor `content`. */
  readonly data?: Readonly<Record<string, unknown>>;
  /** The body as given; a string without a `content-type` header is sent as `text/plain;charset=UTF-8`. */
  readonly content?: string | Uint8Array | Readable;
  /** Required: the answer is read as UTF-8 text, the one form alipay-sdk reads without an HTTP/2 agent. */
  readonly dataType?: 'text';
  /** Milliseconds allowed for the answer's headers, then between chunks of its body (urllib's number form). */
  readonly timeout?: number;
  /** Only `undefined`: see `Agent`. */
  readonly dispatcher?: Agent;
}

export interface HttpClientResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly data: string;
}

/** urllib's default for both of its timeouts. */
const DEFAULT_TIMEOUT_MS = 5000;
const IMPLEMENTED: ReadonlySet<string> = new Set([
  'method',
  'headers',
  'data',
  'content',
  'dataType',
  'timeout',
  'dispatcher',
]);

const timeoutOf = (timeout: unknown): number => {
  if (timeout === undefined) return DEFAULT_TIMEOUT_MS;
  if (typeof timeout !== 'number' || !Number.isFinite(timeout) || timeout <= 0) {
    throw new UnsupportedRequestOptionError(`timeout ${JSON.stringify(timeout)}`, 'give one positive number of ms.');
  }
  return timeout;
};

const checkOptions = (options: RequestOptions): void => {
  const unknown = Object.entries(options).filter(([name, value]) => value !== undefined && !IMPLEMENTED.has(name));
  if (unknown.length > 0) {
    throw new UnsupportedRequestOptionError(
      unknown.map(([name]) => name).join(', '),
      `only ${[...IMPLEMENTED].join(', ')} are implemented.`,
    );
  }
  if (options.dispatcher !== undefined) {
    throw new UnsupportedRequestOptionError(
      options.dispatcher.allowH2 ? 'an HTTP/2 agent' : 'an agent',
      'requests go through Node’s fetch and its own connection pool, over HTTP/1.1 (alipay-sdk’s curlStream and sse need HTTP/2).',
    );
  }
  if (options.dataType !== 'text') {
    throw new UnsupportedRequestOptionError(`dataType ${options.dataType ?? '(bytes)'}`, 'answers are read as text.');
  }
};

/** Header names in lower case, as urllib sends them. */
const lowerCased = (headers: Readonly<Record<string, string>> = {}): Record<string, string> =>
  Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));

interface RequestBody {
  readonly body?: string | Uint8Array | ReadableStream;
  readonly contentType?: string;
  readonly streamed?: boolean;
}

const bodyOf = (method: string, options: RequestOptions, headers: Record<string, string>): RequestBody => {
  const { data, content } = options;
  if (data === undefined && content === undefined) return {};
  if (method === 'GET' || method === 'HEAD') {
    throw new UnsupportedRequestOptionError(`a body with ${method}`, 'urllib would move it into the query string.');
  }
  if (data !== undefined) {
    if (content !== undefined) throw new UnsupportedRequestOptionError('data with content', 'give one body.');
    if (headers['content-type'] !== undefined) {
      throw new UnsupportedRequestOptionError('data with a content-type', 'data is sent as a form.');
    }
    const fields = Object.entries(data).map(([name, value]): [string, string] => [name, String(value)]);
    return {
      body: new URLSearchParams(fields).toString(),
      contentType: 'application/x-www-form-urlencoded;charset=UTF-8',
    };
  }
  if (content instanceof Readable) return { body: Readable.toWeb(content) as ReadableStream, streamed: true };
  return { body: content, ...(typeof content === 'string' ? { contentType: 'text/plain;charset=UTF-8' } : {}) };
};

/** Aborts the request when `timeoutMs` pass without progress; each `restart` is progress. */
const progressDeadline = (timeoutMs: number, controller: AbortController) => {
  let timer: NodeJS.Timeout | undefined;
  return {
    restart: () => {
      clearTimeout(timer);
      timer = setTimeout(() => controller.abort(new HttpClientRequestTimeoutError(timeoutMs)), timeoutMs);
    },
    stop: () => clearTimeout(timer),
  };
};

const headersOf = (headers: Headers): IncomingHttpHeaders => {
  const result: IncomingHttpHeaders = {};
  for (const [name, value] of headers) if (name !== 'set-cookie') result[name] = value;
  const cookies = headers.getSetCookie();
  if (cookies.length > 0) result['set-cookie'] = cookies;
  return result;
};

const failureOf = (error: unknown, signal: AbortSignal): unknown => {
  if (signal.aborted) return signal.reason;
  // fetch reports every transport failure as `TypeError: fetch failed`; what failed (refused, reset, unknown host) is
  // its cause, the error urllib would have thrown.
  if (error instanceof TypeError && error.message === 'fetch failed' && error.cause instanceof Error)
    return error.cause;
  return error;
};

/**
 * `urllib.request` for the calls alipay-sdk makes: one request through Node's fetch, the answer's status, headers and
 * body text whatever the status, or a thrown transport failure (`HttpClientRequestTimeoutError` for a timeout).
 * Redirects are followed, as urllib does. Anything else urllib offers is refused (`UnsupportedRequestOptionError`).
 * Unlike urllib, fetch refuses the Fetch standard's "bad ports" (such as 9 or 6666): Alipay's gateway is on 443 and the
 * local simulator on a port the system picks.
 */
export const request = async (url: string | URL, options: RequestOptions = {}): Promise<HttpClientResponse> => {
  checkOptions(options);
  const timeoutMs = timeoutOf(options.timeout);
  const method = options.method ?? 'GET';
  const headers = lowerCased(options.headers);
  const { body, contentType, streamed } = bodyOf(method, options, headers);
  if (contentType !== undefined) headers['content-type'] ??= contentType;
  const controller = new AbortController();
  const deadline = progressDeadline(timeoutMs, controller);
  deadline.restart();
  try {
    const response = await fetch(url, {
      method,
      headers,
      signal: controller.signal,
      ...(body === undefined ? {} : { body }),
      // A streamed body must say so (`duplex: 'half'`): the answer may start before the request ends.
      ...(streamed ? { duplex: 'half' as const } : {}),
    });
    deadline.restart();
    const chunks: Uint8Array[] = [];
    for await (const chunk of response.body ?? []) {
      chunks.push(chunk);
      deadline.restart();
    }
    return { status: response.status, headers: headersOf(response.headers), data: Buffer.concat(chunks).toString() };
  } catch (error) {
    throw failureOf(error, controller.signal);
  } finally {
    deadline.stop();
  }
};
