import { describe, expect, it } from 'vitest';
import type { CertificateVerification } from './certificate-verifier.ts';
import type { KeyAlgorithm } from './public-key.ts';
import { createCertificateScenario, TEST_CHALLENGE } from './test-support/certificate-scenario.ts';
import { createTestRootCa, TEST_USCC } from './test-support/test-ca.ts';
import { testKeyPair } from './test-support/test-keys.ts';

const NOW = Date.parse('2026-03-01T08:00:00Z');
const DAY = 24 * 60 * 60 * 1000;

const errorCode = (result: CertificateVerification): string | undefined => (result.ok ? undefined : result.error.code);

/** Flips one bit inside the company name, in the signed part of the certificate. */
const tampered = (pem: string): string => {
  const der = Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
  const at = der.indexOf(Buffer.from('NTRCN-'));
  der[at + 6] = (der[at + 6] ?? 0) ^ 0x01;
  return `-----BEGIN CERTIFICATE-----\n${der.toString('base64')}\n-----END CERTIFICATE-----\n`;
};

describe.each<KeyAlgorithm>(['RSA', 'ECDSA', 'SM2'])('an enterprise certificate with %s keys', (algorithm) => {
  const scenario = createCertificateScenario({ algorithm, now: NOW });
  const { intermediate, verifier } = scenario;

  it('is accepted with a two-level chain and a good challenge signature, and yields the USCC', async () => {
    const leaf = intermediate.issueLeaf({ company: '福州测试科技有限公司' });
    const result = await verifier.verify(scenario.attempt(leaf));
    expect(result).toEqual({
      ok: true,
      uscc: TEST_USCC,
      companyName: '福州测试科技有限公司',
      subject: `C=CN, O=福州测试科技有限公司, organizationIdentifier=NTRCN-${TEST_USCC}, CN=福州测试科技有限公司`,
      issuerCA: `Test CA (${algorithm})`,
      serialNumber: leaf.serialNumber,
      notAfter: expect.any(Number),
      keyAlgorithm: algorithm,
    });
  });

  it('is refused when it has expired, saying when', async () => {
    const leaf = intermediate.issueLeaf({ notBefore: NOW - 400 * DAY, notAfter: Date.parse('2026-02-27T12:00:00Z') });
    const result = await verifier.verify(scenario.attempt(leaf));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('certificate_expired');
    expect(result.error.message).toContain('2026-02-27');
    expect(result.error.messageZh).toContain('已于2026-02-27过期');
  });

  it('is refused before it becomes valid', async () => {
    const leaf = intermediate.issueLeaf({ notBefore: NOW + DAY, notAfter: NOW + 365 * DAY });
    expect(errorCode(await verifier.verify(scenario.attempt(leaf)))).toBe('certificate_not_yet_valid');
  });

  it('is refused when its CA has revoked it', async () => {
    const leaf = intermediate.issueLeaf();
    const revoking = createCertificateScenario({ algorithm, now: NOW });
    const revokedLeaf = revoking.intermediate.issueLeaf();
    revoking.publishCrls({ intermediate: ['0BADC0DE', revokedLeaf.serialNumber] });
    expect(errorCode(await revoking.verifier.verify(revoking.attempt(revokedLeaf)))).toBe('certificate_revoked');
    expect(errorCode(await verifier.verify(scenario.attempt(leaf)))).toBeUndefined();
  });

  it('is refused when it chains to a root that is not configured (another CA)', async () => {
    const otherRoot = createTestRootCa({ algorithm, now: NOW, name: 'Some Other CA' });
    const otherIntermediate = otherRoot.issueIntermediate();
    const leaf = otherIntermediate.issueLeaf();
    const attempt = scenario.attempt(leaf, { chainPem: [leaf.pem, otherIntermediate.certificate.pem] });
    expect(errorCode(await verifier.verify(attempt))).toBe('certificate_untrusted');
  });

  it('is refused when a byte of the signed certificate has been changed', async () => {
    const leaf = intermediate.issueLeaf();
    const attempt = scenario.attempt(leaf);
    const result = await verifier.verify({ ...attempt, chainPem: [tampered(leaf.pem), intermediate.certificate.pem] });
    expect(errorCode(result)).toBe('certificate_signature_invalid');
  });

  it('is refused when the challenge was signed by a different key', async () => {
    const leaf = intermediate.issueLeaf();
    const attempt = scenario.attempt(leaf, { signer: testKeyPair(algorithm, 'someone else').privateKey });
    expect(errorCode(await verifier.verify(attempt))).toBe('challenge_signature_invalid');
  });

  it('is refused when the signature is over another challenge', async () => {
    const leaf = intermediate.issueLeaf();
    const attempt = scenario.attempt(leaf, { challenge: new TextEncoder().encode('another challenge') });
    expect(errorCode(await verifier.verify({ ...attempt, challenge: TEST_CHALLENGE }))).toBe(
      'challenge_signature_invalid',
    );
  });

  it('is refused when it is not allowed to make signatures (an encryption certificate)', async () => {
    const leaf = intermediate.issueLeaf({ keyUsage: ['keyEncipherment'] });
    const result = await verifier.verify(scenario.attempt(leaf));
    expect(errorCode(result)).toBe('certificate_key_usage');
  });

  it('is refused when its issuer is not a CA', async () => {
    const notCa = scenario.root.issueIntermediate({ name: `Not a CA ${algorithm}`, cA: false });
    const leaf = notCa.issueLeaf();
    const result = await verifier.verify(scenario.attempt(leaf, { chainPem: [leaf.pem, notCa.certificate.pem] }));
    expect(errorCode(result)).toBe('certificate_key_usage');
    expect(result.ok ? '' : result.error.message).toContain('not allowed to issue');
  });

  it('is refused when the USCC in its subject has a wrong check character', async () => {
    const leaf = intermediate.issueLeaf({ uscc: '91350100M000100Y44' });
    const result = await verifier.verify(scenario.attempt(leaf));
    expect(errorCode(result)).toBe('uscc_invalid');
    expect(result.ok ? '' : result.error.messageZh).toContain('校验码');
  });

  it('accepts a challenge signature as raw r ‖ s as well as DER (WebCrypto, USB keys)', async () => {
    if (algorithm === 'RSA') return;
    const leaf = intermediate.issueLeaf();
    const attempt = scenario.attempt(leaf);
    const raw = derToRaw(attempt.signature);
    expect(errorCode(await verifier.verify({ ...attempt, signature: raw }))).toBeUndefined();
  });
});

/** DER `SEQUENCE { r, s }` → 32-byte r ‖ 32-byte s. */
const derToRaw = (der: Uint8Array): Uint8Array => {
  const integers: Buffer[] = [];
  let offset = 2;
  while (offset < der.length) {
    const length = der[offset + 1] ?? 0;
    integers.push(Buffer.from(der.subarray(offset + 2, offset + 2 + length)));
    offset += 2 + length;
  }
  return new Uint8Array(Buffer.concat(integers.map((n) => Buffer.concat([Buffer.alloc(32), n]).subarray(-32))));
};
