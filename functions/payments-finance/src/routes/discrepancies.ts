import { type DiscrepancyView, RESOLUTION_REASONS, type ResolutionReason } from '@platform/reconciliation';
import type { FinanceDependencies } from '../finance-dependencies.ts';
import { type ActorNames, discrepancyPage, openDiscrepanciesPage } from '../pages/discrepancy-pages.ts';
import { badRequestPage } from '../pages/status-pages.ts';
import { asOfficer, seeOther } from './as-officer.ts';
import { businessDayOf, isMonth } from './business-day.ts';

/** One page of open discrepancies; the rest are in the month's CSV. */
export const OPEN_DISCREPANCY_LIMIT = 500;

/** `GET /finance/discrepancies?month=YYYY-MM`: unresolved discrepancies of every current run of the month. */
export const listOpenDiscrepancies = (deps: FinanceDependencies) =>
  asOfficer(deps, async (event, { viewer }) => {
    const month = event.queryStringParameters?.month || businessDayOf(deps.now()).slice(0, 7);
    if (!isMonth(month)) {
      return badRequestPage(
        { zh: '月份格式应为 YYYY-MM。', en: 'The month is YYYY-MM.' },
        '/finance/discrepancies',
        viewer,
      );
    }
    const views: DiscrepancyView[] = [];
    for await (const view of deps.discrepancies.openDiscrepancies(month)) {
      views.push(view);
      if (views.length >= OPEN_DISCREPANCY_LIMIT) break;
    }
    return openDiscrepanciesPage(month, views, viewer);
  });

/** Masked names of the officers in a trail, looked up once each; an actor the registry no longer knows stays an id. */
const namesOf = async (deps: FinanceDependencies, actors: Iterable<string>): Promise<ActorNames> => {
  const names = new Map<string, string>();
  for (const actor of new Set(actors)) {
    const officer = await deps.findOfficer(actor);
    if (officer) names.set(actor, officer.maskedName);
  }
  return names;
};

/** `GET /finance/discrepancies/{discrepancyId}`: the detail, the forms and the audit trail. */
export const showDiscrepancy = (deps: FinanceDependencies) =>
  asOfficer(
    deps,
    async (event, { viewer }) => {
      const id = decodeURIComponent(event.pathParameters?.discrepancyId ?? '');
      const detail = await deps.discrepancies.getDiscrepancy(id);
      const actors = [
        ...detail.audit.map((entry) => entry.actor),
        ...(detail.state.assignee ? [detail.state.assignee] : []),
      ];
      return discrepancyPage(detail, await namesOf(deps, actors), viewer, event.queryStringParameters?.done);
    },
    { back: '/finance/discrepancies' },
  );

const isReason = (value: unknown): value is ResolutionReason => RESOLUTION_REASONS.includes(value as ResolutionReason);

/**
 * `POST /finance/discrepancies/{discrepancyId}/{action}` with `assign` (to the signed-in officer), `comment`,
 * `escalate` (notes required) or `resolve` (a reason; `other` needs a note). The actor is the officer's blind index,
 * never a name. Refusals (409 for a transition the state does not allow…) are pages; success goes back to the detail.
 */
export const actOnDiscrepancy = (deps: FinanceDependencies) =>
  asOfficer(
    deps,
    async (event, { session, viewer, form }) => {
      const id = decodeURIComponent(event.pathParameters?.discrepancyId ?? '');
      const detailPath = `/finance/discrepancies/${encodeURIComponent(id)}`;
      const actor = session.profile.officerIndex;
      const note = form.get('note')?.trim() || undefined;
      switch (event.pathParameters?.action) {
        case 'assign':
          await deps.discrepancies.assign(id, actor, actor, note);
          break;
        case 'comment':
          await deps.discrepancies.comment(id, note ?? '', actor);
          break;
        case 'escalate':
          await deps.discrepancies.escalate(id, note ?? '', actor);
          break;
        case 'resolve': {
          const reason = form.get('reason');
          if (!isReason(reason)) {
            return badRequestPage({ zh: '请选择解决原因。', en: 'Choose a reason.' }, detailPath, viewer);
          }
          await deps.discrepancies.resolve(id, reason, actor, note);
          break;
        }
        default:
          return badRequestPage({ zh: '未知操作。', en: 'Unknown action.' }, detailPath, viewer);
      }
      deps.logger.info('discrepancy action recorded', { discrepancyId: id, action: event.pathParameters?.action });
      return seeOther(`${detailPath}?done=${event.pathParameters?.action}`);
    },
    { form: true, back: '/finance/discrepancies' },
  );
