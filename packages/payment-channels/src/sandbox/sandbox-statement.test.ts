import { describe, expect, it } from 'vitest';
import type { ChannelStatementLine } from '../channel/payment-channel.ts';
import { newSandboxOrder } from './sandbox-order.ts';
import {
  formatSandboxStatementLine,
  parseSandboxStatement,
  SANDBOX_STATEMENT_HEADER,
  sandboxFeeFen,
  sandboxStatementLines,
} from './sandbox-statement.ts';

const chunks = async function* (text: string, size: number) {
  const bytes = new TextEncoder().encode(text);
  for (let offset = 0; offset < bytes.length; offset += size) yield bytes.subarray(offset, offset + size);
};

const read = async (body: AsyncIterable<Uint8Array>): Promise<ChannelStatementLine[]> => {
  const lines: ChannelStatementLine[] = [];
  for await (const line of parseSandboxStatement(body)) lines.push(line);
  return lines;
};

describe('sandbox statement', () => {
  const paidAt = Date.parse('2025-03-01T02:00:00Z'); // 10:00 in Beijing
  const order = {
    ...newSandboxOrder(
      {
        orderNumber: 'ORD1',
        amountFen: 12_345,
        subject: 's',
        method: 'pagePay',
        expiresAt: paidAt + 60_000,
        returnUrl: 'http://r',
        notifyUrl: 'http://n',
      },
      'sbx_1',
      paidAt - 1000,
    ),
    status: 'paid' as const,
    paidAt,
    refunds: [
      { refundNumber: 'RF1', refundId: 'sbr_1', amountFen: 345, reason: '', refundedAt: paidAt + 1000 },
      { refundNumber: 'RF2', refundId: 'sbr_2', amountFen: 1000, reason: '', refundedAt: paidAt + 86_400_000 },
    ],
  };

  it('charges 0.6% rounded half up', () => {
    expect([sandboxFeeFen(12_345), sandboxFeeFen(83), sandboxFeeFen(84), sandboxFeeFen(1)]).toEqual([74, 0, 1, 0]);
  });

  it('lists the Beijing day’s payments and refunds and nothing of other days', () => {
    expect(sandboxStatementLines([order], '2025-03-01')).toEqual([
      {
        kind: 'payment',
        orderNumber: 'ORD1',
        channelTransactionId: 'sbx_1',
        amountFen: 12_345,
        feeFen: 74,
        occurredAt: '2025-03-01T02:00:00.000Z',
      },
      {
        kind: 'refund',
        orderNumber: 'ORD1',
        refundNumber: 'RF1',
        channelTransactionId: 'sbx_1',
        amountFen: 345,
        feeFen: -2,
        occurredAt: '2025-03-01T02:00:01.000Z',
      },
    ]);
    expect(sandboxStatementLines([order], '2025-03-02').map((line) => line.refundNumber)).toEqual(['RF2']);
  });

  it('parses what it writes, however the stream is cut', async () => {
    const lines = sandboxStatementLines([order], '2025-03-01');
    const csv = `${SANDBOX_STATEMENT_HEADER}\r\n${lines.map(formatSandboxStatementLine).join('\r\n')}\r\n`;
    for (const size of [1, 3, 7, 1000]) expect(await read(chunks(csv, size))).toEqual(lines);
  });

  it('refuses a file that is not a sandbox statement', async () => {
    await expect(read(chunks('a,b\n1,2\n', 4))).rejects.toThrow(TypeError);
    await expect(
      read(chunks(`${SANDBOX_STATEMENT_HEADER}\nrefund,ORD1,,sbx_1,1,0,2025-03-01T00:00:00Z\n`, 9)),
    ).rejects.toThrow(TypeError);
  });
});
