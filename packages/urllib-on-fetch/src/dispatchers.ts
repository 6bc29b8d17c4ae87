import { UnsupportedRequestOptionError } from './request-errors.ts';

/**
 * Stands in for undici's `Agent`. alipay-sdk builds one when it loads (`new Agent({ allowH2: true })`, for its HTTP/2
 * `curlStream` and `sse` calls), so constructing one must work; Node's fetch has its own connection pool and no public
 * way to hand it another, so a request that names an agent is refused (`request`).
 */
export class Agent {
  readonly allowH2: boolean;

  constructor(options?: { readonly allowH2?: boolean }) {
    this.allowH2 = options?.allowH2 === true;
  }
}

/** Stands in for undici's `ProxyAgent`, which alipay-sdk re-exports for its `proxyAgent` option: not supported. */
export class ProxyAgent extends Agent {
  constructor() {
    super();
    throw new UnsupportedRequestOptionError('ProxyAgent', 'requests go straight to the host, through Node’s fetch.');
  }
}
