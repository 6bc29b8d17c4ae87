import type { AddressInfo } from 'node:net';
import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalQueue } from './local-queues.ts';
import { createSqsServer } from './sqs-server.ts';

/** The local SQS server, spoken to by the real `@aws-sdk/client-sqs` (which checks every MD5). */
describe('local SQS server', () => {
  const deadLetter = new LocalQueue({ name: 'events-dlq', visibilityTimeoutSeconds: 30 });
  const queue = new LocalQueue({ name: 'events', visibilityTimeoutSeconds: 30, maxReceiveCount: 2, deadLetter });
  const server = createSqsServer(new Map([queue, deadLetter].map((q) => [q.name, q])));
  let sqs: SQSClient;
  let url: string;
  let dlqUrl: string;

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    sqs = new SQSClient({ endpoint, region: 'local', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    url = `${endpoint}/000000000000/events`;
    dlqUrl = `${endpoint}/000000000000/events-dlq`;
  });
  afterAll(async () => {
    sqs.destroy();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const receive = (visibility?: number) =>
    sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: url,
        MaxNumberOfMessages: 10,
        ...(visibility === undefined ? {} : { VisibilityTimeout: visibility }),
      }),
    );

  it('sends and receives with the SDK (MD5s checked), deletes by receipt handle', async () => {
    const sent = await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: '{"hello":"世界"}' }));
    expect(sent.MessageId).toBeTruthy();
    const { Messages = [] } = await receive();
    expect(Messages.map((m) => m.Body)).toEqual(['{"hello":"世界"}']);
    expect(Messages[0]?.Attributes?.ApproximateReceiveCount).toBe('1');
    await sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: Messages[0]?.ReceiptHandle }));
    expect((await receive()).Messages ?? []).toEqual([]);
  });

  it('batches, delays, and reports counts', async () => {
    const batch = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: url,
        Entries: [
          { Id: 'a', MessageBody: 'a' },
          { Id: 'b', MessageBody: 'b', DelaySeconds: 900 },
        ],
      }),
    );
    expect(batch.Successful?.map((entry) => entry.Id)).toEqual(['a', 'b']);
    const attributes = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }));
    expect(attributes.Attributes).toMatchObject({
      ApproximateNumberOfMessages: '1',
      ApproximateNumberOfMessagesDelayed: '1',
    });
    const { Messages = [] } = await receive();
    expect(Messages.map((m) => m.Body)).toEqual(['a']);
    await sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: Messages[0]?.ReceiptHandle }));
  });

  it('returns a message after its visibility timeout, and moves it to the DLQ after maxReceiveCount receives', async () => {
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'poison' }));
    const first = (await receive()).Messages?.[0];
    await sqs.send(
      new ChangeMessageVisibilityCommand({ QueueUrl: url, ReceiptHandle: first?.ReceiptHandle, VisibilityTimeout: 0 }),
    );
    const second = (await receive(0)).Messages?.find((m) => m.Body === 'poison');
    expect(second?.Attributes?.ApproximateReceiveCount).toBe('2');
    expect((await receive()).Messages?.some((m) => m.Body === 'poison') ?? false).toBe(false);
    const parked = await sqs.send(new ReceiveMessageCommand({ QueueUrl: dlqUrl }));
    expect(parked.Messages?.map((m) => m.Body)).toEqual(['poison']);
  });

  it('answers an unknown queue with QueueDoesNotExist and a bad delay with InvalidParameterValue', async () => {
    await expect(sqs.send(new SendMessageCommand({ QueueUrl: `${url}-nope`, MessageBody: 'x' }))).rejects.toMatchObject(
      { name: 'QueueDoesNotExist' },
    );
    await expect(
      sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x', DelaySeconds: 901 })),
    ).rejects.toMatchObject({ name: 'InvalidParameterValue' });
  });
});
