export { BlindIndex } from './blind-index.ts';
export {
  KeyServiceError,
  LocalKeysError,
  PersonalDataError,
  SealedValueError,
  type SealedValueProblem,
} from './errors.ts';
export type { DataKey, KeyWrapper } from './key-wrapper.ts';
export { KmsKeyWrapper, type KmsKeyWrapperOptions } from './kms-key-wrapper.ts';
export { LocalKeyWrapper } from './local-key-wrapper.ts';
export { type LocalVaultKeys, loadLocalVaultKeys, localPersonalDataVault } from './local-vault-keys.ts';
export { maskCitizenId, maskName, maskOrganisationName, maskPhone, maskUscc } from './masking.ts';
export { normalisePersonalData } from './normalise.ts';
export { type BlindIndexer, loadPaymentsIndexKey, paymentsBlindIndexFromEnvironment } from './payments-blind-index.ts';
export { isPersonalDataKind, PERSONAL_DATA_KINDS, type PersonalDataKind } from './personal-data-kind.ts';
export { PersonalDataVault, type PersonalDataVaultOptions } from './personal-data-vault.ts';
export { isSealedValue, type SealedValue } from './sealed-value.ts';
