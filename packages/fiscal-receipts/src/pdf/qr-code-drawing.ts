import QRCode from 'qrcode/lib/core/qrcode.js';
import type { ContentStream } from './content-stream.ts';

/**
 * Draws `text` as a QR code (error correction M) of side `size` with its lower left corner at (x, y): one filled
 * square per dark module, runs of dark modules in a row merged into one rectangle to keep the stream small. The
 * quiet zone is the caller's white space. Only the encoder of `qrcode` is loaded: its root also loads its PNG, SVG and
 * terminal renderers, and pngjs with them.
 */
export const drawQrCode = (content: ContentStream, text: string, x: number, y: number, size: number): void => {
  const modules = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
  const unit = size / modules.size;
  for (let row = 0; row < modules.size; row += 1) {
    let column = 0;
    while (column < modules.size) {
      if (!modules.get(row, column)) {
        column += 1;
        continue;
      }
      const start = column;
      while (column < modules.size && modules.get(row, column)) column += 1;
      // Rows count down from the top in the symbol, up from the bottom in PDF space.
      content.fillRectangle(x + start * unit, y + size - (row + 1) * unit, (column - start) * unit, unit);
    }
  }
};
