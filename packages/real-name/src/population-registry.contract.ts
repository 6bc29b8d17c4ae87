import { generateCitizenId } from '@platform/identifiers';
import { describe, expect, it } from 'vitest';
import { RegistryUnavailableError } from './check-unavailable-error.ts';
import type { PopulationRegistry } from './population-registry.ts';
import { SANDBOX_MAGIC, SANDBOX_PEOPLE } from './sandbox-people.ts';

/** What every `PopulationRegistry` adapter answers about the sandbox people (behind a simulator for the HTTP one). */
export const describePopulationRegistryContract = (name: string, makeRegistry: () => PopulationRegistry): void => {
  describe(`PopulationRegistry contract: ${name}`, () => {
    it('matches every seeded person by ID number and name', async () => {
      const registry = makeRegistry();
      for (const person of SANDBOX_PEOPLE) {
        expect(await registry.checkIdentity({ citizenId: person.citizenId, name: person.name })).toBe('match');
      }
    });

    it('answers mismatch for a known number under another name', async () => {
      const [zhang] = SANDBOX_PEOPLE;
      if (!zhang) throw new Error('no sandbox people');
      expect(await makeRegistry().checkIdentity({ citizenId: zhang.citizenId, name: '李四' })).toBe('mismatch');
    });

    it('answers not_found for a valid number nobody holds', async () => {
      const citizenId = generateCitizenId({ region: '120101', birthDate: '1999-09-09', sequence: 999 });
      expect(await makeRegistry().checkIdentity({ citizenId, name: '张三' })).toBe('not_found');
    });

    it('throws RegistryUnavailableError for the magic unavailable number', async () => {
      const request = { citizenId: SANDBOX_MAGIC.registryUnavailableCitizenId, name: '张三' };
      await expect(makeRegistry().checkIdentity(request)).rejects.toBeInstanceOf(RegistryUnavailableError);
    });
  });
};
