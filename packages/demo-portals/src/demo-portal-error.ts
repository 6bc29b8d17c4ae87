/** A demo portal that cannot start: bad options, or its port is taken. The message says what to change. */
export class DemoPortalError extends Error {
  override readonly name = 'DemoPortalError';
}
