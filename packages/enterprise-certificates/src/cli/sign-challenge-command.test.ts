import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { challengeMessage } from '../challenge-message.ts';
import type { KeyAlgorithm } from '../public-key.ts';
import { importSubjectPublicKey } from '../public-key.ts';
import { verifyWithKey } from '../signature-algorithms.ts';
import { createTestRootCa } from '../test-support/test-ca.ts';
import { generateTestKeyPair, testKeyPair } from '../test-support/test-keys.ts';
import { type CommandIo, signChallengeCommand } from './sign-challenge-command.ts';

const NOW = Date.UTC(2026, 2, 1, 8);
const message = challengeMessage({
  origin: 'https://id.example.gov.cn',
  nonce: new Uint8Array(32).fill(1),
  expiresAt: NOW + 120_000,
});

const run = (args: string[], files: Record<string, string> = {}) => {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIo = {
    readFile: (path) => {
      const text = files[path];
      if (text === undefined) throw new Error('ENOENT: no such file');
      return text;
    },
    stdout: (line) => out.push(line),
    stderr: (line) => err.push(line),
    now: () => NOW,
  };
  return { code: signChallengeCommand(args, io), out, err: err.join('\n') };
};

describe('the sign-challenge tool', () => {
  it.each<[KeyAlgorithm, string]>([
    ['RSA', 'RSA-SHA256'],
    ['ECDSA', 'ECDSA-SHA256'],
    ['SM2', 'SM2-SM3'],
  ])('signs with a %s key as %s, printing a signature the verifier accepts', (algorithm, scheme) => {
    const keys = testKeyPair(algorithm);
    const result = run(['--key', 'key.pem', '--challenge', Buffer.from(message).toString('base64url')], {
      'key.pem': keys.privateKeyPem,
    });
    expect(result.code).toBe(0);
    expect(result.err).toContain(`Signing in to https://id.example.gov.cn`);
    expect(result.err).toContain(scheme);
    const publicKey = importSubjectPublicKey(keys.spki);
    if (publicKey === undefined) throw new Error('not imported');
    expect(verifyWithKey(publicKey, message, Buffer.from(result.out[0] ?? '', 'base64url'))).toBe(true);
  });

  it('reads an encrypted key with --passphrase', () => {
    const { privateKey } = generateKeyPairSync('ec', {
      namedCurve: 'SM2',
      privateKeyEncoding: { type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'secret' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    const args = ['--key', 'k.pem', '--challenge', Buffer.from(message).toString('base64url')];
    expect(run([...args, '--passphrase', 'secret'], { 'k.pem': privateKey }).code).toBe(0);
    expect(run(args, { 'k.pem': privateKey }).code).toBe(2);
  });

  it.each<KeyAlgorithm>(['RSA', 'SM2'])(
    "with --cert, checks that the %s key is the certificate's before printing a signature",
    (algorithm) => {
      const root = createTestRootCa({ algorithm, now: NOW });
      const leaf = root.issueIntermediate().issueLeaf();
      const other = { keys: generateTestKeyPair(algorithm) };
      const args = [
        '--key',
        'key.pem',
        '--cert',
        'cert.pem',
        '--challenge',
        Buffer.from(message).toString('base64url'),
      ];
      const matching = run(args, { 'key.pem': leaf.keys.privateKeyPem, 'cert.pem': leaf.pem });
      expect(matching.code).toBe(0);
      expect(matching.err).toContain('Key and certificate match');
      expect(matching.out).toHaveLength(1);
      const mismatched = run(args, { 'key.pem': other.keys.privateKeyPem, 'cert.pem': leaf.pem });
      expect(mismatched.code).toBe(2);
      expect(mismatched.out).toEqual([]);
      expect(mismatched.err).toContain('does not belong to the certificate');
      expect(run(args, { 'key.pem': leaf.keys.privateKeyPem, 'cert.pem': 'not a certificate' }).err).toContain(
        'no readable certificate',
      );
    },
  );

  it('refuses to sign anything that is not a sign-in challenge', () => {
    const keys = testKeyPair('SM2');
    const result = run(
      ['--key', 'key.pem', '--challenge', Buffer.from('transfer all the money').toString('base64url')],
      {
        'key.pem': keys.privateKeyPem,
      },
    );
    expect(result.code).toBe(2);
    expect(result.out).toEqual([]);
    expect(result.err).toContain('not a sign-in challenge');
  });

  it('explains usage, a missing key file and an unsupported key', () => {
    expect(run([]).err).toContain('usage:');
    expect(run(['--bogus']).code).toBe(2);
    const challenge = Buffer.from(message).toString('base64url');
    expect(run(['--key', 'missing.pem', '--challenge', challenge]).err).toContain('Cannot read the private key');
    const p384 = generateKeyPairSync('ec', { namedCurve: 'secp384r1' }).privateKey.export({
      type: 'pkcs8',
      format: 'pem',
    });
    expect(run(['--key', 'k.pem', '--challenge', challenge], { 'k.pem': p384.toString() }).err).toContain('not RSA');
  });
});
