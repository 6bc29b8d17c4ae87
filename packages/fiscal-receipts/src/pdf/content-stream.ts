import { isPrintableAscii, pdfLiteral, pdfUcs2Hex } from './pdf-strings.ts';

/** Resource names of the two fonts every page declares (`receipt-pdf.ts`). */
export const LATIN_FONT = 'F1';
export const CJK_FONT = 'F2';

const number = (value: number): string => String(Math.round(value * 100) / 100);

/**
 * The drawing operators of one page (§8, §9), in PDF user space: origin bottom left, 1 unit = 1/72 inch. Text picks
 * its font by content: printable ASCII in Helvetica, anything else in STSong-Light (which has Latin glyphs too).
 */
export class ContentStream {
  readonly #operators: string[] = [];

  text(x: number, y: number, size: number, text: string): this {
    const latin = isPrintableAscii(text);
    const font = latin ? LATIN_FONT : CJK_FONT;
    const shown = latin ? pdfLiteral(text) : pdfUcs2Hex(text);
    this.#operators.push(`BT /${font} ${number(size)} Tf ${number(x)} ${number(y)} Td ${shown} Tj ET`);
    return this;
  }

  /** A filled rectangle in the current fill colour. */
  fillRectangle(x: number, y: number, width: number, height: number): this {
    this.#operators.push(`${number(x)} ${number(y)} ${number(width)} ${number(height)} re f`);
    return this;
  }

  line(x1: number, y1: number, x2: number, y2: number, width = 0.5): this {
    this.#operators.push(`${number(width)} w ${number(x1)} ${number(y1)} m ${number(x2)} ${number(y2)} l S`);
    return this;
  }

  /** Fill and stroke colour as RGB in [0, 1]. */
  colour(red: number, green: number, blue: number): this {
    const rgb = `${number(red)} ${number(green)} ${number(blue)}`;
    this.#operators.push(`${rgb} rg ${rgb} RG`);
    return this;
  }

  toString(): string {
    return this.#operators.join('\n');
  }
}
