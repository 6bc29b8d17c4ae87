/**
 * Where to send the person after signing in: a path on this site only (`/my`, `/my?x=1`), never another origin
 * (`//evil.example`, `https://…`, `/\evil`) — an open redirect would lend the platform's name to phishing.
 */
export const localPathOr = (candidate: unknown, fallback: string): string =>
  typeof candidate === 'string' && /^\/(?![/\\])[\x21-\x7e]*$/.test(candidate) ? candidate : fallback;
