import { html } from '@platform/html';
import { describe, expect, it } from 'vitest';
import { operatorChoicePage } from './operator-choice-page.ts';
import { operatorsSection } from './operators-section.ts';

const time = (iso: string) => html`<time>${iso}</time>`;
const line = { maskedName: '张*', maskedCitizenId: '110***********0113', grantedAt: '2026-03-01T02:00:00.000Z' };

describe('operator pages', () => {
  it('list a company’s operators masked, with a CSRF-protected revoke form per active one and the grant form', () => {
    const page = String(
      operatorsSection(
        'zh-CN',
        {
          canManage: true,
          csrfToken: 'token-1',
          operators: [
            { ...line, active: true, key: 'index-a' },
            { ...line, active: false, key: 'index-b' },
          ],
        },
        time,
      ),
    );
    expect(page).toContain('110***********0113');
    expect(page.match(/class="secondary revoke-operator"/g)).toHaveLength(1);
    expect(page).toContain('name="operator" value="index-a"');
    expect(page).not.toContain('value="index-b"');
    expect(page.match(/name="csrf" value="token-1"/g)).toHaveLength(2);
    expect(page).toContain('id="grant-operator-form"');
  });

  it('offer no form to a company not signed in with its certificate', () => {
    const page = String(
      operatorsSection('en', { canManage: false, operators: [{ ...line, active: true, key: 'k' }] }, time),
    );
    expect(page).not.toContain('<form');
    expect(page).toContain('Sign in with the enterprise certificate');
  });

  it('let a person choose between themselves (the default) and each company, names escaped', () => {
    const page = operatorChoicePage({
      locale: 'en',
      uid: 'uid-1',
      csrfToken: 'token-1',
      portalName: 'Business',
      switchLanguageHref: '/x',
      companies: [{ sub: 'company-sub', name: '<script>Evil Co</script>' }],
    });
    expect(page).toContain('action="/interaction/uid-1/operator?lang=en"');
    expect(page).toContain('id="act-for-myself" checked');
    expect(page).toContain('value="company-sub" id="act-for-0"');
    expect(page).not.toContain('<script>');
  });
});
