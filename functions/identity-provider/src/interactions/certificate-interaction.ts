import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CertificateSignIn } from '@platform/enterprise-certificates';
import type { Logger } from '@platform/logging';
import { type AuditTrail, levelOf, type Method } from '@platform/real-name';
import type Provider from 'oidc-provider';
import type { LegalPersonStore } from '../legal-persons/legal-person.ts';
import { certificatePage } from '../pages/certificate-page.ts';
import type { Locale } from '../pages/locale.ts';
import { errorPage } from '../pages/logout-pages.ts';
import { lookup } from '../pages/messages.ts';
import { loginResult } from './assurance-state.ts';
import { csrfToken } from './csrf.ts';
import { finishInteraction } from './finish-interaction.ts';
import type { PageTools } from './step-up.ts';

type Details = Awaited<ReturnType<Provider['interactionDetails']>>;

export interface CertificateInteractionDependencies {
  /** Absent where no CA is trusted (deployed without `ENTERPRISE_CA_SECRET_ID`): the option is not offered. */
  readonly certificateSignIn?: CertificateSignIn;
  readonly legalPersons: LegalPersonStore;
  readonly audit: AuditTrail;
  readonly logger: Logger;
  readonly secureCookies: boolean;
}

/** The form carries a PEM chain: more than the other forms, still small. */
export const CERTIFICATE_FORM_MAX_BYTES = 64 * 1024;

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/** The PEM blocks pasted, in order; the text as it is when there are none (the verifier then says malformed). */
const chainOf = (text: string): string[] => {
  const blocks = text.match(PEM_BLOCK);
  return blocks && blocks.length > 0 ? blocks : [text];
};

const SESSION_METHODS: readonly Method[] = ['enterprise_cert'];

/**
 * The audit trail refused certificate sign-ins go to: a refused certificate proves nothing about which company it
 * names, so its attempts are not filed under one (which would also let anyone write into any company's trail).
 * Not a possible `sub` (those are 22 base64url characters), so it can never be a subject's own trail.
 */
export const CERTIFICATE_SIGN_IN_TRAIL = 'platform:enterprise-certificate-sign-in';

/**
 * Sign-in as a company with an enterprise digital certificate: GET shows a fresh challenge (stored in DynamoDB,
 * single-use) with the form; POST uses the challenge up, verifies the chain and the signature, and signs the company
 * in as a legal person at the level the ladder gives `enterprise_cert`, with `amr` `pop`. A refusal shows the
 * library's message in the page's language with a new challenge, and signs nobody in.
 */
export const createCertificateInteraction = (deps: CertificateInteractionDependencies, tools: PageTools) => {
  const show = async (
    request: IncomingMessage,
    response: ServerResponse,
    details: Details,
    locale: Locale,
    extra: { error?: string; chainPem?: string } = {},
  ) => {
    if (!deps.certificateSignIn) {
      return tools.send(
        response,
        404,
        errorPage({ locale, code: 'not_found', message: lookup(locale, 'certificateUnavailable') }),
      );
    }
    const challenge = await deps.certificateSignIn.start();
    const csrf = csrfToken(request, deps.secureCookies);
    const page = certificatePage({
      locale,
      uid: details.uid,
      csrfToken: csrf.token,
      portalName: await tools.portalName(details, locale),
      switchLanguageHref: `/interaction/${details.uid}/certificate?lang=${locale === 'en' ? 'zh-CN' : 'en'}`,
      challengeId: challenge.id,
      challenge: challenge.messageBase64url,
      expiresAt: new Date(challenge.expiresAt).toISOString(),
      ...extra,
    });
    tools.send(response, extra.error ? 400 : 200, page, [csrf.setCookie]);
  };

  const submit = async (
    request: IncomingMessage,
    response: ServerResponse,
    details: Details,
    locale: Locale,
    form: URLSearchParams,
  ) => {
    if (!deps.certificateSignIn) return show(request, response, details, locale);
    const chainText = form.get('chain') ?? '';
    const portal = String(details.params.client_id);
    const result = await deps.certificateSignIn.finish({
      challengeId: form.get('challenge') ?? '',
      chainPem: chainOf(chainText),
      signature: new Uint8Array(Buffer.from((form.get('signature') ?? '').trim(), 'base64url')),
    });
    if (!result.ok) {
      // No certificate data in either: the code says what was wrong, and nothing else is trusted.
      deps.logger.warn('enterprise certificate sign-in refused', { code: result.error.code, portal });
      await deps.audit.record({
        type: 'certificate_sign_in_refused',
        sub: CERTIFICATE_SIGN_IN_TRAIL,
        portal,
        errorCode: result.error.code,
      });
      const error = locale === 'en' ? result.error.message : result.error.messageZh;
      return show(request, response, details, locale, { error, chainPem: chainText });
    }
    const { legalPerson, created } = await deps.legalPersons.findOrCreateByUscc(result.uscc, result.companyName);
    const login = loginResult(legalPerson.sub, {
      sessionMethods: SESSION_METHODS,
      methods: new Set(SESSION_METHODS),
      level: levelOf(SESSION_METHODS),
    });
    await deps.audit.record({
      type: 'sign_in',
      sub: legalPerson.sub,
      portal,
      methods: [...SESSION_METHODS],
      acr: login.acr,
    });
    deps.logger.info('enterprise certificate sign-in', {
      portal,
      created,
      issuerCA: result.issuerCA,
      serialNumber: result.serialNumber,
      keyAlgorithm: result.keyAlgorithm,
    });
    await finishInteraction(response, details, { login }, { mergeWithLastSubmission: false });
  };

  return { show, submit };
};
