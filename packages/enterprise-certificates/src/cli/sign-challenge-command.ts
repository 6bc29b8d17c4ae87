import { createPrivateKey, type KeyObject } from 'node:crypto';
import { parseArgs } from 'node:util';
import { parseChallengeMessage } from '../challenge-message.ts';
import { signWithPrivateKey } from '../signing.ts';

export interface CommandIo {
  readonly readFile: (path: string) => string;
  readonly stdout: (line: string) => void;
  readonly stderr: (line: string) => void;
  /** Epoch milliseconds. */
  readonly now: () => number;
}

const USAGE = 'usage: sign-challenge --key <private-key.pem> --challenge <base64url> [--passphrase <text>]';

/**
 * Signs a sign-in challenge with the company's private key and prints the signature (base64url) on stdout; what is
 * being signed goes to stderr so that the user can see the site before pasting the signature into it. Refuses
 * anything that is not a sign-in challenge: the tool must never sign arbitrary data with a company's key.
 * Exit codes: 0 signed, 2 bad usage or input.
 */
export const signChallengeCommand = (args: readonly string[], io: CommandIo): number => {
  let values: { key?: string; challenge?: string; passphrase?: string };
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: { key: { type: 'string' }, challenge: { type: 'string' }, passphrase: { type: 'string' } },
    }));
  } catch (error) {
    io.stderr(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.key === undefined || values.challenge === undefined) {
    io.stderr(USAGE);
    return 2;
  }
  const message = new Uint8Array(Buffer.from(values.challenge, 'base64url'));
  const challenge = parseChallengeMessage(message);
  if (challenge === undefined) {
    io.stderr('Refused: this is not a sign-in challenge from the platform. Copy the challenge from the sign-in page.');
    return 2;
  }
  let privateKey: KeyObject;
  try {
    const pem = io.readFile(values.key);
    privateKey = createPrivateKey(values.passphrase === undefined ? pem : { key: pem, passphrase: values.passphrase });
  } catch (error) {
    io.stderr(`Cannot read the private key ${values.key}: ${(error as Error).message}`);
    return 2;
  }
  const signed = signWithPrivateKey(privateKey, message);
  if (signed === undefined) {
    io.stderr('Refused: the key is not RSA (2048 bits or more), EC P-256 or SM2.');
    return 2;
  }
  if (io.now() > challenge.expiresAt) io.stderr('Warning: this challenge has expired; the site will refuse it.');
  io.stderr(
    `Signing in to ${challenge.origin} (challenge valid until ${new Date(challenge.expiresAt).toISOString()}) with ${signed.algorithm}.`,
  );
  io.stdout(signed.signature.toString('base64url'));
  return 0;
};
