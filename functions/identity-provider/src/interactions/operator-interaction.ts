import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import { OperatorError } from '../operators/operator-error.ts';
import type { OperatorSelections } from '../operators/operator-selection.ts';
import type { OperatorService } from '../operators/operator-service.ts';
import type { Locale } from '../pages/locale.ts';
import { operatorChoicePage } from '../pages/operator-choice-page.ts';
import { csrfToken } from './csrf.ts';
import { finishInteraction } from './finish-interaction.ts';
import type { PageTools } from './step-up.ts';

type Details = Awaited<ReturnType<Provider['interactionDetails']>>;

export interface OperatorInteractionDependencies {
  /** Absent where operators are not wired: the prompt then finishes as the person themselves. */
  readonly operators?: OperatorService;
  readonly operatorSelections?: OperatorSelections;
  readonly secureCookies: boolean;
}

/**
 * The operator prompt (`provider/assurance-policy.ts`), shown when a portal asks for the `operator` scope: a person
 * with active grants chooses to act as themselves or for one of those companies; anyone else (a company, a person
 * with no verified ID number or no grant) passes through with no page. The choice is kept for this session and portal
 * (`operators/operator-selection.ts`), where the claims read it; acting for a company is audited in both trails.
 */
export const createOperatorInteraction = (deps: OperatorInteractionDependencies, tools: PageTools) => {
  const finish = async (response: ServerResponse, details: Details, actFor?: string) => {
    const sessionUid = details.session?.uid;
    if (deps.operatorSelections && sessionUid) {
      await deps.operatorSelections.choose(sessionUid, String(details.params.client_id), actFor);
    }
    await finishInteraction(
      response,
      details,
      { operator: { actFor: actFor ?? null } },
      { mergeWithLastSubmission: true },
    );
  };

  const show = async (
    request: IncomingMessage,
    response: ServerResponse,
    details: Details,
    locale: Locale,
    error?: string,
  ) => {
    const sub = details.session?.accountId as string;
    const companies = deps.operators ? await deps.operators.companiesFor(sub) : [];
    if (companies.length === 0) return finish(response, details);
    const csrf = csrfToken(request, deps.secureCookies);
    const page = operatorChoicePage({
      locale,
      uid: details.uid,
      csrfToken: csrf.token,
      portalName: await tools.portalName(details, locale),
      switchLanguageHref: tools.switchHref(details.uid, locale),
      companies: companies.map(({ legalPerson }) => ({ sub: legalPerson.sub, name: legalPerson.companyName })),
      ...(error ? { error } : {}),
    });
    tools.send(response, error ? 403 : 200, page, [csrf.setCookie]);
  };

  const submit = async (
    request: IncomingMessage,
    response: ServerResponse,
    details: Details,
    locale: Locale,
    form: URLSearchParams,
  ) => {
    const actFor = form.get('actFor') ?? '';
    if (!actFor || !deps.operators) return finish(response, details);
    try {
      await deps.operators.actFor({
        sub: details.session?.accountId as string,
        legalPersonSub: actFor,
        portal: String(details.params.client_id),
      });
    } catch (error) {
      if (!(error instanceof OperatorError)) throw error;
      return show(request, response, details, locale, locale === 'en' ? error.message : error.messageZh);
    }
    await finish(response, details, actFor);
  };

  return { show, submit };
};
