import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '@platform/logging';
import { maskPhone, maskUscc } from '@platform/personal-data';
import {
  type AuditEvent,
  type AuditPage,
  type AuditTrail,
  InvalidAuditCursorError,
  levelOfAcr,
  type RealNameAccounts,
} from '@platform/real-name';
import type Provider from 'oidc-provider';
import type { AccountStore, PhoneProtector } from '../accounts/account.ts';
import { assuranceState, methodsOfAmr } from '../interactions/assurance-state.ts';
import type { LegalPersonStore, UsccProtector } from '../legal-persons/legal-person.ts';
import type { OperatorGrantStore } from '../operators/operator-grant.ts';
import type { OperatorService } from '../operators/operator-service.ts';
import { type AccountPageModel, type AuditLine, accountPage, accountSignedOutPage } from '../pages/account-page.ts';
import { PAGE_HEADERS } from '../pages/layout.ts';
import { chooseLocale, type Locale } from '../pages/locale.ts';
import { errorPage } from '../pages/logout-pages.ts';
import { lookup } from '../pages/messages.ts';
import { type OperatorsPageExtra, operatorsModel, submitOperatorsForm } from './operators-form.ts';
import type { RealNameProfiles } from './real-name-profile.ts';

export interface AccountPageDependencies {
  readonly provider: Provider;
  readonly accounts: AccountStore;
  readonly phones: PhoneProtector;
  readonly legalPersons: LegalPersonStore;
  readonly usccs: UsccProtector;
  readonly realNameAccounts: RealNameAccounts;
  readonly realNameProfiles: RealNameProfiles;
  readonly audit: AuditTrail;
  readonly logger: Logger;
  /** Operator grants (legal persons' operators), when wired. */
  readonly operators?: OperatorService;
  readonly operatorGrants?: OperatorGrantStore;
  readonly secureCookies: boolean;
}

const AUDIT_PAGE_SIZE = 20;

/** The event as the page may show it: names and masks only, whatever the stored event holds. */
const lineOf = (event: AuditEvent, portalName: string | undefined): AuditLine => {
  const common = { at: event.at, type: event.type, ...(portalName ? { portalName } : {}) };
  switch (event.type) {
    case 'data_release':
      return { ...common, claims: event.claims };
    case 'sign_in': {
      const level = levelOfAcr(event.acr);
      return { ...common, methods: event.methods, ...(level ? { level } : {}) };
    }
    case 'step_up':
      return { ...common, methods: event.methods, level: levelOfAcr(event.to) ?? 0 };
    case 'real_name_check':
      return {
        ...common,
        methods: [event.method],
        outcome: event.outcome,
        ...(event.maskedCitizenId ? { masked: event.maskedCitizenId } : {}),
      };
    case 'account_linked':
      return { ...common, methods: [event.method], masked: event.maskedIdentifier };
    case 'operator_granted':
    case 'operator_revoked':
    case 'operator_acted':
      return { ...common, masked: `${event.maskedName} ${event.maskedCitizenId}` };
    default:
      return common;
  }
};

/**
 * `GET /account`: the signed-in person's own account page, read from oidc-provider's SSO session (its session
 * cookie, as the provider itself reads it). Nothing here changes state: "sign out this session" opens the provider's
 * end-session endpoint (a GET: oidc-provider serves it by GET only, and it only shows the confirmation); the
 * confirmation is a POST with oidc-provider's own CSRF token (`xsrf`), and it ends the session, revokes its grants
 * and sends back-channel logouts to the portals exactly as a portal-initiated logout does.
 */
export const createAccountRoute = (deps: AccountPageDependencies) => {
  const { provider } = deps;

  const send = (response: ServerResponse, status: number, body: string, cookies: string[] = []) => {
    response.writeHead(status, { ...PAGE_HEADERS, ...(cookies.length ? { 'set-cookie': cookies } : {}) });
    response.end(body);
  };

  const portalNames = (locale: Locale) => {
    const cache = new Map<string, Promise<string>>();
    return (clientId: string): Promise<string> => {
      let name = cache.get(clientId);
      if (!name) {
        name = provider.Client.find(clientId)
          .then((client) => {
            // `client_name` is the Chinese name; the registry keeps the English one in `platform_client_name_en`.
            const english = (client as unknown as Record<string, unknown> | undefined)?.platform_client_name_en;
            if (locale === 'en' && typeof english === 'string') return english;
            return client?.clientName ?? clientId;
          })
          .catch(() => clientId);
        cache.set(clientId, name);
      }
      return name;
    };
  };

  type Subject = Pick<AccountPageModel, 'subjectKind' | 'maskedPhone' | 'companyName' | 'maskedUscc'> & {
    readonly memberSince: string;
  };

  const subjectOf = async (sub: string): Promise<Subject | undefined> => {
    const person = await deps.accounts.findBySub(sub);
    if (person) {
      return {
        subjectKind: 'natural_person',
        maskedPhone: maskPhone(await deps.phones.open(person.sealedPhone)),
        memberSince: person.createdAt,
      };
    }
    const company = await deps.legalPersons.findBySub(sub);
    if (!company) return undefined;
    return {
      subjectKind: 'legal_person',
      companyName: company.companyName,
      maskedUscc: maskUscc(await deps.usccs.open(company.sealedUscc)),
      memberSince: company.createdAt,
    };
  };

  return async (request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> => {
    const locale = chooseLocale(url.searchParams.get('lang') ?? undefined, request.headers['accept-language']);
    const other = locale === 'en' ? 'zh-CN' : 'en';
    const cursor = url.searchParams.get('cursor') ?? undefined;
    const switchLanguageHref = `/account?lang=${other}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const operatorsForm = url.pathname === '/account/operators';
    if (operatorsForm ? request.method !== 'POST' : request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: operatorsForm ? 'POST' : 'GET' }).end();
      return;
    }
    try {
      const ctx = provider.createContext(request, response);
      const session = await provider.Session.get(ctx as never);
      const sub = session.accountId;
      const subject = sub ? await subjectOf(sub) : undefined;
      if (!sub || !subject) return send(response, 200, accountSignedOutPage(locale, switchLanguageHref));

      const sessionMethods = methodsOfAmr(session.amr as string[] | undefined);
      let operatorsExtra: OperatorsPageExtra = { status: 200 };
      if (operatorsForm) {
        operatorsExtra = await submitOperatorsForm(deps, request, response, { sub, subject, sessionMethods, locale });
        if (operatorsExtra.redirected) return;
      }
      const operators =
        subject.subjectKind === 'legal_person'
          ? await operatorsModel(deps, request, { sub, sessionMethods, locale, url, extra: operatorsExtra })
          : undefined;
      const state = await assuranceState(deps.realNameAccounts, sub, sessionMethods);
      const profile = subject.subjectKind === 'natural_person' ? await deps.realNameProfiles.get(sub) : undefined;
      const nameOf = portalNames(locale);
      let page: AuditPage = { events: [] };
      let error: string | undefined;
      try {
        page = await deps.audit.listForSubject(sub, { ...(cursor ? { cursor } : {}), limit: AUDIT_PAGE_SIZE });
      } catch (failure) {
        if (!(failure instanceof InvalidAuditCursorError)) throw failure;
        error = lookup(locale, 'error_invalid_cursor');
      }
      const audit = await Promise.all(
        page.events.map(async (event) => lineOf(event, event.portal ? await nameOf(event.portal) : undefined)),
      );
      const firstMethod = subject.subjectKind === 'natural_person' ? 'sms' : 'enterprise_cert';
      const verified = [
        { method: firstMethod, at: subject.memberSince },
        ...(profile?.verified ?? []).filter((entry) => entry.method !== firstMethod),
      ];
      const portals = await Promise.all(Object.keys(session.authorizations ?? {}).map(nameOf));
      const { memberSince: _since, ...shown } = subject;
      send(
        response,
        error ? 400 : operatorsExtra.status,
        accountPage({
          locale,
          switchLanguageHref,
          ...shown,
          level: state.level,
          verified,
          portals,
          audit,
          ...(page.nextCursor
            ? { moreHref: `/account?lang=${locale}&cursor=${encodeURIComponent(page.nextCursor)}` }
            : {}),
          ...(error ? { error } : {}),
          ...(operators ? { operators: operators.section } : {}),
        }),
        operators?.setCookie ? [operators.setCookie] : [],
      );
    } catch (error) {
      deps.logger.error('account page failed', { error });
      send(
        response,
        503,
        errorPage({ locale, code: 'service_unavailable', message: lookup(locale, 'error_service_unavailable') }),
      );
    }
  };
};
