import type { IncomingMessage, ServerResponse } from 'node:http';
import { maskPhone } from '@platform/personal-data';
import {
  type AssuranceLevel,
  type AuditEventInput,
  type AuditTrail,
  acrOf,
  type Method,
  missingMethodsFor,
  type RealNameAccounts,
  RealNameError,
  type RealNameService,
  type VerificationOutcome,
} from '@platform/real-name';
import type Provider from 'oidc-provider';
import type { AccountStore, PhoneProtector } from '../accounts/account.ts';
import type { AlipayCheckOutcomeStore } from '../alipay/alipay-check-outcome.ts';
import type { PendingAuthorisationStore } from '../alipay/pending-authorisation.ts';
import type { Locale } from '../pages/locale.ts';
import { stepUpPage } from '../pages/step-up-page.ts';
import { type AssuranceState, assuranceState, loginResult } from './assurance-state.ts';
import { csrfToken } from './csrf.ts';
import { finishInteraction } from './finish-interaction.ts';
import type { PendingStepUp } from './pending-step-up.ts';

type Details = Awaited<ReturnType<Provider['interactionDetails']>>;

/** The checks this provider can run to raise a level: the payment account only where a wallet is configured. */
type OfferedMethod = 'id_name' | 'carrier_3f' | 'alipay';
const availableWith = (realName: RealNameService): readonly OfferedMethod[] =>
  realName.paymentAccounts ? ['id_name', 'carrier_3f', 'alipay'] : ['id_name', 'carrier_3f'];

export interface StepUpDependencies {
  readonly provider: Provider;
  readonly accounts: AccountStore;
  readonly phones: PhoneProtector;
  readonly realNameAccounts: RealNameAccounts;
  readonly audit: AuditTrail;
  /** Absent where no registry or carrier is configured: the page then says the level cannot be reached. */
  readonly realName?: RealNameService;
  /** Where the `state` of an Alipay round trip is kept; needed when `realName` has a payment account verifier. */
  readonly alipayAuthorisations?: PendingAuthorisationStore;
  /** Where the identity-payment-account function leaves the outcome of the round trip, taken once. */
  readonly alipayOutcomes?: AlipayCheckOutcomeStore;
  readonly secureCookies: boolean;
}

export interface PageTools {
  send(response: ServerResponse, status: number, body: string, cookies?: string[]): void;
  portalName(details: Details, locale: Locale): Promise<string>;
  switchHref(uid: string, locale: Locale): string;
  clientIp(request: IncomingMessage): string;
}

/**
 * Step-up: a signed-in person whose session is below the level a portal needs raises it with real-name checks
 * instead of being turned away. Each successful check is recorded on the account; when the level is reached the
 * interaction finishes with the new `acr` and the methods of this session in `amr`.
 */
export const createStepUp = (deps: StepUpDependencies, tools: PageTools) => {
  /** The `step_up` entry of a check that reaches the level asked for; none for a check that falls short. */
  const stepUpEvents = (
    details: Details,
    pending: PendingStepUp,
    method: Method,
    outcome: VerificationOutcome,
  ): AuditEventInput[] =>
    outcome.level < pending.requiredLevel
      ? []
      : [
          {
            type: 'step_up',
            sub: pending.sub,
            portal: String(details.params.client_id),
            from: pending.acr ?? 'none',
            to: acrOf(outcome.level as AssuranceLevel),
            methods: [method],
          },
        ];

  const show = async (
    request: IncomingMessage,
    response: ServerResponse,
    details: Details,
    pending: PendingStepUp,
    locale: Locale,
    error?: string,
  ) => {
    const { sub, sessionMethods, requiredLevel: required } = pending;
    const state = await assuranceState(deps.realNameAccounts, sub, sessionMethods);
    const available = deps.realName ? availableWith(deps.realName) : [];
    const offered = [...new Set(missingMethodsFor(state.methods, required, available).flat())].filter(
      (method): method is OfferedMethod => available.includes(method as OfferedMethod),
    );
    const account = await deps.accounts.findBySub(sub);
    const csrf = csrfToken(request, deps.secureCookies);
    const page = stepUpPage({
      locale,
      uid: details.uid,
      csrfToken: csrf.token,
      portalName: await tools.portalName(details, locale),
      switchLanguageHref: tools.switchHref(details.uid, locale),
      currentLevel: state.level,
      requiredLevel: required,
      offered,
      verified: [...state.methods].filter((method) => method !== 'sms'),
      maskedPhone: account ? maskPhone(await deps.phones.open(account.sealedPhone)) : '',
      ...(error ? { error } : {}),
    });
    tools.send(response, error ? 400 : 200, page, [csrf.setCookie]);
  };

  const check = async (
    request: IncomingMessage,
    response: ServerResponse,
    details: Details,
    pending: PendingStepUp,
    locale: Locale,
    form: URLSearchParams,
    method: 'id_name' | 'carrier_3f',
  ) => {
    const realName = deps.realName;
    if (!realName) return show(request, response, details, pending, locale);
    const { sub, sessionMethods } = pending;
    const common = {
      sub,
      ip: tools.clientIp(request),
      portal: String(details.params.client_id),
      sessionMethods,
      // Recorded by the service with the match, in the same write.
      auditWithMatch: (outcome: VerificationOutcome) => stepUpEvents(details, pending, method, outcome),
      citizenId: form.get('citizenId') ?? '',
      name: form.get('name') ?? '',
    };
    let outcome: VerificationOutcome;
    try {
      if (method === 'id_name') {
        outcome = await realName.verifyIdentity(common);
      } else {
        const account = await deps.accounts.findBySub(sub);
        const phone = account ? await deps.phones.open(account.sealedPhone) : '';
        outcome = await realName.verifyCarrier({ ...common, phone });
      }
    } catch (error) {
      if (!(error instanceof RealNameError)) throw error;
      return show(request, response, details, pending, locale, locale === 'en' ? error.message : error.messageZh);
    }
    return complete(request, response, details, pending, locale, method, outcome, { stepUpAudited: true });
  };

  /** After a successful check: finish the interaction at the new level, or show the page again for the next check. */
  const complete = async (
    request: IncomingMessage,
    response: ServerResponse,
    details: Details,
    pending: PendingStepUp,
    locale: Locale,
    method: Method,
    outcome: VerificationOutcome,
    { stepUpAudited }: { stepUpAudited: boolean } = { stepUpAudited: false },
  ) => {
    const { sub, sessionMethods } = pending;
    // The outcome's level already counts this session's methods and every lasting verification of the account.
    if (outcome.level < pending.requiredLevel) return show(request, response, details, pending, locale);
    const after: AssuranceState = {
      sessionMethods: [...sessionMethods, method],
      methods: outcome.verifiedMethods,
      level: outcome.level,
    };
    if (!stepUpAudited) await deps.audit.recordAll(stepUpEvents(details, pending, method, outcome));
    await finishInteraction(response, details, { login: loginResult(sub, after) }, { mergeWithLastSubmission: false });
  };

  return { show, check, complete };
};
