/** Every error this package throws on purpose. Messages never contain personal data or key material. */
export class PersonalDataError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * - `malformed`: not a sealed value of a version this code reads;
 * - `wrong-kind`: authentic, but sealed as another kind than the caller expects (e.g. a phone number copied into
 *   the citizen-ID column);
 * - `unknown-key`: sealed under a key this vault does not hold;
 * - `tampered`: a part was changed (authentication failed).
 */
export type SealedValueProblem = 'malformed' | 'wrong-kind' | 'unknown-key' | 'tampered';

/** A sealed value cannot be opened. Treat as an integrity incident unless the reason is `unknown-key`. */
export class SealedValueError extends PersonalDataError {
  readonly problem: SealedValueProblem;

  constructor(problem: SealedValueProblem, message: string, options?: ErrorOptions) {
    super(message, options);
    this.problem = problem;
  }
}

/** The key service (KMS) could not be reached or refused the request; retrying may help. */
export class KeyServiceError extends PersonalDataError {}

/** The local key file is missing a key, has a key of the wrong size, or is not JSON. */
export class LocalKeysError extends PersonalDataError {}
