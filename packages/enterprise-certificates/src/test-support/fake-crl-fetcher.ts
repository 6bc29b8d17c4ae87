import type { CrlFetcher } from '../crl-cache.ts';

/** A CRL server in memory: tests publish CRLs by URL, make a URL fail, and count fetches. */
export interface FakeCrlFetcher {
  readonly fetch: CrlFetcher;
  publish(url: string, der: Uint8Array): void;
  /** Fetches of `url` reject until it is published again. */
  fail(url: string): void;
  fetchCount(url: string): number;
}

export const createFakeCrlFetcher = (): FakeCrlFetcher => {
  const published = new Map<string, Uint8Array | 'failing'>();
  const counts = new Map<string, number>();
  return {
    fetch: async (url) => {
      counts.set(url, (counts.get(url) ?? 0) + 1);
      const der = published.get(url);
      if (der === undefined || der === 'failing') throw new Error(`CRL server: ${url} unavailable`);
      return der;
    },
    publish: (url, der) => {
      published.set(url, der);
    },
    fail: (url) => {
      published.set(url, 'failing');
    },
    fetchCount: (url) => counts.get(url) ?? 0,
  };
};
