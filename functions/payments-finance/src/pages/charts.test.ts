import { describe, expect, it } from 'vitest';
import { columnChart, horizontalBarChart, yuan } from './charts.ts';

describe('finance console charts', () => {
  it('formats fen as yuan with separators', () => {
    expect(yuan(123456789)).toBe('¥1,234,567.89');
    expect(yuan(5)).toBe('¥0.05');
  });

  it('draws one bar per value, scaled to the largest, with the values in its description', () => {
    const svg = horizontalBarChart({
      title: 'Collected by channel',
      bars: [
        { label: 'alipay', value: 30_000, tone: 'collected' },
        { label: 'wechat-pay', value: 15_000, tone: 'collected' },
      ],
      width: 640,
    }).value;
    const widths = [...svg.matchAll(/<rect x="180" y="\d+" width="(\d+)"/g)].map((match) => Number(match[1]));
    expect(widths).toEqual([330, 165]);
    expect(svg).toContain('<title id=');
    expect(svg).toContain('alipay: ¥300.00; wechat-pay: ¥150.00');
  });

  it('escapes labels and survives an empty or all-zero series', () => {
    const svg = horizontalBarChart({ title: '<t>', bars: [{ label: '<script>', value: 0 }] }).value;
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;');
    expect(horizontalBarChart({ title: 'none', bars: [] }).value).toContain('—');
  });

  it('draws a column per day and labels every fifth day of a long month', () => {
    const columns = Array.from({ length: 30 }, (_, day) => ({ label: String(day + 1), value: (day + 1) * 100 }));
    const svg = columnChart({ title: 'Net by day', columns }).value;
    expect(svg.match(/<rect /g)).toHaveLength(30);
    expect(svg).toContain('max ¥30.00');
    expect(svg.match(/text-anchor="middle">/g)).toHaveLength(6);
  });
});
