import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCommand, ScanCommand } from '@platform/dynamodb';
import { generateCitizenId } from '@platform/identifiers';
import { createLogger } from '@platform/logging';
import { localPersonalDataVault, type PersonalDataVault } from '@platform/personal-data';
import {
  type AttemptGuardStore,
  type AuditTrail,
  createAttemptGuard,
  createAuditTrail,
  createDynamoDbAttemptGuardStore,
  createDynamoDbAuditEventStore,
  createDynamoDbRealNameAccounts,
  createNetworkIndex,
  createRealNameService,
  createSandboxCarrierVerifier,
  createSandboxPopulationRegistry,
  LockedOutError,
  RateLimitedError,
  type RealNameError,
  type RealNameLimits,
  type RealNameService,
  SANDBOX_MAGIC,
  type SandboxCarrierVerifier,
  type SandboxPopulationRegistry,
} from '@platform/real-name';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDynamoDbAccountStore } from '../../functions/identity-provider/src/accounts/dynamodb-account-store.ts';
import { createTestStorage, type TestStorage } from '../support/dynamodb.ts';

/**
 * Real-name checks end to end on DynamoDB Local: the service, its DynamoDB adapters, the provider's own account store
 * (accounts are created by phone sign-in as in production), the local personal-data vault and the sandboxes. Each test
 * uses people, phones, subjects and IP addresses of its own; every ID number and phone number used is collected, and
 * the last test proves none of them is anywhere in the table or in the log lines captured from every logger.
 */
describe('real-name checks on DynamoDB Local', () => {
  let storage: TestStorage;
  let vault: PersonalDataVault;
  const logLines: string[] = [];
  const usedSecrets = new Set<string>();
  let sequence = 100;
  let phoneCounter = 0;
  const networkKey = randomBytes(32);
  const HOUR = 3_600_000;

  beforeAll(async () => {
    storage = await createTestStorage();
    vault = await localPersonalDataVault(mkdtempSync(join(tmpdir(), 'real-name-vault-')));
  });

  const table = () => ({ documents: storage.documents, tableName: storage.tableNames.identity });
  const logger = () => createLogger({ write: (line) => logLines.push(line) });

  const newPerson = (name = '张三') => {
    sequence += 1;
    phoneCounter += 1;
    const citizenId = generateCitizenId({ region: '110105', birthDate: '1991-04-05', sequence });
    const phone = `1370000${String(phoneCounter).padStart(4, '0')}`;
    usedSecrets.add(citizenId).add(phone);
    return { name, citizenId, phone };
  };
  // Distinct per call: a shared address would put two tests in one rate-limit window.
  let ips = 0;
  const newIp = () => `198.51.${100 + Math.floor(ips / 250)}.${(ips++ % 250) + 1}`;

  interface Harness {
    readonly service: RealNameService;
    readonly registry: SandboxPopulationRegistry;
    readonly carrier: SandboxCarrierVerifier;
    readonly audit: AuditTrail;
    readonly guardStore: AttemptGuardStore;
    readonly advance: (ms: number) => void;
    readonly signUp: (phone: string) => Promise<string>;
  }

  /** The clock starts at the top of the next hour, so hourly windows are exact and TTLs in the future. */
  const harness = (people: { name: string; citizenId: string; phone?: string }[], limits?: Partial<RealNameLimits>) => {
    let now = Math.ceil(Date.now() / HOUR) * HOUR;
    const clock = () => new Date(now);
    const seeded = people.map((person) => ({ ...person, citizenId: person.citizenId as never, note: 'test' }));
    const registry = createSandboxPopulationRegistry({ people: seeded, slowMs: 10 });
    const carrier = createSandboxCarrierVerifier({ people: seeded, slowMs: 10 });
    const guardStore = createDynamoDbAttemptGuardStore(table());
    const audit = createAuditTrail({ store: createDynamoDbAuditEventStore(table()), logger: logger(), now: clock });
    const service = createRealNameService({
      registry,
      carrier,
      guard: createAttemptGuard({
        store: guardStore,
        networkIndex: createNetworkIndex(networkKey),
        ...(limits ? { limits } : {}),
      }),
      audit,
      vault,
      accounts: createDynamoDbRealNameAccounts(table()),
      now: clock,
      logger: logger(),
    });
    const accountStore = createDynamoDbAccountStore({
      ...table(),
      phones: {
        seal: (phone) => vault.seal('phone', phone),
        open: (sealed) => vault.open(sealed as `v1.${string}`, 'phone'),
        index: (phone) => vault.blindIndex('phone', phone),
      },
    });
    const signUp = async (phone: string) => (await accountStore.findOrCreateByPhone(phone)).account.sub;
    const advance = (ms: number) => {
      now += ms;
    };
    return { service, registry, carrier, audit, guardStore, advance, signUp } satisfies Harness;
  };

  const accountItem = async (sub: string) =>
    (
      await storage.documents.send(
        new GetCommand({ TableName: storage.tableNames.identity, Key: { pk: `ACCOUNT#${sub}`, sk: 'PROFILE' } }),
      )
    ).Item;

  const scan = async () =>
    (await storage.documents.send(new ScanCommand({ TableName: storage.tableNames.identity, ConsistentRead: true })))
      .Items ?? [];

  /** The items a failed check may change: its audit entry and the guard's counters. */
  const BOOKKEEPING = /^(AUDIT#|REAL_NAME_RATE#|REAL_NAME_LOCKOUT#)/;
  const businessItems = async () =>
    (await scan())
      .filter((item) => !BOOKKEEPING.test(String(item.pk)))
      .sort((a, b) => `${a.pk}${a.sk}`.localeCompare(`${b.pk}${b.sk}`));

  const failure = (promise: Promise<unknown>): Promise<RealNameError> =>
    promise.then(
      () => {
        throw new Error('expected a refusal');
      },
      (error: RealNameError) => error,
    );

  it('verifies ID number + name, records it on the account and links the number: level 2, then 3 with the carrier', async () => {
    const person = newPerson();
    const h = harness([person]);
    const sub = await h.signUp(person.phone);
    const before = await accountItem(sub);

    const outcome = await h.service.verifyIdentity({
      sub,
      citizenId: person.citizenId.toLowerCase(),
      name: ' 张 三 ',
      ip: newIp(),
      portal: 'social-security',
      sessionMethods: ['sms'],
    });
    expect(outcome).toEqual({
      method: 'id_name',
      verifiedMethods: new Set(['id_name']),
      level: 2,
      acr: 'urn:platform:loa:2',
      newlyLinked: true,
    });

    const account = await accountItem(sub);
    // Added to the provider's item, not replaced: its own attributes are all still there.
    expect(account).toMatchObject({
      ...before,
      verifiedMethods: new Set(['id_name']),
      citizenIndex: vault.blindIndex('citizen-id', person.citizenId),
    });
    expect(await vault.open(account?.sealedCitizenId, 'citizen-id')).toBe(person.citizenId);
    expect(await vault.open(account?.sealedName, 'name')).toBe('张三');
    expect(account?.idNameVerifiedAt).toBe(account?.realNameVerifiedAt);
    const link = await storage.documents.send(
      new GetCommand({
        TableName: storage.tableNames.identity,
        Key: { pk: `CITIZEN#${vault.blindIndex('citizen-id', person.citizenId)}`, sk: 'ACCOUNT' },
      }),
    );
    expect(link.Item).toMatchObject({ sub, entity: 'CitizenLink' });

    const carrier = await h.service.verifyCarrier({
      sub,
      citizenId: person.citizenId,
      name: '张三',
      phone: `+86 ${person.phone}`,
      ip: newIp(),
      sessionMethods: ['sms'],
      // The provider's step-up entry, written with the match.
      auditWithMatch: (reached) => [
        { type: 'step_up', sub, from: 'urn:platform:loa:2', to: 'urn:platform:loa:3', methods: [reached.method] },
      ],
    });
    expect(carrier).toMatchObject({ method: 'carrier_3f', level: 3, acr: 'urn:platform:loa:3', newlyLinked: false });
    expect(carrier.verifiedMethods).toEqual(new Set(['id_name', 'carrier_3f']));

    const trail = (await h.audit.listForSubject(sub)).events;
    expect(trail.map((event) => [event.type, 'outcome' in event ? event.outcome : undefined])).toEqual([
      ['step_up', undefined],
      ['real_name_check', 'match'],
      ['account_linked', undefined],
      ['real_name_check', 'match'],
    ]);
    expect(trail[0]).toMatchObject({ to: 'urn:platform:loa:3', methods: ['carrier_3f'] });
    expect(trail[3]).toMatchObject({
      method: 'id_name',
      portal: 'social-security',
      maskedCitizenId: `${person.citizenId.slice(0, 3)}***********${person.citizenId.slice(14)}`,
      maskedName: '张*',
    });
  });

  it('refuses a wrong check digit with the exact rule, asks nobody, and changes nothing but the trail', async () => {
    const person = newPerson();
    const h = harness([person]);
    const sub = await h.signUp(person.phone);
    const wrongDigit = `${person.citizenId.slice(0, 17)}${person.citizenId.endsWith('0') ? '1' : '0'}`;
    usedSecrets.add(wrongDigit);
    const before = await businessItems();

    const error = await failure(h.service.verifyIdentity({ sub, citizenId: wrongDigit, name: '张三', ip: newIp() }));
    expect(error).toMatchObject({ code: 'invalid_citizen_id', status: 400, reason: 'citizen_id_check_digit' });
    expect(error.messageZh).toBe('公民身份号码校验码不正确，请检查是否输错。');
    expect(h.registry.calls).toBe(0);
    expect(await businessItems()).toEqual(before);
    expect((await h.audit.listForSubject(sub)).events).toEqual([
      expect.objectContaining({ type: 'real_name_check', outcome: 'refused', errorCode: 'invalid_citizen_id' }),
    ]);
  });

  it('counts a registry mismatch as a failure, audits it, and changes nothing else', async () => {
    const person = newPerson();
    const h = harness([person]);
    const sub = await h.signUp(person.phone);
    const before = await businessItems();

    const error = await failure(
      h.service.verifyIdentity({
        sub,
        citizenId: person.citizenId,
        name: '李四',
        ip: newIp(),
        auditWithMatch: () => {
          throw new Error('asked for the events of a match on a mismatch');
        },
      }),
    );
    expect(error).toMatchObject({ code: 'identity_mismatch', status: 400, remainingAttempts: 4 });

    expect(await businessItems()).toEqual(before);
    expect((await h.guardStore.readLockout(sub)).state.failures).toHaveLength(1);
    expect((await h.audit.listForSubject(sub)).events).toEqual([
      expect.objectContaining({ outcome: 'mismatch', errorCode: 'identity_mismatch', maskedName: '李*' }),
    ]);
  });

  it('does not count an unavailable registry as a failure, and says so', async () => {
    const person = newPerson();
    usedSecrets.add(SANDBOX_MAGIC.registryUnavailableCitizenId);
    const h = harness([person]);
    const sub = await h.signUp(person.phone);
    const before = await businessItems();

    const error = await failure(
      h.service.verifyIdentity({
        sub,
        citizenId: SANDBOX_MAGIC.registryUnavailableCitizenId,
        name: '张三',
        ip: newIp(),
      }),
    );
    expect(error).toMatchObject({ code: 'registry_unavailable', status: 503, reason: 'sandbox' });
    expect(await h.guardStore.readLockout(sub)).toEqual({ state: { failures: [] }, version: 0 });
    expect(await businessItems()).toEqual(before);
    expect((await h.audit.listForSubject(sub)).events).toEqual([
      expect.objectContaining({ outcome: 'unavailable', errorCode: 'registry_unavailable', reason: 'sandbox' }),
    ]);
  });

  it('locks checks after five failures, refuses even the right answer while locked, and opens after 24 h', async () => {
    const person = newPerson();
    const h = harness([person]);
    const sub = await h.signUp(person.phone);
    const ip = newIp();
    const wrong = { sub, citizenId: person.citizenId, name: '王五', ip };

    for (const left of [4, 3, 2, 1, 0]) {
      expect(await failure(h.service.verifyIdentity(wrong))).toMatchObject({
        code: 'identity_mismatch',
        remainingAttempts: left,
      });
      h.advance(60_000);
    }
    const calls = h.registry.calls;
    const locked = await failure(h.service.verifyIdentity({ ...wrong, name: '张三' }));
    expect(locked).toBeInstanceOf(LockedOutError);
    expect(locked).toMatchObject({ code: 'locked_out', status: 429 });
    expect(h.registry.calls).toBe(calls);

    const events = (await h.audit.listForSubject(sub, { limit: 100 })).events;
    expect(events.map((event) => event.type)).toEqual([
      'real_name_check',
      'lockout',
      ...Array<string>(5).fill('real_name_check'),
    ]);
    expect(events[0]).toMatchObject({ outcome: 'refused', errorCode: 'locked_out' });
    expect(events[1]).toMatchObject({ type: 'lockout', failures: 5 });

    h.advance(24 * HOUR);
    expect(await h.service.verifyIdentity({ ...wrong, name: '张三' })).toMatchObject({ level: 0, method: 'id_name' });
  });

  it('limits checks per IP network across subjects, before asking the registry', async () => {
    const people = [newPerson(), newPerson(), newPerson()];
    const h = harness(people, { perIp: [{ windowSeconds: 3_600, max: 2 }] });
    const ip = newIp();
    const subs = await Promise.all(people.map((person) => h.signUp(person.phone)));
    for (const [i, person] of people.slice(0, 2).entries()) {
      await h.service.verifyIdentity({ sub: subs[i] ?? '', citizenId: person.citizenId, name: '张三', ip });
    }
    const third = people[2];
    if (!third || !subs[2]) throw new Error('no third person');
    const limited = await failure(
      h.service.verifyIdentity({ sub: subs[2], citizenId: third.citizenId, name: '张三', ip }),
    );
    expect(limited).toBeInstanceOf(RateLimitedError);
    expect(limited).toMatchObject({ code: 'rate_limited', status: 429, scope: 'ip', retryAfterSeconds: 3_600 });
    expect(h.registry.calls).toBe(2);
    expect((await h.audit.listForSubject(subs[2])).events).toEqual([
      expect.objectContaining({ outcome: 'refused', errorCode: 'rate_limited', reason: 'ip' }),
    ]);
    // Another network is not held back.
    await h.service.verifyIdentity({ sub: subs[2], citizenId: third.citizenId, name: '张三', ip: newIp() });
  });

  it('never lets a second account take an ID number: refused, audited, counted, and nothing moves', async () => {
    const person = newPerson();
    const h = harness([person]);
    const [first, second] = [await h.signUp(person.phone), await h.signUp(newPerson().phone)];
    await h.service.verifyIdentity({ sub: first, citizenId: person.citizenId, name: '张三', ip: newIp() });
    const before = await businessItems();

    const refused = await failure(
      h.service.verifyIdentity({ sub: second, citizenId: person.citizenId, name: '张三', ip: newIp() }),
    );
    expect(refused).toMatchObject({ code: 'identity_already_linked', status: 409 });
    expect(await businessItems()).toEqual(before);
    expect((await h.guardStore.readLockout(second)).state.failures).toHaveLength(1);
    expect((await h.audit.listForSubject(second)).events).toEqual([
      expect.objectContaining({ outcome: 'refused', errorCode: 'identity_already_linked' }),
    ]);
  });

  it('links an ID number to exactly one of two accounts racing for it', async () => {
    const person = newPerson();
    const h = harness([person]);
    const subs = [await h.signUp(person.phone), await h.signUp(newPerson().phone), await h.signUp(newPerson().phone)];
    const results = await Promise.allSettled(
      subs.map((sub) => h.service.verifyIdentity({ sub, citizenId: person.citizenId, name: '张三', ip: newIp() })),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const items = await scan();
    const linked = items.filter((item) => item.citizenIndex === vault.blindIndex('citizen-id', person.citizenId));
    expect(linked).toHaveLength(1);
  });

  it('keeps an account to its one ID number, without asking the registry', async () => {
    const [person, other] = [newPerson(), newPerson('李四')];
    const h = harness([person, other]);
    const sub = await h.signUp(person.phone);
    await h.service.verifyIdentity({ sub, citizenId: person.citizenId, name: '张三', ip: newIp() });
    const calls = h.registry.calls;
    const error = await failure(
      h.service.verifyIdentity({ sub, citizenId: other.citizenId, name: '李四', ip: newIp() }),
    );
    expect(error).toMatchObject({ code: 'account_identity_conflict' });
    expect(h.registry.calls).toBe(calls);
  });

  it('runs the carrier check only on the phone the account proved by SMS', async () => {
    const [person, stranger] = [newPerson(), newPerson()];
    const h = harness([person, stranger]);
    const sub = await h.signUp(person.phone);
    const error = await failure(
      h.service.verifyCarrier({ sub, citizenId: person.citizenId, name: '张三', phone: stranger.phone, ip: newIp() }),
    );
    expect(error).toMatchObject({ code: 'phone_not_verified', status: 400 });
    expect(h.carrier.calls).toBe(0);
    const mismatch = await failure(
      h.service.verifyCarrier({ sub, citizenId: stranger.citizenId, name: '张三', phone: person.phone, ip: newIp() }),
    );
    expect(mismatch).toMatchObject({ code: 'identity_mismatch', remainingAttempts: 4 });
    expect((await h.audit.listForSubject(sub)).events[0]).toMatchObject({
      method: 'carrier_3f',
      outcome: 'mismatch',
      maskedPhone: `${person.phone.slice(0, 3)}****${person.phone.slice(7)}`,
    });
  });

  it('pages the trail newest first for its subject', async () => {
    const person = newPerson();
    const h = harness([person]);
    const sub = await h.signUp(person.phone);
    for (const name of ['甲乙', '丙丁', '戊己']) {
      await failure(h.service.verifyIdentity({ sub, citizenId: person.citizenId, name, ip: newIp() }));
      h.advance(1_000);
    }
    await h.audit.record({ type: 'data_release', sub, portal: 'housing-fund', claims: ['citizen_id', 'name'] });
    const first = await h.audit.listForSubject(sub, { limit: 2 });
    const second = await h.audit.listForSubject(sub, { limit: 2, cursor: first.nextCursor ?? '' });
    expect(
      [...first.events, ...second.events].map((event) => ('maskedName' in event ? event.maskedName : event.type)),
    ).toEqual(['data_release', '戊*', '丙*', '甲*']);
    expect(second.nextCursor).toBeUndefined();
  });

  it('leaves no full ID number or phone number anywhere in the table or in any log line', async () => {
    expect(usedSecrets.size).toBeGreaterThan(20);
    expect(logLines.length).toBeGreaterThan(20);
    const everything = `${JSON.stringify(await scan())}\n${logLines.join('\n')}`;
    for (const secret of usedSecrets) {
      expect(everything.includes(secret), `found ${secret.slice(0, 3)}… in clear`).toBe(false);
      expect(everything.includes(secret.toLowerCase())).toBe(false);
    }
  });
});
