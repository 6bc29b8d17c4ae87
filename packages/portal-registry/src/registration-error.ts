/**
 * Stable reasons a registry operation is refused. Scripts may match on them; the message is for people.
 */
export type RegistrationErrorCode =
  | 'invalid_input'
  | 'unknown_field'
  | 'not_applicable'
  | 'missing_field'
  | 'invalid_value'
  | 'invalid_client_id'
  | 'invalid_name'
  | 'invalid_kind'
  | 'invalid_redirect_uri'
  | 'insecure_redirect_uri'
  | 'invalid_uri'
  | 'insecure_uri'
  | 'unknown_scope'
  | 'scope_not_allowed'
  | 'missing_scope'
  | 'missing_client_keys'
  | 'conflicting_client_keys'
  | 'invalid_jwks'
  | 'private_key_in_jwks'
  | 'missing_exception_reason'
  | 'pairwise_multiple_hosts'
  | 'invalid_sector_identifier'
  | 'invalid_department_code'
  | 'immutable_field'
  | 'duplicate_client'
  | 'not_found'
  | 'version_conflict'
  | 'status_unchanged'
  | 'invalid_cursor';

/** A registration or registry operation refused for a reason a person can act on; shown as one line. */
export class RegistrationError extends Error {
  readonly code: RegistrationErrorCode;
  /** The input field at fault (`redirectUris[1]`, `jwks.keys[0]`), when there is one. */
  readonly field: string | undefined;

  constructor(code: RegistrationErrorCode, message: string, field?: string) {
    super(field ? `${field}: ${message}` : message);
    this.name = 'RegistrationError';
    this.code = code;
    this.field = field;
  }
}
