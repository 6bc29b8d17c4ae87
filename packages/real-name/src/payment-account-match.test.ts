import { describe, expect, it } from 'vitest';
import { matchPaymentAccount } from './payment-account-match.ts';
import type { PaymentAccountIdentity } from './payment-account-verifier.ts';

// A stand-in for the vault's keyed hash: kind-bound, deterministic; equality is all the rule uses.
const index = (kind: 'citizen-id' | 'name', value: string) => `${kind}:${value}`;
const today = new Date('2026-11-23T00:00:00Z');
const claim = { citizenIndex: index('citizen-id', '110105199003070113'), nameIndex: index('name', '张三') };
const certified: PaymentAccountIdentity = {
  accountId: '2088000000000101',
  certified: true,
  certType: '0',
  certNo: '110105199003070113',
  name: '张三',
};

describe('matchPaymentAccount', () => {
  it('matches a certified account with the claimed number and name', () => {
    expect(matchPaymentAccount(claim, certified, index, today)).toEqual({
      result: 'match',
      citizenId: '110105199003070113',
      name: '张三',
    });
  });

  it('compares after normalisation: lower-case x, full-width digits, spaces between Han characters', () => {
    const x = { citizenIndex: index('citizen-id', '44030519781130035X'), nameIndex: index('name', '王五') };
    const answer = { ...certified, certNo: '４４0305197811300３5x', name: ' 王 五 ' };
    expect(matchPaymentAccount(x, answer, index, today).result).toBe('match');
  });

  it('is a mismatch when the name differs', () => {
    expect(matchPaymentAccount(claim, { ...certified, name: '张叁' }, index, today)).toEqual({ result: 'mismatch' });
  });

  it('is a mismatch when the number differs', () => {
    const other = { ...certified, certNo: '310104198506150234' };
    expect(matchPaymentAccount(claim, other, index, today).result).toBe('mismatch');
  });

  it('is a mismatch when the number has a wrong check digit, even if it equals the claim as text', () => {
    const wrong = '110105199003070114';
    const sameText = { ...claim, citizenIndex: index('citizen-id', wrong) };
    expect(matchPaymentAccount(sameText, { ...certified, certNo: wrong }, index, today).result).toBe('mismatch');
  });

  it('is a mismatch when the wallet sends no name or number at all', () => {
    const { name: _n, certNo: _c, ...bare } = certified;
    expect(matchPaymentAccount(claim, bare, index, today).result).toBe('mismatch');
  });

  it('is not certified when the wallet says so, whatever else it sends', () => {
    expect(matchPaymentAccount(claim, { ...certified, certified: false }, index, today).result).toBe('not_certified');
  });

  it('is not certified when certified with another document than the resident ID card', () => {
    expect(matchPaymentAccount(claim, { ...certified, certType: '1' }, index, today).result).toBe('not_certified');
  });
});
