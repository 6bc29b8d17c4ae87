import { createHash, randomUUID } from 'node:crypto';

/** A message as a standard SQS queue keeps it. */
export interface QueuedMessage {
  readonly messageId: string;
  readonly body: string;
  readonly md5OfBody: string;
  readonly sentAt: number;
  /** Not receivable before this instant (DelaySeconds, then each receive's visibility timeout). */
  visibleAt: number;
  receiveCount: number;
  firstReceivedAt?: number;
  /** The handle of the latest receive; only it deletes or changes visibility. */
  receiptHandle?: string;
}

export interface LocalQueueOptions {
  readonly name: string;
  readonly visibilityTimeoutSeconds: number;
  /** With `deadLetter`: a message received this many times without being deleted moves there on its next receive. */
  readonly maxReceiveCount?: number;
  readonly deadLetter?: LocalQueue;
}

export class QueueProtocolError extends Error {
  readonly type: string;

  constructor(type: string, message: string) {
    super(message);
    this.name = 'QueueProtocolError';
    this.type = type;
  }
}

export const MAXIMUM_DELAY_SECONDS = 900;
const MAXIMUM_VISIBILITY_SECONDS = 43_200;

/** The MD5 the SDK checks on every send and receive: hex of the UTF-8 body. */
export const md5Hex = (body: string): string => createHash('md5').update(body, 'utf8').digest('hex');

/**
 * One standard queue in memory with the semantics the platform relies on: delays up to 15 minutes, a visibility
 * timeout per receive, receive counts, and redrive to a dead-letter queue — applied, as SQS does, when a message
 * that has used up its receives is about to be received again. Ordering is best effort (by visibility), as in SQS.
 */
export class LocalQueue {
  readonly name: string;
  readonly visibilityTimeoutSeconds: number;
  readonly #maxReceiveCount: number | undefined;
  readonly #deadLetter: LocalQueue | undefined;
  readonly #messages = new Map<string, QueuedMessage>();
  readonly #listeners = new Set<() => void>();

  constructor(options: LocalQueueOptions) {
    this.name = options.name;
    this.visibilityTimeoutSeconds = options.visibilityTimeoutSeconds;
    this.#maxReceiveCount = options.maxReceiveCount;
    this.#deadLetter = options.deadLetter;
  }

  /** Called whenever a message is sent (pollers wake up instead of waiting for their next tick). */
  onSend(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  send(body: string, delaySeconds = 0, now = Date.now()): QueuedMessage {
    if (!Number.isInteger(delaySeconds) || delaySeconds < 0 || delaySeconds > MAXIMUM_DELAY_SECONDS) {
      throw new QueueProtocolError('InvalidParameterValue', `DelaySeconds must be 0 to ${MAXIMUM_DELAY_SECONDS}.`);
    }
    if (body.length === 0) throw new QueueProtocolError('MissingParameter', 'The request must contain MessageBody.');
    const message: QueuedMessage = {
      messageId: randomUUID(),
      body,
      md5OfBody: md5Hex(body),
      sentAt: now,
      visibleAt: now + delaySeconds * 1000,
      receiveCount: 0,
    };
    this.#messages.set(message.messageId, message);
    for (const listener of this.#listeners) listener();
    return message;
  }

  receive(
    maximum: number,
    visibilityTimeoutSeconds = this.visibilityTimeoutSeconds,
    now = Date.now(),
  ): QueuedMessage[] {
    const received: QueuedMessage[] = [];
    const visible = [...this.#messages.values()]
      .filter((message) => message.visibleAt <= now)
      .sort((a, b) => a.visibleAt - b.visibleAt);
    for (const message of visible) {
      if (received.length >= maximum) break;
      if (this.#deadLetter && this.#maxReceiveCount !== undefined && message.receiveCount >= this.#maxReceiveCount) {
        this.#messages.delete(message.messageId);
        this.#deadLetter.send(message.body, 0, now);
        continue;
      }
      message.receiveCount += 1;
      message.firstReceivedAt ??= now;
      message.receiptHandle = `${message.messageId}:${randomUUID()}`;
      message.visibleAt = now + visibilityTimeoutSeconds * 1000;
      received.push(message);
    }
    return received;
  }

  delete(receiptHandle: string): void {
    const message = this.#byHandle(receiptHandle);
    if (message) this.#messages.delete(message.messageId);
  }

  changeVisibility(receiptHandle: string, seconds: number, now = Date.now()): void {
    if (!Number.isInteger(seconds) || seconds < 0 || seconds > MAXIMUM_VISIBILITY_SECONDS) {
      throw new QueueProtocolError('InvalidParameterValue', 'VisibilityTimeout must be 0 to 43200.');
    }
    const message = this.#byHandle(receiptHandle);
    if (!message) throw new QueueProtocolError('ReceiptHandleIsInvalid', 'The receipt handle is not valid.');
    message.visibleAt = now + seconds * 1000;
  }

  /** Visible, in flight and delayed counts, as `GetQueueAttributes` reports them. */
  counts(now = Date.now()): { visible: number; inFlight: number; delayed: number } {
    let visible = 0;
    let inFlight = 0;
    let delayed = 0;
    for (const message of this.#messages.values()) {
      if (message.visibleAt <= now) visible += 1;
      else if (message.receiveCount > 0) inFlight += 1;
      else delayed += 1;
    }
    return { visible, inFlight, delayed };
  }

  /** When the next message becomes visible, if any is waiting. */
  nextVisibleAt(): number | undefined {
    let next: number | undefined;
    for (const message of this.#messages.values())
      if (next === undefined || message.visibleAt < next) next = message.visibleAt;
    return next;
  }

  #byHandle(receiptHandle: string): QueuedMessage | undefined {
    const message = this.#messages.get(receiptHandle.split(':')[0] ?? '');
    return message?.receiptHandle === receiptHandle ? message : undefined;
  }
}
