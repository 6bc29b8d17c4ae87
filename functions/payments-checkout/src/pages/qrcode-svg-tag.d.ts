// qrcode's SVG renderer, typed with the package's own types (its encoder is declared in packages/fiscal-receipts).
declare module 'qrcode/lib/renderer/svg-tag.js' {
  import type { QRCode, QRCodeRenderersOptions } from 'qrcode';

  const renderer: { render(qrData: QRCode, options?: QRCodeRenderersOptions): string };
  export default renderer;
}
