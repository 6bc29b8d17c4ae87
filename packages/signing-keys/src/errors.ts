/** Every error this package throws on purpose; the message is one line an operator can act on. */
export class KeySetError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The stored document is not a well-formed key set (or breaks its invariants). */
export class KeySetInvalidError extends KeySetError {}

/** The store holds no key set yet (Secrets Manager: the secret has no value; run `keys init`). */
export class KeySetNotFoundError extends KeySetError {}

/** Someone else saved the key set between our read and our write; re-read and retry. */
export class KeySetConflictError extends KeySetError {}

/** The store could not be read or written (permissions, network, service error). */
export class KeySetStoreError extends KeySetError {}

/** Rotating now would let a key sign before verifiers could have fetched it. */
export class RotationTooEarlyError extends KeySetError {}
