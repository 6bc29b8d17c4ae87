import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Method } from '@platform/real-name';
import { csrfToken, csrfValid } from '../interactions/csrf.ts';
import { FormTooLargeError, readForm } from '../interactions/form-body.ts';
import { OperatorError } from '../operators/operator-error.ts';
import type { OperatorGrantStore } from '../operators/operator-grant.ts';
import type { OperatorService } from '../operators/operator-service.ts';
import type { Locale } from '../pages/locale.ts';
import { lookup } from '../pages/messages.ts';
import { operatorMessages } from '../pages/operator-messages.ts';
import type { OperatorsSectionModel } from '../pages/operators-section.ts';

export interface OperatorsFormDependencies {
  readonly operators?: OperatorService;
  readonly operatorGrants?: OperatorGrantStore;
  readonly secureCookies: boolean;
}

/** What the form's POST left for the page: a redirect already sent, or a status and a message to show. */
export interface OperatorsPageExtra {
  readonly status: number;
  readonly redirected?: boolean;
  readonly error?: string;
}

/** The account page's forms post to `/account/operators`; their CSRF cookie is scoped to `/account`. */
const CSRF_PATH = '/account';

/** Only a company signed in with its enterprise certificate (its certificate holder) manages its operators. */
const canManage = (subjectKind: string, sessionMethods: readonly Method[]) =>
  subjectKind === 'legal_person' && sessionMethods.includes('enterprise_cert');

/**
 * `POST /account/operators` (`action=grant` with `name` + `citizenId`, or `action=revoke` with `operator`, the grant's
 * key): CSRF-checked (double submit, SameSite=Strict cookie), then done and answered with a redirect back to the page
 * (303, so a reload does not post again), or refused with the page and the reason.
 */
export const submitOperatorsForm = async (
  deps: OperatorsFormDependencies,
  request: IncomingMessage,
  response: ServerResponse,
  context: { sub: string; subject: { subjectKind: string }; sessionMethods: readonly Method[]; locale: Locale },
): Promise<OperatorsPageExtra> => {
  const { locale } = context;
  let form: URLSearchParams;
  try {
    form = await readForm(request);
  } catch (error) {
    if (error instanceof FormTooLargeError) return { status: 413, error: lookup(locale, 'error_csrf') };
    throw error;
  }
  if (!csrfValid(request, form.get('csrf') ?? undefined)) return { status: 403, error: lookup(locale, 'error_csrf') };
  const operators = deps.operators;
  if (!operators || !canManage(context.subject.subjectKind, context.sessionMethods)) {
    return { status: 403, error: operatorMessages(locale).operatorsCertificateOnly };
  }
  const action = form.get('action');
  try {
    if (action === 'grant') {
      await operators.grant({
        legalPersonSub: context.sub,
        citizenId: form.get('citizenId') ?? '',
        name: form.get('name') ?? '',
        by: context.sub,
      });
    } else if (action === 'revoke') {
      await operators.revoke({
        legalPersonSub: context.sub,
        citizenIndex: form.get('operator') ?? '',
        by: context.sub,
      });
    } else {
      return { status: 400, error: lookup(locale, 'error_csrf') };
    }
  } catch (error) {
    if (!(error instanceof OperatorError)) throw error;
    return { status: error.status, error: locale === 'en' ? error.message : error.messageZh };
  }
  response.writeHead(303, { location: `/account?lang=${locale}&operators=${action}`, 'cache-control': 'no-store' });
  response.end();
  return { status: 303, redirected: true };
};

/** The operators section of a company's account page, with the CSRF cookie its forms need. */
export const operatorsModel = async (
  deps: OperatorsFormDependencies,
  request: IncomingMessage,
  context: { sub: string; sessionMethods: readonly Method[]; locale: Locale; url: URL; extra: OperatorsPageExtra },
): Promise<{ section: OperatorsSectionModel; setCookie?: string } | undefined> => {
  if (!deps.operatorGrants) return undefined;
  const grants = await deps.operatorGrants.listForLegalPerson(context.sub);
  const manage = canManage('legal_person', context.sessionMethods);
  const csrf = manage ? csrfToken(request, deps.secureCookies, CSRF_PATH) : undefined;
  const o = operatorMessages(context.locale);
  const done = context.url.searchParams.get('operators');
  const notice = done === 'grant' ? o.granted : done === 'revoke' ? o.revoked : undefined;
  return {
    section: {
      canManage: manage,
      operators: grants.map((grant) => ({
        maskedName: grant.maskedName,
        maskedCitizenId: grant.maskedCitizenId,
        grantedAt: grant.grantedAt,
        active: grant.revokedAt === undefined,
        key: grant.citizenIndex,
      })),
      ...(csrf ? { csrfToken: csrf.token } : {}),
      ...(notice && !context.extra.error ? { notice } : {}),
      ...(context.extra.error ? { error: context.extra.error } : {}),
    },
    ...(csrf ? { setCookie: csrf.setCookie } : {}),
  };
};
