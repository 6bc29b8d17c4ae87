/**
 * One line for the log: the error's name and message, and its cause's (openid-client puts the detail, e.g. which
 * check failed, in the cause). Never a stack, and never shown to the user.
 */
export const errorText = (error: unknown): string => {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error.name}: ${error.message}${cause}`;
};
