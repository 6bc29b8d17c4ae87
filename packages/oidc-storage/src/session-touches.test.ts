import { describe, expect, it } from 'vitest';
import { SESSION_TOUCH_MAX_LAG_SECONDS, SessionTouches } from './session-touches.ts';

const EIGHT_HOURS = 8 * 3600;
const stored = {
  iat: 1000,
  exp: 1000 + EIGHT_HOURS,
  uid: 'u',
  accountId: 'a',
  authorizations: { p: { grantId: 'g' } },
};

const remembered = () => {
  const touches = new SessionTouches();
  touches.remember('s', JSON.stringify(stored), stored.exp);
  return touches;
};

describe('SessionTouches', () => {
  it('calls a save a touch when only the expiry moves forward, by less than a minute', () => {
    const touches = remembered();
    for (const lag of [0, 1, SESSION_TOUCH_MAX_LAG_SECONDS - 1]) {
      const exp = stored.exp + lag;
      expect(touches.isTouchOnly('s', { ...stored, exp }, exp, EIGHT_HOURS)).toBe(true);
    }
  });

  it('writes once the stored expiry would lag a minute, or 1 % of a short lifetime', () => {
    const touches = remembered();
    const exp = stored.exp + SESSION_TOUCH_MAX_LAG_SECONDS;
    expect(touches.isTouchOnly('s', { ...stored, exp }, exp, EIGHT_HOURS)).toBe(false);
    expect(touches.isTouchOnly('s', { ...stored, exp: stored.exp + 1 }, stored.exp + 1, 60)).toBe(false);
  });

  it('writes any other change, an earlier expiry, and what it has not seen', () => {
    const touches = remembered();
    const changed = { ...stored, authorizations: { p: { grantId: 'g' }, q: { grantId: 'h' } } };
    expect(touches.isTouchOnly('s', changed, stored.exp, EIGHT_HOURS)).toBe(false);
    expect(touches.isTouchOnly('s', { ...stored, exp: stored.exp - 1 }, stored.exp - 1, EIGHT_HOURS)).toBe(false);
    expect(touches.isTouchOnly('other', stored, stored.exp, EIGHT_HOURS)).toBe(false);
    touches.forget('s');
    expect(touches.isTouchOnly('s', stored, stored.exp, EIGHT_HOURS)).toBe(false);
  });

  it('keeps its own copy: changing the objects oidc-provider was handed does not change what is remembered', () => {
    const touches = new SessionTouches();
    const payload = structuredClone(stored);
    touches.remember('s', JSON.stringify(payload), payload.exp);
    payload.authorizations.p.grantId = 'changed in place';
    expect(touches.isTouchOnly('s', payload, payload.exp, EIGHT_HOURS)).toBe(false);
  });
});
