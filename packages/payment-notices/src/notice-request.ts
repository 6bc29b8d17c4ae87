import { type AmountFen, parseAmountFen } from './amount.ts';
import { parseDueDate } from './due-date.ts';
import { type CatalogueItem, type ItemCatalogue, requireItem } from './item-catalogue.ts';
import { type Payer, parsePayer } from './payer.ts';
import { PaymentNoticeError } from './payment-notice-errors.ts';
import { parseReference } from './reference.ts';

/** A department's request to issue a notice, every field checked. Only `parseNoticeRequest` makes one. */
export interface NoticeRequest {
  readonly departmentId: string;
  readonly item: CatalogueItem;
  readonly payer: Payer;
  readonly amountFen: AmountFen;
  readonly dueDate: string;
  readonly dueAt: string;
  readonly description: string;
  readonly metadata: Readonly<Record<string, string>>;
  readonly __brand: 'NoticeRequest';
}

export interface NoticeRequestContext {
  /** The calling department, from its access token: never from the body. */
  readonly departmentId: string;
  readonly catalogue: ItemCatalogue;
  readonly now?: Date;
}

const MAXIMUM_DESCRIPTION_LENGTH = 500;
const MAXIMUM_METADATA_KEYS = 20;
const METADATA_KEY = /^[A-Za-z0-9_.-]{1,40}$/;
const MAXIMUM_METADATA_VALUE_LENGTH = 500;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const parseDescription = (input: unknown): string => {
  const text = typeof input === 'string' ? input.trim() : '';
  if (text === '' || [...text].length > MAXIMUM_DESCRIPTION_LENGTH || !text.isWellFormed()) {
    throw new PaymentNoticeError('invalid_description', { field: 'description' });
  }
  return text;
};

/** The department's own references (case number, ticket number), opaque to the platform and returned as given. */
const parseMetadata = (input: unknown): Record<string, string> => {
  if (input === undefined) return {};
  const entries = isPlainObject(input) ? Object.entries(input) : undefined;
  const valid =
    entries !== undefined &&
    entries.length <= MAXIMUM_METADATA_KEYS &&
    entries.every(
      ([key, value]) =>
        METADATA_KEY.test(key) &&
        typeof value === 'string' &&
        value.length <= MAXIMUM_METADATA_VALUE_LENGTH &&
        value.isWellFormed(),
    );
  if (!valid) throw new PaymentNoticeError('invalid_metadata', { field: 'metadata' });
  return Object.fromEntries(entries) as Record<string, string>;
};

/**
 * Checks a request body field by field, in a fixed order (amount, payer, item, due date, description, metadata),
 * and throws the first refusal with its field. Nothing is written before this has passed.
 */
export const parseNoticeRequest = async (input: unknown, context: NoticeRequestContext): Promise<NoticeRequest> => {
  const now = context.now ?? new Date();
  const departmentId = parseReference(context.departmentId, 'departmentId');
  const body = isPlainObject(input) ? input : {};
  const amountFen = parseAmountFen(body.amountFen);
  const payer = parsePayer(body.payer, now);
  const item = await requireItem(context.catalogue, body.itemCode, departmentId, amountFen);
  const { dueDate, dueAt } = parseDueDate(body.dueDate, now);
  const description = parseDescription(body.description);
  const metadata = parseMetadata(body.metadata);
  return { departmentId, item, payer, amountFen, dueDate, dueAt, description, metadata } as NoticeRequest;
};
