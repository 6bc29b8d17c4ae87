import { describe, expect, it } from 'vitest';
import { pendingStepUp } from './pending-step-up.ts';

const L1 = 'urn:platform:loa:1';
const L2 = 'urn:platform:loa:2';

const interaction = (fields: Record<string, unknown>) =>
  ({ prompt: { name: 'login', reasons: ['no_session'], details: {} }, params: {}, ...fields }) as never;

describe('pendingStepUp', () => {
  it('takes a sign-in of this interaction below the requested level from the interaction, not the browser', () => {
    const pending = pendingStepUp(
      interaction({
        params: { acr_values: L2 },
        result: { login: { accountId: 'sub-new', acr: L1, amr: ['sms'] } },
        session: { accountId: 'sub-of-an-older-session', uid: 'u', cookie: 'c', acr: L1 },
      }),
    );
    expect(pending).toEqual({ sub: 'sub-new', sessionMethods: ['sms'], acr: L1, requiredLevel: 2 });
  });

  it('reads an essential acr claim from the claims parameter the interaction keeps as JSON', () => {
    const claims = JSON.stringify({ id_token: { acr: { essential: true, values: [L2, 'urn:platform:loa:3'] } } });
    const pending = pendingStepUp(
      interaction({ params: { claims }, result: { login: { accountId: 'sub', acr: L1, amr: ['sms'] } } }),
    );
    expect(pending?.requiredLevel).toBe(2);
  });

  it('has nothing pending once the sign-in reached the level, or when no level was asked for', () => {
    const reached = { accountId: 'sub', acr: L2, amr: ['sms', 'id_name'] };
    expect(pendingStepUp(interaction({ params: { acr_values: L2 }, result: { login: reached } }))).toBeUndefined();
    const plain = { accountId: 'sub', acr: L1, amr: ['sms'] };
    expect(pendingStepUp(interaction({ result: { login: plain } }))).toBeUndefined();
  });

  it("takes an earlier session's subject when oidc-provider's login prompt asks for a higher level", () => {
    const pending = pendingStepUp(
      interaction({
        prompt: { name: 'login', reasons: ['assurance_level'], details: { required_level: 3 } },
        session: { accountId: 'sub', uid: 'u', cookie: 'c', acr: L2, amr: ['sms', 'id_name'] },
      }),
    );
    expect(pending).toEqual({ sub: 'sub', sessionMethods: ['sms', 'id_name'], acr: L2, requiredLevel: 3 });
  });

  it('has nothing pending for a session without that reason, or outside the login prompt', () => {
    const session = { accountId: 'sub', uid: 'u', cookie: 'c', acr: L1, amr: ['sms'] };
    expect(pendingStepUp(interaction({ session }))).toBeUndefined();
    const consent = { name: 'consent', reasons: ['op_scopes_missing'], details: {} };
    const login = { accountId: 'sub', acr: L1, amr: ['sms'] };
    expect(
      pendingStepUp(interaction({ prompt: consent, params: { acr_values: L2 }, result: { login } })),
    ).toBeUndefined();
  });
});
