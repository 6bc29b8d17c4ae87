/**
 * The bytes a user signs to prove possession of the certificate's key:
 *
 *     platform-enterprise-signin\n<origin>\n<nonce, base64url>\n<expiresAt, ISO 8601 UTC>
 *
 * UTF-8, no trailing newline. The purpose line keeps a signature made here from being valid for any other protocol
 * that signs with the same key (and the signing tool refuses anything else); the origin keeps one site's challenge
 * from being relayed to another; the nonce makes each challenge single-use; the expiry is shown to the user.
 */
export const CHALLENGE_PURPOSE = 'platform-enterprise-signin';

export interface ChallengeFields {
  /** The sign-in site's origin, e.g. `https://id.example.gov.cn`. */
  readonly origin: string;
  readonly nonce: Uint8Array;
  /** Epoch milliseconds. */
  readonly expiresAt: number;
}

export const challengeMessage = ({ origin, nonce, expiresAt }: ChallengeFields): Uint8Array =>
  new Uint8Array(
    Buffer.from(
      [CHALLENGE_PURPOSE, origin, Buffer.from(nonce).toString('base64url'), new Date(expiresAt).toISOString()].join(
        '\n',
      ),
      'utf8',
    ),
  );

/** Reads a challenge back (for the signing tool, which shows the user what they are about to sign); `undefined` if it is not one. */
export const parseChallengeMessage = (message: Uint8Array): ChallengeFields | undefined => {
  const lines = Buffer.from(message).toString('utf8').split('\n');
  if (lines.length !== 4) return undefined;
  const [purpose = '', origin = '', nonce = '', expiresAt = ''] = lines;
  const expiry = Date.parse(expiresAt);
  if (purpose !== CHALLENGE_PURPOSE || !/^https?:\/\/[^\s/]+$/.test(origin)) return undefined;
  if (!/^[A-Za-z0-9_-]{16,}$/.test(nonce) || Number.isNaN(expiry) || new Date(expiry).toISOString() !== expiresAt) {
    return undefined;
  }
  return { origin, nonce: new Uint8Array(Buffer.from(nonce, 'base64url')), expiresAt: expiry };
};
