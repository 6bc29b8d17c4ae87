import type { PdfFile } from './pdf-file.ts';

/**
 * The two fonts of a receipt, neither embedded: Helvetica is one of the 14 standard fonts every reader has; STSong-
 * Light is an Adobe-GB1 CID font that readers ship in their Simplified Chinese font packs (Acrobat, pdf.js, Preview,
 * Foxit) — the usual way to set Chinese without embedding megabytes. Metrics: the standard values Adobe publishes
 * for STSong-Light (proportional Latin widths are left to the reader's default, 1000 units).
 */
export const addFonts = (pdf: PdfFile): { latin: number; cjk: number } => {
  const latin = pdf.add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const descriptor = pdf.add(
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 ' +
      '/Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
  );
  const descendant = pdf.add(
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light ' +
      '/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> ' +
      // Ideographs are 1000 units wide (DW); Latin letters and digits (CIDs 1–95, and the half-width block
      // 814–939 of Adobe-GB1) half that, or readers space "Valid" as "V a l i d".
      `/FontDescriptor ${descriptor} 0 R /DW 1000 /W [1 95 500 814 939 500] >>`,
  );
  const cjk = pdf.add(
    `<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [${descendant} 0 R] >>`,
  );
  return { latin, cjk };
};
