import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { DocumentClient } from '@platform/dynamodb';
import { createDocumentClient } from '@platform/dynamodb';
import { createLogger } from '@platform/logging';
import { DynamoDbPaymentNoticeRepository } from '@platform/payment-notices';
import { localPersonalDataVault } from '@platform/personal-data';
import { SANDBOX_PEOPLE } from '@platform/real-name';
import { type RefundService, refundServiceFromEnvironment } from '@platform/refunds';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_FINANCE_OFFICERS } from '../../packages/local-runtime/src/finance-officers.ts';
import { payThroughSandbox } from '../support/cashier.ts';
import { type RuntimeProcess, startLocalRuntime } from '../support/local-runtime-process.ts';
import { departmentToken } from '../support/test-clients.ts';

/**
 * A refund end to end on the platform as `npm start` runs it: a department's notice paid through the cashier and the
 * sandbox channel, the refund requested over the payments API, approved by the two seeded finance officers (through
 * the refunds service, as the finance console will call it), refunded by the sandbox channel server.
 */
describe('refunds (over HTTP, on the local platform)', () => {
  let runtime: RuntimeProcess;
  let payments: string;
  let token: string;
  let refunds: RefundService;

  beforeAll(async () => {
    runtime = await startLocalRuntime();
    payments = runtime.endpoints.payments;
    token = await departmentToken(
      runtime.endpoints,
      'bj-public-security',
      'payments:notices:read payments:notices:write payments:refunds:write',
    );
    // What the finance console will hold: the refund service over the same table, vault and channels.
    const env = {
      DYNAMODB_ENDPOINT: runtime.endpoints.dynamodb,
      AWS_REGION: 'local',
      SANDBOX_CHANNEL_URL: runtime.endpoints.channels.sandbox,
      SANDBOX_CHANNEL_CREDENTIALS_FILE: join(runtime.stateDir, 'channels', 'sandbox.json'),
    };
    const documents: DocumentClient = createDocumentClient(env);
    const tableName = runtime.endpoints.tables.PAYMENTS_TABLE as string;
    const vault = await localPersonalDataVault(runtime.stateDir);
    refunds = refundServiceFromEnvironment({
      env,
      documents,
      tableName,
      notices: new DynamoDbPaymentNoticeRepository({
        documents,
        tableName,
        seal: (kind, value) => vault.seal(kind, value),
        payerIndex: (kind, value) => vault.blindIndex(kind, value),
      }),
      officerIndex: (idNumber) => vault.blindIndex('citizen-id', idNumber),
      logger: createLogger({ write: () => {} }),
      hooks: {},
    });
  }, 120_000);

  afterAll(async () => {
    await runtime?.stop();
  });

  const api = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${payments}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(method === 'POST' ? { 'idempotency-key': randomUUID(), 'content-type': 'application/json' } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };

  it('pays a notice, requests a refund, two seeded officers approve, the sandbox refunds it', async () => {
    const issued = await api('POST', '/v1/notices', {
      itemCode: '103050101',
      amountFen: 20_000,
      dueDate: '2099-12-31',
      description: '道路交通安全违法罚款',
      payer: { kind: 'natural-person', idNumber: '11010519491231002X', name: '张三' },
    });
    expect(issued.status).toBe(201);
    const code = String(issued.body.paymentCode).replaceAll(' ', '');
    expect((await payThroughSandbox(payments, code)).paid.status).toBe(303);
    await expect
      .poll(async () => (await api('GET', `/v1/notices/${issued.body.id}`)).body.status, { timeout: 15_000 })
      .toBe('paid');

    const requested = await api('POST', `/v1/notices/${issued.body.id}/refunds`, { amountFen: 5_000, reason: '多缴' });
    expect(requested.status).toBe(201);
    expect(requested.body).toMatchObject({ status: 'requested', amountFen: 5_000, channel: 'sandbox' });
    expect(
      (await api('POST', `/v1/notices/${issued.body.id}/refunds`, { amountFen: 15_001, reason: 'x' })).body.code,
    ).toBe('refund_exceeds_paid');

    const vault = await localPersonalDataVault(runtime.stateDir);
    const [first, second] = DEMO_FINANCE_OFFICERS.map((name) => {
      const person = SANDBOX_PEOPLE.find((candidate) => candidate.name === name);
      return { officerIndex: vault.blindIndex('citizen-id', person?.citizenId as string) };
    }) as [{ officerIndex: string }, { officerIndex: string }];
    expect((await refunds.listRefundsAwaitingApproval()).map((refund) => refund.refundId)).toContain(requested.body.id);
    await refunds.approveRefund(requested.body.id, first);
    expect(await refunds.approveRefund(requested.body.id, second)).toMatchObject({ state: 'succeeded' });

    const shown = await api('GET', `/v1/refunds/${requested.body.id}`);
    expect(shown.body).toMatchObject({ status: 'succeeded', approvals: [{}, {}] });
    expect(shown.body.refundedAt).toEqual(expect.any(String));
    expect((await api('GET', `/v1/notices/${issued.body.id}`)).body).toMatchObject({
      status: 'partially_refunded',
      refundedFen: 5_000,
    });
  });
});
