import { type Bilingual, escapeHtml, html, SafeHtml } from '@platform/html';

/**
 * A QR code as inline SVG, drawn on the server: the pages run no script and load nothing from elsewhere, and an
 * inline `<svg>` of paths needs neither (the page's CSP allows no script and pins its one style). Error correction
 * M survives a phone camera's glare on a screen.
 */
export const qrCodeSvg = async (content: string, label: Bilingual, id: string): Promise<SafeHtml> => {
  // Imported on the first code drawn, not at cold start: qrcode's encoder and its SVG renderer (CommonJS) are evaluated
  // only by the instances that show a code. Not the package's root, which also brings its PNG renderer and pngjs.
  const [{ default: encoder }, { default: svgRenderer }] = await Promise.all([
    import('qrcode/lib/core/qrcode.js'),
    import('qrcode/lib/renderer/svg-tag.js'),
  ]);
  const svg = svgRenderer.render(encoder.create(content, { errorCorrectionLevel: 'M' }), { margin: 2 });
  // The library's output is its own markup (paths of the modules); only our attributes are added to its root.
  const sized = svg.replace(
    '<svg ',
    `<svg id="${escapeHtml(id)}" width="200" height="200" role="img" aria-label="${escapeHtml(`${label.zh} ${label.en}`)}" `,
  );
  return html`<figure>${new SafeHtml(sized)}<figcaption class="muted">${label.zh}<span class="en" lang="en">${label.en}</span></figcaption></figure>`;
};
