/**
 * The one error shape of every HTTP API of the platform: RFC 9457 problem details with a stable, documented `code`
 * (see docs/errors.md). Handlers and domain code throw `Problem`s; one middleware serialises them. Anything else that
 * escapes is an internal error whose details are logged, never shown.
 */
export interface ProblemFields {
  /** Stable machine-readable code, snake_case. Clients branch on this, never on `detail`. */
  readonly code: string;
  readonly status: number;
  /** Short, human-readable summary of the kind of problem. */
  readonly title: string;
  /** Human-readable explanation of this occurrence. */
  readonly detail?: string;
  /** The offending input, as a JSON pointer or dotted path (`/amount`, `query.cursor`). */
  readonly field?: string;
  /** Seconds after which a retry may succeed (sent as `Retry-After` too). */
  readonly retryAfter?: number;
}

export class Problem extends Error {
  readonly code: string;
  readonly status: number;
  readonly title: string;
  readonly detail?: string;
  readonly field?: string;
  readonly retryAfter?: number;

  constructor(fields: ProblemFields) {
    super(fields.detail ?? fields.title);
    this.name = 'Problem';
    this.code = fields.code;
    this.status = fields.status;
    this.title = fields.title;
    if (fields.detail !== undefined) this.detail = fields.detail;
    if (fields.field !== undefined) this.field = fields.field;
    if (fields.retryAfter !== undefined) this.retryAfter = fields.retryAfter;
  }
}

export const badRequest = (code: string, detail: string, field?: string): Problem =>
  new Problem({ status: 400, code, title: 'The request is not valid', detail, ...(field ? { field } : {}) });

export const notFound = (detail = 'No such resource.'): Problem =>
  new Problem({ status: 404, code: 'not_found', title: 'Not found', detail });

export const serviceUnavailable = (code: string, detail: string, retryAfter = 1): Problem =>
  new Problem({ status: 503, code, title: 'Temporarily unavailable', detail, retryAfter });

export const INTERNAL_ERROR: ProblemFields = {
  status: 500,
  code: 'internal_error',
  title: 'Internal error',
  detail: 'Something went wrong on our side. It has been logged; quote the request id when reporting it.',
};
