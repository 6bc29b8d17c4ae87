import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCommand } from '@platform/dynamodb';
import { createLogger } from '@platform/logging';
import { type AlipaySimulator, generateUserAuthorisationApp, startAlipaySimulator } from '@platform/payment-channels';
import { localPersonalDataVault, type PersonalDataVault } from '@platform/personal-data';
import {
  type AuditTrail,
  createAlipayPaymentAccountVerifier,
  createAttemptGuard,
  createAuditTrail,
  createDynamoDbAttemptGuardStore,
  createDynamoDbAuditEventStore,
  createDynamoDbRealNameAccounts,
  createNetworkIndex,
  createRealNameService,
  createSandboxCarrierVerifier,
  createSandboxPopulationRegistry,
  PaymentAccountUnavailableError,
  type PaymentAccountVerifier,
  RealNameError,
  type RealNameService,
} from '@platform/real-name';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoDbAccountStore } from '../../functions/identity-provider/src/accounts/dynamodb-account-store.ts';
import { createTestStorage, type TestStorage } from '../support/dynamodb.ts';

/**
 * The Alipay payment-account method end to end: the official `alipay-sdk` in the adapter against the local Alipay
 * simulator (RSA2 both ways: the simulator verifies the SDK's request signatures with the login app's public key, the
 * SDK verifies the simulator's answers with Alipay's public key), then the real-name service on DynamoDB Local.
 */
describe('Alipay payment account', () => {
  let simulator: AlipaySimulator;
  let verifier: PaymentAccountVerifier;
  let storage: TestStorage;
  let vault: PersonalDataVault;
  const logLines: string[] = [];
  const REDIRECT = 'http://127.0.0.1:9/alipay/callback';

  beforeAll(async () => {
    [simulator, storage, vault] = await Promise.all([
      startAlipaySimulator(),
      createTestStorage(),
      localPersonalDataVault(mkdtempSync(join(tmpdir(), 'alipay-account-vault-'))),
    ]);
    verifier = verifierWith(simulator.userAuthorisation.appPrivateKey);
  });
  afterAll(async () => {
    await simulator?.close();
  });

  const verifierWith = (appPrivateKey: string, alipayPublicKey = simulator.keys.alipayPublicKey) =>
    createAlipayPaymentAccountVerifier({
      appId: simulator.userAuthorisation.appId,
      appPrivateKey,
      alipayPublicKey,
      gatewayUrl: simulator.gatewayUrl,
      authoriseUrl: simulator.userAuthorisation.authoriseUrl,
    });

  /** The member clicks 授权 on the authorise page; returns the `auth_code` the browser is redirected with. */
  const authorise = async (userId: string, state = 'state-1'): Promise<string> => {
    const page = new URL(verifier.authoriseUrl({ redirectUri: REDIRECT, state }));
    const shown = await fetch(page);
    expect(shown.status).toBe(200);
    expect(await shown.text()).toContain('授权 / Authorise');
    const form = new URLSearchParams(page.searchParams);
    form.set('user_id', userId);
    const clicked = await fetch(new URL(page.pathname, page), { method: 'POST', body: form, redirect: 'manual' });
    expect(clicked.status).toBe(302);
    const back = new URL(clicked.headers.get('location') ?? '');
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT);
    expect(back.searchParams.get('state')).toBe(state);
    expect(back.searchParams.get('app_id')).toBe(simulator.userAuthorisation.appId);
    return back.searchParams.get('auth_code') ?? '';
  };

  const unavailable = (promise: Promise<unknown>) =>
    promise.then(
      () => {
        throw new Error('expected PaymentAccountUnavailableError');
      },
      (error: unknown) => {
        expect(error).toBeInstanceOf(PaymentAccountUnavailableError);
        return (error as PaymentAccountUnavailableError).reason;
      },
    );

  describe('the adapter against the simulator', () => {
    it('builds the authorise URL in Alipay’s shape', () => {
      const url = new URL(verifier.authoriseUrl({ redirectUri: REDIRECT, state: 'abc' }));
      expect(url.pathname).toBe('/oauth2/publicAppAuthorize.htm');
      expect(Object.fromEntries(url.searchParams)).toEqual({
        app_id: simulator.userAuthorisation.appId,
        scope: 'auth_user',
        redirect_uri: REDIRECT,
        state: 'abc',
      });
    });

    it('reads a certified identity: both signatures checked', async () => {
      const code = await authorise('2088000000000101');
      expect(await verifier.readVerifiedIdentity(code)).toEqual({
        accountId: '2088000000000101',
        certified: true,
        name: '张三',
        certType: '0',
        certNo: '110105199003070113',
      });
    });

    it('reads an uncertified account without name or number', async () => {
      const code = await authorise('2088000000000105');
      expect(await verifier.readVerifiedIdentity(code)).toEqual({ accountId: '2088000000000105', certified: false });
    });

    it('refuses an answer whose signature is not Alipay’s', async () => {
      const code = await authorise('2088000000000101');
      simulator.userAuthorisation.failNext('alipay.user.info.share', 'forged_signature');
      expect(await unavailable(verifier.readVerifiedIdentity(code))).toBe('response_signature_invalid');
    });

    it('refuses answers when configured with another Alipay public key', async () => {
      const other = await generateUserAuthorisationApp();
      const code = await authorise('2088000000000101');
      const trusting = verifierWith(simulator.userAuthorisation.appPrivateKey, other.appPublicKey);
      expect(await unavailable(trusting.readVerifiedIdentity(code))).toBe('response_signature_invalid');
    });

    it('is refused by the simulator when the request is signed with the wrong app key', async () => {
      const other = await generateUserAuthorisationApp();
      const code = await authorise('2088000000000101');
      expect(await unavailable(verifierWith(other.appPrivateKey).readVerifiedIdentity(code))).toBe('request_rejected');
    });

    it('takes a code once', async () => {
      const code = await authorise('2088000000000102');
      await verifier.readVerifiedIdentity(code);
      expect(await unavailable(verifier.readVerifiedIdentity(code))).toBe('request_rejected');
    });

    it('says unavailable for a gateway error, an HTTP 502 and a closed port', async () => {
      simulator.userAuthorisation.failNext('alipay.system.oauth.token', 'system_error');
      expect(await unavailable(verifier.readVerifiedIdentity('abc'))).toBe('server_error');
      simulator.userAuthorisation.failNext('alipay.system.oauth.token', 'http_502');
      expect(await unavailable(verifier.readVerifiedIdentity('abc'))).toBe('server_error');
      const closed = createAlipayPaymentAccountVerifier({
        appId: simulator.userAuthorisation.appId,
        appPrivateKey: simulator.userAuthorisation.appPrivateKey,
        alipayPublicKey: simulator.keys.alipayPublicKey,
        gatewayUrl: 'http://127.0.0.1:9/gateway.do',
      });
      expect(await unavailable(closed.readVerifiedIdentity('abc'))).toBe('network');
    });
  });

  describe('the service on DynamoDB Local', () => {
    let service: RealNameService;
    let audit: AuditTrail;
    let signUp: (phone: string) => Promise<string>;
    let ips = 0;
    const newIp = () => `203.0.113.${++ips}`;

    beforeAll(() => {
      const table = { documents: storage.documents, tableName: storage.tableNames.identity };
      const logger = createLogger({ write: (line) => logLines.push(line) });
      audit = createAuditTrail({ store: createDynamoDbAuditEventStore(table), logger });
      service = createRealNameService({
        registry: createSandboxPopulationRegistry(),
        carrier: createSandboxCarrierVerifier(),
        guard: createAttemptGuard({
          store: createDynamoDbAttemptGuardStore(table),
          networkIndex: createNetworkIndex(randomBytes(32)),
        }),
        audit,
        vault,
        accounts: createDynamoDbRealNameAccounts(table),
        paymentAccounts: verifier,
        logger,
      });
      const accounts = createDynamoDbAccountStore({
        ...table,
        phones: {
          seal: (phone) => vault.seal('phone', phone),
          open: (sealed) => vault.open(sealed as `v1.${string}`, 'phone'),
          index: (phone) => vault.blindIndex('phone', phone),
        },
      });
      signUp = async (phone) => (await accounts.findOrCreateByPhone(phone)).account.sub;
    });

    const accountItem = async (sub: string) =>
      (
        await storage.documents.send(
          new GetCommand({ TableName: storage.tableNames.identity, Key: { pk: `ACCOUNT#${sub}`, sk: 'PROFILE' } }),
        )
      ).Item;

    const refusal = (promise: Promise<unknown>) =>
      promise.then(
        () => {
          throw new Error('expected a RealNameError');
        },
        (error: unknown) => {
          expect(error).toBeInstanceOf(RealNameError);
          return error as RealNameError;
        },
      );

    const attempt = async (
      sub: string,
      userId: string,
      claimed = { citizenId: '110105199003070113', name: '张三' },
    ) => {
      const ip = newIp();
      const claim = await service.startPaymentAccountCheck({ sub, ip, portal: 'pension', ...claimed });
      expect(JSON.stringify(claim)).not.toContain(claimed.citizenId);
      const authCode = await authorise(userId);
      return service.verifyPaymentAccount({ sub, ip, portal: 'pension', sessionMethods: ['sms'], claim, authCode });
    };

    it('a mismatching real name is a counted failure and changes nothing', async () => {
      const sub = await signUp('13700001001');
      const before = await accountItem(sub);
      const error = await refusal(attempt(sub, '2088000000000104'));
      expect(error.code).toBe('payment_account_mismatch');
      expect(error.remainingAttempts).toBe(4);
      expect(await accountItem(sub)).toEqual(before);
      const [entry] = (await audit.listForSubject(sub)).events;
      expect(entry).toMatchObject({
        type: 'real_name_check',
        method: 'alipay',
        outcome: 'mismatch',
        errorCode: 'payment_account_mismatch',
        maskedCitizenId: '110***********0113',
        maskedName: '张*',
      });
    });

    it('an uncertified account and an unavailable Alipay are refused, not counted, and change nothing', async () => {
      const sub = await signUp('13700001002');
      const before = await accountItem(sub);
      expect((await refusal(attempt(sub, '2088000000000105'))).code).toBe('payment_account_not_certified');
      simulator.userAuthorisation.failNext('alipay.user.info.share', 'forged_signature');
      const forged = await refusal(attempt(sub, '2088000000000101'));
      expect([forged.code, forged.reason]).toEqual(['payment_account_unavailable', 'response_signature_invalid']);
      expect(await accountItem(sub)).toEqual(before);
      const outcomes = (await audit.listForSubject(sub)).events.map((e) => ('outcome' in e ? e.outcome : e.type));
      expect(outcomes).toEqual(['unavailable', 'refused']);
    });

    it('a wrong check digit is refused before leaving for Alipay', async () => {
      const sub = await signUp('13700001003');
      const error = await refusal(
        service.startPaymentAccountCheck({ sub, ip: newIp(), citizenId: '110105199003070114', name: '张三' }),
      );
      expect(error.code).toBe('invalid_citizen_id');
    });

    it('a match records alipay on the account, links the number, and reaches level 2 with sms', async () => {
      const sub = await signUp('13700001004');
      const outcome = await attempt(sub, '2088000000000101', { citizenId: '110105199003070113', name: '张 三' });
      expect(outcome).toEqual({
        method: 'alipay',
        verifiedMethods: new Set(['alipay']),
        level: 2,
        acr: 'urn:platform:loa:2',
        newlyLinked: true,
      });
      const account = await accountItem(sub);
      expect(account?.citizenIndex).toBe(vault.blindIndex('citizen-id', '110105199003070113'));
      expect(await vault.open(account?.sealedName, 'name')).toBe('张三');
      expect(typeof account?.alipayVerifiedAt).toBe('string');
      const trail = (await audit.listForSubject(sub)).events.map((e) => [e.type, 'outcome' in e ? e.outcome : '']);
      expect(trail).toEqual([
        ['account_linked', ''],
        ['real_name_check', 'match'],
      ]);
    });

    it('logged nothing of the numbers or names', () => {
      const all = logLines.join('\n');
      expect(logLines.length).toBeGreaterThan(0);
      for (const secret of ['110105199003070113', '310104198506150234', '张三', '张叁']) {
        expect(all).not.toContain(secret);
      }
    });
  });
});
