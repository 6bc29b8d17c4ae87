import { randomBytes } from 'node:crypto';

/** A new client secret: 32 random bytes, base64url (43 characters). Generated here, never chosen by a person. */
export const generateClientSecret = (): string => randomBytes(32).toString('base64url');
