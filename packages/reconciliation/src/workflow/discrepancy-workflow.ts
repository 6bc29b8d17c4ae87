/**
 * The life of a discrepancy once a run found it: pure rules, no storage.
 *
 *   open ──assign──► assigned ──resolve──► resolved (final)
 *     │                 │  ▲
 *     └──escalate──► escalated ─assign─┘     (comment: any state, changes none)
 *
 * | action     | allowed prior states              | next state  |
 * | ---------- | --------------------------------- | ----------- |
 * | `assign`   | open, assigned, escalated         | assigned    |
 * | `comment`  | open, assigned, escalated, resolved | unchanged |
 * | `escalate` | open, assigned                    | escalated   |
 * | `resolve`  | open, assigned, escalated         | resolved    |
 *
 * A resolution names its reason; `other` needs a note. Every action becomes one entry of the audit trail (who, when,
 * what); the store writes the state and the entry together, conditional on the state being one of the allowed prior
 * states at the version read.
 */
export const DISCREPANCY_STATUSES = ['open', 'assigned', 'escalated', 'resolved'] as const;
export type DiscrepancyStatus = (typeof DISCREPANCY_STATUSES)[number];

export const RESOLUTION_REASONS = [
  'refund_to_payer',
  'late_notification_applied',
  'channel_error_confirmed',
  'applied_to_notice',
  'other',
] as const;
export type ResolutionReason = (typeof RESOLUTION_REASONS)[number];

export type WorkflowAction =
  | { readonly type: 'assign'; readonly assignee: string; readonly note?: string }
  | { readonly type: 'comment'; readonly note: string }
  | { readonly type: 'escalate'; readonly note: string }
  | { readonly type: 'resolve'; readonly reason: ResolutionReason; readonly note?: string };

export const ALLOWED_PRIOR_STATES: Readonly<Record<WorkflowAction['type'], readonly DiscrepancyStatus[]>> = {
  assign: ['open', 'assigned', 'escalated'],
  comment: ['open', 'assigned', 'escalated', 'resolved'],
  escalate: ['open', 'assigned'],
  resolve: ['open', 'assigned', 'escalated'],
};

export interface DiscrepancyState {
  readonly discrepancyId: string;
  readonly status: DiscrepancyStatus;
  readonly assignee?: string;
  readonly resolution?: {
    readonly reason: ResolutionReason;
    readonly note?: string;
    readonly by: string;
    readonly at: string;
  };
  /** Number of audit entries so far: the version conditional writes pin. 0 = no action yet. */
  readonly version: number;
  readonly updatedAt?: string;
}

export interface AuditEntry {
  readonly discrepancyId: string;
  /** 1-based, in order. */
  readonly sequence: number;
  readonly action: WorkflowAction['type'];
  readonly actor: string;
  readonly at: string;
  readonly from: DiscrepancyStatus;
  readonly to: DiscrepancyStatus;
  readonly assignee?: string;
  readonly reason?: ResolutionReason;
  readonly note?: string;
}

export type WorkflowErrorCode =
  | 'discrepancy_not_found'
  | 'discrepancy_transition_not_allowed'
  | 'discrepancy_action_invalid'
  | 'discrepancy_contended';

export class DiscrepancyWorkflowError extends Error {
  readonly code: WorkflowErrorCode;

  constructor(code: WorkflowErrorCode, message: string) {
    super(message);
    this.name = 'DiscrepancyWorkflowError';
    this.code = code;
  }
}

const NOTE_MAX = 2_000;

/** A state nobody has acted on yet. */
export const initialState = (discrepancyId: string): DiscrepancyState => ({
  discrepancyId,
  status: 'open',
  version: 0,
});

const invalid = (message: string) => new DiscrepancyWorkflowError('discrepancy_action_invalid', message);

const checkedNote = (note: string | undefined, required: boolean): string | undefined => {
  const trimmed = note?.trim();
  if (required && !trimmed) throw invalid('A note is required.');
  if (trimmed && trimmed.length > NOTE_MAX) throw invalid(`A note has at most ${NOTE_MAX} characters.`);
  return trimmed || undefined;
};

/** The next state and the audit entry of an action, or the refusal. */
export const decideAction = (
  state: DiscrepancyState,
  action: WorkflowAction,
  actor: string,
  at: string,
): { readonly next: DiscrepancyState; readonly entry: AuditEntry } => {
  if (!actor.trim()) throw invalid('The actor is required.');
  if (!ALLOWED_PRIOR_STATES[action.type]?.includes(state.status)) {
    throw new DiscrepancyWorkflowError(
      'discrepancy_transition_not_allowed',
      `A ${state.status} discrepancy can not be ${action.type === 'assign' ? 'assigned' : `${action.type}d`}.`,
    );
  }
  const base = { discrepancyId: state.discrepancyId, sequence: state.version + 1, actor, at, from: state.status };
  switch (action.type) {
    case 'assign': {
      const assignee = action.assignee?.trim();
      if (!assignee) throw invalid('An assignee is required.');
      const note = checkedNote(action.note, false);
      return {
        next: { ...state, status: 'assigned', assignee, version: base.sequence, updatedAt: at },
        entry: { ...base, action: 'assign', to: 'assigned', assignee, ...(note ? { note } : {}) },
      };
    }
    case 'comment': {
      const note = checkedNote(action.note, true) as string;
      return {
        next: { ...state, version: base.sequence, updatedAt: at },
        entry: { ...base, action: 'comment', to: state.status, note },
      };
    }
    case 'escalate': {
      const note = checkedNote(action.note, true) as string;
      return {
        next: { ...state, status: 'escalated', version: base.sequence, updatedAt: at },
        entry: { ...base, action: 'escalate', to: 'escalated', note },
      };
    }
    case 'resolve': {
      if (!RESOLUTION_REASONS.includes(action.reason)) {
        throw invalid(`A resolution reason is one of ${RESOLUTION_REASONS.join(', ')}.`);
      }
      const note = checkedNote(action.note, action.reason === 'other');
      return {
        next: {
          ...state,
          status: 'resolved',
          resolution: { reason: action.reason, ...(note ? { note } : {}), by: actor, at },
          version: base.sequence,
          updatedAt: at,
        },
        entry: { ...base, action: 'resolve', to: 'resolved', reason: action.reason, ...(note ? { note } : {}) },
      };
    }
    default:
      throw invalid('Unknown action.');
  }
};
