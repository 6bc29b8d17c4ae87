export {
  type ContractClock,
  describeOidcAdapterContract,
  type OidcAdapterContractOptions,
  type OidcAdapterHarness,
  type OidcAdapterUnderTest,
} from './adapter-contract.ts';
export { newId, OIDC_MODELS, type OidcModelName, samplePayload } from './adapter-contract-payloads.ts';
export {
  createDynamoDbAdapterFactory,
  DynamoDbOidcAdapter,
  type DynamoDbOidcAdapterConstructor,
  type DynamoDbOidcStorageOptions,
} from './dynamodb-oidc-adapter.ts';
export { ManualClock } from './manual-clock.ts';
export * from './oidc-item-keys.ts';
export { OidcRecordAlreadyConsumedError, OidcRecordNotFoundError } from './oidc-storage-errors.ts';
export {
  DynamoDbReplayDetectionAdapter,
  REPLAY_CLAIM_SECONDS,
  REPLAY_DETECTION_MODEL,
  type ReplayDetectionAdapterOptions,
} from './replay-detection-adapter.ts';
