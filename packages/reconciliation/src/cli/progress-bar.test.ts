import { describe, expect, it } from 'vitest';
import { ProgressBar } from './progress-bar.ts';

const stream = (isTTY: boolean) => {
  let text = '';
  return {
    isTTY,
    write: (chunk: string) => {
      text += chunk;
    },
    text: () => text,
  };
};

describe('ProgressBar', () => {
  it('redraws one line in place on a terminal', () => {
    const out = stream(true);
    const bar = new ProgressBar(out);
    bar.start('2026-11-22 alipay');
    bar.update(50, 100, 5_000, 'matching');
    bar.finish('recorded');
    expect(out.text()).toContain('\r2026-11-22 alipay [██████████████░░░░░░░░░░░░░░]  50% 5,000 lines matching');
    expect(out.text().endsWith('\r\u001b[K2026-11-22 alipay: recorded\n')).toBe(true);
  });

  it('writes plain lines, no carriage returns or escapes, when stderr is not a terminal', () => {
    const out = stream(false);
    const bar = new ProgressBar(out);
    bar.start('2026-11-22 sandbox');
    bar.update(1, 2, 5_000, 'matching');
    bar.update(1, 2, 100_000, 'matching');
    bar.finish('recorded');
    expect(out.text()).toBe(
      '2026-11-22 sandbox: started\n2026-11-22 sandbox: 100000 lines read (matching)\n2026-11-22 sandbox: recorded\n',
    );
  });
});
