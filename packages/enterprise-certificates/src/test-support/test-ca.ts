import { createHash } from 'node:crypto';
import type { Extension, Name } from '@peculiar/asn1-x509';
import type { KeyUsageName } from '../certificate-extensions.ts';
import { pemFromDer } from '../pem.ts';
import type { KeyAlgorithm } from '../public-key.ts';
import { buildCertificate, randomSerialNumber } from './test-certificate.ts';
import { buildCrl } from './test-crl.ts';
import { type TestKeyPair, testKeyPair } from './test-keys.ts';
import { caName, companyName, type UsccPlacement } from './test-names.ts';

/**
 * A throwaway PKI for tests, the local runtime and the signing tool's documentation: a root CA, intermediates and
 * company certificates for RSA-2048, ECDSA P-256 and SM2, built with the same ASN.1 schemas and signing code real
 * certificates are checked with, and CRLs signed by their CA. Nothing here is for production.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

export interface TestCertificate {
  readonly der: Uint8Array;
  readonly pem: string;
  /** Upper-case hex. */
  readonly serialNumber: string;
  readonly keys: TestKeyPair;
}

export interface ValidityOptions {
  /** Epoch milliseconds; default a day before `now`. */
  readonly notBefore?: number;
  /** Epoch milliseconds; default a year after `now` (ten for a root). */
  readonly notAfter?: number;
}

export interface IntermediateOptions extends ValidityOptions {
  readonly name?: string;
  /** Default the issuer's algorithm. */
  readonly algorithm?: KeyAlgorithm;
  readonly keys?: TestKeyPair;
  /** Default true; false makes a certificate that must not issue others. */
  readonly cA?: boolean;
  /** Default keyCertSign and cRLSign. */
  readonly keyUsage?: readonly KeyUsageName[];
  /** Default 0: only end-entity certificates below. */
  readonly pathLenConstraint?: number;
}

export interface LeafOptions extends ValidityOptions {
  readonly company?: string;
  /** Default a valid USCC. */
  readonly uscc?: string;
  /** Default `organizationIdentifier` (`NTRCN-<USCC>`). */
  readonly usccPlacement?: UsccPlacement;
  readonly algorithm?: KeyAlgorithm;
  readonly keys?: TestKeyPair;
  readonly serialNumber?: string;
  /** Default digitalSignature and nonRepudiation: a Chinese CA's signing certificate. */
  readonly keyUsage?: readonly KeyUsageName[] | null;
  readonly extendedKeyUsage?: readonly string[];
  /** Default the issuing CA's CRL URL; `null` for no CRL distribution point. */
  readonly crlUrl?: string | null;
  readonly extraExtensions?: readonly Extension[];
}

export interface CrlOptions {
  /** Serial numbers (hex) revoked, at `now` unless given as `[serial, date]`. */
  readonly revoked?: readonly (string | readonly [string, number])[];
  readonly thisUpdate?: number;
  /** Default a week after `thisUpdate`; `null` for none. */
  readonly nextUpdate?: number | null;
}

export interface TestCa {
  readonly name: string;
  readonly subject: Name;
  readonly certificate: TestCertificate;
  readonly keys: TestKeyPair;
  /** Where certificates this CA issues say its CRL is. */
  readonly crlUrl: string;
  issueIntermediate(options?: IntermediateOptions): TestCa;
  issueLeaf(options?: LeafOptions): TestCertificate;
  /** A CRL signed by this CA. */
  crl(options?: CrlOptions): Uint8Array;
}

export interface RootCaOptions extends ValidityOptions {
  readonly name?: string;
  readonly algorithm: KeyAlgorithm;
  readonly keys?: TestKeyPair;
  /** Default absent: any number of intermediates. */
  readonly pathLenConstraint?: number;
  /** Epoch milliseconds; default `Date.now()`. */
  readonly now?: number;
}

/** A valid USCC (GB 32100) for test companies. */
export const TEST_USCC = '91350100M000100Y43';

/** A URL-safe, collision-free stand-in for a CA name. */
const slug = (name: string): string => createHash('sha256').update(name).digest('hex').slice(0, 16);

const certificateOf = (der: Uint8Array, serialNumber: string, keys: TestKeyPair): TestCertificate => ({
  der,
  pem: pemFromDer('CERTIFICATE', der),
  serialNumber,
  keys,
});

const makeCa = (name: string, subject: Name, keys: TestKeyPair, certificate: TestCertificate, now: number): TestCa => {
  const crlUrl = `http://crl.test/${slug(name)}.crl`;
  const ca: TestCa = {
    name,
    subject,
    certificate,
    keys,
    crlUrl,
    issueIntermediate: (options = {}) => {
      const childName = options.name ?? `${name} Intermediate`;
      const childSubject = caName(childName);
      const childKeys = options.keys ?? testKeyPair(options.algorithm ?? keys.algorithm, childName);
      const serialNumber = randomSerialNumber();
      const der = buildCertificate({
        issuerName: subject,
        issuerKeys: keys,
        subjectName: childSubject,
        subjectKeys: childKeys,
        serialNumber,
        notBefore: options.notBefore ?? now - DAY_MS,
        notAfter: options.notAfter ?? now + 5 * 365 * DAY_MS,
        basicConstraints: { cA: options.cA ?? true, pathLenConstraint: options.pathLenConstraint ?? 0 },
        keyUsage: options.keyUsage ?? ['keyCertSign', 'cRLSign'],
        crlUrl,
      });
      return makeCa(childName, childSubject, childKeys, certificateOf(der, serialNumber, childKeys), now);
    },
    issueLeaf: (options = {}) => {
      const leafKeys = options.keys ?? testKeyPair(options.algorithm ?? keys.algorithm, 'leaf');
      const serialNumber = options.serialNumber ?? randomSerialNumber();
      const leafCrlUrl = options.crlUrl === null ? undefined : (options.crlUrl ?? crlUrl);
      const keyUsage =
        options.keyUsage === null ? undefined : (options.keyUsage ?? ['digitalSignature', 'nonRepudiation']);
      const der = buildCertificate({
        issuerName: subject,
        issuerKeys: keys,
        subjectName: companyName(
          options.company ?? '福州测试科技有限公司',
          options.uscc ?? TEST_USCC,
          options.usccPlacement ?? { kind: 'organizationIdentifier' },
        ),
        subjectKeys: leafKeys,
        serialNumber,
        notBefore: options.notBefore ?? now - DAY_MS,
        notAfter: options.notAfter ?? now + 365 * DAY_MS,
        basicConstraints: { cA: false },
        ...(keyUsage === undefined ? {} : { keyUsage }),
        ...(options.extendedKeyUsage === undefined ? {} : { extendedKeyUsage: options.extendedKeyUsage }),
        ...(leafCrlUrl === undefined ? {} : { crlUrl: leafCrlUrl }),
        ...(options.extraExtensions === undefined ? {} : { extraExtensions: options.extraExtensions }),
      });
      return certificateOf(der, serialNumber, leafKeys);
    },
    crl: (options = {}) => {
      const thisUpdate = options.thisUpdate ?? now - 60 * 60 * 1000;
      const nextUpdate = options.nextUpdate === null ? undefined : (options.nextUpdate ?? thisUpdate + 7 * DAY_MS);
      const revoked = new Map(
        (options.revoked ?? []).map((entry) => (typeof entry === 'string' ? [entry, now] : [entry[0], entry[1]])),
      );
      return buildCrl({ issuerName: subject, issuerKeys: keys, revoked, thisUpdate, nextUpdate });
    },
  };
  return ca;
};

/** A self-signed root CA (basicConstraints cA, keyCertSign and cRLSign). */
export const createTestRootCa = (options: RootCaOptions): TestCa => {
  const now = options.now ?? Date.now();
  const name = options.name ?? `Test Root CA ${options.algorithm}`;
  const subject = caName(name);
  const keys = options.keys ?? testKeyPair(options.algorithm, name);
  const serialNumber = randomSerialNumber();
  const der = buildCertificate({
    issuerName: subject,
    issuerKeys: keys,
    subjectName: subject,
    subjectKeys: keys,
    serialNumber,
    notBefore: options.notBefore ?? now - DAY_MS,
    notAfter: options.notAfter ?? now + 10 * 365 * DAY_MS,
    basicConstraints:
      options.pathLenConstraint === undefined
        ? { cA: true }
        : { cA: true, pathLenConstraint: options.pathLenConstraint },
    keyUsage: ['keyCertSign', 'cRLSign'],
  });
  return makeCa(name, subject, keys, certificateOf(der, serialNumber, keys), now);
};
