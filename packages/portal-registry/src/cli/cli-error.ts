/** A problem with how the CLI was called or where it points; printed as one line, never with a stack trace. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}
