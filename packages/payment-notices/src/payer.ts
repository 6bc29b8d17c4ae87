import { type CitizenId, parseCitizenId, parseUscc, type Uscc } from '@platform/identifiers';
import { PaymentNoticeError } from './payment-notice-errors.ts';

export type PayerKind = 'natural-person' | 'legal-person';

/** Who is to pay a notice, validated: a citizen by ID number, or a company or other organisation by USCC. */
export type Payer =
  | { readonly kind: 'natural-person'; readonly citizenId: CitizenId; readonly name: string }
  | { readonly kind: 'legal-person'; readonly uscc: Uscc; readonly name: string };

const MAXIMUM_NAME_LENGTH = 100;

/** NFC, trimmed, inner runs of white space as one space; no control characters, well-formed Unicode. */
const parseName = (input: unknown): string => {
  const name = typeof input === 'string' ? input.normalize('NFC').trim().replace(/\s+/g, ' ') : '';
  if (name === '' || [...name].length > MAXIMUM_NAME_LENGTH || !name.isWellFormed() || /\p{Cc}/u.test(name)) {
    throw new PaymentNoticeError('invalid_payer_name', {
      field: 'payer.name',
      detailZh: '缴款人名称应为1至100个字符。',
    });
  }
  return name;
};

const asRecord = (input: unknown): Record<string, unknown> =>
  typeof input === 'object' && input !== null && !Array.isArray(input) ? (input as Record<string, unknown>) : {};

/**
 * The payer from an API body: `{ kind: 'natural-person', idNumber, name }` or `{ kind: 'legal-person', uscc, name }`.
 * The identifier is checked in full (format, region, birth date or registration authority, check character) and a
 * refusal keeps the identifier package's own code (`citizen_id_check_digit`, …) with its Chinese wording.
 */
export const parsePayer = (input: unknown, today: Date = new Date()): Payer => {
  const body = asRecord(input);
  if (body.kind === 'natural-person') {
    const parsed = parseCitizenId(body.idNumber, { today });
    if (!parsed.ok) {
      const { code, message, messageZh } = parsed.error;
      throw new PaymentNoticeError(code, { field: 'payer.idNumber', detail: message, detailZh: messageZh });
    }
    return { kind: 'natural-person', citizenId: parsed.value, name: parseName(body.name) };
  }
  if (body.kind === 'legal-person') {
    const parsed = parseUscc(body.uscc);
    if (!parsed.ok) {
      const { code, message, messageZh } = parsed.error;
      throw new PaymentNoticeError(code, { field: 'payer.uscc', detail: message, detailZh: messageZh });
    }
    return { kind: 'legal-person', uscc: parsed.value, name: parseName(body.name) };
  }
  throw new PaymentNoticeError('invalid_payer', {
    field: typeof input === 'object' && input !== null ? 'payer.kind' : 'payer',
    detailZh: '缴款人应为自然人（身份证号码）或法人（统一社会信用代码），并提供名称。',
  });
};

/** The payer's identifier and the personal-data kind it is sealed and indexed as. */
export const payerIdentifierOf = (payer: Payer): { kind: 'citizen-id' | 'uscc'; value: string } =>
  payer.kind === 'natural-person'
    ? { kind: 'citizen-id', value: payer.citizenId }
    : { kind: 'uscc', value: payer.uscc };
