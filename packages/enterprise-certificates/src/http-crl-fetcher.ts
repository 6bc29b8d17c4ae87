import type { CrlFetcher } from './crl-cache.ts';
import { pemBlocks } from './pem.ts';

export interface HttpCrlFetcherOptions {
  /** Per fetch; a CA's CRL server that hangs must not hold sign-ins. Default 5 s. */
  readonly timeoutMs?: number;
  /** Larger responses are refused. Default 20 MiB (the largest CA CRLs are a few MiB). */
  readonly maxBytes?: number;
  /** Injected for tests; default the global `fetch`. */
  readonly fetch?: typeof fetch;
}

/**
 * The production CRL fetcher: HTTP GET with a timeout and a size limit, DER or PEM (`X509 CRL`) in the body. Every
 * failure rejects, which the CRL cache treats as "unavailable".
 */
export const createHttpCrlFetcher = (options: HttpCrlFetcherOptions = {}): CrlFetcher => {
  const timeoutMs = options.timeoutMs ?? 5000;
  const maxBytes = options.maxBytes ?? 20 * 1024 * 1024;
  const get = options.fetch ?? fetch;
  return async (url) => {
    if (!/^https?:\/\//i.test(url)) throw new Error(`CRL URL is not HTTP(S): ${url}`);
    const response = await get(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
    if (!response.ok) throw new Error(`CRL ${url}: HTTP ${response.status}`);
    const declared = Number(response.headers.get('content-length') ?? 0);
    if (declared > maxBytes) throw new Error(`CRL ${url}: ${declared} bytes is over the limit`);
    const body = new Uint8Array(await response.arrayBuffer());
    if (body.length > maxBytes) throw new Error(`CRL ${url}: ${body.length} bytes is over the limit`);
    // DER starts with a SEQUENCE tag; anything else may be PEM, which some CAs serve.
    if (body[0] === 0x30) return body;
    const pem = pemBlocks(Buffer.from(body).toString('latin1')).find((block) => block.label === 'X509 CRL');
    if (pem === undefined) throw new Error(`CRL ${url}: neither DER nor PEM`);
    return pem.der;
  };
};
