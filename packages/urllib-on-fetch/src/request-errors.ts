/**
 * No answer, or an answer that stopped, within the request's `timeout`. The name is urllib's: callers tell a timeout
 * from other transport failures by it (the real-name verifier reads `cause.name`).
 */
export class HttpClientRequestTimeoutError extends Error {
  constructor(timeoutMs: number, options?: ErrorOptions) {
    super(`Request timeout for ${timeoutMs} ms`, options);
    this.name = 'HttpClientRequestTimeoutError';
  }
}

/**
 * An urllib option this module does not implement. Refused rather than ignored: a caller that asks for a proxy, a
 * retry or a streamed answer and silently gets none would misbehave in ways no test here would show.
 */
export class UnsupportedRequestOptionError extends TypeError {
  constructor(option: string, why: string) {
    super(`urllib-on-fetch does not support ${option}: ${why}`);
    this.name = 'UnsupportedRequestOptionError';
  }
}
