import { generateCitizenId } from '@platform/identifiers';
import { describe, expect, it } from 'vitest';
import { parseDueDate } from './due-date.ts';
import { parseNoticeRequest } from './notice-request.ts';
import { createStaticItemCatalogue } from './static-item-catalogue.ts';

const NOW = new Date('2025-03-01T02:00:00Z');
const catalogue = createStaticItemCatalogue();
const context = { departmentId: 'bj-public-security', catalogue, now: NOW };
const citizenId = generateCitizenId();
const mistypedCitizenId = `${citizenId.slice(0, 17)}${citizenId.endsWith('0') ? '1' : '0'}`;
const valid = {
  itemCode: '103050101',
  payer: { kind: 'natural-person', idNumber: citizenId, name: '张三' },
  amountFen: 20_000,
  dueDate: '2025-03-15',
  description: '道路交通安全违法行为罚款',
  metadata: { decisionNumber: '110105-2025-000123' },
};

describe('parseNoticeRequest', () => {
  it('returns the checked request with its item and due instant', async () => {
    const request = await parseNoticeRequest(valid, context);
    expect(request).toMatchObject({
      departmentId: 'bj-public-security',
      item: { itemCode: '103050101', regionCode: '110000' },
      amountFen: 20_000,
      dueDate: '2025-03-15',
      dueAt: '2025-03-15T16:00:00.000Z',
      metadata: { decisionNumber: '110105-2025-000123' },
    });
  });

  it.each([
    [{ amountFen: '200' }, 'amount_not_integer', 'amountFen'],
    [{ amountFen: -1 }, 'amount_not_positive', 'amountFen'],
    [{ amountFen: 1e12 }, 'amount_too_large', 'amountFen'],
    [{ amountFen: 1_000 }, 'amount_outside_item_range', 'amountFen'],
    [{ itemCode: '999999999' }, 'unknown_item_code', 'itemCode'],
    [{ itemCode: 103050101 }, 'unknown_item_code', 'itemCode'],
    [{ itemCode: '103041601' }, 'item_not_for_department', 'itemCode'],
    [
      { payer: { kind: 'natural-person', idNumber: mistypedCitizenId, name: '张三' } },
      'citizen_id_check_digit',
      'payer.idNumber',
    ],
    [{ dueDate: '2025-02-30' }, 'invalid_due_date', 'dueDate'],
    [{ dueDate: '2025-02-28' }, 'due_date_in_past', 'dueDate'],
    [{ description: '' }, 'invalid_description', 'description'],
    [{ metadata: { 'bad key': 'x' } }, 'invalid_metadata', 'metadata'],
    [{ metadata: { n: 1 } }, 'invalid_metadata', 'metadata'],
  ])('refuses %j with its code and field', async (change, code, field) => {
    const refusal = parseNoticeRequest({ ...valid, ...change }, context);
    await expect(refusal).rejects.toMatchObject({ field, ...(code ? { code } : {}) });
  });

  it('refuses a body that is not an object at its first field', async () => {
    await expect(parseNoticeRequest('nonsense', context)).rejects.toMatchObject({ code: 'amount_not_integer' });
  });
});

describe('parseDueDate', () => {
  it('accepts today in China even when it is still yesterday in UTC', () => {
    // 2025-03-01T20:00Z is 2025-03-02 04:00 in Beijing.
    expect(parseDueDate('2025-03-02', new Date('2025-03-01T20:00:00Z')).dueAt).toBe('2025-03-02T16:00:00.000Z');
    expect(() => parseDueDate('2025-03-01', new Date('2025-03-01T20:00:00Z'))).toThrow(
      expect.objectContaining({ code: 'due_date_in_past' }),
    );
  });
});
