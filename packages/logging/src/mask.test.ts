import { describe, expect, it } from 'vitest';
import { maskPersonalData } from './mask.ts';

describe('maskPersonalData', () => {
  it('masks a citizen ID number, keeping only region prefix and the last four characters', () => {
    expect(maskPersonalData('id=11010519491231002X ok')).toBe('id=110***********002X ok');
    expect(maskPersonalData('"440524188001010014"')).toBe('"440***********0014"');
  });

  it('masks a mainland mobile number', () => {
    expect(maskPersonalData('sms to 13812345678.')).toBe('sms to 138****5678.');
  });

  it('leaves longer digit runs such as 20-digit payment codes and amounts alone', () => {
    expect(maskPersonalData('code 33010012345678901234 amount 12345')).toBe('code 33010012345678901234 amount 12345');
  });

  it('masks several identifiers in one line', () => {
    const masked = maskPersonalData('11010519491231002X,13912345678');
    expect(masked).not.toContain('11010519491231002X');
    expect(masked).not.toContain('13912345678');
  });
});
