/** A local start-up problem a person can act on; shown as one line, never a stack trace. */
export class LocalRuntimeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LocalRuntimeError';
  }
}
