import { describe, expect, it } from 'vitest';
import type { CertificateVerification } from './certificate-verifier.ts';
import { createCertificateScenario } from './test-support/certificate-scenario.ts';
import { createTestRootCa } from './test-support/test-ca.ts';
import { testKeyPair } from './test-support/test-keys.ts';

const NOW = Date.parse('2026-03-01T08:00:00Z');
const MINUTE = 60 * 1000;
const DAY = 24 * 60 * MINUTE;
const errorCode = (result: CertificateVerification): string | undefined => (result.ok ? undefined : result.error.code);

describe('revocation by CRL', () => {
  const fresh = () => createCertificateScenario({ algorithm: 'ECDSA', now: NOW, crlCacheSeconds: 600 });

  it('fetches each CRL once within the cache time, however many sign-ins', async () => {
    const scenario = fresh();
    const leaf = scenario.intermediate.issueLeaf();
    for (let i = 0; i < 5; i += 1) {
      expect(errorCode(await scenario.verifier.verify(scenario.attempt(leaf)))).toBeUndefined();
      scenario.clock.now += MINUTE;
    }
    expect(scenario.crls.fetchCount(scenario.intermediate.crlUrl)).toBe(1);
    expect(scenario.crls.fetchCount(scenario.root.crlUrl)).toBe(1);
  });

  it('shares one fetch between sign-ins that arrive together', async () => {
    const scenario = fresh();
    const leaf = scenario.intermediate.issueLeaf();
    const results = await Promise.all(
      Array.from({ length: 4 }, () => scenario.verifier.verify(scenario.attempt(leaf))),
    );
    expect(results.every((result) => result.ok)).toBe(true);
    expect(scenario.crls.fetchCount(scenario.intermediate.crlUrl)).toBe(1);
  });

  it('fetches again after the cache time, and so learns of a new revocation', async () => {
    const scenario = fresh();
    const leaf = scenario.intermediate.issueLeaf();
    expect(errorCode(await scenario.verifier.verify(scenario.attempt(leaf)))).toBeUndefined();
    scenario.clock.now += 5 * MINUTE;
    scenario.crls.publish(
      scenario.intermediate.crlUrl,
      scenario.intermediate.crl({ revoked: [leaf.serialNumber], thisUpdate: scenario.clock.now }),
    );
    expect(errorCode(await scenario.verifier.verify(scenario.attempt(leaf)))).toBeUndefined(); // still cached
    scenario.clock.now += 6 * MINUTE;
    const result = await scenario.verifier.verify(scenario.attempt(leaf));
    expect(errorCode(result)).toBe('certificate_revoked');
    expect(scenario.crls.fetchCount(scenario.intermediate.crlUrl)).toBe(2);
  });

  it('keeps using the cached CRL when a refetch fails, while the CRL is current by its own nextUpdate', async () => {
    const scenario = fresh();
    const leaf = scenario.intermediate.issueLeaf();
    expect(errorCode(await scenario.verifier.verify(scenario.attempt(leaf)))).toBeUndefined();
    scenario.crls.fail(scenario.intermediate.crlUrl);
    scenario.clock.now += 30 * MINUTE;
    expect(errorCode(await scenario.verifier.verify(scenario.attempt(leaf)))).toBeUndefined();
  });

  it('fails closed when the fetch fails and the cached CRL is past its nextUpdate', async () => {
    const scenario = fresh();
    const leaf = scenario.intermediate.issueLeaf({ notAfter: NOW + 400 * DAY });
    expect(errorCode(await scenario.verifier.verify(scenario.attempt(leaf)))).toBeUndefined();
    scenario.crls.fail(scenario.intermediate.crlUrl);
    scenario.clock.now += 8 * DAY; // the CRLs say nextUpdate is 7 days after they were issued
    // The root's CRL server is fine: only the intermediate's CRL is out of reach and out of date.
    scenario.crls.publish(scenario.root.crlUrl, scenario.root.crl({ thisUpdate: scenario.clock.now - MINUTE }));
    expect(errorCode(await scenario.verifier.verify(scenario.attempt(leaf)))).toBe('revocation_unavailable');
  });

  it('fails closed when the CRL cannot be fetched and none is cached', async () => {
    const scenario = fresh();
    scenario.crls.fail(scenario.intermediate.crlUrl);
    const leaf = scenario.intermediate.issueLeaf();
    const result = await scenario.verifier.verify(scenario.attempt(leaf));
    expect(errorCode(result)).toBe('revocation_unavailable');
    expect(result.ok ? '' : result.error.messageZh).toContain('稍后再试');
  });

  it('fails closed when the certificate names no CRL distribution point', async () => {
    const scenario = fresh();
    const leaf = scenario.intermediate.issueLeaf({ crlUrl: null });
    expect(errorCode(await scenario.verifier.verify(scenario.attempt(leaf)))).toBe('revocation_unavailable');
  });

  it('ignores a CRL that its CA did not sign, and one that is out of date', async () => {
    const forged = fresh();
    const forger = createTestRootCa({
      algorithm: 'ECDSA',
      now: NOW,
      name: forged.intermediate.name,
      keys: testKeyPair('ECDSA', 'forger'),
    });
    forged.crls.publish(forged.intermediate.crlUrl, forger.crl());
    const leaf = forged.intermediate.issueLeaf();
    expect(errorCode(await forged.verifier.verify(forged.attempt(leaf)))).toBe('revocation_unavailable');

    const stale = fresh();
    stale.crls.publish(
      stale.intermediate.crlUrl,
      stale.intermediate.crl({ thisUpdate: NOW - 10 * DAY, nextUpdate: NOW - 3 * DAY }),
    );
    const staleLeaf = stale.intermediate.issueLeaf();
    expect(errorCode(await stale.verifier.verify(stale.attempt(staleLeaf)))).toBe('revocation_unavailable');
  });

  it('ignores a CRL signed by a CA whose key usage does not include cRLSign', async () => {
    const scenario = fresh();
    const noCrlSign = scenario.root.issueIntermediate({ name: 'No cRLSign', keyUsage: ['keyCertSign'] });
    scenario.crls.publish(noCrlSign.crlUrl, noCrlSign.crl());
    const leaf = noCrlSign.issueLeaf();
    const result = await scenario.verifier.verify(
      scenario.attempt(leaf, { chainPem: [leaf.pem, noCrlSign.certificate.pem] }),
    );
    expect(errorCode(result)).toBe('revocation_unavailable');
  });

  it('refuses a certificate whose intermediate has been revoked by the root', async () => {
    const scenario = fresh();
    scenario.publishCrls({ root: [scenario.intermediate.certificate.serialNumber] });
    const leaf = scenario.intermediate.issueLeaf();
    const result = await scenario.verifier.verify(scenario.attempt(leaf));
    expect(errorCode(result)).toBe('certificate_revoked');
    expect(result.ok ? '' : result.error.messageZh).toContain('签发您证书的CA证书');
  });

  it('does not let an older CRL replayed from before a revocation un-revoke a certificate', async () => {
    const scenario = fresh();
    const leaf = scenario.intermediate.issueLeaf();
    const before = scenario.intermediate.crl({ thisUpdate: NOW - 2 * DAY });
    scenario.crls.publish(scenario.intermediate.crlUrl, scenario.intermediate.crl({ revoked: [leaf.serialNumber] }));
    expect(errorCode(await scenario.verifier.verify(scenario.attempt(leaf)))).toBe('certificate_revoked');
    scenario.crls.publish(scenario.intermediate.crlUrl, before);
    scenario.clock.now += 11 * MINUTE;
    expect(errorCode(await scenario.verifier.verify(scenario.attempt(leaf)))).toBe('certificate_revoked');
    expect(scenario.crls.fetchCount(scenario.intermediate.crlUrl)).toBe(2);
  });
});
