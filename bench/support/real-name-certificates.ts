import { constants, type KeyObject, randomBytes, sign, verify } from 'node:crypto';
import { challengeMessage, type KeyAlgorithm, type VerifyCertificateInput } from '@platform/enterprise-certificates';
import { createCertificateScenario } from '@platform/enterprise-certificates/test-support';
import { median } from '../harness.ts';

/**
 * Enterprise certificate checks in this process: a root → intermediate → leaf PKI of one algorithm
 * (`createCertificateScenario`), its CRLs published and cached by warm-up checks, then `verifier.verify` of
 * pre-signed attempts, each over a fresh challenge (signing is done before the measured loop). CPU is
 * `process.cpuUsage()` around the loop: the benchmark does nothing else meanwhile, and it is not wall clock, so
 * other work on a shared machine does not count.
 *
 * Baseline: a bare `crypto.verify` of one signature by the leaf's key with the same algorithm (RSA PKCS#1 v1.5 /
 * SHA-256, ECDSA P-256 / SHA-256, SM2 / SM3 as Node does it one-shot), so the ratio is "how many bare signature
 * checks one certificate check costs". A check does two (the leaf's CA signature and the challenge signature).
 */
export const CERTIFICATE_ALGORITHMS: readonly KeyAlgorithm[] = ['RSA', 'ECDSA', 'SM2'];

export interface CertificateResult {
  readonly algorithm: KeyAlgorithm;
  /** Median over the rounds of CPU milliseconds per check. */
  readonly cpuMsPerCheck: number;
  readonly cpuMsPerBareVerify: number;
}

const cpuMs = (since: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

const freshChallenge = (): Uint8Array =>
  challengeMessage({ origin: 'https://id.example.gov.cn', nonce: randomBytes(32), expiresAt: Date.now() + 300_000 });

const bareSignature = (algorithm: KeyAlgorithm, privateKey: KeyObject, publicKey: KeyObject) => {
  const data = freshChallenge();
  switch (algorithm) {
    case 'RSA': {
      const options = { padding: constants.RSA_PKCS1_PADDING };
      const signature = sign('sha256', data, { key: privateKey, ...options });
      return () => verify('sha256', data, { key: publicKey, ...options }, signature);
    }
    case 'ECDSA': {
      const signature = sign('sha256', data, { key: privateKey, dsaEncoding: 'der' });
      return () => verify('sha256', data, { key: publicKey, dsaEncoding: 'der' }, signature);
    }
    case 'SM2': {
      // One-shot SM2 in Node: SM3 with Z (empty ID) — the same curve operation as the GM/T default-ID check.
      const signature = sign('sm3', data, privateKey);
      return () => verify('sm3', data, publicKey, signature);
    }
  }
};

export const measureCertificateChecks = async (
  algorithm: KeyAlgorithm,
  options: { readonly checks: number; readonly rounds: number; readonly warmup: number },
): Promise<CertificateResult> => {
  const scenario = createCertificateScenario({ algorithm, now: Date.now() });
  const leaf = scenario.intermediate.issueLeaf();
  const attempt = (): VerifyCertificateInput => scenario.attempt(leaf, { challenge: freshChallenge() });
  const check = async (input: VerifyCertificateInput) => {
    const result = await scenario.verifier.verify(input);
    if (!result.ok) throw new Error(`${algorithm} certificate check refused: ${result.error.code}`);
  };

  // Warm-up: fetches and checks both CRLs, caches the intermediate and its signature, warms the JIT.
  for (let i = 0; i < options.warmup; i += 1) await check(attempt());

  const perCheck: number[] = [];
  for (let round = 0; round < options.rounds; round += 1) {
    const attempts = Array.from({ length: options.checks }, attempt);
    const before = process.cpuUsage();
    for (const input of attempts) await check(input);
    perCheck.push(cpuMs(before) / options.checks);
  }

  const bare = bareSignature(algorithm, leaf.keys.privateKey, leaf.keys.publicKey);
  if (!bare()) throw new Error(`${algorithm}: the bare signature does not verify`);
  const perBare: number[] = [];
  for (let round = 0; round < options.rounds; round += 1) {
    const before = process.cpuUsage();
    for (let i = 0; i < options.checks; i += 1) bare();
    perBare.push(cpuMs(before) / options.checks);
  }
  return { algorithm, cpuMsPerCheck: median(perCheck), cpuMsPerBareVerify: median(perBare) };
};
