import { html, type SafeHtml } from '@platform/html';

/**
 * Charts as inline SVG drawn on the server: the console runs no script and loads nothing, so a chart is markup like
 * any other. Each chart carries a `<title>` and a `<desc>` listing its values, and sits beside the table that holds
 * the same numbers, so screen readers and printouts lose nothing.
 */
export interface ChartBar {
  readonly label: string;
  readonly value: number;
  /** One of the palette's classes: `collected`, `refunded`, `fees`, `net`, `open`, `resolved`. */
  readonly tone?: string;
}

const PALETTE: Readonly<Record<string, string>> = {
  collected: '#1a73e8',
  refunded: '#b3261e',
  fees: '#8d6e00',
  net: '#2e7d32',
  open: '#b3261e',
  resolved: '#2e7d32',
};

const colour = (tone: string | undefined): string => PALETTE[tone ?? ''] ?? '#1a73e8';

/** Fen as yuan with two decimals and thousands separators, for axis and bar labels. */
export const yuan = (fen: number): string =>
  `¥${(fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

const describe = (bars: readonly ChartBar[], format: (value: number) => string): string =>
  bars.map((bar) => `${bar.label}: ${format(bar.value)}`).join('; ');

/** Horizontal bars, one per label (channels, departments, item codes, classes). Negative values draw as zero. */
export const horizontalBarChart = (options: {
  readonly title: string;
  readonly bars: readonly ChartBar[];
  readonly format?: (value: number) => string;
  readonly width?: number;
}): SafeHtml => {
  const { title, bars, format = yuan, width = 640 } = options;
  const rowHeight = 28;
  const labelWidth = 180;
  const valueWidth = 130;
  const height = Math.max(1, bars.length) * rowHeight + 8;
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const span = width - labelWidth - valueWidth;
  const rows = bars.map((bar, index) => {
    const y = 4 + index * rowHeight;
    const length = Math.max(0, Math.round((Math.max(0, bar.value) / max) * span));
    return html`<g><text x="${labelWidth - 8}" y="${y + 18}" text-anchor="end">${bar.label}</text><rect x="${labelWidth}" y="${y + 4}" width="${length}" height="${rowHeight - 10}" rx="3" fill="${colour(bar.tone)}"></rect><text x="${labelWidth + length + 6}" y="${y + 18}">${format(bar.value)}</text></g>`;
  });
  return html`<svg class="chart" role="img" viewBox="0 0 ${width} ${height}" width="100%" preserveAspectRatio="xMinYMin meet" aria-labelledby="${chartId(title)}-t ${chartId(title)}-d"><title id="${chartId(title)}-t">${title}</title><desc id="${chartId(title)}-d">${describe(bars, format)}</desc>${bars.length === 0 ? html`<text x="8" y="20">—</text>` : rows}</svg>`;
};

/** Columns over time (the days of a month), with the largest value marked on the axis. */
export const columnChart = (options: {
  readonly title: string;
  readonly columns: readonly ChartBar[];
  readonly format?: (value: number) => string;
  readonly width?: number;
  readonly height?: number;
}): SafeHtml => {
  const { title, columns, format = yuan, width = 640, height = 200 } = options;
  const axis = 24;
  const top = 20;
  const max = Math.max(1, ...columns.map((column) => column.value));
  const slot = (width - 8) / Math.max(1, columns.length);
  const barWidth = Math.max(2, slot - 3);
  const plot = height - axis - top;
  const drawn = columns.map((column, index) => {
    const columnHeight = Math.round((Math.max(0, column.value) / max) * plot);
    const x = 4 + index * slot;
    const y = top + plot - columnHeight;
    const showLabel = columns.length <= 12 || index % 5 === 0;
    return html`<g><rect x="${x.toFixed(1)}" y="${y}" width="${barWidth.toFixed(1)}" height="${columnHeight}" fill="${colour(column.tone)}"><title>${column.label}: ${format(column.value)}</title></rect>${showLabel ? html`<text x="${(x + barWidth / 2).toFixed(1)}" y="${height - 6}" text-anchor="middle">${column.label}</text>` : ''}</g>`;
  });
  return html`<svg class="chart" role="img" viewBox="0 0 ${width} ${height}" width="100%" preserveAspectRatio="xMinYMin meet" aria-labelledby="${chartId(title)}-t ${chartId(title)}-d"><title id="${chartId(title)}-t">${title}</title><desc id="${chartId(title)}-d">${describe(columns, format)}</desc><text x="4" y="14">max ${format(max)}</text><line x1="0" y1="${top + plot}" x2="${width}" y2="${top + plot}" stroke="#9aa0a6"></line>${drawn}</svg>`;
};

/** A stable element id from a title, for `aria-labelledby`. */
const chartId = (title: string): string =>
  `chart-${Array.from(title)
    .reduce((hash, ch) => (hash * 31 + (ch.codePointAt(0) ?? 0)) >>> 0, 7)
    .toString(36)}`;
