import { describe, expect, it } from 'vitest';
import { describeCarrierVerifierContract } from './carrier-verifier.contract.ts';
import { describePopulationRegistryContract } from './population-registry.contract.ts';
import { createSandboxCarrierVerifier } from './sandbox-carrier-verifier.ts';
import { SANDBOX_MAGIC, SANDBOX_PEOPLE } from './sandbox-people.ts';
import { createSandboxPopulationRegistry } from './sandbox-population-registry.ts';

describePopulationRegistryContract('sandbox', () => createSandboxPopulationRegistry());
describeCarrierVerifierContract('sandbox', () => createSandboxCarrierVerifier());

describe('sandbox people', () => {
  it('are the ones the README lists', () => {
    expect(SANDBOX_PEOPLE.map(({ name, citizenId, phone }) => [name, citizenId, phone])).toEqual([
      ['张三', '110105199003070113', '13800000001'],
      ['李四', '310104198506150234', '13800000002'],
      ['王五', '44030519781130035X', '13800000003'],
      ['孙丽', '330106200102280485', '13800000004'],
      ['欧阳娜娜', '510107199509090629', '13800000005'],
      ['阿依古丽·买买提', '650102198812010745', undefined],
    ]);
    expect(SANDBOX_MAGIC.registryUnavailableCitizenId).toBe('110101197001010016');
    expect(SANDBOX_MAGIC.registrySlowCitizenId).toBe('110101197001010024');
  });

  it('answer the slow magic number after the delay, and count calls without keeping inputs', async () => {
    const registry = createSandboxPopulationRegistry({ slowMs: 30 });
    const started = Date.now();
    const request = { citizenId: SANDBOX_MAGIC.registrySlowCitizenId, name: SANDBOX_MAGIC.registrySlowName };
    expect(await registry.checkIdentity(request)).toBe('match');
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
    expect(registry.calls).toBe(1);
  });
});
