/** For tests and the local runtime only: a throwaway PKI and the fakes around it. Never import from production code. */
export type { AttemptOptions, CertificateScenario, ScenarioOptions } from './certificate-scenario.ts';
export { createCertificateScenario, TEST_CHALLENGE } from './certificate-scenario.ts';
export type { FakeCrlFetcher } from './fake-crl-fetcher.ts';
export { createFakeCrlFetcher } from './fake-crl-fetcher.ts';
export type {
  CrlOptions,
  IntermediateOptions,
  LeafOptions,
  RootCaOptions,
  TestCa,
  TestCertificate,
  ValidityOptions,
} from './test-ca.ts';
export { createTestRootCa, TEST_USCC } from './test-ca.ts';
export type { TestKeyPair } from './test-keys.ts';
export { generateTestKeyPair, testKeyPair } from './test-keys.ts';
export type { UsccPlacement } from './test-names.ts';
