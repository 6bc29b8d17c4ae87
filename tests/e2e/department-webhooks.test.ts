import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { verifyWebhookSignature } from '@platform/department-webhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { payThroughSandbox } from '../support/cashier.ts';
import { eventually } from '../support/eventually.ts';
import { type RuntimeProcess, startLocalRuntime } from '../support/local-runtime-process.ts';
import { departmentToken } from '../support/test-clients.ts';

interface DeliveryBody {
  readonly id: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly noticeId: string;
  readonly status: string;
  readonly attemptCount: number;
  readonly replays: number;
  readonly attempts: { readonly httpStatus?: number }[];
}

interface ApiBody {
  readonly code?: string;
  readonly secret?: string;
  readonly id?: string;
  readonly status?: string;
  readonly paymentCode?: string;
  readonly endpoints?: unknown[];
  readonly deliveries?: DeliveryBody[];
}

interface Received {
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

/**
 * Webhooks to a department, as `npm start` runs them: the department registers an endpoint (a loopback server of
 * this test), a notice is paid through the sandbox channel, and the endpoint receives `notice.paid` signed with its
 * secret. Then the endpoint fails: the delivery is retried (the schedule shortened to 1 s, 1 s by
 * `DEPARTMENT_WEBHOOKS_RETRY_SCHEDULE_SECONDS`), fails after its third attempt, lands in the dead-letter queue, is
 * listed as failed, and is delivered once replayed.
 */
describe('department webhooks (queue, signature, retries, dead-letter queue, replay)', () => {
  let runtime: RuntimeProcess;
  let payments: string;
  let token: string;
  let endpointServer: Server;
  let endpointUrl: string;
  let answerWith = 204;
  const received: Received[] = [];

  beforeAll(async () => {
    endpointServer = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
        response.writeHead(answerWith).end();
      });
    });
    await new Promise<void>((resolve) => endpointServer.listen(0, '127.0.0.1', resolve));
    endpointUrl = `http://127.0.0.1:${(endpointServer.address() as AddressInfo).port}/hooks/payments`;

    runtime = await startLocalRuntime(['--in-memory'], { DEPARTMENT_WEBHOOKS_RETRY_SCHEDULE_SECONDS: '1,1' });
    payments = runtime.endpoints.payments;
    token = await departmentToken(
      runtime.endpoints,
      'bj-public-security',
      'payments:notices:read payments:notices:write payments:webhooks',
    );
  });
  afterAll(async () => {
    await runtime?.stop();
    endpointServer?.closeAllConnections();
    await new Promise((resolve) => endpointServer?.close(resolve));
  });

  const api = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${payments}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(method === 'POST' ? { 'content-type': 'application/json', 'idempotency-key': randomUUID() } : {}),
      },
      ...(method === 'POST' ? { body: JSON.stringify(body ?? {}) } : {}),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : {}) as ApiBody };
  };

  const issue = async () => {
    const { status, body } = await api('POST', '/v1/notices', {
      itemCode: '103050101',
      amountFen: 20_000,
      dueDate: '2099-12-31',
      description: '道路交通安全违法罚款',
      payer: { kind: 'natural-person', idNumber: '11010519491231002X', name: '张三' },
    });
    expect(status).toBe(201);
    return { id: body.id as string, code: (body.paymentCode as string).replaceAll(' ', '') };
  };

  const deliveriesOf = (eventId: string) =>
    received.filter((request) => request.headers['platform-event-id'] === eventId);

  let secret: string;

  it('registers an endpoint: https or loopback only, the whsec_ secret shown once', async () => {
    const refused = await api('POST', '/v1/webhook-endpoints', {
      url: 'http://dept.example/hook',
      eventTypes: ['notice.paid'],
    });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('invalid_webhook_url');

    const created = await api('POST', '/v1/webhook-endpoints', {
      url: endpointUrl,
      eventTypes: ['notice.paid', 'notice.cancelled'],
      description: 'case system',
    });
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^whsec_/);
    secret = created.body.secret as string;
    const listed = await api('GET', '/v1/webhook-endpoints');
    expect(listed.body.endpoints).toHaveLength(1);
    expect(JSON.stringify(listed.body)).not.toContain('whsec_');
  });

  it('delivers notice.paid, signed, once the notice is paid through the sandbox channel', async () => {
    const notice = await issue();
    const { started, paid } = await payThroughSandbox(payments, notice.code);
    expect(started.status).toBe(303);
    expect(paid.status).toBe(303);

    const [webhook] = await eventually(
      () => received.filter((request) => request.headers['platform-event-type'] === 'notice.paid'),
      (found) => found.length > 0,
    );
    expect(webhook, 'no notice.paid webhook arrived').toBeDefined();
    const signature = webhook?.headers['platform-signature'] as string;
    expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature(signature, webhook?.body as string, [secret])).toEqual({ valid: true });
    expect(verifyWebhookSignature(signature, webhook?.body as string, ['whsec_other'])).toMatchObject({ valid: false });
    const event = JSON.parse(webhook?.body as string);
    expect(event).toMatchObject({ type: 'notice.paid', noticeId: notice.id, departmentId: 'bj-public-security' });
    expect(event.id).toMatch(new RegExp(`^${notice.id}:\\d+$`));
    expect(event.data).toMatchObject({ amountFen: 20_000, channel: 'sandbox' });
    expect(webhook?.body).not.toContain('11010519491231002X');
  });

  it('retries a failing endpoint, fails the delivery after the last attempt into the DLQ, and replays it', async () => {
    answerWith = 500;
    const notice = await issue();
    const cancelled = await api('POST', `/v1/notices/${notice.id}/cancel`, { reason: '重复开具' });
    expect(cancelled.status).toBe(200);

    const failed = await eventually(
      () => api('GET', '/v1/webhook-deliveries?status=failed'),
      (page) => page.body.deliveries?.some((d) => d.noticeId === notice.id) ?? false,
    );
    const delivery = failed.body.deliveries?.find((d) => d.noticeId === notice.id) as DeliveryBody;
    expect(delivery).toMatchObject({ eventType: 'notice.cancelled', status: 'failed', attemptCount: 3 });
    expect(delivery.attempts.map((attempt) => attempt.httpStatus)).toEqual([500, 500, 500]);
    expect(deliveriesOf(delivery.eventId)).toHaveLength(3);
    // The same event id and body on every attempt; a fresh timestamp and signature each time.
    expect(new Set(deliveriesOf(delivery.eventId).map((request) => request.body)).size).toBe(1);

    const sqs = new SQSClient({
      endpoint: runtime.endpoints.queues?.endpoint as string,
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const parked = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: runtime.endpoints.queues?.urls['department-events-dlq'],
        AttributeNames: ['ApproximateNumberOfMessages'],
      }),
    );
    sqs.destroy();
    expect(Number(parked.Attributes?.ApproximateNumberOfMessages)).toBeGreaterThanOrEqual(1);

    answerWith = 200;
    const replayed = await api('POST', `/v1/webhook-deliveries/${delivery.id}/replay`);
    expect(replayed.status).toBe(202);
    expect(replayed.body.status).toBe('pending');
    await eventually(
      () => deliveriesOf(delivery.eventId),
      (found) => found.length >= 4,
    );
    const succeeded = await eventually(
      () => api('GET', '/v1/webhook-deliveries?status=succeeded'),
      (page) => page.body.deliveries?.some((d) => d.id === delivery.id) ?? false,
    );
    expect(succeeded.body.deliveries?.find((d) => d.id === delivery.id)).toMatchObject({
      attemptCount: 4,
      replays: 1,
    });
    const last = deliveriesOf(delivery.eventId).at(-1) as Received;
    expect(verifyWebhookSignature(last.headers['platform-signature'] as string, last.body, [secret]).valid).toBe(true);

    const again = await api('POST', `/v1/webhook-deliveries/${delivery.id}/replay`);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('webhook_delivery_not_failed');
    expect(deliveriesOf(delivery.eventId)).toHaveLength(4);
  });

  it('keeps each department to its own deliveries and endpoints', async () => {
    const other = await api('POST', '/v1/webhook-deliveries/wd_AAAAAAAAAAAAAAAAAAAAAAAAAAA/replay');
    expect(other.status).toBe(404);
    const removed = await api('DELETE', '/v1/webhook-endpoints/we_AAAAAAAAAAAAAAAA');
    expect(removed.status).toBe(404);
  });
});
