import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SealedValueError } from './errors.ts';
import { LocalKeyWrapper } from './local-key-wrapper.ts';
import { PERSONAL_DATA_KINDS, type PersonalDataKind } from './personal-data-kind.ts';
import { PersonalDataVault } from './personal-data-vault.ts';
import type { SealedValue } from './sealed-value.ts';

const newVault = (masterKey = randomBytes(32), indexKey = randomBytes(32)) =>
  new PersonalDataVault({ keyWrapper: new LocalKeyWrapper(masterKey), indexKey });

const kind = fc.constantFrom(...PERSONAL_DATA_KINDS);
const cjk = fc
  .array(fc.integer({ min: 0x4e00, max: 0x9fff }), { maxLength: 12 })
  .map((points) => String.fromCodePoint(...points));
const anyText = fc.oneof(fc.string({ unit: 'binary' }), cjk, fc.string({ unit: 'grapheme' }));
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

const rejection = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(SealedValueError);
  return error as SealedValueError;
};

describe('PersonalDataVault: sealing', () => {
  const vault = newVault();

  it('opens what it sealed, for any string of any kind (CJK and astral characters included)', async () => {
    await fc.assert(
      fc.asyncProperty(kind, anyText, async (k, text) => {
        expect(await vault.open(await vault.seal(k, text), k)).toBe(text);
      }),
    );
  });

  it('seals examples of each kind', async () => {
    const examples: [PersonalDataKind, string][] = [
      ['citizen-id', '11010519491231002X'],
      ['phone', '13812345678'],
      ['uscc', '91110000600037341L'],
      ['name', '阿依古丽·买买提'],
    ];
    for (const [k, text] of examples) {
      const sealed = await vault.seal(k, text);
      expect(sealed).toMatch(new RegExp(`^v1\\.${k}\\.[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+){3}$`));
      expect(sealed).not.toContain(text);
      expect(await vault.open(sealed)).toBe(text);
    }
  });

  it('never seals the same value to the same string', async () => {
    const values = await Promise.all([1, 2, 3].map(() => vault.seal('phone', '13812345678')));
    expect(new Set(values).size).toBe(3);
  });

  it('detects a change to any character of any part', async () => {
    const sealed = await vault.seal('citizen-id', '11010519491231002X');
    await fc.assert(
      fc.asyncProperty(fc.nat(sealed.length - 1), fc.constantFrom(...BASE64URL, '.', 'x'), async (at, replacement) => {
        fc.pre(sealed[at] !== replacement);
        const tampered = `${sealed.slice(0, at)}${replacement}${sealed.slice(at + 1)}` as SealedValue;
        await rejection(vault.open(tampered));
      }),
      { numRuns: 300 },
    );
  });

  it('detects a changed kind, and a swapped data key or ciphertext between two values', async () => {
    const [a, b] = await Promise.all([vault.seal('phone', '13812345678'), vault.seal('phone', '13912345678')]);
    const partsA = a.split('.');
    const partsB = b.split('.');
    expect((await rejection(vault.open(a.replace('.phone.', '.name.') as SealedValue))).problem).toBe('tampered');
    const swappedKey = [...partsA.slice(0, 3), partsB[3], ...partsA.slice(4)].join('.') as SealedValue;
    expect((await rejection(vault.open(swappedKey))).problem).toBe('tampered');
    const swappedCiphertext = [...partsA.slice(0, 5), partsB[5]].join('.') as SealedValue;
    expect((await rejection(vault.open(swappedCiphertext))).problem).toBe('tampered');
  });

  it('refuses an authentic value of another kind when the caller says what it expects', async () => {
    const phone = await vault.seal('phone', '13812345678');
    expect((await rejection(vault.open(phone, 'citizen-id'))).problem).toBe('wrong-kind');
  });

  it('reports values sealed under another master key as unknown-key, and malformed input as malformed', async () => {
    const foreign = await newVault().seal('phone', '13812345678');
    expect((await rejection(vault.open(foreign))).problem).toBe('unknown-key');
    for (const junk of [
      '',
      'v1',
      'v2.phone.a.b.c.d',
      'v1.phone.a.b.c',
      '13812345678',
      'v1.email.AA.AA.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA',
    ]) {
      expect((await rejection(vault.open(junk as SealedValue))).problem).toBe('malformed');
    }
  });

  it('opens values sealed under a previous master key, and says they need re-sealing', async () => {
    const oldKey = randomBytes(32);
    const indexKey = randomBytes(32);
    const old = await newVault(oldKey, indexKey).seal('citizen-id', '11010519491231002X');
    const rotated = new PersonalDataVault({
      keyWrapper: new LocalKeyWrapper(randomBytes(32)),
      previousKeyWrappers: [new LocalKeyWrapper(oldKey)],
      indexKey,
    });
    expect(await rotated.open(old)).toBe('11010519491231002X');
    expect(rotated.needsResealing(old)).toBe(true);
    expect(rotated.needsResealing(await rotated.seal('citizen-id', '11010519491231002X'))).toBe(false);
  });

  it('refuses strings that UTF-8 cannot carry (lone surrogates) and unknown kinds', async () => {
    await expect(vault.seal('name', 'a\uD800b')).rejects.toThrow(TypeError);
    await expect(vault.seal('email' as PersonalDataKind, 'a@b.c')).rejects.toThrow(TypeError);
  });
});

describe('PersonalDataVault: blind index', () => {
  const vault = newVault();

  it('is deterministic per kind and differs across kinds', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), kind, kind, (value, k1, k2) => {
        expect(vault.blindIndex(k1, value)).toBe(vault.blindIndex(k1, value));
        if (k1 !== k2) expect(vault.blindIndex(k1, value)).not.toBe(vault.blindIndex(k2, value));
      }),
    );
  });

  it('differs for different normalised values', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.stringMatching(/^1[3-9]\d{9}$/), { minLength: 2, maxLength: 2 }), ([a, b]) => {
        expect(vault.blindIndex('phone', a as string)).not.toBe(vault.blindIndex('phone', b as string));
      }),
    );
  });

  it('depends on the index key', () => {
    expect(newVault().blindIndex('phone', '13812345678')).not.toBe(vault.blindIndex('phone', '13812345678'));
  });

  it('finds a value typed differently from the stored one', () => {
    const stored = vault.blindIndex('citizen-id', '11010519491231002X');
    expect(vault.blindIndex('citizen-id', ' 11010519491231002x ')).toBe(stored);
    expect(vault.blindIndex('citizen-id', '１１０１０５１９４９１２３１００２Ｘ')).toBe(stored);
    expect(vault.blindIndex('phone', '+86 138-1234-5678')).toBe(vault.blindIndex('phone', '13812345678'));
  });

  it('is a 256-bit base64url string, and compares in constant time', () => {
    const index = vault.blindIndex('phone', '13812345678');
    expect(index).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(vault.blindIndexMatches('phone', '13812345678', index)).toBe(true);
    expect(vault.blindIndexMatches('phone', '13912345678', index)).toBe(false);
    expect(vault.blindIndexMatches('phone', '13812345678', index.slice(0, 20))).toBe(false);
  });

  it('rejects keys that are not 32 bytes', () => {
    expect(() => newVault(randomBytes(32), randomBytes(16))).toThrow(RangeError);
    expect(() => newVault(randomBytes(31))).toThrow(RangeError);
  });
});
