import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskCitizenId, maskName, maskPhone, maskUscc } from './masking.ts';

describe('masking for pages', () => {
  it('masks a citizen ID number to its region prefix and last four', () => {
    expect(maskCitizenId('11010519491231002X')).toBe('110***********002X');
  });

  it('masks a mobile number to its carrier prefix and last four', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });

  it('masks a USCC to its first two and last four characters', () => {
    expect(maskUscc('91110000600037341L')).toBe('91************341L');
  });

  it('keeps the surname of a name and hides the rest', () => {
    expect(maskName('张三丰')).toBe('张**');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('王')).toBe('*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('')).toBe('');
  });

  it('counts characters, not UTF-16 units, so rare ideographs are never split', () => {
    expect(maskName('𠀋三')).toBe('𠀋*');
    expect(maskName('张𠀋')).toBe('张*');
  });

  it('masks a value too short to hide four characters entirely', () => {
    expect(maskPhone('1381234')).toBe('*******');
    expect(maskCitizenId('1101051')).toBe('*******');
    expect(maskUscc('91110')).toBe('*****');
  });

  it('keeps the length and never shows more than the ends, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-ascii', maxLength: 40 }), (value) => {
        for (const [mask, start, end] of [
          [maskCitizenId, 3, 4],
          [maskPhone, 3, 4],
          [maskUscc, 2, 4],
        ] as const) {
          const masked = mask(value);
          expect(masked).toHaveLength(value.length);
          const hidden = masked.length - start - end;
          if (hidden >= 4) expect(masked.slice(start, start + hidden)).toBe('*'.repeat(hidden));
          else expect(masked).toBe('*'.repeat(value.length));
        }
      }),
    );
  });
});
