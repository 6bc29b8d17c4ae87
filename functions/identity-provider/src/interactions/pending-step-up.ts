import { type Acr, type AssuranceLevel, levelOfAcr, type Method } from '@platform/real-name';
import { requiredLevelOf } from '../provider/assurance.ts';
import { STEP_UP_REASON } from '../provider/assurance-policy.ts';
import { methodsOfAmr } from './assurance-state.ts';
import type { Interaction } from './finish-interaction.ts';

/** Whom a step-up is for and what it must reach. */
export interface PendingStepUp {
  readonly sub: string;
  /** The methods this person has signed in with so far (their `amr`). */
  readonly sessionMethods: readonly Method[];
  readonly acr: Acr | undefined;
  readonly requiredLevel: AssuranceLevel;
}

/**
 * The step-up an interaction is waiting for, if any. Two ways there:
 *
 * - a sign-in proved in this very interaction below the level the portal asked for: the sign-in page keeps the login
 *   in the interaction's result and shows the step-up page at once (`onCode`), so the person is signed in, at the
 *   level reached, only when the interaction finishes. This saves a resume and a second interaction (a session
 *   written, then read by every step-up request) on the way of every new person asking for L2;
 * - a session signed in earlier, below the level of this request: oidc-provider's login prompt asks for it
 *   (`STEP_UP_REASON`, `provider/assurance-policy.ts`).
 *
 * Either way the subject comes from what the provider stored (interaction or session), never from the browser.
 */
export const pendingStepUp = (details: Interaction): PendingStepUp | undefined => {
  if (details.prompt.name !== 'login') return undefined;
  const login = details.result?.login;
  if (login) {
    const required = requiredLevelOf(details.params);
    if (required === undefined || (levelOfAcr(login.acr) ?? 0) >= required) return undefined;
    return signedIn(login, required);
  }
  const { session } = details;
  if (!session?.accountId || !details.prompt.reasons.includes(STEP_UP_REASON)) return undefined;
  const required = (details.prompt.details as { required_level?: AssuranceLevel }).required_level ?? 1;
  return signedIn(session, required);
};

const signedIn = (
  login: { accountId: string; amr?: string[] | undefined; acr?: string | undefined },
  requiredLevel: AssuranceLevel,
): PendingStepUp => ({
  sub: login.accountId,
  sessionMethods: methodsOfAmr(login.amr),
  acr: login.acr as Acr | undefined,
  requiredLevel,
});
