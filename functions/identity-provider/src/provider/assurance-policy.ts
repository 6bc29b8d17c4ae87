import { levelOfAcr } from '@platform/real-name';
import { interactionPolicy, type KoaContextWithOIDC } from 'oidc-provider';
import { requiredLevel } from './assurance.ts';

export const STEP_UP_REASON = 'assurance_level';

/**
 * oidc-provider's interaction policy with ordered assurance levels: its own `essential_acr(s)` checks demand the
 * exact value requested (so a session at L4 would be asked to sign in again for an L3 request); they are replaced by
 * one check that prompts for a step-up only when the session is below the level the portal needs.
 */
export const assurancePolicy = () => {
  const policy = interactionPolicy.base();
  const login = policy.get('login');
  if (!login) throw new Error('oidc-provider has no login prompt');
  login.checks.remove('essential_acr');
  login.checks.remove('essential_acrs');
  login.checks.add(
    new interactionPolicy.Check(
      STEP_UP_REASON,
      'a higher assurance level is required',
      (ctx: KoaContextWithOIDC) => {
        const required = requiredLevel(ctx);
        if (required === undefined || !ctx.oidc.session?.accountId) return interactionPolicy.Check.NO_NEED_TO_PROMPT;
        const current = levelOfAcr(ctx.oidc.acr) ?? 0;
        return current >= required ? interactionPolicy.Check.NO_NEED_TO_PROMPT : interactionPolicy.Check.REQUEST_PROMPT;
      },
      (ctx: KoaContextWithOIDC) => ({ required_level: requiredLevel(ctx) }),
    ),
  );
  return policy;
};
