import { createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { derChildren } from './der-elements.ts';
import { nameAttribute } from './distinguished-name.ts';
import { OID } from './oids.ts';
import { parseCertificate } from './parse-certificate.ts';
import { parseCrl } from './parse-crl.ts';
import { pemBlocks, pemFromDer } from './pem.ts';
import { createTestRootCa, TEST_USCC } from './test-support/test-ca.ts';

const NOW = Date.parse('2026-03-01T08:00:00Z');
const root = createTestRootCa({ algorithm: 'SM2', now: NOW, name: 'Parse Test Root' });
const intermediate = root.issueIntermediate();
const leaf = intermediate.issueLeaf({ serialNumber: '00F1E2D3', notAfter: Date.parse('2027-03-01T00:00:00Z') });

describe('certificate parsing', () => {
  const parsed = parseCertificate(leaf.der);

  it('reads names, serial number, validity and the exact signed bytes', () => {
    expect(parsed).toBeDefined();
    if (parsed === undefined) return;
    expect(parsed.serialNumber).toBe('F1E2D3');
    expect(parsed.notAfter).toBe(Date.parse('2027-03-01T00:00:00Z'));
    expect(nameAttribute(parsed.issuer, OID.commonName)).toBe('Parse Test Root Intermediate');
    expect(nameAttribute(parsed.subject, OID.organizationIdentifier)).toBe(`NTRCN-${TEST_USCC}`);
    expect(parsed.signatureAlgorithm).toBe(OID.sm2WithSm3);
    expect(Buffer.from(parsed.tbs).equals(Buffer.from(derChildren(leaf.der)[0] ?? []))).toBe(true);
    const publicKey = createPublicKey({ key: Buffer.from(parsed.subjectPublicKeyInfo), format: 'der', type: 'spki' });
    expect(publicKey.export({ type: 'spki', format: 'der' }).equals(Buffer.from(leaf.keys.spki))).toBe(true);
  });

  it('reads the extensions path validation needs', () => {
    expect(parsed?.extensions).toMatchObject({
      basicConstraints: { cA: false },
      keyUsage: new Set(['digitalSignature', 'nonRepudiation']),
      crlDistributionPoints: [intermediate.crlUrl],
      unhandledCritical: [],
    });
    const ca = parseCertificate(intermediate.certificate.der);
    expect(ca?.extensions.basicConstraints).toEqual({ cA: true, pathLenConstraint: 0 });
    expect(parsed?.extensions.authorityKeyIdentifier).toBe(ca?.extensions.subjectKeyIdentifier);
  });

  it('returns undefined for anything that is not a certificate', () => {
    expect(parseCertificate(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]))).toBeUndefined();
    expect(parseCertificate(new Uint8Array(0))).toBeUndefined();
    expect(parseCertificate(leaf.der.subarray(0, 100))).toBeUndefined();
    expect(parseCertificate(root.crl())).toBeUndefined();
  });
});

describe('CRL parsing', () => {
  it('reads issuer, dates and revoked serial numbers', () => {
    const nextUpdate = NOW + 86_400_000;
    const crl = parseCrl(intermediate.crl({ revoked: [['00F1E2D3', NOW - 1000], '0A'], thisUpdate: NOW, nextUpdate }));
    expect(crl?.revoked).toEqual(
      new Map([
        ['F1E2D3', NOW - 1000],
        ['0A', NOW],
      ]),
    );
    expect(crl?.thisUpdate).toBe(NOW);
    expect(crl?.nextUpdate).toBe(nextUpdate);
    expect(crl?.issuer.key).toBe(parseCertificate(leaf.der)?.issuer.key);
  });

  it('refuses a CRL without nextUpdate, which the schema decoder would read as revoking nothing', () => {
    expect(parseCrl(intermediate.crl({ revoked: ['0A'], nextUpdate: null }))).toBeUndefined();
  });

  it('returns undefined for anything that is not a CRL', () => {
    expect(parseCrl(leaf.der)).toBeUndefined();
    expect(parseCrl(new Uint8Array([1, 2, 3]))).toBeUndefined();
  });
});

describe('PEM', () => {
  it('reads every block of a bundle, and writes what it reads', () => {
    const bundle = `junk before\n${leaf.pem}\n${intermediate.certificate.pem}trailing`;
    const blocks = pemBlocks(bundle);
    expect(blocks.map((b) => b.label)).toEqual(['CERTIFICATE', 'CERTIFICATE']);
    expect(pemFromDer('CERTIFICATE', blocks[0]?.der ?? new Uint8Array())).toBe(leaf.pem);
    expect(pemBlocks(leaf.keys.privateKeyPem)[0]?.label).toBe('PRIVATE KEY');
  });

  it('skips blocks that are not base64 and refuses oversized input', () => {
    expect(pemBlocks('-----BEGIN CERTIFICATE-----\n<script>\n-----END CERTIFICATE-----')).toEqual([]);
    expect(pemBlocks(`${leaf.pem}${' '.repeat(70_000)}`)).toEqual([]);
  });
});

describe('DER elements', () => {
  it('slices the children of an element and refuses malformed DER', () => {
    expect(derChildren(new Uint8Array([0x30, 0x06, 0x02, 0x01, 0x05, 0x04, 0x01, 0xff])).map((c) => [...c])).toEqual([
      [0x02, 0x01, 0x05],
      [0x04, 0x01, 0xff],
    ]);
    expect(() => derChildren(new Uint8Array([0x30, 0x05, 0x02, 0x01]))).toThrow(RangeError);
    expect(() => derChildren(new Uint8Array([0x30, 0x02, 0x02, 0x05]))).toThrow(RangeError);
    expect(() => derChildren(new Uint8Array([0x30, 0x84, 1, 0, 0, 0]))).toThrow(RangeError);
  });
});
