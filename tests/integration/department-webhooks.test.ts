import {
  type DeliveryAttemptMessage,
  type DeliveryDependencies,
  type DepartmentEvent,
  DynamoDbWebhookStore,
  deliveryIdFor,
  handleQueueMessage,
  newWebhookEndpoint,
  replayDelivery,
  type TransportResult,
  verifyWebhookSignature,
  WebhookError,
  type WebhookQueue,
  type WebhookQueueMessage,
} from '@platform/department-webhooks';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestStorage } from '../support/dynamodb.ts';

/** The queue as the consumer sees it: what was sent, with which delay, and what was parked. */
class RecordingQueue implements WebhookQueue {
  readonly sent: { message: WebhookQueueMessage; delaySeconds: number }[] = [];
  readonly parked: DeliveryAttemptMessage[] = [];
  async send(message: WebhookQueueMessage, delaySeconds = 0) {
    this.sent.push({ message, delaySeconds });
  }
  async sendToDeadLetter(message: DeliveryAttemptMessage) {
    this.parked.push(message);
  }
}

describe('department webhooks on DynamoDB Local', () => {
  let store: DynamoDbWebhookStore;
  let clock = new Date('2026-03-01T08:00:00Z');

  beforeAll(async () => {
    const storage = await createTestStorage();
    store = new DynamoDbWebhookStore({ documents: storage.documents, tableName: storage.tableNames.payments });
  });

  const setup = async (departmentId: string, answers: TransportResult[]) => {
    const endpoint = newWebhookEndpoint(
      { url: 'https://dept.example.gov.cn/hooks', eventTypes: ['notice.paid'] },
      departmentId,
      clock,
    );
    await store.createEndpoint(endpoint);
    const queue = new RecordingQueue();
    const posts: { headers: Record<string, string>; body: string }[] = [];
    const deps: DeliveryDependencies = {
      store,
      queue,
      transport: async (_url, headers, body) => {
        posts.push({ headers, body });
        return answers.shift() ?? { httpStatus: 200 };
      },
      schedule: [30, 120],
      now: () => clock,
      log: { info: () => {}, warn: () => {} },
    };
    const event: DepartmentEvent = {
      id: `notice-${departmentId}:2`,
      type: 'notice.paid',
      departmentId,
      noticeId: `notice-${departmentId}`,
      occurredAt: clock.toISOString(),
      data: { amountFen: 100 },
    };
    return { endpoint, queue, posts, deps, event, deliveryId: deliveryIdFor(event.id, endpoint.endpointId) };
  };

  it('fans out once per endpoint: a redelivered event message neither duplicates nor re-sends', async () => {
    const { deps, event, posts, endpoint, deliveryId } = await setup('dept-a', []);
    await handleQueueMessage(deps, { kind: 'department-event', event });
    await handleQueueMessage(deps, { kind: 'department-event', event });
    expect(posts).toHaveLength(1);
    const check = verifyWebhookSignature(
      posts[0]?.headers['platform-signature'],
      posts[0]?.body ?? '',
      endpoint.secrets,
      {
        now: Math.floor(clock.getTime() / 1000),
      },
    );
    expect(check.valid).toBe(true);
    expect(await store.getDelivery(deliveryId)).toMatchObject({ status: 'succeeded', attemptCount: 1 });
    // Another event type is not subscribed: nothing.
    await handleQueueMessage(deps, {
      kind: 'department-event',
      event: { ...event, id: 'x:3', type: 'notice.cancelled' },
    });
    expect(posts).toHaveLength(1);
  });

  it('retries on the schedule through the queue, ignores stale messages, fails into the DLQ, then replays once', async () => {
    const failure = { httpStatus: 503, error: 'HTTP 503' };
    const { deps, event, queue, posts, deliveryId } = await setup('dept-b', [failure, failure, failure]);
    await handleQueueMessage(deps, { kind: 'department-event', event });
    expect(queue.sent).toEqual([{ message: { kind: 'delivery-attempt', deliveryId, attempt: 1 }, delaySeconds: 30 }]);

    // Arriving early (a hop): sent on again with the remaining delay, no POST.
    clock = new Date(clock.getTime() + 10_000);
    await handleQueueMessage(deps, { kind: 'delivery-attempt', deliveryId, attempt: 1 });
    expect(posts).toHaveLength(1);
    expect(queue.sent.at(-1)?.delaySeconds).toBe(20);

    clock = new Date(clock.getTime() + 20_000);
    await handleQueueMessage(deps, { kind: 'delivery-attempt', deliveryId, attempt: 1 });
    // The same message again (SQS delivers at least once): stale now, nothing happens.
    await handleQueueMessage(deps, { kind: 'delivery-attempt', deliveryId, attempt: 1 });
    expect(posts).toHaveLength(2);
    expect(queue.sent.at(-1)).toEqual({
      message: { kind: 'delivery-attempt', deliveryId, attempt: 2 },
      delaySeconds: 120,
    });

    clock = new Date(clock.getTime() + 120_000);
    await handleQueueMessage(deps, { kind: 'delivery-attempt', deliveryId, attempt: 2 });
    expect(queue.parked).toEqual([{ kind: 'delivery-attempt', deliveryId, attempt: 3 }]);
    const failed = await store.getDelivery(deliveryId);
    expect(failed).toMatchObject({ status: 'failed', attemptCount: 3 });
    expect(failed?.attempts.map((attempt) => attempt.httpStatus)).toEqual([503, 503, 503]);
    expect(failed?.nextAttemptAt).toBeUndefined();

    const listed = await store.listDeliveries('dept-b', { status: 'failed' });
    expect(listed.deliveries.map((delivery) => delivery.deliveryId)).toEqual([deliveryId]);
    expect((await store.listDeliveries('dept-a', { status: 'failed' })).deliveries).toEqual([]);

    // Replay: pending again, one message; a second replay (double click) sends nothing more.
    const sentBefore = queue.sent.length;
    const replayed = await replayDelivery(deps, 'dept-b', deliveryId);
    expect(replayed).toMatchObject({ status: 'pending', replays: 1, runStartAttempt: 3 });
    await replayDelivery(deps, 'dept-b', deliveryId);
    expect(queue.sent.length).toBe(sentBefore + 1);
    await expect(replayDelivery(deps, 'dept-a', deliveryId)).rejects.toThrowError(WebhookError);

    await handleQueueMessage(deps, { kind: 'delivery-attempt', deliveryId, attempt: 3 });
    expect(await store.getDelivery(deliveryId)).toMatchObject({ status: 'succeeded', attemptCount: 4 });
    expect((await store.listDeliveries('dept-b', { status: 'succeeded' })).deliveries).toHaveLength(1);
    await expect(replayDelivery(deps, 'dept-b', deliveryId)).rejects.toMatchObject({
      code: 'webhook_delivery_not_failed',
    });
  });

  it('pages deliveries with a cursor that only opens its own listing', async () => {
    const { deps, event } = await setup('dept-c', []);
    for (let n = 0; n < 3; n++) {
      await handleQueueMessage(deps, { kind: 'department-event', event: { ...event, id: `page:${n}` } });
    }
    const first = await store.listDeliveries('dept-c', { limit: 2 });
    expect(first.deliveries).toHaveLength(2);
    const second = await store.listDeliveries('dept-c', { limit: 2, cursor: first.nextCursor as string });
    expect(second.deliveries).toHaveLength(1);
    await expect(store.listDeliveries('dept-a', { cursor: first.nextCursor as string })).rejects.toMatchObject({
      code: 'invalid_cursor',
    });
  });

  it('keeps endpoints per department and refuses deleting another’s', async () => {
    const { endpoint } = await setup('dept-d', []);
    await expect(store.deleteEndpoint('dept-a', endpoint.endpointId)).rejects.toMatchObject({
      code: 'webhook_endpoint_not_found',
    });
    await store.deleteEndpoint('dept-d', endpoint.endpointId);
    expect(await store.listEndpoints('dept-d')).toEqual([]);
  });
});
