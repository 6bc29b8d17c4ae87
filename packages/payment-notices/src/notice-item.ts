import type { LedgerEvent } from './ledger-event.ts';
import { departmentPartition, ledgerEventKey, listingSortKey, noticeKey, payerPartition } from './notice-item-keys.ts';
import type { PaymentNotice } from './payment-notice.ts';

type Item = Record<string, unknown>;

const KEY_ATTRIBUTES = ['pk', 'sk', 'entity', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk'] as const;

const withoutKeys = (item: Item): Item =>
  Object.fromEntries(Object.entries(item).filter(([name]) => !(KEY_ATTRIBUTES as readonly string[]).includes(name)));

/** The notice item: the view as attributes, plus its keys and the two listing indexes. */
export const toNoticeItem = (notice: PaymentNotice): Item => ({
  ...noticeKey(notice.noticeId),
  entity: 'notice',
  gsi1pk: departmentPartition(notice.departmentId),
  gsi1sk: listingSortKey(notice.issuedAt, notice.noticeId),
  gsi2pk: payerPartition(notice.payer.index),
  gsi2sk: listingSortKey(notice.issuedAt, notice.noticeId),
  ...notice,
});

export const fromNoticeItem = (item: Item): PaymentNotice => withoutKeys(item) as unknown as PaymentNotice;

export const toLedgerEventItem = (event: LedgerEvent): Item => ({
  ...ledgerEventKey(event.noticeId, event.sequence),
  entity: 'ledger-event',
  ...event,
});

export const fromLedgerEventItem = (item: Item): LedgerEvent => withoutKeys(item) as unknown as LedgerEvent;
