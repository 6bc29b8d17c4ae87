import { createLogger } from '@platform/logging';
import { createAuditTrail, createInMemoryAuditEventStore } from '@platform/real-name';
import type { KoaContextWithOIDC } from 'oidc-provider';
import { describe, expect, it } from 'vitest';
import type { LegalPerson } from '../legal-persons/legal-person.ts';
import { operatorClaims } from './operator-claims.ts';
import type { OperatorSelections } from './operator-selection.ts';
import type { OperatorService } from './operator-service.ts';

const COMPANY: LegalPerson = {
  sub: 'company-sub',
  kind: 'legal_person',
  createdAt: '2026-01-01T00:00:00.000Z',
  sealedUscc: 'sealed:91350100M000100Y43',
  companyName: '福州测试科技有限公司',
};

const setUp = (options: { chosen?: string; active?: boolean } = {}) => {
  const audit = createAuditTrail({ store: createInMemoryAuditEventStore(), logger: createLogger({ write: () => {} }) });
  const selections: OperatorSelections = {
    choose: async () => {},
    chosen: async (sessionUid, clientId) =>
      sessionUid === 'session-1' && clientId === 'business' ? options.chosen : undefined,
  };
  const service = {
    activeGrant: async (sub: string, legalPersonSub: string) =>
      options.active !== false && sub === 'person' && legalPersonSub === COMPANY.sub
        ? { legalPerson: COMPANY, grant: {} }
        : undefined,
  } as unknown as OperatorService;
  const sources = {
    selections,
    service,
    usccs: {
      seal: async (value: string) => `sealed:${value}`,
      open: async (sealed: string) => sealed.replace('sealed:', ''),
      index: (value: string) => value,
    },
    audit,
    logger: createLogger({ write: () => {} }),
  };
  const claimsFor = (use: string, scopes: string[], requested?: Record<string, null>) =>
    operatorClaims(sources, {
      ctx: { oidc: {} } as KoaContextWithOIDC,
      sub: 'person',
      token: { sessionUid: 'session-1', clientId: 'business' },
      use,
      scopes,
      requested,
    });
  return { claimsFor, audit };
};

describe('operator claims', () => {
  it("name the company, under the company's own claim names, and audit the release in its trail", async () => {
    const { claimsFor, audit } = setUp({ chosen: COMPANY.sub });
    expect(await claimsFor('userinfo', ['openid', 'operator'])).toEqual({
      platform_subject_kind: 'operator',
      platform_uscc: '91350100M000100Y43',
      platform_company_name: '福州测试科技有限公司',
    });
    expect((await audit.listForSubject(COMPANY.sub)).events).toEqual([
      expect.objectContaining({
        type: 'data_release',
        portal: 'business',
        claims: ['platform_uscc', 'platform_company_name'],
      }),
    ]);
  });

  it('are released in the ID token only when asked for there', async () => {
    const { claimsFor } = setUp({ chosen: COMPANY.sub });
    expect(await claimsFor('id_token', ['openid', 'operator'])).toEqual({});
    expect(await claimsFor('id_token', ['openid', 'operator'], { platform_uscc: null })).toMatchObject({
      platform_uscc: '91350100M000100Y43',
    });
  });

  it('are absent without the scope, without a choice, and once the grant is revoked', async () => {
    expect(await setUp({ chosen: COMPANY.sub }).claimsFor('userinfo', ['openid', 'profile'])).toEqual({});
    expect(await setUp().claimsFor('userinfo', ['openid', 'operator'])).toEqual({});
    const revoked = setUp({ chosen: COMPANY.sub, active: false });
    expect(await revoked.claimsFor('userinfo', ['openid', 'operator'])).toEqual({});
    expect((await revoked.audit.listForSubject(COMPANY.sub)).events).toEqual([]);
  });
});
