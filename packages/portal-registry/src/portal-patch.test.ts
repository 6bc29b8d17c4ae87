import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PortalRegistration } from './portal.ts';
import { applyPatch, checkUpdateAllowed, describeChanges } from './portal-patch.ts';
import { RegistrationError } from './registration-error.ts';
import { validateRegistration } from './validate-registration.ts';

const example = (file: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../examples/${file}`, import.meta.url), 'utf8')) as Record<string, unknown>;

const codeOf = (action: () => unknown): string | undefined => {
  try {
    action();
  } catch (error) {
    if (error instanceof RegistrationError) return error.code;
    throw error;
  }
  return undefined;
};

describe('updating a registration', () => {
  let portal: PortalRegistration;
  beforeAll(async () => {
    portal = await validateRegistration(example('citizen-portal.json'));
  });

  it('replaces the fields given, removes those set to null and keeps the rest', () => {
    const next = applyPatch(portal, example('citizen-portal-update.json'));
    expect(next.redirectUris).toHaveLength(3);
    expect(next).not.toHaveProperty('backchannelLogoutUri');
    expect(next.jwks).toEqual(portal.jwks);
  });

  it('refuses to change the client id or kind, or an empty update', () => {
    expect(codeOf(() => applyPatch(portal, { clientId: 'other-id' }))).toBe('immutable_field');
    expect(codeOf(() => applyPatch(portal, { kind: 'department' }))).toBe('immutable_field');
    expect(codeOf(() => applyPatch(portal, { clientId: portal.clientId, firstParty: false }))).toBeUndefined();
    expect(codeOf(() => applyPatch(portal, {}))).toBe('invalid_input');
    expect(codeOf(() => applyPatch(portal, [1]))).toBe('invalid_input');
  });

  it("refuses changes that would change users' pairwise sub", async () => {
    const pairwise = await validateRegistration({
      ...example('citizen-portal.json'),
      subjectType: 'pairwise',
      redirectUris: ['https://a.example.gov.cn/cb'],
    });
    const moved = applyPatch(pairwise, { redirectUris: ['https://b.example.gov.cn/cb'] });
    expect(codeOf(() => checkUpdateAllowed(pairwise, moved))).toBe('immutable_field');
    const renamed = applyPatch(pairwise, { sectorIdentifier: 'b.example.gov.cn' });
    expect(codeOf(() => checkUpdateAllowed(pairwise, renamed))).toBe('immutable_field');
    expect(codeOf(() => checkUpdateAllowed(pairwise, applyPatch(pairwise, { subjectType: 'public' })))).toBe(
      'immutable_field',
    );
    expect(codeOf(() => checkUpdateAllowed(portal, applyPatch(portal, { subjectType: 'pairwise' })))).toBe(
      'immutable_field',
    );
    const sameHost = applyPatch(pairwise, { redirectUris: ['https://a.example.gov.cn/new'] });
    expect(codeOf(() => checkUpdateAllowed(pairwise, sameHost))).toBeUndefined();
    await expect(validateRegistration(sameHost)).resolves.toMatchObject({ sectorIdentifier: 'a.example.gov.cn' });
  });

  it('describes what changed, ignoring the order of object keys', () => {
    expect(
      describeChanges(
        { name: { en: 'A', 'zh-CN': '甲' }, a: 1, gone: true },
        { name: { 'zh-CN': '甲', en: 'A' }, a: 2, added: 'x' },
      ),
    ).toEqual({ a: { from: 1, to: 2 }, added: { to: 'x' }, gone: { from: true } });
  });
});
