import { describe, expect, it } from 'vitest';
import {
  ACR,
  ACR_VALUES,
  acrOf,
  amrOf,
  LADDER,
  type Level,
  levelOf,
  levelOfAcr,
  METHODS,
  type Method,
  missingMethodsFor,
} from './assurance-levels.ts';

/** Every subset of the six methods. */
const ALL_SETS: Method[][] = Array.from({ length: 1 << METHODS.length }, (_, mask) =>
  METHODS.filter((_, bit) => mask & (1 << bit)),
);

/**
 * The ladder in words (README), written independently of the table in `assurance-levels.ts`:
 * L1 an authenticator; L2 and identity evidence; L3 the identity bound to the SMS-proved phone by the carrier, or two
 * independent pieces of evidence; L4 an enterprise certificate, or the carrier binding plus a payment account.
 */
const levelInWords = (methods: readonly Method[]): Level => {
  const has = (method: Method) => methods.includes(method);
  const authenticated = has('sms') || has('alipay') || has('wechat') || has('enterprise_cert');
  const evidence = (['id_name', 'carrier_3f', 'alipay', 'wechat'] as const).filter(has).length;
  if (!authenticated) return 0;
  if (has('enterprise_cert')) return 4;
  if (has('sms') && has('carrier_3f') && (has('alipay') || has('wechat'))) return 4;
  if ((has('sms') && has('carrier_3f')) || evidence >= 2) return 3;
  if (evidence >= 1) return 2;
  return 1;
};

describe('levelOf', () => {
  it.each(ALL_SETS.map((set) => [set.join('+') || '(none)', set] as const))('%s', (_, set) => {
    expect(levelOf(set)).toBe(levelInWords(set));
  });

  it('never lowers a level when a method is added', () => {
    for (const set of ALL_SETS) {
      for (const method of METHODS) expect(levelOf([...set, method])).toBeGreaterThanOrEqual(levelOf(set));
    }
  });

  it('lists, for every rung, only combinations that also reach the rung below', () => {
    for (const level of [2, 3, 4] as const) {
      for (const combination of LADDER[level]) expect(levelOf(combination)).toBeGreaterThanOrEqual(level);
      for (const combination of LADDER[level]) {
        expect(LADDER[(level - 1) as 1 | 2 | 3].some((lower) => lower.every((m) => combination.includes(m)))).toBe(
          true,
        );
      }
    }
  });

  it('reads the examples of the README', () => {
    expect(levelOf([])).toBe(0);
    expect(levelOf(['id_name', 'carrier_3f'])).toBe(0);
    expect(levelOf(['sms'])).toBe(1);
    expect(levelOf(['sms', 'id_name'])).toBe(2);
    expect(levelOf(['alipay'])).toBe(2);
    expect(levelOf(['sms', 'carrier_3f'])).toBe(3);
    expect(levelOf(['sms', 'id_name', 'wechat'])).toBe(3);
    expect(levelOf(['sms', 'carrier_3f', 'alipay'])).toBe(4);
    expect(levelOf(['enterprise_cert'])).toBe(4);
  });
});

describe('acr values', () => {
  it('are four ordered URNs, and each names its level', () => {
    expect(ACR_VALUES).toEqual([
      'urn:platform:loa:1',
      'urn:platform:loa:2',
      'urn:platform:loa:3',
      'urn:platform:loa:4',
    ]);
    for (const level of [1, 2, 3, 4] as const) expect(levelOfAcr(acrOf(level))).toBe(level);
    expect(levelOfAcr('urn:platform:loa:5')).toBeUndefined();
    expect(levelOfAcr(ACR[2].toUpperCase())).toBeUndefined();
  });
});

describe('amrOf', () => {
  it('uses RFC 8176 values where they exist, in ladder order, each once', () => {
    expect(amrOf(['enterprise_cert', 'sms', 'id_name'])).toEqual(['sms', 'id_name', 'pop']);
    expect(amrOf(['carrier_3f', 'wechat', 'alipay'])).toEqual(['carrier_3f', 'alipay', 'wechat']);
  });
});

describe('missingMethodsFor', () => {
  it('offers the single methods that step a phone sign-in up to level 2', () => {
    expect(missingMethodsFor(['sms'], 2)).toEqual([
      ['id_name'],
      ['carrier_3f'],
      ['alipay'],
      ['wechat'],
      ['enterprise_cert'],
    ]);
  });

  it('offers minimal combinations, fewest methods first, and nothing already held', () => {
    expect(missingMethodsFor(['sms'], 3)).toEqual([
      ['carrier_3f'],
      ['enterprise_cert'],
      ['id_name', 'alipay'],
      ['id_name', 'wechat'],
      ['alipay', 'wechat'],
    ]);
    expect(missingMethodsFor(['sms', 'id_name'], 3)).toEqual([
      ['carrier_3f'],
      ['alipay'],
      ['wechat'],
      ['enterprise_cert'],
    ]);
  });

  it('keeps to the methods available, and says when none reach the level', () => {
    const citizen: Method[] = ['sms', 'id_name', 'carrier_3f', 'alipay', 'wechat'];
    expect(missingMethodsFor(['sms', 'id_name'], 4, citizen)).toEqual([
      ['carrier_3f', 'alipay'],
      ['carrier_3f', 'wechat'],
    ]);
    expect(missingMethodsFor(['sms'], 4, ['sms', 'id_name'])).toEqual([]);
  });

  it('needs nothing when the level is reached', () => {
    expect(missingMethodsFor(['sms', 'carrier_3f'], 3)).toEqual([[]]);
  });

  it('every option reaches the target, and no option contains another (all sets, all targets)', () => {
    for (const set of ALL_SETS) {
      for (const target of [1, 2, 3, 4] as const) {
        const options = missingMethodsFor(set, target);
        for (const option of options) {
          expect(levelOf([...set, ...option])).toBeGreaterThanOrEqual(target);
          expect(option.some((method) => set.includes(method))).toBe(false);
          for (const other of options) {
            if (other !== option) expect(other.every((method) => option.includes(method))).toBe(false);
          }
        }
      }
    }
  });
});
