import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeCarrierVerifierContract } from './carrier-verifier.contract.ts';
import { type CheckProtocolSimulator, startCheckProtocolSimulator } from './check-protocol-simulator.ts';
import { CarrierUnavailableError, RegistryUnavailableError } from './check-unavailable-error.ts';
import { createHttpCarrierVerifier } from './http-carrier-verifier.ts';
import { createHttpPopulationRegistry } from './http-population-registry.ts';
import { describePopulationRegistryContract } from './population-registry.contract.ts';
import { createSandboxCarrierVerifier } from './sandbox-carrier-verifier.ts';
import { SANDBOX_MAGIC, SANDBOX_PEOPLE } from './sandbox-people.ts';
import { createSandboxPopulationRegistry } from './sandbox-population-registry.ts';
import type { SignedJsonClientOptions } from './signed-json-client.ts';

const CLIENT_ID = 'platform-test';
const SECRET = 'check-protocol-test-secret-0123456789';

let simulator: CheckProtocolSimulator;

beforeAll(async () => {
  simulator = await startCheckProtocolSimulator({
    registry: createSandboxPopulationRegistry({ slowMs: 400 }),
    carrier: createSandboxCarrierVerifier({ slowMs: 400 }),
    clients: { [CLIENT_ID]: SECRET },
  });
});

afterAll(() => simulator.close());

const options = (overrides: Partial<SignedJsonClientOptions> = {}): SignedJsonClientOptions => ({
  baseUrl: simulator.baseUrl,
  clientId: CLIENT_ID,
  secret: SECRET,
  ...overrides,
});

describePopulationRegistryContract('HTTP, against the protocol simulator', () =>
  createHttpPopulationRegistry(options()),
);
describeCarrierVerifierContract('HTTP, against the protocol simulator', () => createHttpCarrierVerifier(options()));

const [zhang] = SANDBOX_PEOPLE;
if (!zhang) throw new Error('no sandbox people');
const zhangCheck = { citizenId: zhang.citizenId, name: zhang.name };

/** The reason of the unavailable error a registry call ends in, and the code the gateway answered. */
const failureOf = async (overrides: Partial<SignedJsonClientOptions>, request = zhangCheck) => {
  const before = simulator.answered.length;
  const error = await createHttpPopulationRegistry(options(overrides))
    .checkIdentity(request)
    .then(
      () => undefined,
      (caught: unknown) => caught,
    );
  expect(error).toBeInstanceOf(RegistryUnavailableError);
  return { reason: (error as RegistryUnavailableError).reason, answered: simulator.answered.slice(before) };
};

describe('HTTP check adapters', () => {
  it('are refused by the gateway with a wrong secret, an unknown client or a stale clock', async () => {
    expect(await failureOf({ secret: 'x'.repeat(40) })).toEqual({
      reason: 'request_rejected',
      answered: ['E_SIGNATURE'],
    });
    expect(await failureOf({ clientId: 'someone-else' })).toEqual({
      reason: 'request_rejected',
      answered: ['E_CLIENT'],
    });
    const tenMinutesAhead = () => Date.now() + 600_000;
    expect(await failureOf({ now: tenMinutesAhead })).toEqual({
      reason: 'request_rejected',
      answered: ['E_TIMESTAMP'],
    });
  });

  it('cannot replay a request: a nonce is good once', async () => {
    const nonce = () => 'ffeeddccbbaa99887766554433221100';
    const registry = createHttpPopulationRegistry(options({ nonce }));
    expect(await registry.checkIdentity(zhangCheck)).toBe('match');
    await expect(registry.checkIdentity(zhangCheck)).rejects.toMatchObject({ reason: 'request_rejected' });
    expect(simulator.answered.at(-1)).toBe('E_REPLAY');
  });

  it('refuses an answer whose signature does not hold, such as a mismatch turned into a match on the way', async () => {
    const tampering: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      const body = (await response.text()).replace('"mismatch"', '"match"');
      return new Response(body, { status: response.status, headers: response.headers });
    };
    expect(await failureOf({ fetch: tampering }, { citizenId: zhang.citizenId, name: '李四' })).toEqual({
      reason: 'response_signature_invalid',
      answered: ['OK'],
    });
  });

  it('gives up after the timeout on a slow gateway', async () => {
    const slow = { citizenId: SANDBOX_MAGIC.registrySlowCitizenId, name: SANDBOX_MAGIC.registrySlowName };
    const { reason } = await failureOf({ timeoutMs: 100 }, slow);
    expect(reason).toBe('timeout');
  });

  it('reports a gateway that is down, or answers 503, as unavailable', async () => {
    const down = await startCheckProtocolSimulator({
      registry: createSandboxPopulationRegistry(),
      carrier: createSandboxCarrierVerifier(),
      clients: {},
    });
    await down.close();
    expect((await failureOf({ baseUrl: down.baseUrl })).reason).toBe('network');
    const magic = { citizenId: SANDBOX_MAGIC.registryUnavailableCitizenId, name: '张三' };
    expect(await failureOf({}, magic)).toEqual({ reason: 'server_error', answered: ['E_UNAVAILABLE'] });
  });

  it('turn carrier failures into CarrierUnavailableError', async () => {
    const verifier = createHttpCarrierVerifier(options({ secret: 'y'.repeat(40) }));
    const request = { ...zhangCheck, phone: '13800000001' } as Parameters<typeof verifier.checkThreeFactors>[0];
    await expect(verifier.checkThreeFactors(request)).rejects.toBeInstanceOf(CarrierUnavailableError);
  });

  it('refuse a configuration that would send personal data in clear or sign with a weak secret', () => {
    expect(() => createHttpPopulationRegistry(options({ baseUrl: 'http://registry.example.gov.cn' }))).toThrow(
      TypeError,
    );
    expect(() => createHttpPopulationRegistry(options({ secret: 'short' }))).toThrow(TypeError);
    expect(() =>
      createHttpPopulationRegistry(options({ baseUrl: 'https://registry.example.gov.cn/api' })),
    ).not.toThrow();
  });
});
