import { describe, expect, it } from 'vitest';
import { CSV_BOM, csvLines, csvRow, yuan } from './csv.ts';

describe('CSV for Excel', () => {
  it('quotes by RFC 4180 and ends rows with CRLF', () => {
    expect(csvRow(['plain', 'a,b', 'say "hi"', 'two\nlines', 12, undefined])).toBe(
      'plain,"a,b","say ""hi""","two\nlines",12,\r\n'.replace('"two\nlines"', '"two\nlines"'),
    );
  });

  it('defuses text a spreadsheet would run as a formula, but not numbers', () => {
    expect(csvRow(['=SUM(A1)', '+1', '@x', -5])).toBe("'=SUM(A1),'+1,'@x,-5\r\n");
  });

  it('streams a BOM and a header first, then one row per row, however many', async () => {
    async function* rows() {
      for (let i = 0; i < 3; i += 1) yield [`行${i}`, i];
    }
    const chunks: string[] = [];
    for await (const chunk of csvLines(['名称 name', 'n'], rows())) chunks.push(chunk);
    expect(chunks[0]).toBe(`${CSV_BOM}名称 name,n\r\n`);
    expect(chunks.slice(1)).toEqual(['行0,0\r\n', '行1,1\r\n', '行2,2\r\n']);
  });

  it('writes fen as exact yuan', () => {
    expect([yuan(0), yuan(5), yuan(123_456), yuan(-1_205), yuan(-99)]).toEqual([
      '0.00',
      '0.05',
      '1234.56',
      '-12.05',
      '-0.99',
    ]);
  });
});
