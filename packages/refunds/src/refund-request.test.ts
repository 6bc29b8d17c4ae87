import { describe, expect, it } from 'vitest';
import { coversRegion, type OfficerGrantInput, parseOfficerGrant } from './finance-officer.ts';
import { isRefundId, newRefundId, parseRefundRequest } from './refund-request.ts';

describe('a refund request', () => {
  it('takes an amount in integer fen and a reason, and draws a refund id fit for every channel', () => {
    const request = parseRefundRequest({ amountFen: 3_000, reason: ' 多缴退费 ' });
    expect(request).toMatchObject({ amountFen: 3_000, reason: '多缴退费' });
    expect(request.refundId).toMatch(/^RF[0-9A-F]{30}$/);
    expect(isRefundId(newRefundId())).toBe(true);
  });

  it('refuses bad amounts with the notices package codes, and bad ids and reasons with its own', () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ amountFen: 0 }, 'amount_not_positive', 'amountFen'],
      [{ amountFen: -5 }, 'amount_not_positive', 'amountFen'],
      [{ amountFen: 1.5 }, 'amount_not_integer', 'amountFen'],
      [{ amountFen: '100' }, 'amount_not_integer', 'amountFen'],
      [{ amountFen: 100_000_000_001 }, 'amount_too_large', 'amountFen'],
      [{ reason: '' }, 'invalid_refund_reason', 'reason'],
      [{ reason: 'x'.repeat(81) }, 'invalid_refund_reason', 'reason'],
      [{ refundId: 'RF#1' }, 'invalid_refund_id', 'refundId'],
      [{ refundId: 'x'.repeat(33) }, 'invalid_refund_id', 'refundId'],
      [{ refundId: '-leading' }, 'invalid_refund_id', 'refundId'],
    ];
    for (const [change, code, field] of cases) {
      expect(() => parseRefundRequest({ amountFen: 100, reason: '退费', ...change }), code).toThrow(
        expect.objectContaining({ code, field }),
      );
    }
  });
});

describe('a finance officer', () => {
  it('is granted with a valid ID number, a name, a region and known roles', () => {
    expect(
      parseOfficerGrant({
        idNumber: '11010519491231002x',
        name: '张三',
        regionCode: '110000',
        roles: ['refund_approver'],
      }),
    ).toMatchObject({ idNumber: '11010519491231002X', regionCode: '110000' });
    const valid: OfficerGrantInput = {
      idNumber: '11010519491231002X',
      name: '张三',
      regionCode: '110000',
      roles: ['refund_approver'],
    };
    const cases: [OfficerGrantInput, string][] = [
      [{ idNumber: '110105194912310021' }, 'idNumber'],
      [{ name: '' }, 'name'],
      [{ regionCode: '990000' }, 'regionCode'],
      [{ roles: ['admin'] }, 'roles'],
      [{ roles: [] }, 'roles'],
    ];
    for (const [change, field] of cases) {
      expect(() => parseOfficerGrant({ ...valid, ...change })).toThrow(
        expect.objectContaining({ code: 'invalid_officer', field }),
      );
    }
  });

  it('oversees the regions under their bureau', () => {
    expect(coversRegion('110000', '110105')).toBe(true);
    expect(coversRegion('110100', '110105')).toBe(true);
    expect(coversRegion('110105', '110105')).toBe(true);
    expect(coversRegion('110105', '110106')).toBe(false);
    expect(coversRegion('310000', '110105')).toBe(false);
  });
});
