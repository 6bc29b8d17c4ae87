import { randomUUID } from 'node:crypto';
import { type Clock, systemClock } from './clock.ts';
import { maskPhoneNumber, normalisePhoneNumber, type PhoneNumber } from './phone-number.ts';
import { SmsDeliveryError, type SmsMessage, type SmsReceipt, type SmsSender } from './sms-sender.ts';

/**
 * A gateway on this machine: it keeps the last messages per phone in memory for the local runtime to show at
 * `GET /_sandbox/sms`, and prints each to stdout (the code visible, the phone masked). Never used in AWS.
 *
 * Magic numbers make it fail the way a real gateway does, to exercise error paths end to end.
 */
export const SANDBOX_FAILING_NUMBERS: Readonly<Record<string, SmsDeliveryError['kind']>> = {
  '13900000429': 'throttled',
  '13900000400': 'recipient_rejected',
  '13900000503': 'unavailable',
};

export interface SandboxSms {
  readonly messageId: string;
  /** In clear: this inbox exists only on a developer's machine, which is where its reader needs the number. */
  readonly phone: PhoneNumber;
  readonly maskedPhone: string;
  readonly text: string;
  readonly templateId: string;
  readonly params: Readonly<Record<string, string>>;
  /** ISO 8601. */
  readonly sentAt: string;
}

export interface SandboxSmsSender extends SmsSender {
  /** Newest first; only one phone's messages if `phone` is given (in any accepted spelling). */
  list(filter?: { readonly phone?: string }): SandboxSms[];
  clear(): void;
}

export interface SandboxSmsOptions {
  /** Messages kept per phone; older ones are dropped. Default 10. */
  readonly keepPerPhone?: number;
  /** Phones kept; the least recently messaged is dropped. Default 1000. */
  readonly maxPhones?: number;
  /** Where the console line goes; default stdout. */
  readonly write?: (line: string) => void;
  readonly clock?: Clock;
}

export const createSandboxSmsSender = (options: SandboxSmsOptions = {}): SandboxSmsSender => {
  const keepPerPhone = options.keepPerPhone ?? 10;
  const maxPhones = options.maxPhones ?? 1000;
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const clock = options.clock ?? systemClock;
  // Insertion order of a Map is the eviction order: a phone is re-inserted on every message.
  const inboxes = new Map<PhoneNumber, SandboxSms[]>();
  // Send order, for listing newest first even when two messages share a millisecond.
  const order = new Map<string, number>();
  let sent = 0;

  const keep = (sms: SandboxSms): void => {
    const inbox = inboxes.get(sms.phone) ?? [];
    inboxes.delete(sms.phone);
    const [kept, dropped] = [[sms, ...inbox].slice(0, keepPerPhone), inbox.slice(keepPerPhone - 1)];
    inboxes.set(sms.phone, kept);
    sent += 1;
    order.set(sms.messageId, sent);
    for (const gone of dropped) order.delete(gone.messageId);
    for (const [oldest, messages] of inboxes) {
      if (inboxes.size <= maxPhones) break;
      inboxes.delete(oldest);
      for (const gone of messages) order.delete(gone.messageId);
    }
  };

  return {
    send: async (message: SmsMessage): Promise<SmsReceipt> => {
      const failure = SANDBOX_FAILING_NUMBERS[message.phone];
      if (failure) throw new SmsDeliveryError(failure, `sandbox: magic number fails with ${failure}`);
      const sms: SandboxSms = {
        messageId: randomUUID(),
        phone: message.phone,
        maskedPhone: maskPhoneNumber(message.phone),
        text: message.text,
        templateId: message.templateId,
        params: { ...message.params },
        sentAt: new Date(clock.now()).toISOString(),
      };
      keep(sms);
      write(`[sandbox sms] to ${sms.maskedPhone} (${sms.templateId}): ${sms.text}`);
      return { messageId: sms.messageId };
    },
    list: (filter = {}) => {
      if (filter.phone !== undefined) return [...(inboxes.get(normalisePhoneNumber(filter.phone)) ?? [])];
      return [...inboxes.values()].flat().sort((a, b) => (order.get(b.messageId) ?? 0) - (order.get(a.messageId) ?? 0));
    },
    clear: () => {
      inboxes.clear();
      order.clear();
    },
  };
};
