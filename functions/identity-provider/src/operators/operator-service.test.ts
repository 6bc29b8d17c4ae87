import { createLogger } from '@platform/logging';
import { createAuditTrail, createInMemoryAuditEventStore, type RealNameAccounts } from '@platform/real-name';
import { describe, expect, it } from 'vitest';
import type { LegalPerson, LegalPersonStore } from '../legal-persons/legal-person.ts';
import { createInMemoryOperatorGrantStore } from './in-memory-operator-grant-store.ts';
import { OperatorError } from './operator-error.ts';
import { createOperatorService } from './operator-service.ts';

const ZHANG_SAN = { citizenId: '110105199003070113', name: '张三' };
const COMPANY: LegalPerson = {
  sub: 'company-sub',
  kind: 'legal_person',
  createdAt: '2026-01-01T00:00:00.000Z',
  sealedUscc: 'sealed',
  companyName: '福州某某科技有限公司',
};

/** The service over in-memory stores; a person's verified ID number and name are set per test. */
const setUp = () => {
  const verified = new Map<string, { citizenId: string; name: string }>();
  const realNameAccounts: RealNameAccounts = {
    getVerificationState: async (sub) => {
      const identity = verified.get(sub);
      return { verifiedMethods: new Set(), ...(identity ? { citizenIndex: `cid:${identity.citizenId}` } : {}) };
    },
    recordVerification: async () => {
      throw new Error('not used');
    },
  };
  const legalPersons: LegalPersonStore = {
    findBySub: async (sub) => (sub === COMPANY.sub ? COMPANY : undefined),
    findOrCreateByUscc: async () => {
      throw new Error('not used');
    },
  };
  const events = createInMemoryAuditEventStore();
  const audit = createAuditTrail({ store: events, logger: createLogger({ write: () => {} }) });
  const service = createOperatorService({
    grants: createInMemoryOperatorGrantStore(),
    legalPersons,
    realNameAccounts,
    verifiedNameOf: async (sub) => verified.get(sub)?.name,
    indexes: { citizenIndex: (id) => `cid:${id}`, nameIndex: (name) => `name:${name}` },
    audit,
    now: () => new Date('2026-03-01T02:00:00.000Z'),
  });
  return { service, verified, audit };
};

const codeOf = async (promise: Promise<unknown>) => {
  const error = await promise.catch((failure: unknown) => failure);
  expect(error).toBeInstanceOf(OperatorError);
  return (error as OperatorError).code;
};

describe('operators', () => {
  it('grants by ID number and name, keeps only masked forms and indexes, and audits the grant', async () => {
    const { service, audit } = setUp();
    const grant = await service.grant({ legalPersonSub: COMPANY.sub, ...ZHANG_SAN, by: COMPANY.sub });
    expect(grant).toEqual({
      legalPersonSub: COMPANY.sub,
      citizenIndex: 'cid:110105199003070113',
      nameIndex: 'name:张三',
      maskedCitizenId: '110***********0113',
      maskedName: '张*',
      grantedBy: COMPANY.sub,
      grantedAt: '2026-03-01T02:00:00.000Z',
    });
    const { events } = await audit.listForSubject(COMPANY.sub);
    expect(events).toEqual([
      expect.objectContaining({ type: 'operator_granted', maskedCitizenId: '110***********0113', maskedName: '张*' }),
    ]);
    expect(JSON.stringify(events)).not.toContain('110105199003070113');
  });

  it('refuses a wrong check digit, a non-name and a second grant, with stable codes', async () => {
    const { service } = setUp();
    const base = { legalPersonSub: COMPANY.sub, by: COMPANY.sub };
    expect(await codeOf(service.grant({ ...base, citizenId: '110105199003070114', name: '张三' }))).toBe(
      'invalid_citizen_id',
    );
    expect(await codeOf(service.grant({ ...base, citizenId: ZHANG_SAN.citizenId, name: '<b>' }))).toBe('invalid_name');
    await service.grant({ ...base, ...ZHANG_SAN });
    expect(await codeOf(service.grant({ ...base, citizenId: '110105 19900307011 3', name: '张 三' }))).toBe(
      'operator_already_granted',
    );
  });

  it('lets a person act for the company only with the ID number verified under the granted name', async () => {
    const { service, verified, audit } = setUp();
    await service.grant({ legalPersonSub: COMPANY.sub, ...ZHANG_SAN, by: COMPANY.sub });
    expect(await service.companiesFor('person')).toEqual([]);
    verified.set('person', { citizenId: ZHANG_SAN.citizenId, name: '李四' });
    expect(await service.companiesFor('person')).toEqual([]);
    verified.set('person', ZHANG_SAN);
    expect((await service.companiesFor('person')).map((company) => company.legalPerson.sub)).toEqual([COMPANY.sub]);

    await service.actFor({ sub: 'person', legalPersonSub: COMPANY.sub, portal: 'tax' });
    for (const [sub, counterpart] of [
      [COMPANY.sub, 'person'],
      ['person', COMPANY.sub],
    ]) {
      expect((await audit.listForSubject(sub as string)).events[0]).toMatchObject({
        type: 'operator_acted',
        portal: 'tax',
        counterpart,
      });
    }
  });

  it('stops a revoked operator at the next use, and audits the revocation', async () => {
    const { service, verified, audit } = setUp();
    verified.set('person', ZHANG_SAN);
    const grant = await service.grant({ legalPersonSub: COMPANY.sub, ...ZHANG_SAN, by: COMPANY.sub });
    await service.revoke({ legalPersonSub: COMPANY.sub, citizenIndex: grant.citizenIndex, by: COMPANY.sub });
    expect(await service.companiesFor('person')).toEqual([]);
    expect(await service.activeGrant('person', COMPANY.sub)).toBeUndefined();
    expect(await codeOf(service.actFor({ sub: 'person', legalPersonSub: COMPANY.sub, portal: 'tax' }))).toBe(
      'operator_not_authorised',
    );
    expect(
      await codeOf(service.revoke({ legalPersonSub: COMPANY.sub, citizenIndex: grant.citizenIndex, by: COMPANY.sub })),
    ).toBe('operator_grant_not_found');
    expect((await audit.listForSubject(COMPANY.sub)).events.map((event) => event.type)).toEqual([
      'operator_revoked',
      'operator_granted',
    ]);
  });
});
