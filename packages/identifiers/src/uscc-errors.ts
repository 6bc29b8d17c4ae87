import type { IdentifierError } from './identifier-error.ts';

/** Stable codes: callers branch on them and map them to responses; the wording may change, the codes do not. */
export type UsccErrorCode =
  | 'uscc_format'
  | 'uscc_character'
  | 'uscc_registration_authority'
  | 'uscc_region'
  | 'uscc_organisation_code'
  | 'uscc_check_character';

type Details = { readonly position?: number; readonly character?: string };

const MESSAGES: Record<UsccErrorCode, (details: Details) => { readonly en: string; readonly zh: string }> = {
  uscc_format: ({ position }) =>
    position === undefined
      ? {
          en: 'A Unified Social Credit Code has 18 characters, digits and capital letters.',
          zh: '统一社会信用代码应为18位数字或大写英文字母。',
        }
      : {
          en: `Character ${position} of the Unified Social Credit Code is not a digit or a letter.`,
          zh: `统一社会信用代码第${position}位不是数字或英文字母。`,
        },
  uscc_character: ({ position, character }) => ({
    en: `Character ${position} of the Unified Social Credit Code is ${character}: the letters I, O, Z, S and V are never used.`,
    zh: `统一社会信用代码第${position}位为“${character}”：统一社会信用代码不使用字母I、O、Z、S、V。`,
  }),
  uscc_registration_authority: () => ({
    en: 'Characters 1 and 2 of the Unified Social Credit Code are not a registration authority and entity type in use.',
    zh: '统一社会信用代码第1、2位不是有效的登记管理部门代码和机构类别代码。',
  }),
  uscc_region: () => ({
    en: 'Characters 3 to 8 of the Unified Social Credit Code are not an administrative division code.',
    zh: '统一社会信用代码第3至8位不是有效的登记管理机关行政区划码。',
  }),
  uscc_organisation_code: () => ({
    en: 'Characters 9 to 17 of the Unified Social Credit Code are not a valid organisation code: its check character does not match.',
    zh: '统一社会信用代码第9至17位主体标识码（组织机构代码）的校验码不正确。',
  }),
  uscc_check_character: () => ({
    en: 'The Unified Social Credit Code is mistyped: its last character does not match the others.',
    zh: '统一社会信用代码校验码不正确，请检查是否输错。',
  }),
};

export const usccError = (code: UsccErrorCode, details: Details = {}): IdentifierError<UsccErrorCode> => {
  const { en, zh } = MESSAGES[code](details);
  return {
    code,
    message: en,
    messageZh: zh,
    ...(details.position === undefined ? {} : { position: details.position }),
  };
};
