import { describe, expect, it } from 'vitest';
import type { CarrierVerifier } from './carrier-verifier.ts';
import { CarrierUnavailableError } from './check-unavailable-error.ts';
import { type MobileNumber, parseMobileNumber } from './mobile-number.ts';
import { SANDBOX_MAGIC, SANDBOX_PEOPLE } from './sandbox-people.ts';

const phone = (value: string): MobileNumber => {
  const parsed = parseMobileNumber(value);
  if (!parsed) throw new Error(`not a mobile number: ${value}`);
  return parsed;
};

/** What every `CarrierVerifier` adapter answers about the sandbox people. */
export const describeCarrierVerifierContract = (name: string, makeVerifier: () => CarrierVerifier): void => {
  const [zhang, li] = SANDBOX_PEOPLE;
  if (!zhang?.phone || !li) throw new Error('sandbox people are missing');

  describe(`CarrierVerifier contract: ${name}`, () => {
    it('matches every seeded subscriber', async () => {
      const verifier = makeVerifier();
      for (const person of SANDBOX_PEOPLE.filter((p) => p.phone)) {
        const request = { name: person.name, citizenId: person.citizenId, phone: phone(person.phone ?? '') };
        expect(await verifier.checkThreeFactors(request)).toBe('match');
      }
    });

    it('answers mismatch when the name or the ID number is not the subscriber’s', async () => {
      const verifier = makeVerifier();
      const number = phone(zhang.phone ?? '');
      expect(await verifier.checkThreeFactors({ name: li.name, citizenId: zhang.citizenId, phone: number })).toBe(
        'mismatch',
      );
      expect(await verifier.checkThreeFactors({ name: zhang.name, citizenId: li.citizenId, phone: number })).toBe(
        'mismatch',
      );
    });

    it('answers not_found for a number no carrier knows', async () => {
      const request = { name: zhang.name, citizenId: zhang.citizenId, phone: phone('13800000099') };
      expect(await makeVerifier().checkThreeFactors(request)).toBe('not_found');
    });

    it('throws CarrierUnavailableError for the magic unavailable number', async () => {
      const request = {
        name: zhang.name,
        citizenId: zhang.citizenId,
        phone: phone(SANDBOX_MAGIC.carrierUnavailablePhone),
      };
      await expect(makeVerifier().checkThreeFactors(request)).rejects.toBeInstanceOf(CarrierUnavailableError);
    });
  });
};
