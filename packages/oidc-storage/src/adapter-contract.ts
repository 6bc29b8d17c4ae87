import type { Adapter, AdapterPayload } from 'oidc-provider';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId, OIDC_MODELS, type OidcModelName, samplePayload } from './adapter-contract-payloads.ts';

/** An oidc-provider adapter instance, with the optional exclusive-consume capability. */
export interface OidcAdapterUnderTest extends Adapter {
  /** Consumes the record and resolves true only for the one caller that did; see `exclusiveConsume`. */
  consumeOnce?(id: string): Promise<boolean>;
}

/** The time the adapter sees; the contract moves it to test expiry. */
export interface ContractClock {
  /** Epoch milliseconds. */
  now(): number;
  advance(seconds: number): void;
}

export interface OidcAdapterHarness {
  /** What oidc-provider does with its `adapter` option: one instance per model name. */
  adapterFor(model: string): OidcAdapterUnderTest;
  clock: ContractClock;
  tearDown?(): void | Promise<void>;
}

export interface OidcAdapterContractOptions {
  /**
   * The adapter settles races on `consume`: of concurrent callers exactly one succeeds and the others reject, and
   * it implements `consumeOnce`. oidc-provider's reference memory adapter does not (its `consume` is a plain
   * property write, so every caller "succeeds"); those tests are skipped for adapters without the capability.
   */
  readonly exclusiveConsume: boolean;
}

const CONCURRENT_CALLERS = 50;

/**
 * The storage contract of oidc-provider 9 (`example/my_adapter.js` upstream), as observed on its reference memory
 * adapter, plus the exclusive-consume capability. Registers one vitest suite; `setUp` runs before every test and
 * gives fresh adapters (ids are random per test, so a shared table is fine).
 */
export const describeOidcAdapterContract = (
  name: string,
  setUp: () => OidcAdapterHarness | Promise<OidcAdapterHarness>,
  options: OidcAdapterContractOptions,
): void => {
  describe(`oidc-provider adapter contract: ${name}`, () => {
    let harness: OidcAdapterHarness;
    beforeEach(async () => {
      harness = await setUp();
    });
    afterEach(async () => {
      await harness.tearDown?.();
    });

    const adapter = (model: OidcModelName) => harness.adapterFor(model);
    const nowSeconds = () => Math.floor(harness.clock.now() / 1000);
    /** Stores a copy: some adapters keep the very object they are given. */
    const store = async (model: OidcModelName, payload: AdapterPayload, expiresIn?: number) => {
      const id = payload.jti ?? newId();
      await adapter(model).upsert(id, structuredClone(payload), expiresIn);
      return id;
    };
    /** `expiresIn: null` stores the record without a lifetime. */
    const stored = async (model: OidcModelName, fields: AdapterPayload = {}, expiresIn: number | null = 600) => {
      const id = fields.jti ?? newId();
      const payload = samplePayload(model, id, fields);
      await store(model, payload, expiresIn ?? undefined);
      return { id, payload };
    };

    describe('upsert and find', () => {
      it.each(OIDC_MODELS)('round-trips a %s payload', async (model) => {
        const { id, payload } = await stored(model);
        expect(await adapter(model).find(id)).toStrictEqual(payload);
      });

      it('keeps every JSON value exactly as given', async () => {
        const { id, payload } = await stored('AccessToken', {
          claims: { id_token: { acr: { essential: true, values: ['a', 'b'] }, email: null } },
          extra: {
            '': 'empty key',
            'x5t#S256': 'has a hash',
            name: '张三 ✓ Ω',
            empty: '',
            fraction: 0.125,
            negative: -42,
            largestSafe: Number.MAX_SAFE_INTEGER,
            nested: [[1, [2, { three: 3 }]], {}, []],
            flags: [true, false, null],
          },
        });
        expect(await adapter('AccessToken').find(id)).toStrictEqual(payload);
      });

      it('finds nothing for an id never stored', async () => {
        expect(await adapter('AccessToken').find(newId())).toBeFalsy();
      });

      it('keeps records of different models apart under the same id', async () => {
        const id = newId();
        await store('AccessToken', samplePayload('AccessToken', id));
        expect(await adapter('RefreshToken').find(id)).toBeFalsy();
        await store('RefreshToken', samplePayload('RefreshToken', id));
        expect(await adapter('AccessToken').find(id)).toMatchObject({ kind: 'AccessToken' });
        expect(await adapter('RefreshToken').find(id)).toMatchObject({ kind: 'RefreshToken' });
      });

      it('replaces the whole payload on a second upsert', async () => {
        const { id } = await stored('Session', { transient: true, state: { csrf: 'x' } });
        const replacement = samplePayload('Session', id, { accountId: 'account-2' });
        await store('Session', replacement, 600);
        const found = await adapter('Session').find(id);
        expect(found).toStrictEqual(replacement);
        expect(found).not.toHaveProperty('transient');
      });

      it('keeps a record stored without expiresIn until it is destroyed', async () => {
        const { id, payload } = await stored('Client', {}, null);
        harness.clock.advance(10 * 365 * 24 * 3600);
        expect(await adapter('Client').find(id)).toStrictEqual(payload);
        await adapter('Client').destroy(id);
        expect(await adapter('Client').find(id)).toBeFalsy();
      });
    });

    describe('expiry (honoured on every read, whenever the store itself removes the record)', () => {
      it('finds a record until expiresIn seconds have passed, then no longer', async () => {
        const { id } = await stored('AccessToken', {}, 60);
        harness.clock.advance(59);
        expect(await adapter('AccessToken').find(id)).toBeTruthy();
        harness.clock.advance(1);
        expect(await adapter('AccessToken').find(id)).toBeFalsy();
      });

      it('counts the lifetime afresh when the record is upserted again', async () => {
        const { id, payload } = await stored('Session', {}, 60);
        harness.clock.advance(50);
        await store('Session', payload, 60);
        harness.clock.advance(50);
        expect(await adapter('Session').find(id)).toStrictEqual(payload);
        harness.clock.advance(10);
        expect(await adapter('Session').find(id)).toBeFalsy();
      });

      it('hides an expired Session from findByUid', async () => {
        const { payload } = await stored('Session', {}, 30);
        harness.clock.advance(30);
        expect(await adapter('Session').findByUid(String(payload.uid))).toBeFalsy();
      });

      it('hides an expired DeviceCode from findByUserCode', async () => {
        const { payload } = await stored('DeviceCode', {}, 30);
        harness.clock.advance(30);
        expect(await adapter('DeviceCode').findByUserCode(String(payload.userCode))).toBeFalsy();
      });

      it('does not consume an expired record', async () => {
        const { id } = await stored('AuthorizationCode', {}, 30);
        harness.clock.advance(30);
        await expect(adapter('AuthorizationCode').consume(id)).rejects.toThrow();
        expect(await adapter('AuthorizationCode').find(id)).toBeFalsy();
      });
    });

    describe('findByUid', () => {
      it('finds the Session by its uid', async () => {
        const { payload } = await stored('Session');
        expect(await adapter('Session').findByUid(String(payload.uid))).toStrictEqual(payload);
      });

      it('finds nothing for an unknown uid', async () => {
        expect(await adapter('Session').findByUid(newId())).toBeFalsy();
      });

      it('follows the uid when the Session is upserted with another one', async () => {
        const { id, payload } = await stored('Session');
        const moved = { ...payload, uid: newId() };
        await store('Session', moved, 600);
        expect(await adapter('Session').findByUid(String(payload.uid))).toBeFalsy();
        expect(await adapter('Session').findByUid(String(moved.uid))).toStrictEqual(moved);
        expect(moved.jti).toBe(id);
      });

      it('finds the Session under its new id after oidc-provider resets the id (destroy old, upsert new)', async () => {
        const { id, payload } = await stored('Session');
        const renewed = { ...payload, jti: newId() };
        await adapter('Session').destroy(id);
        await store('Session', renewed, 600);
        expect(await adapter('Session').findByUid(String(payload.uid))).toStrictEqual(renewed);
      });

      it('finds nothing once the Session is destroyed', async () => {
        const { id, payload } = await stored('Session');
        await adapter('Session').destroy(id);
        expect(await adapter('Session').findByUid(String(payload.uid))).toBeFalsy();
      });
    });

    describe('findByUserCode', () => {
      it('finds the DeviceCode by its user code', async () => {
        const { payload } = await stored('DeviceCode');
        expect(await adapter('DeviceCode').findByUserCode(String(payload.userCode))).toStrictEqual(payload);
      });

      it('finds nothing for an unknown user code', async () => {
        expect(await adapter('DeviceCode').findByUserCode('ZZZZ-ZZZZ')).toBeFalsy();
      });

      it('finds nothing once the DeviceCode is destroyed', async () => {
        const { id, payload } = await stored('DeviceCode');
        await adapter('DeviceCode').destroy(id);
        expect(await adapter('DeviceCode').findByUserCode(String(payload.userCode))).toBeFalsy();
      });

      it('shows the DeviceCode as consumed once consumed', async () => {
        const { id, payload } = await stored('DeviceCode');
        await adapter('DeviceCode').consume(id);
        expect(await adapter('DeviceCode').findByUserCode(String(payload.userCode))).toStrictEqual({
          ...payload,
          consumed: nowSeconds(),
        });
      });
    });

    describe('consume', () => {
      it.each(['AuthorizationCode', 'RefreshToken', 'DeviceCode', 'PushedAuthorizationRequest'] as const)(
        'marks a %s consumed at the current epoch second, and find returns it with the rest of the payload',
        async (model) => {
          const { id, payload } = await stored(model);
          harness.clock.advance(7);
          await adapter(model).consume(id);
          expect(await adapter(model).find(id)).toStrictEqual({ ...payload, consumed: nowSeconds() });
        },
      );

      it('keeps the consumed record until it expires', async () => {
        const { id } = await stored('AuthorizationCode', {}, 60);
        await adapter('AuthorizationCode').consume(id);
        harness.clock.advance(59);
        expect(await adapter('AuthorizationCode').find(id)).toHaveProperty('consumed');
        harness.clock.advance(1);
        expect(await adapter('AuthorizationCode').find(id)).toBeFalsy();
      });

      it('rejects for an id never stored, and stores nothing', async () => {
        const id = newId();
        await expect(adapter('AuthorizationCode').consume(id)).rejects.toThrow();
        expect(await adapter('AuthorizationCode').find(id)).toBeFalsy();
      });

      it('rejects for a destroyed record, and does not bring it back', async () => {
        const { id } = await stored('RefreshToken');
        await adapter('RefreshToken').destroy(id);
        await expect(adapter('RefreshToken').consume(id)).rejects.toThrow();
        expect(await adapter('RefreshToken').find(id)).toBeFalsy();
      });

      it('leaves the record consumed after 50 concurrent consume calls', async () => {
        const { id } = await stored('AuthorizationCode');
        await Promise.allSettled(
          Array.from({ length: CONCURRENT_CALLERS }, () => adapter('AuthorizationCode').consume(id)),
        );
        expect(await adapter('AuthorizationCode').find(id)).toMatchObject({ consumed: nowSeconds() });
      });
    });

    describe('exclusive consume', () => {
      const exclusive = it.skipIf(!options.exclusiveConsume);

      exclusive('lets exactly one of 50 concurrent consume calls succeed; the others reject', async () => {
        const { id } = await stored('AuthorizationCode');
        const callers = Array.from({ length: CONCURRENT_CALLERS }, () => adapter('AuthorizationCode').consume(id));
        const outcomes = await Promise.allSettled(callers);
        expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
        expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toHaveLength(CONCURRENT_CALLERS - 1);
      });

      exclusive('consumeOnce resolves true for exactly one of 50 concurrent callers', async () => {
        const { id } = await stored('RefreshToken');
        const consumeOnce = (model: OidcModelName, recordId: string) => {
          const instance = adapter(model);
          if (!instance.consumeOnce) throw new Error('exclusiveConsume was declared but consumeOnce is missing');
          return instance.consumeOnce(recordId);
        };
        const results = await Promise.all(
          Array.from({ length: CONCURRENT_CALLERS }, () => consumeOnce('RefreshToken', id)),
        );
        expect(results.filter(Boolean)).toHaveLength(1);
        expect(await adapter('RefreshToken').find(id)).toMatchObject({ consumed: nowSeconds() });
      });

      exclusive('rejects a second consume and keeps the first consumption time', async () => {
        const { id } = await stored('AuthorizationCode');
        await adapter('AuthorizationCode').consume(id);
        const first = nowSeconds();
        harness.clock.advance(5);
        await expect(adapter('AuthorizationCode').consume(id)).rejects.toThrow();
        expect(await adapter('AuthorizationCode').find(id)).toMatchObject({ consumed: first });
      });
    });

    describe('destroy', () => {
      it('removes the record and nothing else', async () => {
        const { id } = await stored('AccessToken');
        const other = await stored('AccessToken');
        await adapter('AccessToken').destroy(id);
        expect(await adapter('AccessToken').find(id)).toBeFalsy();
        expect(await adapter('AccessToken').find(other.id)).toStrictEqual(other.payload);
      });

      it('succeeds when repeated and for ids never stored', async () => {
        const { id } = await stored('Interaction');
        await adapter('Interaction').destroy(id);
        await adapter('Interaction').destroy(id);
        await adapter('Interaction').destroy(newId());
        expect(await adapter('Interaction').find(id)).toBeFalsy();
      });
    });

    describe('revokeByGrantId', () => {
      const GRANT_BOUND: readonly OidcModelName[] = [
        'AccessToken',
        'AuthorizationCode',
        'RefreshToken',
        'DeviceCode',
        'BackchannelAuthenticationRequest',
        'PreAuthorizedCode',
      ];

      it.each(['AccessToken', 'RefreshToken', 'AuthorizationCode'] as const)(
        'called on the %s adapter, removes every grant-bound record of the grant across models',
        async (via) => {
          const grantId = newId();
          const revoked = await Promise.all(GRANT_BOUND.map((model) => stored(model, { grantId })));
          const extraAccessToken = await stored('AccessToken', { grantId });
          await adapter(via).revokeByGrantId(grantId);
          for (const [index, model] of GRANT_BOUND.entries()) {
            expect(await adapter(model).find(String(revoked[index]?.id)), model).toBeFalsy();
          }
          expect(await adapter('AccessToken').find(extraAccessToken.id)).toBeFalsy();
        },
      );

      it("leaves other grants' records, sessions, and models that are not grant-bound", async () => {
        const grantId = newId();
        await Promise.all(GRANT_BOUND.map((model) => stored(model, { grantId })));
        const otherGrant = await Promise.all(GRANT_BOUND.map((model) => stored(model, { grantId: newId() })));
        const session = await stored('Session');
        const interaction = await stored('Interaction', { grantId });
        const grant = await stored('Grant', { jti: grantId });
        await adapter('AccessToken').revokeByGrantId(grantId);
        for (const [index, model] of GRANT_BOUND.entries()) {
          expect(await adapter(model).find(String(otherGrant[index]?.id)), model).toStrictEqual(
            otherGrant[index]?.payload,
          );
        }
        expect(await adapter('Session').find(session.id)).toStrictEqual(session.payload);
        expect(await adapter('Interaction').find(interaction.id)).toStrictEqual(interaction.payload);
        expect(await adapter('Grant').find(grant.id)).toStrictEqual(grant.payload);
      });

      it('removes a revoked DeviceCode from findByUserCode too', async () => {
        const grantId = newId();
        const { payload } = await stored('DeviceCode', { grantId });
        await adapter('DeviceCode').revokeByGrantId(grantId);
        expect(await adapter('DeviceCode').findByUserCode(String(payload.userCode))).toBeFalsy();
      });

      it('removes consumed records of the grant', async () => {
        const grantId = newId();
        const { id } = await stored('AuthorizationCode', { grantId });
        await adapter('AuthorizationCode').consume(id);
        await adapter('AuthorizationCode').revokeByGrantId(grantId);
        expect(await adapter('AuthorizationCode').find(id)).toBeFalsy();
      });

      it('follows a record moved to another grant by upsert', async () => {
        const [before, after] = [newId(), newId()];
        const { id, payload } = await stored('RefreshToken', { grantId: before });
        await store('RefreshToken', { ...payload, grantId: after }, 600);
        await adapter('RefreshToken').revokeByGrantId(before);
        expect(await adapter('RefreshToken').find(id)).toMatchObject({ grantId: after });
        await adapter('RefreshToken').revokeByGrantId(after);
        expect(await adapter('RefreshToken').find(id)).toBeFalsy();
      });

      it('removes a grant with more records than one page or batch holds', async () => {
        const grantId = newId();
        const many = 130;
        const ids: string[] = [];
        for (let start = 0; start < many; start += 25) {
          const batch = Array.from({ length: Math.min(25, many - start) }, () => stored('AccessToken', { grantId }));
          ids.push(...(await Promise.all(batch)).map((record) => record.id));
        }
        await adapter('AccessToken').revokeByGrantId(grantId);
        const left = await Promise.all(ids.map((id) => adapter('AccessToken').find(id)));
        expect(left.filter(Boolean)).toHaveLength(0);
      });

      it('succeeds when repeated, when run for every model at once, and for unknown grants', async () => {
        const grantId = newId();
        const records = await Promise.all(GRANT_BOUND.map((model) => stored(model, { grantId })));
        // oidc-provider's revoke() calls every grant-bound model's adapter at the same time.
        await Promise.all(GRANT_BOUND.map((model) => adapter(model).revokeByGrantId(grantId)));
        await adapter('AccessToken').revokeByGrantId(grantId);
        await adapter('AccessToken').revokeByGrantId(newId());
        for (const [index, model] of GRANT_BOUND.entries()) {
          expect(await adapter(model).find(String(records[index]?.id))).toBeFalsy();
        }
      });
    });
  });
};
