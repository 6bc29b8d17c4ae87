import { createLogger } from '@platform/logging';
import { createAuditTrail, createInMemoryAuditEventStore } from '@platform/real-name';
import type { FindAccount, KoaContextWithOIDC } from 'oidc-provider';
import { describe, expect, it } from 'vitest';
import type { LegalPersonStore, UsccProtector } from '../legal-persons/legal-person.ts';
import { createFindSubject } from './find-subject.ts';

const SUB = 'sub-1';

const setup = (profile: { sealedCitizenId?: string; sealedName?: string } | undefined) => {
  const audit = createAuditTrail({ store: createInMemoryAuditEventStore(), logger: createLogger({ level: 'error' }) });
  const naturalPersons: FindAccount = async (_ctx, sub) =>
    sub === SUB
      ? { accountId: SUB, claims: async () => ({ sub: SUB, platform_subject_kind: 'natural_person' }) }
      : undefined;
  const find = createFindSubject({
    naturalPersons,
    legalPersons: { findBySub: async () => undefined } as unknown as LegalPersonStore,
    usccs: {} as UsccProtector,
    audit,
    logger: createLogger({ level: 'error' }),
    realNameProfiles: { get: async () => (profile ? { verified: [], ...profile } : undefined) },
    citizenData: {
      openCitizenId: async (sealed) => sealed.replace('sealed:', ''),
      openName: async (sealed) => sealed.replace('sealed:', ''),
    },
  });
  const ctx = { oidc: { client: { clientId: 'portal-a' } } } as unknown as KoaContextWithOIDC;
  return { audit, account: () => find(ctx, SUB) };
};

describe('createFindSubject: real-name claims of a natural person', () => {
  const verified = { sealedCitizenId: 'sealed:110105199003070113', sealedName: 'sealed:张三' };

  it('releases the ID number and name for UserInfo only, and audits each release by claim name', async () => {
    const { audit, account } = setup(verified);
    const found = await account();
    expect(await found?.claims('id_token', 'openid idcard realname', {}, [])).not.toHaveProperty('platform_citizen_id');
    expect(await found?.claims('userinfo', 'openid idcard realname', {}, [])).toMatchObject({
      platform_citizen_id: '110105199003070113',
      name: '张三',
      platform_real_name_verified: true,
    });
    const { events } = await audit.listForSubject(SUB);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'data_release', portal: 'portal-a' });
    expect([...((events[0] as unknown as { claims: string[] }).claims ?? [])].sort()).toEqual(
      ['name', 'platform_citizen_id', 'platform_real_name_verified'].sort(),
    );
    expect(JSON.stringify(events)).not.toContain('110105199003070113');
  });

  it('opens nothing and records nothing when neither scope is granted', async () => {
    const { audit, account } = setup(verified);
    const claims = await (await account())?.claims('userinfo', 'openid phone', {}, []);
    expect(claims).toEqual({ sub: SUB, platform_subject_kind: 'natural_person' });
    expect((await audit.listForSubject(SUB)).events).toHaveLength(0);
  });

  it('says "not verified" under `realname` and releases no ID number for an unverified account', async () => {
    const { account } = setup({});
    const claims = await (await account())?.claims('userinfo', 'openid realname idcard', {}, []);
    expect(claims).toMatchObject({ platform_real_name_verified: false });
    expect(claims).not.toHaveProperty('platform_citizen_id');
    expect(claims).not.toHaveProperty('name');
  });
});
