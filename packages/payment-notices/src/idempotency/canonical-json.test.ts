import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.ts';
import { requestHash } from './request-hash.ts';

/** The same members in a random order. */
const shuffled = (value: unknown, seed: number): unknown => {
  if (Array.isArray(value)) return value.map((element) => shuffled(element, seed));
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value);
  const rotated = entries.map((_, i) => entries[(i + seed) % entries.length] as [string, unknown]);
  return Object.fromEntries(rotated.map(([key, member]) => [key, shuffled(member, seed)]));
};

describe('canonicalJson', () => {
  it('sorts members and drops white space', () => {
    expect(canonicalJson({ b: 1, a: [1, { d: null, c: 'x' }] })).toBe('{"a":[1,{"c":"x","d":null}],"b":1}');
  });

  it('refuses what JSON can not carry instead of guessing', () => {
    for (const value of [
      undefined,
      Number.NaN,
      1n,
      () => 1,
      new Date(0),
      [undefined],
      { a: Number.POSITIVE_INFINITY },
    ]) {
      expect(() => canonicalJson(value)).toThrow(TypeError);
    }
  });

  it('treats a member set to undefined as absent, as JSON.stringify does', () => {
    expect(canonicalJson({ a: 1, b: undefined })).toBe(canonicalJson({ a: 1 }));
  });

  it('property: member order never changes the hash, and the canonical form parses back to the value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(10), (value, seed) => {
        expect(requestHash(shuffled(value, seed))).toBe(requestHash(value));
        expect(canonicalJson(JSON.parse(canonicalJson(value)))).toBe(canonicalJson(value));
      }),
    );
  });

  it('property: different values hash differently', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        fc.pre(canonicalJson(a) !== canonicalJson(b));
        expect(requestHash(a)).not.toBe(requestHash(b));
      }),
    );
  });
});
