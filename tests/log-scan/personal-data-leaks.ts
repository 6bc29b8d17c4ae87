import { isValidCitizenId } from '@platform/identifiers';

export interface Leak {
  readonly file: string;
  readonly line: number;
  readonly kind: 'citizen-id' | 'mobile';
  /** Masked, so the scan's own report leaks nothing. */
  readonly masked: string;
}

/** 18 characters bounded by non-alphanumerics; only those with a valid check digit count (fewer false alarms). */
const CITIZEN_ID = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;
const MOBILE = /(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])/g;

const mask = (value: string) => `${value.slice(0, 3)}${'*'.repeat(value.length - 7)}${value.slice(-4)}`;

/** Every full citizen ID number or mainland mobile number in a text, with its line. */
export const findLeaks = (file: string, text: string): Leak[] => {
  const leaks: Leak[] = [];
  text.split('\n').forEach((content, index) => {
    for (const match of content.matchAll(CITIZEN_ID)) {
      if (isValidCitizenId(match[0])) leaks.push({ file, line: index + 1, kind: 'citizen-id', masked: mask(match[0]) });
    }
    for (const match of content.matchAll(MOBILE)) {
      leaks.push({ file, line: index + 1, kind: 'mobile', masked: mask(match[0]) });
    }
  });
  return leaks;
};
