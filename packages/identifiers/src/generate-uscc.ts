import { usccCheckCharacter } from './gb32100-check.ts';
import { organisationCodeCheckCharacter } from './organisation-code.ts';
import { parseUscc, type Uscc } from './uscc.ts';

export interface GenerateUsccOptions {
  /** Character 1; default `9` (market regulation). */
  readonly registrationAuthority?: string;
  /** Character 2; default `1` (enterprise). */
  readonly entityType?: string;
  /** Characters 3–8; default `110000` (Beijing). */
  readonly region?: string;
  /** The 8-character organisation code body (USCC alphabet); its check character is computed. Default `MA000001`. */
  readonly organisationBody?: string;
}

/**
 * A valid USCC built from its parts, for tests and fixtures. Throws a RangeError when the parts cannot make a valid
 * code, so a fixture can never silently be invalid.
 */
export const generateUscc = (options: GenerateUsccOptions = {}): Uscc => {
  const { registrationAuthority = '9', entityType = '1', region = '110000', organisationBody = 'MA000001' } = options;
  if (!/^[0-9A-Z]{8}$/.test(organisationBody)) {
    throw new RangeError('generateUscc: organisationBody is 8 digits or capital letters');
  }
  const first17 = `${registrationAuthority}${entityType}${region}${organisationBody}${organisationCodeCheckCharacter(organisationBody)}`;
  const parsed = parseUscc(`${first17}${safeCheckCharacter(first17)}`);
  if (!parsed.ok) throw new RangeError(`generateUscc: ${parsed.error.message}`);
  return parsed.value;
};

/** A placeholder when the parts are not even in the alphabet: parsing then reports the real fault. */
const safeCheckCharacter = (first17: string): string => {
  try {
    return usccCheckCharacter(first17);
  } catch {
    return '0';
  }
};
