import { generateCitizenId, generateUscc } from '@platform/identifiers';
import { describe, expect, it } from 'vitest';
import { parsePayer } from './payer.ts';
import { maskIdentifier, maskPayerName } from './payer-masking.ts';

const TODAY = new Date('2025-03-01T00:00:00Z');
const citizenId = generateCitizenId({ region: '110105', birthDate: '1985-06-15', sequence: 23 });
const uscc = generateUscc();

describe('parsePayer', () => {
  it('accepts a natural person by citizen ID number, normalising its spelling and the name', () => {
    expect(parsePayer({ kind: 'natural-person', idNumber: citizenId.toLowerCase(), name: ' 张  三 ' }, TODAY)).toEqual({
      kind: 'natural-person',
      citizenId,
      name: '张 三',
    });
  });

  it('accepts a legal person by USCC', () => {
    expect(parsePayer({ kind: 'legal-person', uscc, name: '北京某某科技有限公司' }, TODAY)).toEqual({
      kind: 'legal-person',
      uscc,
      name: '北京某某科技有限公司',
    });
  });

  it("keeps the identifier package's own code and Chinese message for a bad ID number or USCC", () => {
    const wrongCheck = `${citizenId.slice(0, 17)}${citizenId.endsWith('0') ? '1' : '0'}`;
    expect(() => parsePayer({ kind: 'natural-person', idNumber: wrongCheck, name: '张三' }, TODAY)).toThrow(
      expect.objectContaining({
        code: 'citizen_id_check_digit',
        field: 'payer.idNumber',
        messageZh: expect.any(String),
      }),
    );
    expect(() => parsePayer({ kind: 'legal-person', uscc: `${uscc.slice(0, 17)}Z`, name: 'x' }, TODAY)).toThrow(
      expect.objectContaining({ field: 'payer.uscc', code: expect.stringMatching(/^uscc_/) }),
    );
    expect(() => parsePayer({ kind: 'natural-person', uscc, name: '张三' }, TODAY)).toThrow(
      expect.objectContaining({ code: 'citizen_id_format' }),
    );
  });

  it('refuses an unknown kind, a missing payer and bad names', () => {
    expect(() => parsePayer({ kind: 'alien', idNumber: citizenId, name: 'x' }, TODAY)).toThrow(
      expect.objectContaining({ code: 'invalid_payer', field: 'payer.kind' }),
    );
    expect(() => parsePayer(undefined, TODAY)).toThrow(
      expect.objectContaining({ code: 'invalid_payer', field: 'payer' }),
    );
    for (const name of ['', '   ', 'a'.repeat(101), 'x\u0000y', 42]) {
      expect(() => parsePayer({ kind: 'natural-person', idNumber: citizenId, name }, TODAY)).toThrow(
        expect.objectContaining({ code: 'invalid_payer_name', field: 'payer.name' }),
      );
    }
  });
});

describe('payer masking', () => {
  it('keeps the region prefix and last four of an ID number, the authority code and last four of a USCC', () => {
    expect(maskIdentifier('citizen-id', '11010519491231002X')).toBe('110***********002X');
    expect(maskIdentifier('uscc', '91110000600037341L')).toBe('91************341L');
  });

  it("keeps a person's surname and an organisation's first and last two characters", () => {
    expect(maskPayerName('citizen-id', '张三丰')).toBe('张**');
    expect(maskPayerName('citizen-id', '王')).toBe('*');
    expect(maskPayerName('uscc', '北京某某科技有限公司')).toBe('北京******公司');
    expect(maskPayerName('uscc', '某公司')).toBe('***');
  });
});
