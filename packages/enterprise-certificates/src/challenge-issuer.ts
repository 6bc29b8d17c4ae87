import { randomBytes } from 'node:crypto';
import { challengeMessage } from './challenge-message.ts';
import { type ChallengeRecord, type ChallengeStore, createInMemoryChallengeStore } from './challenge-store.ts';

/** A challenge handed to the browser: `message` (or its base64url) is what the user signs. */
export interface IssuedChallenge {
  readonly id: string;
  readonly nonce: Uint8Array;
  readonly origin: string;
  /** Epoch milliseconds. */
  readonly expiresAt: number;
  /** The canonical bytes to sign (see `challenge-message.ts`). */
  readonly message: Uint8Array;
  /** `message` as base64url: what the signing tool's `--challenge` takes. */
  readonly messageBase64url: string;
}

export type ChallengeConsumption = IssuedChallenge | 'used' | 'expired' | 'unknown';

export interface ChallengeIssuer {
  issue(): Promise<IssuedChallenge>;
  /** Uses up the challenge — whatever the sign-in's outcome, so one challenge is one attempt. */
  consume(id: string): Promise<ChallengeConsumption>;
}

export interface ChallengeIssuerOptions {
  /** The sign-in site's origin, bound into every challenge. */
  readonly origin: string;
  readonly ttlSeconds: number;
  /** Default: an in-memory store (one process only). */
  readonly store?: ChallengeStore;
  /** Epoch milliseconds. */
  readonly now?: () => number;
}

/** 32 bytes: unguessable, and never repeated in practice, so no two challenges have the same bytes. */
const NONCE_BYTES = 32;

const issued = (record: ChallengeRecord): IssuedChallenge => {
  const nonce = new Uint8Array(Buffer.from(record.nonce, 'base64url'));
  const message = challengeMessage({ origin: record.origin, nonce, expiresAt: record.expiresAt });
  return { ...record, nonce, message, messageBase64url: Buffer.from(message).toString('base64url') };
};

export const createChallengeIssuer = (options: ChallengeIssuerOptions): ChallengeIssuer => {
  const now = options.now ?? Date.now;
  const store = options.store ?? createInMemoryChallengeStore({ now });
  if (!/^https?:\/\/[^\s/]+$/.test(options.origin))
    throw new TypeError('createChallengeIssuer: origin is scheme://host[:port]');
  if (!(options.ttlSeconds > 0)) throw new TypeError('createChallengeIssuer: ttlSeconds must be positive');
  const ttlMs = options.ttlSeconds * 1000;
  return {
    issue: async () => {
      const record: ChallengeRecord = {
        id: randomBytes(16).toString('base64url'),
        nonce: randomBytes(NONCE_BYTES).toString('base64url'),
        origin: options.origin,
        expiresAt: now() + ttlMs,
      };
      await store.save(record);
      return issued(record);
    },
    consume: async (id) => {
      if (typeof id !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(id)) return 'unknown';
      const result = await store.consume(id);
      if (typeof result === 'string') return result;
      return now() > result.expiresAt ? 'expired' : issued(result);
    },
  };
};
