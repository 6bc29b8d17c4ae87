import {
  type DeliveryDependencies,
  handleQueueMessage,
  InvalidQueueMessageError,
  parseQueueMessage,
} from '@platform/department-webhooks';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';

/**
 * One batch of the department-events queue. Messages are handled concurrently; those that throw (storage or queue
 * unavailable) are reported in `batchItemFailures`, so only they come back after the visibility timeout, and after
 * `maxReceiveCount` such receives the queue moves them to the dead-letter queue. A message that is not ours can
 * never succeed: it is logged and dropped rather than retried.
 */
export const createDepartmentEventsConsumer =
  (deps: DeliveryDependencies) =>
  async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const results = await Promise.allSettled(
      event.Records.map(async (record) => {
        try {
          await handleQueueMessage(deps, parseQueueMessage(record.body));
        } catch (error) {
          if (error instanceof InvalidQueueMessageError) {
            deps.log.warn('dropping a message that is not a webhook message', { messageId: record.messageId });
            return;
          }
          throw error;
        }
      }),
    );
    const batchItemFailures = results.flatMap((result, index) => {
      if (result.status === 'fulfilled') return [];
      const messageId = event.Records[index]?.messageId as string;
      deps.log.warn('message not handled; it will be received again', { messageId, error: result.reason });
      return [{ itemIdentifier: messageId }];
    });
    return { batchItemFailures };
  };
