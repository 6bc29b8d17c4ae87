import { type Bilingual, escapeHtml, html, SafeHtml } from '@platform/html';

/**
 * A QR code as inline SVG, drawn on the server: the pages run no script and load nothing from elsewhere, and an
 * inline `<svg>` of paths needs neither (the page's CSP allows no script and pins its one style). Error correction
 * M survives a phone camera's glare on a screen.
 */
export const qrCodeSvg = async (content: string, label: Bilingual, id: string): Promise<SafeHtml> => {
  // Imported on the first code drawn, not at cold start: qrcode (CommonJS, with its PNG renderer and pngjs) is
  // evaluated only by the instances that show a code.
  const { default: QRCode } = await import('qrcode');
  const svg = await QRCode.toString(content, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
  // The library's output is its own markup (paths of the modules); only our attributes are added to its root.
  const sized = svg.replace(
    '<svg ',
    `<svg id="${escapeHtml(id)}" width="200" height="200" role="img" aria-label="${escapeHtml(`${label.zh} ${label.en}`)}" `,
  );
  return html`<figure>${new SafeHtml(sized)}<figcaption class="muted">${label.zh}<span class="en" lang="en">${label.en}</span></figcaption></figure>`;
};
