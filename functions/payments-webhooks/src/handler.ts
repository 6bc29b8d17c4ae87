import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { createDepartmentEventsConsumer } from './consume-department-events.ts';
import { webhooksConsumerDependencies } from './dependencies.ts';

/** Lambda entry: the department-events queue's consumer (event source mapping with partial batch responses). */
let consume: ((event: SQSEvent) => Promise<SQSBatchResponse>) | undefined;

export const handler = (event: SQSEvent): Promise<SQSBatchResponse> => {
  consume ??= createDepartmentEventsConsumer(webhooksConsumerDependencies());
  return consume(event);
};
