import type { DeliveryDependencies, WebhookStore } from '@platform/department-webhooks';
import type { SQSEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { createDepartmentEventsConsumer } from './consume-department-events.ts';

const record = (messageId: string, body: string) => ({ messageId, body }) as SQSEvent['Records'][number];

describe('department-events consumer', () => {
  it('reports only the messages that failed, and drops messages that are not ours', async () => {
    const store = {
      getDelivery: async (id: string) => {
        if (id === 'wd_broken') throw new Error('storage down');
        return undefined;
      },
    } as unknown as WebhookStore;
    const consume = createDepartmentEventsConsumer({
      store,
      log: { info: () => {}, warn: () => {} },
    } as unknown as DeliveryDependencies);
    const result = await consume({
      Records: [
        record('ok', JSON.stringify({ kind: 'delivery-attempt', deliveryId: 'wd_gone', attempt: 1 })),
        record('broken', JSON.stringify({ kind: 'delivery-attempt', deliveryId: 'wd_broken', attempt: 1 })),
        record('garbage', 'not json'),
      ],
    });
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'broken' }] });
  });
});
