import { createLogger } from '@platform/logging';
import { RealNameError, type VerificationOutcome } from '@platform/real-name';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import type { AlipayCheckOutcome, AlipayCheckOutcomeStore } from '../alipay/alipay-check-outcome.ts';
import type { PendingAuthorisation, PendingAuthorisationStore } from '../alipay/pending-authorisation.ts';
import { createAlipayReturn } from './alipay-return.ts';

const STATE = 'a'.repeat(43);
const CLAIM = { citizenIndex: 'ci', nameIndex: 'ni', maskedCitizenId: '3101**********0234', maskedName: '*四' };
const PENDING: PendingAuthorisation = {
  uid: 'uid-1',
  sub: 'sub-1',
  claim: CLAIM,
  portal: 'social-security',
  sessionMethods: ['sms'],
  expiresAtMs: Date.now() + 60_000,
};
const OUTCOME: VerificationOutcome = {
  method: 'alipay',
  verifiedMethods: new Set(['alipay']),
  level: 2,
  acr: 'urn:platform:loa:2',
  newlyLinked: true,
};

const event = (path: string, query: string, method = 'GET') =>
  ({
    rawPath: path,
    rawQueryString: query,
    headers: {},
    requestContext: { http: { method, sourceIp: '203.0.113.9' } },
  }) as unknown as APIGatewayProxyEventV2;

const setUp = (pending: PendingAuthorisation | undefined, verify = vi.fn(async () => OUTCOME)) => {
  const states = new Map(pending ? [[STATE, pending]] : []);
  const saved: [string, AlipayCheckOutcome][] = [];
  const pendingStore: PendingAuthorisationStore = {
    save: async () => {},
    take: async (state) => {
      const found = states.get(state);
      states.delete(state);
      return found;
    },
  };
  const outcomes: AlipayCheckOutcomeStore = {
    save: async (state, outcome) => {
      saved.push([state, outcome]);
    },
    take: async () => undefined,
  };
  const route = createAlipayReturn({
    realName: { verifyPaymentAccount: verify },
    pending: pendingStore,
    outcomes,
    logger: createLogger({ fields: {} }),
  });
  return { route, saved, verify };
};

describe('the Alipay return of identity-payment-account', () => {
  it('exchanges the code of a pending state once, stores the outcome and sends the browser to the provider', async () => {
    const { route, saved, verify } = setUp(PENDING);
    const response = await route(event('/interaction/uid-1/alipay-return', `auth_code=code-1&state=${STATE}`));
    expect(response.statusCode).toBe(303);
    expect(response.headers?.location).toBe(`/interaction/uid-1/alipay-complete?state=${STATE}`);
    expect(verify).toHaveBeenCalledWith({
      sub: 'sub-1',
      ip: '203.0.113.9',
      portal: 'social-security',
      sessionMethods: ['sms'],
      claim: CLAIM,
      authCode: 'code-1',
    });
    expect(saved).toEqual([
      [STATE, expect.objectContaining({ uid: 'uid-1', sub: 'sub-1', result: { kind: 'verified', outcome: OUTCOME } })],
    ]);

    // The same return again: the state is gone, nothing is asked and nothing stored.
    await route(event('/interaction/uid-1/alipay-return', `auth_code=code-1&state=${STATE}`));
    expect(verify).toHaveBeenCalledTimes(1);
    expect(saved).toHaveLength(1);
  });

  it('refuses a missing or unknown state without asking anything', async () => {
    const { route, saved, verify } = setUp(PENDING);
    const missing = await route(event('/interaction/uid-1/alipay-return', 'auth_code=code-1'));
    expect(missing.headers?.location).toBe('/interaction/uid-1/alipay-complete');
    await route(event('/interaction/uid-1/alipay-return', `auth_code=code-1&state=${'b'.repeat(43)}`));
    expect(verify).not.toHaveBeenCalled();
    expect(saved).toEqual([]);
  });

  it('stores nothing for a state issued to another interaction', async () => {
    const { route, saved, verify } = setUp(PENDING);
    const response = await route(event('/interaction/uid-2/alipay-return', `auth_code=code-1&state=${STATE}`));
    expect(response.headers?.location).toBe(`/interaction/uid-2/alipay-complete?state=${STATE}`);
    expect(verify).not.toHaveBeenCalled();
    expect(saved).toEqual([]);
  });

  it('takes nothing but state and auth_code from the query: subject, portal and methods come from the table', async () => {
    const { route, verify } = setUp(PENDING);
    await route(
      event(
        '/interaction/uid-1/alipay-return',
        `auth_code=code-1&state=${STATE}&sub=intruder&portal=evil&sessionMethods=enterprise_cert&uid=uid-9`,
      ),
    );
    expect(verify).toHaveBeenCalledWith(
      expect.objectContaining({ sub: 'sub-1', portal: 'social-security', sessionMethods: ['sms'] }),
    );
  });

  it('stores a declined authorisation (no code) and a refusal of the service as outcomes', async () => {
    const declined = setUp(PENDING);
    await declined.route(event('/interaction/uid-1/alipay-return', `state=${STATE}`));
    expect(declined.verify).not.toHaveBeenCalled();
    expect(declined.saved[0]?.[1].result).toEqual({ kind: 'denied' });

    const error = new RealNameError('payment_account_mismatch');
    const refused = setUp(
      PENDING,
      vi.fn(async () => {
        throw error;
      }),
    );
    await refused.route(event('/interaction/uid-1/alipay-return', `auth_code=code-1&state=${STATE}`));
    expect(refused.saved[0]?.[1].result).toEqual({ kind: 'refused', error });
  });

  it('answers 404 off its route', async () => {
    const { route } = setUp(PENDING);
    expect((await route(event('/interaction/uid-1/alipay-return', `state=${STATE}`, 'POST'))).statusCode).toBe(404);
    expect((await route(event('/interaction/uid-1/other', `state=${STATE}`))).statusCode).toBe(404);
  });
});
