import type { KeyObject } from 'node:crypto';
import {
  type CertificateVerifier,
  type CertificateVerifierOptions,
  createCertificateVerifier,
  type VerifyCertificateInput,
} from '../certificate-verifier.ts';
import type { KeyAlgorithm } from '../public-key.ts';
import { signWithPrivateKey } from '../signing.ts';
import type { TrustAnchorConfig } from '../trust-anchor.ts';
import type { UsccMapping } from '../uscc-mapping.ts';
import { createFakeCrlFetcher, type FakeCrlFetcher } from './fake-crl-fetcher.ts';
import { createTestRootCa, type TestCa, type TestCertificate } from './test-ca.ts';

/**
 * A root → intermediate PKI with its CRLs published, and a verifier that trusts the root: the setting of most
 * certificate tests, the local runtime and the signing tool's walkthrough. The clock is a variable tests move.
 */
export interface CertificateScenario {
  readonly root: TestCa;
  readonly intermediate: TestCa;
  readonly crls: FakeCrlFetcher;
  readonly clock: { now: number };
  readonly anchor: TrustAnchorConfig;
  readonly verifier: CertificateVerifier;
  /** A verifier over the same CRL server and clock, with other options. */
  verifierWith(options: Partial<CertificateVerifierOptions>): CertificateVerifier;
  /** (Re)publishes both CRLs, revoking these serial numbers at their own CA. */
  publishCrls(revoked?: { readonly root?: readonly string[]; readonly intermediate?: readonly string[] }): void;
  /** What a browser sends for `leaf`: the chain up to (not including) the root and a signature over `challenge`. */
  attempt(leaf: TestCertificate, options?: AttemptOptions): VerifyCertificateInput;
}

export interface AttemptOptions {
  readonly challenge?: Uint8Array;
  /** The key that signs the challenge; default the leaf's own. */
  readonly signer?: KeyObject;
  readonly chainPem?: readonly string[];
}

export interface ScenarioOptions {
  readonly algorithm: KeyAlgorithm;
  /** Epoch milliseconds. */
  readonly now: number;
  readonly usccMapping?: UsccMapping | readonly UsccMapping[];
  readonly crlCacheSeconds?: number;
}

export const TEST_CHALLENGE = new TextEncoder().encode(
  'platform-enterprise-signin\nhttps://id.example.gov.cn\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n2030-01-01T00:00:00.000Z',
);

export const createCertificateScenario = (options: ScenarioOptions): CertificateScenario => {
  const clock = { now: options.now };
  const root = createTestRootCa({
    algorithm: options.algorithm,
    now: options.now,
    name: `Test Root CA ${options.algorithm}`,
  });
  const intermediate = root.issueIntermediate();
  const crls = createFakeCrlFetcher();
  const anchor: TrustAnchorConfig = {
    name: `Test CA (${options.algorithm})`,
    rootPem: root.certificate.pem,
    usccMapping: options.usccMapping ?? { kind: 'organizationIdentifier' },
  };
  const verifierWith = (overrides: Partial<CertificateVerifierOptions>): CertificateVerifier =>
    createCertificateVerifier({
      trustAnchors: [anchor],
      crlFetcher: crls.fetch,
      crlCacheSeconds: options.crlCacheSeconds ?? 600,
      now: () => clock.now,
      ...overrides,
    });
  const publishCrls: CertificateScenario['publishCrls'] = (revoked = {}) => {
    crls.publish(root.crlUrl, root.crl({ revoked: revoked.root ?? [] }));
    crls.publish(intermediate.crlUrl, intermediate.crl({ revoked: revoked.intermediate ?? [] }));
  };
  publishCrls();
  return {
    root,
    intermediate,
    crls,
    clock,
    anchor,
    verifier: verifierWith({}),
    verifierWith,
    publishCrls,
    attempt: (leaf, attempt = {}) => {
      const challenge = attempt.challenge ?? TEST_CHALLENGE;
      const signed = signWithPrivateKey(attempt.signer ?? leaf.keys.privateKey, challenge);
      if (signed === undefined) throw new Error('attempt: the signer cannot sign');
      return {
        chainPem: attempt.chainPem ?? [leaf.pem, intermediate.certificate.pem],
        challenge,
        signature: new Uint8Array(signed.signature),
      };
    },
  };
};
