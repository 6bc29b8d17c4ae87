import type { PersonalDataKind } from './personal-data-kind.ts';

/**
 * The one spelling of a value that its blind index is computed over, so that a lookup typed differently from the
 * stored value still finds it. Idempotent. NFKC folds full-width digits and letters (common from Chinese input
 * methods) to ASCII; names use NFC only, so that no ideograph is folded into another.
 */
export const normalisePersonalData = (kind: PersonalDataKind, value: string): string => {
  switch (kind) {
    case 'citizen-id':
    case 'uscc':
      return value.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
    case 'phone':
      return value
        .normalize('NFKC')
        .replace(/[\s()-]+/g, '')
        .replace(/^(?:\+|00)?86(?=1\d{10}$)/, '');
    case 'name':
      return value
        .normalize('NFC')
        .trim()
        .replace(/\s+/g, ' ')
        .replace(/[•∙⋅・．]/g, '·');
  }
};
