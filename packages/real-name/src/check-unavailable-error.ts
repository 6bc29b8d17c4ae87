/**
 * A real-name check got no answer: network failure, timeout, a refusal of our request, an answer that is not one of
 * the three outcomes or does not authenticate. Not the person's fault, so never a failed attempt; adapters throw it
 * for every such case and nothing else, so that no transport detail leaks upward. `reason` is for logs only.
 */
export type UnavailableReason =
  | 'network'
  | 'timeout'
  | 'server_error'
  | 'throttled'
  | 'request_rejected'
  | 'malformed_response'
  | 'response_signature_invalid'
  | 'sandbox';

export abstract class CheckUnavailableError extends Error {
  readonly reason: UnavailableReason;

  constructor(source: string, reason: UnavailableReason, options?: { cause?: unknown; detail?: string }) {
    super(
      `The ${source} did not answer (${reason}${options?.detail ? `: ${options.detail}` : ''}).`,
      options?.cause === undefined ? undefined : { cause: options.cause },
    );
    this.reason = reason;
  }
}

export class RegistryUnavailableError extends CheckUnavailableError {
  constructor(reason: UnavailableReason, options?: { cause?: unknown; detail?: string }) {
    super('population registry', reason, options);
    this.name = 'RegistryUnavailableError';
  }
}

export class CarrierUnavailableError extends CheckUnavailableError {
  constructor(reason: UnavailableReason, options?: { cause?: unknown; detail?: string }) {
    super('carrier verification service', reason, options);
    this.name = 'CarrierUnavailableError';
  }
}
