import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PutCommand } from '@platform/dynamodb';
import {
  businessDateOf,
  businessDayBounds,
  createSandboxChannel,
  type PaymentChannel,
  startSandboxChannelServer,
} from '@platform/payment-channels';
import { settledIndexKeys } from '@platform/payment-notices';
import {
  DynamoDbRunStore,
  LocalStatementArchive,
  type ReconcileDayDependencies,
  readSettledRecords,
  reconcileDay,
} from '@platform/reconciliation';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReconciliationHandler } from '../../functions/payments-reconciliation/src/handler.ts';
import { createFakeClock } from '../../packages/payment-channels/src/test-support/fake-clock.ts';
import { runReconcileCommand } from '../../packages/reconciliation/src/cli/reconcile-command.ts';
import { chunked, sandboxCsv } from '../../packages/reconciliation/src/test-support/statement-files.ts';
import { createTestStorage, type TestStorage } from '../support/dynamodb.ts';

const run = promisify(execFile);
const DAY = '2026-11-22';
const NEXT = '2026-11-23';
const { startMs } = businessDayBounds(DAY);

let storage: TestStorage;
let stateDir: string;
let deps: ReconcileDayDependencies;
let runs: DynamoDbRunStore;

const pay = async (orderNumber: string, amountFen: number, at: number) => {
  await storage.documents.send(
    new PutCommand({
      TableName: storage.tableNames.payments,
      Item: {
        pk: `PAYMENT#${orderNumber}`,
        sk: 'PAYMENT',
        ...settledIndexKeys('sandbox', 'payment', orderNumber, new Date(at).toISOString()),
        kind: 'payment',
        orderNumber,
        channel: 'sandbox',
        channelTransactionId: `sbx_${orderNumber}`,
        amountFen,
        noticeId: `N-${orderNumber}`,
        departmentId: 'DEPT-LAND',
        itemCode: 'ITEM-REG',
        settledAt: new Date(at).toISOString(),
      },
    }),
  );
};

/** The sandbox channel's statement download, as the adapter answers it. */
const channelFor = (csvOf: (day: string) => Buffer) =>
  ({
    statement: async (businessDate: string) => ({
      channel: 'sandbox',
      businessDate,
      format: 'sandbox-csv',
      fileName: `sandbox-statement-${businessDate}.csv`,
      body: chunked(csvOf(businessDate), 1000),
    }),
  }) as unknown as PaymentChannel;

const sink = () => {
  let text = '';
  const write = (chunk: string) => {
    text += chunk;
  };
  return { write, text: () => text, isTTY: false };
};

beforeAll(async () => {
  storage = await createTestStorage();
  stateDir = await mkdtemp(join(tmpdir(), 'reconcile-cli-'));
  runs = new DynamoDbRunStore({ documents: storage.documents, tableName: storage.tableNames.payments });
  await pay('ORD-1', 10_000, startMs + 3_600_000);
  await pay('ORD-2', 20_000, startMs + 7_200_000);
  await pay('ORD-3', 30_000, startMs + 86_400_000 + 3_600_000);
  const csv = (day: string) =>
    day === DAY
      ? sandboxCsv([
          { orderNumber: 'ORD-1', amountFen: 10_000, paidAt: startMs + 3_600_000 },
          { orderNumber: 'ORD-X', amountFen: 500, paidAt: startMs + 5_000_000 },
        ])
      : sandboxCsv([{ orderNumber: 'ORD-3', amountFen: 30_000, paidAt: startMs + 86_400_000 + 3_600_000 }]);
  deps = {
    archive: new LocalStatementArchive({ stateDir }),
    runs,
    windowMinutes: 10,
    channel: () => channelFor(csv),
    platformRecords: (channel, businessDate, windowMinutes) =>
      readSettledRecords({
        documents: storage.documents,
        tableName: storage.tableNames.payments,
        channel,
        businessDate,
        windowMinutes,
      }),
  };
});

afterAll(async () => {
  await rm(stateDir, { recursive: true, force: true });
});

describe('npm run reconcile', () => {
  it('runs a range of days through the channel download, with plain progress lines off a terminal and a summary', async () => {
    const stdout = sink();
    const stderr = sink();
    const code = await runReconcileCommand(
      ['--day', DAY, '--to', NEXT, '--by', 'officer-7'],
      { reconcile: deps, enabledChannels: ['sandbox'] },
      { stdout, stderr },
    );
    expect(code).toBe(0);
    expect(stderr.text()).toContain(`${DAY} sandbox: started\n`);
    expect(stderr.text()).not.toContain('\r');
    const table = stdout.text().split('\n');
    expect(table[0]).toMatch(/^day\s+channel\s+lines\s+matched\s+overage\s+shortage\s+amount\s+status\s+net \(yuan\)/);
    expect(table[2]).toMatch(new RegExp(`^${DAY}\\s+sandbox\\s+2\\s+1\\s+1\\s+1\\s+0\\s+0\\s`));
    expect(table[3]).toMatch(new RegExp(`^${NEXT}\\s+sandbox\\s+1\\s+1\\s+0\\s+0\\s`));
    expect((await runs.currentRun('sandbox', DAY))?.triggeredBy).toBe('cli:officer-7');
  });

  it('refuses bad usage with exit code 2 and reports a failed day with exit code 1', async () => {
    const stderr = sink();
    expect(
      await runReconcileCommand(['--to', DAY], { reconcile: deps, enabledChannels: [] }, { stdout: sink(), stderr }),
    ).toBe(2);
    expect(stderr.text()).toContain('--day YYYY-MM-DD is required');
    const stdout = sink();
    const failing = { ...deps, channel: () => undefined };
    expect(
      await runReconcileCommand(
        ['--day', DAY],
        { reconcile: failing, enabledChannels: ['sandbox'] },
        { stdout, stderr },
      ),
    ).toBe(1);
    expect(stdout.text()).toContain('FAILED: StatementUnavailableError: Channel sandbox is not configured here.');
  });

  it('runs as a process against a statement file (the local runtime environment)', async () => {
    const file = join(stateDir, 'by-hand.csv');
    await writeFile(file, sandboxCsv([{ orderNumber: 'ORD-1', amountFen: 10_000, paidAt: startMs + 3_600_000 }]));
    const { stdout, stderr } = await run(
      'npx',
      [
        'tsx',
        'packages/reconciliation/src/cli/reconcile-cli.ts',
        '--day',
        DAY,
        '--channel',
        'sandbox',
        '--statement',
        file,
      ],
      { env: { ...process.env, ...storage.env, LOCAL_STATE_DIR: stateDir }, cwd: process.cwd() },
    );
    expect(stderr).toContain(`${DAY} sandbox: recorded run`);
    expect(stdout).toMatch(new RegExp(`${DAY}\\s+sandbox\\s+1\\s+1\\s+0\\s+1\\s`));
    expect((await runs.currentRun('sandbox', DAY))?.statement).toMatchObject({
      source: 'upload',
      fileName: 'by-hand.csv',
    });
  }, 60_000);
});

describe('the scheduled function', () => {
  it('at 06:00 Beijing reconciles the previous business day of every enabled channel', async () => {
    const handler = createReconciliationHandler(() => ({
      runtime: { reconcile: deps, enabledChannels: ['sandbox'] },
      logger: { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined } as never,
    }));
    // 22:00 UTC on the 23rd is 06:00 on the 24th in Beijing: the day to reconcile is the 23rd.
    const outcomes = await handler({ time: '2026-11-23T22:00:00Z' });
    expect(outcomes).toEqual([
      expect.objectContaining({
        channel: 'sandbox',
        businessDate: NEXT,
        counts: expect.objectContaining({ matched: 1 }),
      }),
    ]);
    expect((await runs.currentRun('sandbox', NEXT))?.triggeredBy).toBe('schedule:payments-reconciliation');
  });
});

describe('through the real sandbox channel', () => {
  it('pays at the sandbox server, downloads its statement through the adapter, stores it and matches it', async () => {
    const clock = createFakeClock();
    const secret = 'reconciliation-test-secret-0123456789';
    const server = await startSandboxChannelServer({ secret, clock, notificationRetryDelaysMs: [] });
    try {
      const channel = createSandboxChannel({ baseUrl: server.baseUrl, secret, clock, timeoutMs: 5_000 });
      const orderNumber = `RECON${Date.now()}`;
      const instruction = await channel.createPayment({
        orderNumber,
        amountFen: 12_300,
        subject: '对账测试',
        expiresAt: new Date(clock.now() + 15 * 60_000).toISOString(),
        returnUrl: 'http://127.0.0.1:9/return',
        notifyUrl: 'http://127.0.0.1:9/notify',
      });
      if (instruction.kind !== 'redirect') throw new Error('the sandbox redirects the payer');
      expect((await fetch(instruction.url, { redirect: 'manual' })).status).toBe(303);
      const paidAt = Date.parse((await channel.queryPayment(orderNumber)).paidAt ?? '');
      await pay(orderNumber, 12_300, paidAt);
      const businessDate = businessDateOf(paidAt);
      clock.advance(86_400_000);
      const run = await reconcileDayWith({ ...deps, channel: () => channel }, businessDate);
      expect(run.counts.matched).toBeGreaterThanOrEqual(1);
      expect(run.statement).toMatchObject({ source: 'channel', format: 'sandbox-csv', storedBy: 'channel:sandbox' });
      const discrepancies = await collect(runs.discrepancies(run.runId));
      expect(discrepancies.map((d) => d.key.orderNumber)).not.toContain(orderNumber);
    } finally {
      await server.close();
    }
  });
});

const reconcileDayWith = (dependencies: ReconcileDayDependencies, businessDate: string) =>
  reconcileDay(dependencies, {
    channel: 'sandbox',
    businessDate,
    statement: { from: 'channel' },
    triggeredBy: 'test',
  });

const collect = async <T>(items: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
};
