import { describe, expect, it } from 'vitest';
import { PdfFile } from './pdf-file.ts';
import { pdfLiteral, pdfUcs2Hex } from './pdf-strings.ts';

/** Checks the file structure a reader relies on: header, every xref offset, trailer and startxref. */
export const expectWellFormedPdf = (bytes: Buffer): void => {
  const text = bytes.toString('latin1');
  expect(text.startsWith('%PDF-1.4\n')).toBe(true);
  expect(text.endsWith('%%EOF\n')).toBe(true);
  const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)?.[1]);
  expect(text.slice(startxref, startxref + 5)).toBe('xref\n');
  const [, first, count] = /^xref\n(\d+) (\d+)\n/.exec(text.slice(startxref)) ?? [];
  expect(Number(first)).toBe(0);
  const entries = text
    .slice(startxref)
    .split('\n')
    .slice(2, 2 + Number(count));
  expect(entries[0]).toBe('0000000000 65535 f\r');
  entries.slice(1).forEach((entry, index) => {
    expect(entry).toMatch(/^\d{10} 00000 n\r$/);
    const offset = Number(entry.slice(0, 10));
    expect(text.slice(offset, offset + `${index + 1} 0 obj\n`.length)).toBe(`${index + 1} 0 obj\n`);
  });
  expect(text).toMatch(new RegExp(`trailer\\n<< /Size ${count} /Root 1 0 R >>`));
  // Stream lengths match their data.
  for (const match of text.matchAll(/\/Length (\d+) >>\nstream\n/g)) {
    const start = (match.index ?? 0) + match[0].length;
    expect(text.slice(start + Number(match[1]), start + Number(match[1]) + 10)).toBe('\nendstream');
  }
};

describe('PdfFile', () => {
  it('writes header, objects, a cross-reference table with exact offsets, and the trailer', () => {
    const pdf = new PdfFile();
    const catalog = pdf.reserve();
    const pages = pdf.reserve();
    const stream = pdf.addStream('', 'BT /F1 12 Tf 10 10 Td (Hi) Tj ET');
    const page = pdf.add(`<< /Type /Page /Parent ${pages} 0 R /MediaBox [0 0 100 100] /Contents ${stream} 0 R >>`);
    pdf.set(pages, `<< /Type /Pages /Kids [${page} 0 R] /Count 1 >>`);
    pdf.set(catalog, `<< /Type /Catalog /Pages ${pages} 0 R >>`);
    expectWellFormedPdf(pdf.toBuffer());
  });

  it('refuses an object reserved and never written', () => {
    const pdf = new PdfFile();
    pdf.reserve();
    expect(() => pdf.toBuffer()).toThrow(/never written/);
    expect(() => pdf.set(5, 'x')).toThrow(RangeError);
  });
});

describe('PDF strings', () => {
  it('escapes literals and writes Chinese as UCS-2 hex', () => {
    expect(pdfLiteral('a(b)\\c')).toBe('(a\\(b\\)\\\\c)');
    expect(() => pdfLiteral('张')).toThrow(RangeError);
    expect(pdfUcs2Hex('张三 A')).toBe('<5F204E0900200041>');
    expect(pdfUcs2Hex('𠮷')).toBe('<25A1>');
  });
});
