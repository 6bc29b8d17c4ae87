import { Extension } from '@peculiar/asn1-x509';
import { describe, expect, it } from 'vitest';
import type { CertificateVerification } from './certificate-verifier.ts';
import { OID } from './oids.ts';
import { createCertificateScenario } from './test-support/certificate-scenario.ts';
import { createTestRootCa } from './test-support/test-ca.ts';
import { testKeyPair } from './test-support/test-keys.ts';

const NOW = Date.parse('2026-03-01T08:00:00Z');
const DAY = 24 * 60 * 60 * 1000;
const errorCode = (result: CertificateVerification): string | undefined => (result.ok ? undefined : result.error.code);

describe('certification path rules', () => {
  const scenario = createCertificateScenario({ algorithm: 'ECDSA', now: NOW });
  const { root, intermediate, verifier } = scenario;
  it('accepts the chain with the root included, and in any order after the leaf', async () => {
    const leaf = intermediate.issueLeaf();
    const chainPem = [leaf.pem, root.certificate.pem, intermediate.certificate.pem];
    expect(errorCode(await verifier.verify(scenario.attempt(leaf, { chainPem })))).toBeUndefined();
  });

  it('refuses a chain without its intermediate: no path to the root', async () => {
    const leaf = intermediate.issueLeaf();
    expect(errorCode(await verifier.verify(scenario.attempt(leaf, { chainPem: [leaf.pem] })))).toBe(
      'certificate_untrusted',
    );
  });

  it('refuses an intermediate from an impostor root with the same name but another key', async () => {
    const impostorRoot = createTestRootCa({
      algorithm: 'ECDSA',
      now: NOW,
      name: root.name,
      keys: testKeyPair('ECDSA', 'impostor'),
    });
    const fakeIntermediate = impostorRoot.issueIntermediate({ name: 'Test Root CA ECDSA Intermediate' });
    const leaf = fakeIntermediate.issueLeaf();
    const result = await verifier.verify(
      scenario.attempt(leaf, { chainPem: [leaf.pem, fakeIntermediate.certificate.pem] }),
    );
    expect(errorCode(result)).toBe('certificate_untrusted');
  });

  it('accepts a chain that mixes algorithms (SM2 root, RSA intermediate, ECDSA company key)', async () => {
    const mixed = createCertificateScenario({ algorithm: 'SM2', now: NOW });
    const rsaIntermediate = mixed.root.issueIntermediate({ name: 'RSA Intermediate', algorithm: 'RSA' });
    const leaf = rsaIntermediate.issueLeaf({ algorithm: 'ECDSA' });
    mixed.crls.publish(rsaIntermediate.crlUrl, rsaIntermediate.crl());
    const result = await mixed.verifier.verify(
      mixed.attempt(leaf, { chainPem: [leaf.pem, rsaIntermediate.certificate.pem] }),
    );
    expect(result).toMatchObject({ ok: true, keyAlgorithm: 'ECDSA' });
  });

  it('refuses an intermediate that has expired, naming the CA certificate', async () => {
    const old = root.issueIntermediate({
      name: 'Expired Intermediate',
      notBefore: NOW - 900 * DAY,
      notAfter: NOW - DAY,
    });
    const leaf = old.issueLeaf({ notBefore: NOW - 10 * DAY });
    const result = await verifier.verify(scenario.attempt(leaf, { chainPem: [leaf.pem, old.certificate.pem] }));
    expect(errorCode(result)).toBe('certificate_expired');
    expect(result.ok ? '' : result.error.message).toMatch(/^The certificate authority \(CA\) certificate/);
  });

  it('refuses an intermediate without keyCertSign', async () => {
    const weak = root.issueIntermediate({ name: 'No keyCertSign', keyUsage: ['digitalSignature', 'cRLSign'] });
    const leaf = weak.issueLeaf();
    const result = await verifier.verify(scenario.attempt(leaf, { chainPem: [leaf.pem, weak.certificate.pem] }));
    expect(errorCode(result)).toBe('certificate_key_usage');
  });

  it("respects the root's and the intermediates' path length constraints", async () => {
    const strictRoot = createTestRootCa({ algorithm: 'ECDSA', now: NOW, name: 'Strict Root', pathLenConstraint: 0 });
    const strict = scenario.verifierWith({
      trustAnchors: [
        { name: 'Strict', rootPem: strictRoot.certificate.pem, usccMapping: { kind: 'organizationIdentifier' } },
      ],
    });
    const below = strictRoot.issueIntermediate({ name: 'Below strict root' });
    const leaf = below.issueLeaf();
    expect(
      errorCode(await strict.verify(scenario.attempt(leaf, { chainPem: [leaf.pem, below.certificate.pem] }))),
    ).toBe('certificate_key_usage');

    // The intermediate says pathLen 0; a second intermediate below it breaks that.
    const sub = intermediate.issueIntermediate({ name: 'Sub-intermediate' });
    const deepLeaf = sub.issueLeaf();
    const chainPem = [deepLeaf.pem, sub.certificate.pem, intermediate.certificate.pem];
    expect(errorCode(await verifier.verify(scenario.attempt(deepLeaf, { chainPem })))).toBe('certificate_key_usage');
  });

  it('refuses a company certificate without a keyUsage extension, or one that is a CA', async () => {
    const noKeyUsage = intermediate.issueLeaf({ keyUsage: null });
    expect(errorCode(await verifier.verify(scenario.attempt(noKeyUsage)))).toBe('certificate_key_usage');
    const ca = root.issueIntermediate({ name: 'A CA used as a leaf', keyUsage: ['digitalSignature', 'keyCertSign'] });
    const asLeaf = { ...ca.certificate };
    const result = await verifier.verify(scenario.attempt(asLeaf, { chainPem: [ca.certificate.pem] }));
    expect(errorCode(result)).toBe('certificate_key_usage');
  });

  it('accepts a company certificate whose extended key usage includes client authentication, not server-only ones', async () => {
    const client = intermediate.issueLeaf({ extendedKeyUsage: [OID.clientAuth] });
    expect(errorCode(await verifier.verify(scenario.attempt(client)))).toBeUndefined();
    const serverOnly = intermediate.issueLeaf({ extendedKeyUsage: ['1.3.6.1.5.5.7.3.1'] });
    expect(errorCode(await verifier.verify(scenario.attempt(serverOnly)))).toBe('certificate_key_usage');
  });

  it('refuses a certificate with a critical extension it does not understand (RFC 5280 §4.2)', async () => {
    const unknown = new Extension({ extnID: '1.2.3.4.5', critical: true });
    const leaf = intermediate.issueLeaf({ extraExtensions: [unknown] });
    expect(errorCode(await verifier.verify(scenario.attempt(leaf)))).toBe('certificate_malformed');
  });

  it('refuses a signature algorithm claim that contradicts the key', async () => {
    const leaf = intermediate.issueLeaf();
    const attempt = { ...scenario.attempt(leaf), signatureAlgorithm: 'SM2-SM3' as const };
    expect(errorCode(await verifier.verify(attempt))).toBe('challenge_signature_invalid');
    const agreeing = { ...scenario.attempt(leaf), signatureAlgorithm: 'ECDSA-SHA256' as const };
    expect(errorCode(await verifier.verify(agreeing))).toBeUndefined();
  });
});

describe('unreadable input', () => {
  const scenario = createCertificateScenario({ algorithm: 'ECDSA', now: NOW });
  const leaf = scenario.intermediate.issueLeaf();
  const good = scenario.attempt(leaf);

  it.each([
    ['no certificate at all', []],
    ['text that is not PEM', ['hello']],
    ['a PEM block that is not a certificate', ['-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----']],
    ['a private key instead', [leaf.keys.privateKeyPem]],
    ['a huge input', ['A'.repeat(100_000)]],
    ['too many certificates', Array.from({ length: 6 }, () => leaf.pem)],
  ])('gives certificate_malformed for %s, never a throw', async (_, chainPem) => {
    const result = await scenario.verifier.verify({ ...good, chainPem: chainPem as string[] });
    expect(errorCode(result)).toBe('certificate_malformed');
  });

  it('gives an error, never a throw, for values of the wrong type', async () => {
    const verify = scenario.verifier.verify as (input: unknown) => Promise<CertificateVerification>;
    expect(errorCode(await verify({ ...good, chainPem: 'not an array' }))).toBe('certificate_malformed');
    expect(errorCode(await verify({ ...good, chainPem: [42] }))).toBe('certificate_malformed');
    expect(errorCode(await verify({ ...good, signature: 'abc' }))).toBe('challenge_signature_invalid');
    expect(errorCode(await verify({ ...good, signature: new Uint8Array(3) }))).toBe('challenge_signature_invalid');
    expect(errorCode(await verify(undefined))).toBe('certificate_malformed');
  });
});
