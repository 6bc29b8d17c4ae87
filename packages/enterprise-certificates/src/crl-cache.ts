import { createBoundedCache } from './bounded-cache.ts';
import { type ParsedCrl, parseCrl } from './parse-crl.ts';

/**
 * Fetches the CRL at a distribution point URL (HTTP GET in production) and resolves to its DER bytes; rejects when it
 * cannot. Timeouts and size limits belong to the fetcher: a CA's CRL server is outside our control.
 */
export type CrlFetcher = (url: string) => Promise<Uint8Array>;

export interface CrlCacheOptions {
  readonly fetcher: CrlFetcher;
  /** How long a fetched CRL is used before it is fetched again. */
  readonly cacheSeconds: number;
  /** Epoch milliseconds. */
  readonly now: () => number;
  /** Distribution points remembered; a handful per CA. Default 256. */
  readonly capacity?: number;
}

/** CRLs by distribution point URL, parsed once per fetch. Their signatures are checked by the caller. */
export interface CrlCache {
  /** The CRL to judge revocation by, or `undefined` when none is available (which fails the sign-in closed). */
  get(url: string): Promise<ParsedCrl | undefined>;
}

interface Entry {
  readonly crl: ParsedCrl;
  readonly fetchedAt: number;
}

/** Whether a CRL still speaks for the present: RFC 5280 says nothing may be concluded from it after `nextUpdate`. */
const isCurrent = (crl: ParsedCrl, now: number): boolean => now <= crl.nextUpdate;

/**
 * - Within `cacheSeconds` of its fetch, and before its own `nextUpdate`, a cached CRL is used without fetching.
 * - Otherwise it is fetched again, once for all callers waiting on the same URL.
 * - If that fetch fails, the cached CRL is still used while it is current by its own `nextUpdate` (the CA promised
 *   it until then). Else: unavailable.
 * - A fetched CRL older (by `thisUpdate`) than the cached one never replaces it, so that replaying an old CRL from
 *   before a revocation — plain HTTP is easy to tamper with — cannot un-revoke a certificate.
 */
export const createCrlCache = (options: CrlCacheOptions): CrlCache => {
  const { fetcher, now } = options;
  const ttlMs = options.cacheSeconds * 1000;
  const entries = createBoundedCache<Entry>(options.capacity ?? 256);
  const inFlight = new Map<string, Promise<ParsedCrl | undefined>>();

  const fetchParsed = async (url: string): Promise<ParsedCrl | undefined> => {
    try {
      return parseCrl(await fetcher(url));
    } catch {
      return undefined;
    }
  };

  const refresh = (url: string): Promise<ParsedCrl | undefined> => {
    const pending = inFlight.get(url);
    if (pending !== undefined) return pending;
    const started = fetchParsed(url).then((fetched) => {
      inFlight.delete(url);
      const cached = entries.get(url);
      if (fetched === undefined) return undefined;
      const newest = cached !== undefined && cached.crl.thisUpdate > fetched.thisUpdate ? cached.crl : fetched;
      entries.set(url, { crl: newest, fetchedAt: now() });
      return newest;
    });
    inFlight.set(url, started);
    return started;
  };

  return {
    get: async (url) => {
      const cached = entries.get(url);
      if (cached !== undefined && now() < cached.fetchedAt + ttlMs && isCurrent(cached.crl, now())) return cached.crl;
      const fetched = await refresh(url);
      if (fetched !== undefined) return fetched;
      const fallback = entries.get(url)?.crl;
      return fallback !== undefined && isCurrent(fallback, now()) ? fallback : undefined;
    },
  };
};
