import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type LocalQueue, QueueProtocolError } from './local-queues.ts';

/** The account id in local queue URLs, like LocalStack's: `http://127.0.0.1:<port>/000000000000/<queue>`. */
export const LOCAL_ACCOUNT_ID = '000000000000';

type Input = Record<string, unknown>;
type Operation = (queue: LocalQueue, input: Input) => Promise<Input> | Input;

const MAXIMUM_BODY_BYTES = 262_144;

const integer = (value: unknown, fallback: number): number => (value === undefined ? fallback : Number(value));

const OPERATIONS: Readonly<Record<string, Operation>> = {
  SendMessage: (queue, input) => {
    const message = queue.send(String(input.MessageBody ?? ''), integer(input.DelaySeconds, 0));
    return { MessageId: message.messageId, MD5OfMessageBody: message.md5OfBody };
  },
  SendMessageBatch: (queue, input) => {
    const entries = (input.Entries as { Id: string; MessageBody: string; DelaySeconds?: number }[] | undefined) ?? [];
    const Successful = entries.map((entry) => {
      const message = queue.send(String(entry.MessageBody ?? ''), integer(entry.DelaySeconds, 0));
      return { Id: entry.Id, MessageId: message.messageId, MD5OfMessageBody: message.md5OfBody };
    });
    return { Successful, Failed: [] };
  },
  ReceiveMessage: async (queue, input) => {
    const maximum = Math.min(10, Math.max(1, integer(input.MaxNumberOfMessages, 1)));
    const visibility = input.VisibilityTimeout === undefined ? undefined : Number(input.VisibilityTimeout);
    // Long polling, coarsely: look again every 50 ms until something arrives or the wait is over.
    const deadline = Date.now() + Math.min(20, integer(input.WaitTimeSeconds, 0)) * 1000;
    for (;;) {
      const messages = queue.receive(maximum, visibility);
      if (messages.length > 0 || Date.now() >= deadline) {
        return {
          Messages: messages.map((message) => ({
            MessageId: message.messageId,
            ReceiptHandle: message.receiptHandle,
            MD5OfBody: message.md5OfBody,
            Body: message.body,
            Attributes: {
              ApproximateReceiveCount: String(message.receiveCount),
              SentTimestamp: String(message.sentAt),
              ApproximateFirstReceiveTimestamp: String(message.firstReceivedAt),
            },
          })),
        };
      }
      await new Promise((wait) => setTimeout(wait, 50));
    }
  },
  DeleteMessage: (queue, input) => {
    queue.delete(String(input.ReceiptHandle ?? ''));
    return {};
  },
  ChangeMessageVisibility: (queue, input) => {
    queue.changeVisibility(String(input.ReceiptHandle ?? ''), Number(input.VisibilityTimeout));
    return {};
  },
  GetQueueAttributes: (queue) => {
    const counts = queue.counts();
    return {
      Attributes: {
        ApproximateNumberOfMessages: String(counts.visible),
        ApproximateNumberOfMessagesNotVisible: String(counts.inFlight),
        ApproximateNumberOfMessagesDelayed: String(counts.delayed),
        VisibilityTimeout: String(queue.visibilityTimeoutSeconds),
      },
    };
  },
};

const readBody = (request: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAXIMUM_BODY_BYTES) reject(new QueueProtocolError('InvalidParameterValue', 'Request too large.'));
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });

const reply = (response: ServerResponse, status: number, body: Input) => {
  response.writeHead(status, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': randomUUID() });
  response.end(JSON.stringify(body));
};

const fail = (response: ServerResponse, type: string, message: string) =>
  reply(response, 400, { __type: `com.amazonaws.sqs#${type}`, message });

/**
 * Just enough of Amazon SQS's AWS JSON 1.0 protocol for `@aws-sdk/client-sqs` — SendMessage(Batch), ReceiveMessage,
 * DeleteMessage, ChangeMessageVisibility, GetQueueAttributes — over the local runtime's queues. Loopback only, no
 * request signing checked (nothing here is reachable from another machine).
 */
export const createSqsServer = (queues: ReadonlyMap<string, LocalQueue>): Server =>
  createServer(async (request, response) => {
    try {
      const target = String(request.headers['x-amz-target'] ?? '');
      if (request.method !== 'POST' || !target.startsWith('AmazonSQS.')) {
        return fail(response, 'InvalidAction', 'Only the AWS JSON 1.0 protocol of Amazon SQS is served here.');
      }
      const operation = OPERATIONS[target.slice('AmazonSQS.'.length)];
      if (!operation) return fail(response, 'InvalidAction', `${target} is not served by the local runtime.`);
      const input = JSON.parse((await readBody(request)) || '{}') as Input;
      const name =
        String(input.QueueUrl ?? '')
          .split('/')
          .pop() ?? '';
      const queue = queues.get(name);
      if (!queue) return fail(response, 'QueueDoesNotExist', `The queue ${String(input.QueueUrl)} does not exist.`);
      reply(response, 200, await operation(queue, input));
    } catch (error) {
      if (error instanceof QueueProtocolError) return fail(response, error.type, error.message);
      fail(response, 'InvalidParameterValue', error instanceof Error ? error.message : 'Invalid request.');
    }
  });
