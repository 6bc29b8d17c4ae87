import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '@platform/logging';
import type Provider from 'oidc-provider';
import { errors } from 'oidc-provider';
import type { AccountStore } from '../accounts/account.ts';
import { ALIPAY_COMPLETE_STEP } from '../alipay/alipay-steps.ts';
import { consentPage } from '../pages/consent-page.ts';
import { PAGE_HEADERS } from '../pages/layout.ts';
import { chooseLocale, type Locale } from '../pages/locale.ts';
import { errorPage } from '../pages/logout-pages.ts';
import { lookup, messagesFor } from '../pages/messages.ts';
import { codePage, signInPage } from '../pages/sign-in-page.ts';
import { requiredLevelOf } from '../provider/assurance.ts';
import { OPERATOR_PROMPT } from '../provider/assurance-policy.ts';
import { createAlipayStepUp } from './alipay-step-up.ts';
import { assuranceState, loginResult } from './assurance-state.ts';
import {
  CERTIFICATE_FORM_MAX_BYTES,
  type CertificateInteractionDependencies,
  createCertificateInteraction,
} from './certificate-interaction.ts';
import { csrfToken, csrfValid } from './csrf.ts';
import { finishInteraction, saveInteractionResult } from './finish-interaction.ts';
import { FormTooLargeError, readForm } from './form-body.ts';
import { createOperatorInteraction, type OperatorInteractionDependencies } from './operator-interaction.ts';
import { pendingStepUp } from './pending-step-up.ts';
import { PhoneSignInError, type PhoneSignInPort } from './phone-sign-in-port.ts';
import { createStepUp, type StepUpDependencies } from './step-up.ts';

export interface InteractionDependencies
  extends StepUpDependencies,
    CertificateInteractionDependencies,
    OperatorInteractionDependencies {
  readonly provider: Provider;
  readonly phoneSignIn: PhoneSignInPort;
  readonly accounts: AccountStore;
  readonly logger: Logger;
  /** Whether cookies get the Secure attribute (false only on the plain-HTTP loopback of `npm start`). */
  readonly secureCookies: boolean;
}

type Details = Awaited<ReturnType<Provider['interactionDetails']>>;

const ROUTE =
  /^\/interaction\/([\w-]+)(?:\/(phone|code|consent|abort|id-name|carrier|certificate|operator|alipay|alipay-complete))?$/;

const clientIp = (request: IncomingMessage): string =>
  String(request.headers['x-forwarded-for'] ?? request.socket.remoteAddress ?? 'unknown')
    .split(',')[0]
    ?.trim() ?? 'unknown';

/**
 * The provider's interaction pages: sign-in by phone and SMS code, and consent for third-party portals.
 * Every POST is CSRF-checked; every failure re-renders the page with a translated message and changes nothing.
 */
export const createInteractionRouter = (deps: InteractionDependencies) => {
  const { provider } = deps;

  const send = (response: ServerResponse, status: number, body: string, cookies: string[] = []) => {
    response.writeHead(status, { ...PAGE_HEADERS, ...(cookies.length ? { 'set-cookie': cookies } : {}) });
    response.end(body);
  };

  const portalName = async (details: Details, locale: Locale): Promise<string> => {
    const client = await provider.Client.find(String(details.params.client_id));
    const name = client?.clientName ?? String(details.params.client_id);
    // The registry keeps the Chinese name as `client_name` and the English one as `platform_client_name_en`.
    const english = (client as unknown as Record<string, unknown> | undefined)?.platform_client_name_en;
    return locale === 'en' && typeof english === 'string' ? english : name;
  };

  const localeOf = (request: IncomingMessage, url: URL, details?: Details): Locale =>
    chooseLocale(
      url.searchParams.get('lang') ?? (details?.params.ui_locales as string | undefined),
      request.headers['accept-language'],
    );

  /** The language switch restarts the current prompt in the other language (form state is not carried over). */
  const switchHref = (uid: string, locale: Locale) => `/interaction/${uid}?lang=${locale === 'en' ? 'zh-CN' : 'en'}`;

  const stepUp = createStepUp(deps, { send, portalName, switchHref, clientIp });
  const alipayStepUp = createAlipayStepUp(deps, { send, portalName, switchHref, clientIp }, stepUp);
  const certificate = createCertificateInteraction(deps, { send, portalName, switchHref, clientIp });
  const operator = createOperatorInteraction(deps, { send, portalName, switchHref, clientIp });

  const showPrompt = async (
    request: IncomingMessage,
    response: ServerResponse,
    url: URL,
    details: Details,
    extra: { error?: string; phone?: string } = {},
  ) => {
    const locale = localeOf(request, url, details);
    const csrf = csrfToken(request, deps.secureCookies);
    const common = {
      locale,
      uid: details.uid,
      csrfToken: csrf.token,
      portalName: await portalName(details, locale),
      switchLanguageHref: switchHref(details.uid, locale),
    };
    if (details.prompt.name === 'consent') {
      const scopes = String(details.params.scope ?? 'openid').split(' ');
      return send(response, 200, consentPage({ ...common, scopes }), [csrf.setCookie]);
    }
    const certificateOffered = deps.certificateSignIn !== undefined;
    return send(response, extra.error ? 400 : 200, signInPage({ ...common, ...extra, certificateOffered }), [
      csrf.setCookie,
    ]);
  };

  const failureMessage = (locale: Locale, error: PhoneSignInError): string => {
    const t = messagesFor(locale);
    const base = lookup(locale, `error_${error.code}`);
    if (error.retryAfterSeconds !== undefined) return `${base} (${error.retryAfterSeconds}${t.resendIn})`;
    if (error.remainingTries !== undefined) return `${base} ${t.remainingTries}: ${error.remainingTries}`;
    return base;
  };

  /** Step 2 of sign-in: the code form for a challenge, with a message when the previous try failed. */
  const showCodeForm = async (
    request: IncomingMessage,
    response: ServerResponse,
    url: URL,
    details: Details,
    challenge: { challengeId: string; maskedPhone: string; resendAfterSeconds: number; error?: string },
  ) => {
    const locale = localeOf(request, url, details);
    const csrf = csrfToken(request, deps.secureCookies);
    const page = codePage({
      locale,
      uid: details.uid,
      csrfToken: csrf.token,
      portalName: await portalName(details, locale),
      switchLanguageHref: switchHref(details.uid, locale),
      ...challenge,
    });
    send(response, challenge.error ? 400 : 200, page, [csrf.setCookie]);
  };

  const onPhone = async (
    request: IncomingMessage,
    response: ServerResponse,
    url: URL,
    details: Details,
    form: URLSearchParams,
  ) => {
    const locale = localeOf(request, url, details);
    const phone = form.get('phone') ?? '';
    try {
      const sent = await deps.phoneSignIn.requestCode({ phone, ip: clientIp(request), locale });
      await showCodeForm(request, response, url, details, sent);
    } catch (error) {
      if (!(error instanceof PhoneSignInError)) throw error;
      await showPrompt(request, response, url, details, { error: failureMessage(locale, error), phone });
    }
  };

  const onCode = async (
    request: IncomingMessage,
    response: ServerResponse,
    url: URL,
    details: Details,
    form: URLSearchParams,
  ) => {
    const locale = localeOf(request, url, details);
    const challengeId = form.get('challenge') ?? '';
    try {
      const { phone } = await deps.phoneSignIn.verifyCode({
        challengeId,
        code: (form.get('code') ?? '').trim(),
        ip: clientIp(request),
      });
      const { account } = await deps.accounts.findOrCreateByPhone(phone);
      const state = await assuranceState(deps.realNameAccounts, account.sub, ['sms']);
      const login = loginResult(account.sub, state);
      await deps.audit.record({
        type: 'sign_in',
        sub: account.sub,
        portal: String(details.params.client_id),
        methods: ['sms'],
        acr: login.acr,
      });
      const required = requiredLevelOf(details.params);
      if (required !== undefined && state.level < required) {
        // Below the level the portal asked for: the login waits in this interaction and the step-up page comes next
        // (`pending-step-up.ts`); redirected rather than rendered, so that a reload does not post the code again.
        await saveInteractionResult(details, { login }, { mergeWithLastSubmission: false });
        response.writeHead(303, { location: `/interaction/${details.uid}`, 'content-length': '0' });
        response.end();
        return;
      }
      await finishInteraction(response, details, { login }, { mergeWithLastSubmission: false });
    } catch (error) {
      if (!(error instanceof PhoneSignInError)) throw error;
      if (error.code !== 'invalid_code') {
        return showPrompt(request, response, url, details, { error: failureMessage(locale, error) });
      }
      await showCodeForm(request, response, url, details, {
        challengeId,
        maskedPhone: form.get('masked') ?? '',
        resendAfterSeconds: 0,
        error: failureMessage(locale, error),
      });
    }
  };

  const onConsent = async (response: ServerResponse, details: Details) => {
    if (details.prompt.name !== 'consent' || !details.session?.accountId) {
      throw new errors.InvalidRequest('no consent is pending for this interaction');
    }
    const grant = details.grantId
      ? await provider.Grant.find(details.grantId)
      : new provider.Grant({ accountId: details.session.accountId, clientId: String(details.params.client_id) });
    if (!grant) throw new errors.InvalidRequest('grant not found');
    const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    const grantId = await grant.save();
    await finishInteraction(response, details, { consent: { grantId } }, { mergeWithLastSubmission: true });
  };

  return async (request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> => {
    const match = ROUTE.exec(url.pathname);
    const locale = localeOf(request, url);
    if (!match)
      return send(
        response,
        404,
        errorPage({ locale, code: 'not_found', message: lookup(locale, 'error_session_expired') }),
      );
    const [, uid, step] = match;
    try {
      const details = await provider.interactionDetails(request, response);
      if (details.uid !== uid) throw new errors.SessionNotFound('interaction mismatch');
      const pending = pendingStepUp(details);
      if (request.method === 'GET' && !step) {
        if (pending) return await stepUp.show(request, response, details, pending, localeOf(request, url, details));
        if (details.prompt.name === OPERATOR_PROMPT) {
          return await operator.show(request, response, details, localeOf(request, url, details));
        }
        return await showPrompt(request, response, url, details);
      }
      if (request.method === 'GET' && step === ALIPAY_COMPLETE_STEP && pending) {
        return await alipayStepUp.complete(request, response, details, pending, localeOf(request, url, details), url);
      }
      if (request.method === 'GET' && step === 'certificate') {
        // Only while signing in: a pending consent is shown as it is.
        if (details.prompt.name !== 'login') return await showPrompt(request, response, url, details);
        return await certificate.show(request, response, details, localeOf(request, url, details));
      }
      if (request.method !== 'POST' || !step) {
        response.writeHead(405, { allow: 'GET, POST' }).end();
        return;
      }
      const form = await readForm(request, step === 'certificate' ? CERTIFICATE_FORM_MAX_BYTES : undefined);
      if (!csrfValid(request, form.get('csrf') ?? undefined)) {
        return send(response, 403, errorPage({ locale, code: 'csrf', message: lookup(locale, 'error_csrf') }));
      }
      if (step === 'phone') return await onPhone(request, response, url, details, form);
      if (step === 'code') return await onCode(request, response, url, details, form);
      if (step === 'consent') return await onConsent(response, details);
      if (step === 'operator' && details.prompt.name === OPERATOR_PROMPT) {
        return await operator.submit(request, response, details, localeOf(request, url, details), form);
      }
      if (step === 'certificate' && details.prompt.name === 'login') {
        return await certificate.submit(request, response, details, localeOf(request, url, details), form);
      }
      if (step === 'alipay' && pending) {
        return await alipayStepUp.start(request, response, details, pending, localeOf(request, url, details), form);
      }
      if ((step === 'id-name' || step === 'carrier') && pending) {
        const method = step === 'id-name' ? 'id_name' : 'carrier_3f';
        return await stepUp.check(request, response, details, pending, localeOf(request, url, details), form, method);
      }
      await finishInteraction(
        response,
        details,
        { error: 'access_denied', error_description: 'The user denied the request.' },
        { mergeWithLastSubmission: false },
      );
    } catch (error) {
      if (error instanceof errors.SessionNotFound || error instanceof errors.InvalidRequest) {
        return send(
          response,
          400,
          errorPage({ locale, code: 'session_expired', message: lookup(locale, 'error_session_expired') }),
        );
      }
      if (error instanceof FormTooLargeError) {
        return send(
          response,
          413,
          errorPage({ locale, code: 'request_too_large', message: lookup(locale, 'error_csrf') }),
        );
      }
      deps.logger.error('interaction failed', { error, step });
      return send(
        response,
        503,
        errorPage({ locale, code: 'service_unavailable', message: lookup(locale, 'error_service_unavailable') }),
      );
    }
  };
};
