import { describe, expect, it } from 'vitest';
import type { RegisteredPortal } from '../portal.ts';
import { formatHistory, formatPortalTable } from './portal-output.ts';

const portal = (clientId: string, kind: 'portal' | 'department', zh: string): RegisteredPortal =>
  ({
    registration: { clientId, kind, name: { 'zh-CN': zh, en: 'English' }, tokenEndpointAuthMethod: 'private_key_jwt' },
    status: 'active',
    version: 12,
    createdAt: '2025-01-02T03:04:05.678Z',
    updatedAt: '2025-01-02T03:04:05.678Z',
    createdBy: 'alice',
    updatedBy: 'alice',
  }) as unknown as RegisteredPortal;

describe('CLI output', () => {
  it('lists clients as aligned columns with the names last', () => {
    const lines = formatPortalTable([
      portal('zhejiang-zwfw', 'portal', '浙江政务服务网'),
      portal('dept', 'department', '市监局'),
    ]).split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^CLIENT ID\s+KIND\s+STATUS\s+AUTH\s+VERSION\s+UPDATED \(UTC\)\s+NAME$/);
    expect(lines[1]).toContain('2025-01-02 03:04');
    expect(lines[1]?.endsWith('浙江政务服务网 / English')).toBe(true);
    expect(lines[1]?.indexOf('portal')).toBe(lines[2]?.indexOf('department'));
  });

  it('says so when there is nothing to list', () => {
    expect(formatPortalTable([])).toBe('No portals or departments registered.');
    expect(formatHistory([])).toBe('No changes recorded.');
  });

  it('shows which fields each change touched', () => {
    const text = formatHistory([
      {
        clientId: 'x',
        action: 'update',
        version: 2,
        at: '2025-01-02T03:04:05.678Z',
        by: 'bob',
        changes: { a: { to: 1 }, b: { from: 2 } },
      },
    ]);
    expect(text.split('\n')[1]).toMatch(/2025-01-02T03:04:05.678Z\s+2\s+update\s+bob\s+a, b$/);
  });
});
