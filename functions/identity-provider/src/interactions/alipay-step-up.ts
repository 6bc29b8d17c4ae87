import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { RealNameError } from '@platform/real-name';
import type Provider from 'oidc-provider';
import { ALIPAY_RETURN_STEP } from '../alipay/alipay-steps.ts';
import { PENDING_AUTHORISATION_MS } from '../alipay/pending-authorisation.ts';
import type { Locale } from '../pages/locale.ts';
import { lookup } from '../pages/messages.ts';
import type { PendingStepUp } from './pending-step-up.ts';
import type { createStepUp, PageTools, StepUpDependencies } from './step-up.ts';

type Details = Awaited<ReturnType<Provider['interactionDetails']>>;
type StepUp = ReturnType<typeof createStepUp>;

/**
 * The payment-account method on the step-up page, with Alipay: the person states their name and ID number (validated,
 * nothing asked of anyone yet), leaves for Alipay's authorise page with a fresh `state`, and comes back to
 * `/interaction/<uid>/alipay-return` with `auth_code` and `state`. That return is the payment-account function's
 * (payment-account/alipay-return.ts): it takes the state once, exchanges the code and matches the account's certified
 * identity through the real-name service, stores the outcome beside the state and sends the browser on to
 * `/interaction/<uid>/alipay-complete?state=…`. Here the outcome is taken once and must belong to this interaction and
 * this subject; then the step-up finishes. Every refusal re-renders the step-up page with the service's message and
 * changes no level.
 */
export const createAlipayStepUp = (deps: StepUpDependencies, tools: PageTools, stepUp: StepUp) => {
  const message = (locale: Locale, error: RealNameError) => (locale === 'en' ? error.message : error.messageZh);

  const start = async (
    request: IncomingMessage,
    response: ServerResponse,
    details: Details,
    pending: PendingStepUp,
    locale: Locale,
    form: URLSearchParams,
  ) => {
    const realName = deps.realName;
    const verifier = realName?.paymentAccounts;
    const authorisations = deps.alipayAuthorisations;
    if (!realName || !verifier || !authorisations) return stepUp.show(request, response, details, pending, locale);
    const { sub } = pending;
    let claim: Awaited<ReturnType<typeof realName.startPaymentAccountCheck>>;
    try {
      claim = await realName.startPaymentAccountCheck({
        sub,
        ip: tools.clientIp(request),
        portal: String(details.params.client_id),
        citizenId: form.get('citizenId') ?? '',
        name: form.get('name') ?? '',
      });
    } catch (error) {
      if (!(error instanceof RealNameError)) throw error;
      return stepUp.show(request, response, details, pending, locale, message(locale, error));
    }
    const state = randomBytes(32).toString('base64url');
    await authorisations.save(state, {
      uid: details.uid,
      sub,
      claim,
      portal: String(details.params.client_id),
      sessionMethods: pending.sessionMethods,
      expiresAtMs: Date.now() + PENDING_AUTHORISATION_MS,
    });
    const redirectUri = `${deps.provider.issuer}/interaction/${details.uid}/${ALIPAY_RETURN_STEP}`;
    response.writeHead(303, { location: verifier.authoriseUrl({ redirectUri, state }), 'cache-control': 'no-store' });
    response.end();
  };

  const complete = async (
    request: IncomingMessage,
    response: ServerResponse,
    details: Details,
    pending: PendingStepUp,
    locale: Locale,
    url: URL,
  ) => {
    const outcomes = deps.alipayOutcomes;
    if (!deps.realName?.paymentAccounts || !outcomes) return stepUp.show(request, response, details, pending, locale);
    const { sub } = pending;
    const state = url.searchParams.get('state') ?? '';
    const stored = state ? await outcomes.take(state, Date.now()) : undefined;
    if (!stored || stored.uid !== details.uid || stored.sub !== sub) {
      return stepUp.show(request, response, details, pending, locale, lookup(locale, 'error_alipay_state'));
    }
    const { result } = stored;
    if (result.kind === 'denied') {
      return stepUp.show(request, response, details, pending, locale, lookup(locale, 'error_alipay_denied'));
    }
    if (result.kind === 'refused')
      return stepUp.show(request, response, details, pending, locale, message(locale, result.error));
    return await stepUp.complete(request, response, details, pending, locale, 'alipay', result.outcome);
  };

  return { start, complete };
};
