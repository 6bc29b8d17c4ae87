import type { ChannelId } from '@platform/payment-channels';
import { parseDiscrepancyId } from '../runs/discrepancy-id.ts';
import type { RunDiscrepancy } from '../runs/run-record.ts';
import type { RunStore } from '../runs/run-store.ts';
import {
  type AuditEntry,
  type DiscrepancyState,
  DiscrepancyWorkflowError,
  decideAction,
  initialState,
  type ResolutionReason,
  type WorkflowAction,
} from './discrepancy-workflow.ts';
import type { WorkflowStore } from './dynamodb-workflow-store.ts';

/**
 * What the finance console calls to see and work discrepancies. Only discrepancies of a day's CURRENT run can be
 * acted on (a replaced run's are history). `actor` is the signed-in officer's id (never a name or ID number in
 * clear). Errors: `DiscrepancyWorkflowError` with `code` `discrepancy_not_found` (404),
 * `discrepancy_transition_not_allowed` (409), `discrepancy_action_invalid` (400), `discrepancy_contended` (503).
 */
export interface DiscrepancyView {
  readonly discrepancy: RunDiscrepancy;
  readonly state: DiscrepancyState;
}

export interface DiscrepancyDetail extends DiscrepancyView {
  readonly audit: readonly AuditEntry[];
}

const ATTEMPTS = 5;

export class DiscrepancyService {
  readonly #runs: RunStore;
  readonly #workflow: WorkflowStore;
  readonly #now: () => Date;

  constructor(options: { readonly runs: RunStore; readonly workflow: WorkflowStore; readonly now?: () => Date }) {
    this.#runs = options.runs;
    this.#workflow = options.workflow;
    this.#now = options.now ?? (() => new Date());
  }

  /** The current run's discrepancies of a (channel, day) with their workflow state, 100 at a time. */
  async *listDiscrepancies(channel: ChannelId, businessDate: string): AsyncGenerator<DiscrepancyView> {
    const run = await this.#runs.currentRun(channel, businessDate);
    if (!run) return;
    let page: RunDiscrepancy[] = [];
    const drain = async function* (this: DiscrepancyService) {
      const states = await this.#workflow.getMany(page.map((d) => d.discrepancyId));
      for (const discrepancy of page) {
        yield {
          discrepancy,
          state: states.get(discrepancy.discrepancyId) ?? initialState(discrepancy.discrepancyId),
        };
      }
      page = [];
    }.bind(this);
    for await (const discrepancy of this.#runs.discrepancies(run.runId)) {
      page.push(discrepancy);
      if (page.length === 100) yield* drain();
    }
    yield* drain();
  }

  /** Discrepancies not resolved yet, of every channel's current run in a month (`YYYY-MM`). */
  async *openDiscrepancies(month: string): AsyncGenerator<DiscrepancyView> {
    for (const summary of await this.#runs.runsOfMonth(month)) {
      for await (const view of this.listDiscrepancies(summary.channel, summary.businessDate)) {
        if (view.state.status !== 'resolved') yield view;
      }
    }
  }

  async getDiscrepancy(discrepancyId: string): Promise<DiscrepancyDetail> {
    const discrepancy = await this.#find(discrepancyId);
    const [state, audit] = await Promise.all([this.#workflow.get(discrepancyId), this.#workflow.audit(discrepancyId)]);
    return { discrepancy, state: state ?? initialState(discrepancyId), audit };
  }

  assign(discrepancyId: string, assignee: string, actor: string, note?: string): Promise<DiscrepancyState> {
    return this.#act(discrepancyId, { type: 'assign', assignee, ...(note ? { note } : {}) }, actor);
  }

  comment(discrepancyId: string, note: string, actor: string): Promise<DiscrepancyState> {
    return this.#act(discrepancyId, { type: 'comment', note }, actor);
  }

  escalate(discrepancyId: string, note: string, actor: string): Promise<DiscrepancyState> {
    return this.#act(discrepancyId, { type: 'escalate', note }, actor);
  }

  resolve(discrepancyId: string, reason: ResolutionReason, actor: string, note?: string): Promise<DiscrepancyState> {
    return this.#act(discrepancyId, { type: 'resolve', reason, ...(note ? { note } : {}) }, actor);
  }

  async #find(discrepancyId: string): Promise<RunDiscrepancy> {
    const where = parseDiscrepancyId(discrepancyId);
    const run = where && (await this.#runs.currentRun(where.channel, where.businessDate));
    const discrepancy = run && (await this.#runs.discrepancy(run.runId, discrepancyId));
    if (!discrepancy) {
      throw new DiscrepancyWorkflowError(
        'discrepancy_not_found',
        `No discrepancy ${discrepancyId} in the current run of its day.`,
      );
    }
    return discrepancy;
  }

  async #act(discrepancyId: string, action: WorkflowAction, actor: string): Promise<DiscrepancyState> {
    const discrepancy = await this.#find(discrepancyId);
    for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
      const prior = (await this.#workflow.get(discrepancyId)) ?? initialState(discrepancyId);
      const { next, entry } = decideAction(prior, action, actor, this.#now().toISOString());
      const context = { channel: discrepancy.channel, businessDate: discrepancy.businessDate };
      if (await this.#workflow.apply(prior, next, entry, context)) return next;
    }
    throw new DiscrepancyWorkflowError(
      'discrepancy_contended',
      `Discrepancy ${discrepancyId} kept changing; try again.`,
    );
  }
}
