import { randomBytes } from 'node:crypto';

/** 128 random bits, base64url: unguessable, so a notice id in a URL gives nothing away about other notices. */
export const newNoticeId = (): string => randomBytes(16).toString('base64url');

export const isNoticeId = (value: unknown): value is string =>
  typeof value === 'string' && /^[A-Za-z0-9_-]{22}$/.test(value);
