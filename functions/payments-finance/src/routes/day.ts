import { type DiscrepancyView, dailySummary } from '@platform/reconciliation';
import type { FinanceDependencies } from '../finance-dependencies.ts';
import { dayPage } from '../pages/day-page.ts';
import { badRequestPage } from '../pages/status-pages.ts';
import { asOfficer } from './as-officer.ts';
import { isBusinessDay, previousBusinessDay } from './business-day.ts';

/** A day has few discrepancies; a page shows at most this many (the CSV export has them all). */
export const DAY_DISCREPANCY_LIMIT = 500;

/** `GET /finance?day=YYYY-MM-DD` (default: yesterday, Asia/Shanghai). */
export const showDay = (deps: FinanceDependencies) =>
  asOfficer(deps, async (event, { viewer }) => {
    const day = event.queryStringParameters?.day || previousBusinessDay(deps.now());
    if (!isBusinessDay(day)) {
      return badRequestPage({ zh: '日期格式应为 YYYY-MM-DD。', en: 'The day is YYYY-MM-DD.' }, '/finance', viewer);
    }
    const [summary, discrepancies] = await Promise.all([
      dailySummary(deps.runs, day, deps.channels),
      (async () => {
        const views: DiscrepancyView[] = [];
        for (const channel of deps.channels) {
          for await (const view of deps.discrepancies.listDiscrepancies(channel, day)) {
            if (views.length >= DAY_DISCREPANCY_LIMIT) break;
            views.push(view);
          }
        }
        return views;
      })(),
    ]);
    return dayPage(day, summary, discrepancies, viewer);
  });
