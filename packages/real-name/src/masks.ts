import { maskPersonalData } from '@platform/logging';

/**
 * What the audit trail and the logs may show of personal data: enough for a person to recognise their own, too little
 * to use. The shapes are those of `@platform/personal-data` and of the log masker: `110***********003X`,
 * `138****5678`, `张*`. Only ever given validated values; anything the masker does not recognise is hidden whole.
 */
const maskedOrHidden = (value: string): string => {
  const masked = maskPersonalData(value);
  return masked === value ? '*'.repeat(value.length) : masked;
};

export const maskCitizenId = (citizenId: string): string => maskedOrHidden(citizenId);

export const maskMobileNumber = (phone: string): string => maskedOrHidden(phone);

/** The surname's first character stays; the rest is hidden. */
export const maskPersonName = (name: string): string => {
  const characters = [...name];
  return characters.length <= 1 ? '*' : `${characters[0]}${'*'.repeat(characters.length - 1)}`;
};
