import { calculateJwkThumbprint } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { createKeySet } from './create-key-set.ts';
import { KeySetInvalidError, RotationTooEarlyError } from './errors.ts';
import type { KeySet, SigningAlgorithm, SigningKeyState } from './key-set.ts';
import { rotateKeySet } from './rotate-key-set.ts';

const DAY = 86_400;
const at = (day: number) => new Date(Date.UTC(2026, 0, 1 + day));
const only = (set: KeySet, alg: SigningAlgorithm, state: SigningKeyState) =>
  set.keys.filter((key) => key.alg === alg && key.state === state);

describe('createKeySet', () => {
  let set: KeySet;
  beforeAll(async () => {
    set = await createKeySet(at(0));
  });

  it('holds one current and one next key per algorithm, and two cookie keys', () => {
    for (const alg of ['ES256', 'RS256'] as const) {
      expect(only(set, alg, 'current')).toHaveLength(1);
      expect(only(set, alg, 'next')).toHaveLength(1);
    }
    expect(set.keys).toHaveLength(4);
    expect(set.cookieKeys).toHaveLength(2);
    expect(set.version).toBe(1);
  });

  it('names every key by its RFC 7638 thumbprint', async () => {
    for (const key of set.keys) expect(key.kid).toBe(await calculateJwkThumbprint(key.privateJwk, 'sha256'));
  });

  it('generates P-256 keys for ES256 and 2048-bit RSA keys for RS256', () => {
    for (const key of only(set, 'ES256', 'current')) expect(key.privateJwk).toMatchObject({ kty: 'EC', crv: 'P-256' });
    for (const key of only(set, 'RS256', 'current')) {
      expect(key.privateJwk.kty).toBe('RSA');
      expect(Buffer.from(key.privateJwk.n ?? '', 'base64url').length * 8).toBe(2048);
    }
  });

  it('marks the current keys active from creation, and makes 32-byte cookie keys', () => {
    for (const key of set.keys.filter((key) => key.state === 'current'))
      expect(key.activatedAt).toBe(at(0).toISOString());
    for (const key of set.cookieKeys) expect(Buffer.from(key.value, 'base64url')).toHaveLength(32);
    expect(set.cookieKeys[0]?.value).not.toBe(set.cookieKeys[1]?.value);
  });

  it('survives JSON serialisation unchanged', () => {
    expect(JSON.parse(JSON.stringify(set))).toEqual(set);
  });
});

describe('rotateKeySet', () => {
  let initial: KeySet;
  let rotated: KeySet;
  beforeAll(async () => {
    initial = await createKeySet(at(0));
    rotated = await rotateKeySet(initial, at(30), { retentionSeconds: DAY });
  });

  it.each(['ES256', 'RS256'] as const)('%s: next becomes current, current becomes retired, a fresh next', (alg) => {
    const [formerCurrent] = only(initial, alg, 'current');
    const [formerNext] = only(initial, alg, 'next');
    expect(only(rotated, alg, 'current')).toEqual([
      { ...formerNext, state: 'current', activatedAt: at(30).toISOString() },
    ]);
    expect(only(rotated, alg, 'retired')).toEqual([
      { ...formerCurrent, state: 'retired', retiredAt: at(30).toISOString() },
    ]);
    const [next] = only(rotated, alg, 'next');
    expect(next?.createdAt).toBe(at(30).toISOString());
    expect(initial.keys.map((key) => key.kid)).not.toContain(next?.kid);
  });

  it('keeps a retired key for the retention period and drops it after', async () => {
    const retiredAtDay30 = only(rotated, 'ES256', 'retired')[0]?.kid;
    const withinRetention = await rotateKeySet(rotated, new Date(at(31).getTime() - 1000), { retentionSeconds: DAY });
    expect(withinRetention.keys.map((key) => key.kid)).toContain(retiredAtDay30);
    const exactlyAtRetention = await rotateKeySet(rotated, at(31), { retentionSeconds: DAY });
    expect(exactlyAtRetention.keys.map((key) => key.kid)).toContain(retiredAtDay30);
    const pastRetention = await rotateKeySet(rotated, new Date(at(31).getTime() + 1000), { retentionSeconds: DAY });
    expect(pastRetention.keys.map((key) => key.kid)).not.toContain(retiredAtDay30);
    expect(only(pastRetention, 'ES256', 'retired')).toHaveLength(1);
  });

  it('prepends a new cookie key and keeps at most three, newest first', async () => {
    expect(rotated.cookieKeys).toHaveLength(3);
    expect(rotated.cookieKeys.slice(1)).toEqual(initial.cookieKeys);
    const again = await rotateKeySet(rotated, at(31), { retentionSeconds: DAY });
    expect(again.cookieKeys).toHaveLength(3);
    expect(again.cookieKeys.slice(1)).toEqual(rotated.cookieKeys.slice(0, 2));
  });

  it('leaves its input untouched', async () => {
    const copy = structuredClone(initial);
    await rotateKeySet(initial, at(1), { retentionSeconds: DAY });
    expect(initial).toEqual(copy);
  });

  it('refuses to promote a next key published for less than the minimum', async () => {
    const options = { retentionSeconds: DAY, minimumNextAgeSeconds: 3_600 };
    await expect(rotateKeySet(rotated, new Date(at(30).getTime() + 3_599_000), options)).rejects.toThrow(
      RotationTooEarlyError,
    );
    await expect(rotateKeySet(rotated, new Date(at(30).getTime() + 3_600_000), options)).resolves.toBeDefined();
  });

  it('rejects a retention that is not a positive whole number of seconds', async () => {
    for (const retentionSeconds of [0, -1, 1.5, Number.NaN]) {
      await expect(rotateKeySet(initial, at(1), { retentionSeconds })).rejects.toThrow(RangeError);
    }
  });

  it('rejects a key set without exactly one current key per algorithm', async () => {
    const broken = {
      ...initial,
      keys: initial.keys.filter((key) => !(key.alg === 'RS256' && key.state === 'current')),
    };
    await expect(rotateKeySet(broken, at(1), { retentionSeconds: DAY })).rejects.toThrow(KeySetInvalidError);
  });
});
