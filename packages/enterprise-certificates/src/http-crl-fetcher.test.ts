import { describe, expect, it } from 'vitest';
import { createHttpCrlFetcher } from './http-crl-fetcher.ts';
import { pemFromDer } from './pem.ts';

const DER = new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]);

const respondWith =
  (body: ConstructorParameters<typeof Response>[0], init: ResponseInit = {}): typeof fetch =>
  async () =>
    new Response(body, init);

describe('the HTTP CRL fetcher', () => {
  it('returns a DER body as it is, and a PEM body as its DER', async () => {
    expect(await createHttpCrlFetcher({ fetch: respondWith(DER) })('http://crl.test/a.crl')).toEqual(DER);
    const pem = pemFromDer('X509 CRL', DER);
    expect(await createHttpCrlFetcher({ fetch: respondWith(pem) })('http://crl.test/a.crl')).toEqual(DER);
  });

  it('rejects non-HTTP URLs, error statuses, oversized and unrecognisable bodies', async () => {
    await expect(createHttpCrlFetcher({ fetch: respondWith(DER) })('ldap://crl.test/a')).rejects.toThrow(/not HTTP/);
    await expect(
      createHttpCrlFetcher({ fetch: respondWith('x', { status: 404 }) })('http://crl.test/a'),
    ).rejects.toThrow(/404/);
    await expect(
      createHttpCrlFetcher({ fetch: respondWith(new Uint8Array(100)), maxBytes: 10 })('http://c/a'),
    ).rejects.toThrow(/over the limit/);
    await expect(createHttpCrlFetcher({ fetch: respondWith('<html>') })('http://crl.test/a')).rejects.toThrow(
      /neither DER nor PEM/,
    );
  });

  it('gives up after the timeout', async () => {
    const hanging: typeof fetch = (_, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
    await expect(createHttpCrlFetcher({ fetch: hanging, timeoutMs: 20 })('http://crl.test/a')).rejects.toThrow();
  });
});
