import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.ts';

describe('createLogger', () => {
  const capture = () => {
    const lines: string[] = [];
    return { lines, write: (line: string) => lines.push(line) };
  };

  it('writes one JSON object per line with level, message and fields', () => {
    const { lines, write } = capture();
    createLogger({ write, fields: { fn: 'health' } }).info('served', { status: 200 });
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ level: 'info', message: 'served', fn: 'health', status: 200 });
  });

  it('masks personal data in any field, nested or not', () => {
    const { lines, write } = capture();
    createLogger({ write }).warn('check failed', { body: { phone: '13812345678', idNumber: '11010519491231002X' } });
    expect(lines[0]).not.toMatch(/13812345678|11010519491231002X/);
  });

  it('drops lines below the threshold and serialises errors', () => {
    const { lines, write } = capture();
    const logger = createLogger({ write, level: 'warn' });
    logger.info('hidden');
    logger.error('boom', { error: new Error('bad') });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '').error.message).toBe('bad');
  });
});
