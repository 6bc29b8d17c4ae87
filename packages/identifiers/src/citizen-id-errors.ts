import type { IdentifierError } from './identifier-error.ts';

/** Stable codes: callers branch on them and map them to responses; the wording may change, the codes do not. */
export type CitizenIdErrorCode =
  | 'citizen_id_format'
  | 'citizen_id_region'
  | 'citizen_id_birth_date'
  | 'citizen_id_check_digit';

const MESSAGES: Record<CitizenIdErrorCode, { readonly en: string; readonly zh: string }> = {
  citizen_id_format: {
    en: 'A citizen ID number has 18 characters: 17 digits, then a digit or X.',
    zh: '公民身份号码应为18位：前17位为数字，最后一位为数字或X。',
  },
  citizen_id_region: {
    en: 'The citizen ID number does not start with a province-level administrative division code.',
    zh: '公民身份号码的地址码不是有效的省级行政区划代码。',
  },
  citizen_id_birth_date: {
    en: 'The birth date in the citizen ID number (digits 7 to 14) is not a real date from 1900-01-01 to today.',
    zh: '公民身份号码中的出生日期（第7至14位）无效，应为1900年1月1日至今天之间的真实日期。',
  },
  citizen_id_check_digit: {
    en: 'The citizen ID number is mistyped: its last character does not match the others.',
    zh: '公民身份号码校验码不正确，请检查是否输错。',
  },
};

export const citizenIdError = (code: CitizenIdErrorCode): IdentifierError<CitizenIdErrorCode> => ({
  code,
  message: MESSAGES[code].en,
  messageZh: MESSAGES[code].zh,
});
