import fc from 'fast-check';
import type { AdapterPayload } from 'oidc-provider';
import { describe, expect, it } from 'vitest';
import { isExpired, toPayload, toRecordItem } from './oidc-record.ts';

const NOW_MS = 1_750_000_000_500;

describe('oidc record items', () => {
  it('round-trips any JSON payload exactly', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (payload) => {
        const item = toRecordItem('AccessToken', 'id', payload as AdapterPayload, 60, NOW_MS);
        expect(toPayload(item)).toStrictEqual(JSON.parse(JSON.stringify(payload)));
      }),
    );
  });

  it('sets expiresAt to the epoch second oidc-provider writes as exp (whole seconds, rounded down)', () => {
    expect(toRecordItem('AccessToken', 'id', {}, 60, NOW_MS).expiresAt).toBe(1_750_000_060);
  });

  it('writes no expiresAt without a finite lifetime', () => {
    expect(toRecordItem('Client', 'id', {}, undefined, NOW_MS)).not.toHaveProperty('expiresAt');
    expect(toRecordItem('Client', 'id', {}, Number.POSITIVE_INFINITY, NOW_MS)).not.toHaveProperty('expiresAt');
  });

  it('treats a record as expired from its expiresAt second on', () => {
    expect(isExpired({ expiresAt: 1_750_000_001 }, NOW_MS)).toBe(false);
    expect(isExpired({ expiresAt: 1_750_000_000 }, NOW_MS)).toBe(true);
    expect(isExpired({}, Number.MAX_SAFE_INTEGER)).toBe(false);
  });

  it('indexes grants only for grant-bound models', () => {
    expect(toRecordItem('RefreshToken', 'id', { grantId: 'g' }, 60, NOW_MS)).toMatchObject({ gsi2pk: 'OIDC_GRANT#g' });
    expect(toRecordItem('Interaction', 'id', { grantId: 'g' }, 60, NOW_MS)).not.toHaveProperty('gsi2pk');
  });

  it('indexes uids only for sessions, and user codes for any model carrying one', () => {
    expect(toRecordItem('Session', 'id', { uid: 'u' }, 60, NOW_MS)).toMatchObject({ gsi1pk: 'OIDC_UID#Session#u' });
    expect(toRecordItem('Interaction', 'id', { uid: 'u' }, 60, NOW_MS)).not.toHaveProperty('gsi1pk');
    expect(toRecordItem('DeviceCode', 'id', { userCode: 'AB-CD' }, 60, NOW_MS)).toMatchObject({
      gsi1pk: 'OIDC_USER_CODE#DeviceCode#AB-CD',
    });
  });

  it('orders lookup sort keys by write time', () => {
    const earlier = toRecordItem('Session', 'zzz', { uid: 'u' }, 60, NOW_MS);
    const later = toRecordItem('Session', 'aaa', { uid: 'u' }, 60, NOW_MS + 1);
    expect(String(earlier.gsi1sk) < String(later.gsi1sk)).toBe(true);
  });

  it('lifts consumed out of a payload that carries it, and merges it back on read', () => {
    const item = toRecordItem('AuthorizationCode', 'id', { consumed: 1_700_000_000 }, 60, NOW_MS);
    expect(item.consumed).toBe(1_700_000_000);
    expect(toPayload({ ...item, consumed: 1_700_000_009 })).toStrictEqual({ consumed: 1_700_000_009 });
  });
});
