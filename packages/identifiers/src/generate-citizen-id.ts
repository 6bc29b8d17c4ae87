import type { CitizenId } from './citizen-id.ts';
import { parseCitizenId } from './citizen-id.ts';
import { citizenIdCheckCharacter } from './iso7064-mod11-2.ts';

export interface GenerateCitizenIdOptions {
  /** Six-digit address code; default `110105` (Beijing, Chaoyang). */
  readonly region?: string;
  /** `YYYY-MM-DD`; default `1990-01-01`. */
  readonly birthDate?: string;
  /** 0–999; its parity is the sex (odd male, even female). Default 1. */
  readonly sequence?: number;
}

/**
 * A valid citizen ID number built from its parts, for tests and fixtures: real people's numbers never need to appear
 * in this repository. Throws a RangeError when the parts cannot make a valid number (unknown province, impossible or
 * future date, sequence out of range), so a fixture can never silently be invalid.
 */
export const generateCitizenId = (options: GenerateCitizenIdOptions = {}): CitizenId => {
  const { region = '110105', birthDate = '1990-01-01', sequence = 1 } = options;
  if (!Number.isInteger(sequence) || sequence < 0 || sequence > 999) {
    throw new RangeError('generateCitizenId: sequence must be an integer from 0 to 999');
  }
  const first17 = `${region}${birthDate.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
  if (!/^[0-9]{17}$/.test(first17) || !/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(birthDate)) {
    throw new RangeError('generateCitizenId: region is 6 digits and birthDate is YYYY-MM-DD');
  }
  const parsed = parseCitizenId(`${first17}${citizenIdCheckCharacter(first17)}`);
  if (!parsed.ok) throw new RangeError(`generateCitizenId: ${parsed.error.message}`);
  return parsed.value;
};
