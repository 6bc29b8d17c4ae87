import { createPrivateKey, type KeyObject } from 'node:crypto';
import { parseArgs } from 'node:util';
import { parseChallengeMessage } from '../challenge-message.ts';
import { parseCertificate } from '../parse-certificate.ts';
import { pemBlocks } from '../pem.ts';
import { type CertificatePublicKey, importSubjectPublicKey } from '../public-key.ts';
import { verifyWithKey } from '../signature-algorithms.ts';
import { signWithPrivateKey } from '../signing.ts';

export interface CommandIo {
  readonly readFile: (path: string) => string;
  readonly stdout: (line: string) => void;
  readonly stderr: (line: string) => void;
  /** Epoch milliseconds. */
  readonly now: () => number;
}

const USAGE =
  'usage: sign-challenge --key <private-key.pem> --challenge <base64url> [--cert <certificate.pem>] [--passphrase <text>]';

/**
 * The public key of the first certificate in a PEM file (the company's own certificate, as the sign-in page wants the
 * chain), and its expiry; a message for the user when it cannot be read.
 */
const certificateKey = (pem: string): { publicKey: CertificatePublicKey; notAfter: number } | { problem: string } => {
  const block = pemBlocks(pem).find((candidate) => candidate.label === 'CERTIFICATE');
  const certificate = block ? parseCertificate(block.der) : undefined;
  const publicKey = certificate ? importSubjectPublicKey(certificate.subjectPublicKeyInfo) : undefined;
  if (!certificate || !publicKey) return { problem: 'it holds no readable certificate (PEM, RSA, EC P-256 or SM2)' };
  return { publicKey, notAfter: certificate.notAfter };
};

/**
 * Signs a sign-in challenge with the company's private key and prints the signature (base64url) on stdout; what is
 * being signed goes to stderr so that the user can see the site before pasting the signature into it. Refuses
 * anything that is not a sign-in challenge: the tool must never sign arbitrary data with a company's key.
 * Exit codes: 0 signed, 2 bad usage or input.
 */
export const signChallengeCommand = (args: readonly string[], io: CommandIo): number => {
  let values: { key?: string; challenge?: string; passphrase?: string; cert?: string };
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        key: { type: 'string' },
        challenge: { type: 'string' },
        passphrase: { type: 'string' },
        cert: { type: 'string' },
      },
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
  // With --cert, a key that is not the certificate's is caught here, before a sign-in attempt is spent on it.
  if (values.cert !== undefined) {
    let read: ReturnType<typeof certificateKey>;
    try {
      read = certificateKey(io.readFile(values.cert));
    } catch (error) {
      io.stderr(`Cannot read the certificate ${values.cert}: ${(error as Error).message}`);
      return 2;
    }
    if ('problem' in read) {
      io.stderr(`Cannot use the certificate ${values.cert}: ${read.problem}.`);
      return 2;
    }
    if (!verifyWithKey(read.publicKey, message, signed.signature)) {
      io.stderr(`Refused: the key ${values.key} does not belong to the certificate ${values.cert}.`);
      return 2;
    }
    if (io.now() > read.notAfter) io.stderr('Warning: this certificate has expired; the site will refuse it.');
    io.stderr(`Key and certificate match. Paste the contents of ${values.cert} (with its CA chain) into the page.`);
  }
  if (io.now() > challenge.expiresAt) io.stderr('Warning: this challenge has expired; the site will refuse it.');
  io.stderr(
    `Signing in to ${challenge.origin} (challenge valid until ${new Date(challenge.expiresAt).toISOString()}) with ${signed.algorithm}.`,
  );
  io.stdout(signed.signature.toString('base64url'));
  return 0;
};
