import { levelOfAcr } from '@platform/real-name';
import { interactionPolicy, type KoaContextWithOIDC } from 'oidc-provider';
import { requiredLevel } from './assurance.ts';
import { ALWAYS_CONSENTED_SCOPES } from './scopes.ts';

export const STEP_UP_REASON = 'assurance_level';
export const EXPLICIT_CONSENT_REASON = 'explicit_consent_required';
export const OPERATOR_PROMPT = 'operator';

/**
 * oidc-provider's interaction policy with ordered assurance levels: its own `essential_acr(s)` checks demand the
 * exact value requested (so a session at L4 would be asked to sign in again for an L3 request); they are replaced by
 * one check that prompts for a step-up only when the session is below the level the portal needs. The consent prompt
 * gets one more check: scopes in `ALWAYS_CONSENTED_SCOPES` are asked for on every request that names them.
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
  const consent = policy.get('consent');
  if (!consent) throw new Error('oidc-provider has no consent prompt');
  // The full citizen ID number is released only after the person said yes to this very request: an earlier grant,
  // or a first-party portal's implied one, is not enough.
  consent.checks.add(
    new interactionPolicy.Check(
      EXPLICIT_CONSENT_REASON,
      'the person must consent to releasing their citizen ID number',
      (ctx: KoaContextWithOIDC) => {
        const requested = String(ctx.oidc.params?.scope ?? '').split(' ');
        const sensitive = requested.some((scope) => ALWAYS_CONSENTED_SCOPES.includes(scope));
        return sensitive && !ctx.oidc.result?.consent
          ? interactionPolicy.Check.REQUEST_PROMPT
          : interactionPolicy.Check.NO_NEED_TO_PROMPT;
      },
    ),
  );
  // A portal that asks for `operator` lets the person choose, on every such request, whether to act for a company
  // that authorised them (`operators/`); after sign-in and step-up, before consent. The interaction finishes with
  // `{ operator: … }` in its result, which satisfies the check on resume.
  policy.add(
    new interactionPolicy.Prompt(
      { name: OPERATOR_PROMPT, requestable: false },
      new interactionPolicy.Check('operator_choice', 'the person chooses whom to act for', (ctx: KoaContextWithOIDC) =>
        String(ctx.oidc.params?.scope ?? '')
          .split(' ')
          .includes('operator') &&
        ctx.oidc.session?.accountId &&
        !ctx.oidc.result?.operator
          ? interactionPolicy.Check.REQUEST_PROMPT
          : interactionPolicy.Check.NO_NEED_TO_PROMPT,
      ),
    ),
    1,
  );
  return policy;
};
