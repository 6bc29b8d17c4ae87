import type { Logger } from '@platform/logging';
import {
  type ClassTotals,
  type DiscrepancyView,
  DiscrepancyWorkflowError,
  OUTCOME_CLASSES,
  type ReconciliationRun,
  type RunDiscrepancy,
  type RunStore,
  type Totals,
} from '@platform/reconciliation';
import { type FinanceOfficer, RefundError } from '@platform/refunds';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import { inlineDownloads } from './downloads/report-download.ts';
import type { FinanceDependencies } from './finance-dependencies.ts';
import type { OfficerProfile } from './officers/officer-profile.ts';
import { createFinanceConsole } from './router.ts';

const OFFICER_INDEX = 'officer-index-of-sun-li-0123456789';
const SESSION = {
  sub: 's',
  idToken: 't',
  csrf: 'the-csrf-token',
  signedInAt: '',
  expiresAt: '',
  profile: { officerIndex: OFFICER_INDEX, maskedName: '孙*' } satisfies OfficerProfile,
};
const OFFICER: FinanceOfficer = {
  officerIndex: OFFICER_INDEX,
  maskedIdNumber: '330***********0485',
  maskedName: '孙*',
  regionCode: '110000',
  roles: ['refund_approver', 'reconciler'],
  status: 'active',
  grantedAt: '',
  updatedAt: '',
};

const classTotals = (count: number, statementFen: number, feeFen = 0): ClassTotals => ({
  count,
  statementFen,
  platformFen: statementFen,
  feeFen,
  refundCount: 0,
  refundStatementFen: 0,
  refundPlatformFen: 0,
  refundFeeFen: 0,
});
const totals = (matchedFen: number, overageFen: number): Totals => {
  const all = Object.fromEntries(OUTCOME_CLASSES.map((name) => [name, classTotals(0, 0)])) as Totals;
  return {
    ...all,
    matched: classTotals(2, matchedFen, 30),
    overage: { ...classTotals(1, overageFen), platformFen: 0 },
  };
};

const RUN: ReconciliationRun = {
  runId: 'run-1',
  channel: 'sandbox',
  businessDate: '2026-11-22',
  engine: 'e',
  windowMinutes: 10,
  statement: {
    sha256: 'ab'.repeat(32),
    fileName: 'f',
    format: 'sandbox-csv',
    source: 'upload',
    location: '',
    sizeBytes: 1,
    storedBy: 'x',
  },
  statementLines: 3,
  platformRecords: 2,
  counts: { matched: 2, overage: 1, shortage: 0, amount_mismatch: 0, status_mismatch: 0 },
  totals: {
    all: totals(30_000, 1_000),
    byChannel: { sandbox: totals(30_000, 1_000) },
    byDepartment: { 'bj-public-security': totals(30_000, 0), '(unknown)': totals(0, 1_000) },
    byItemCode: { '103050101': totals(30_000, 0), '(unknown)': totals(0, 1_000) },
  },
  deferred: [],
  runDigest: 'd',
  startedAt: '',
  finishedAt: '',
  triggeredBy: 'cli:test',
};

const DISCREPANCY: RunDiscrepancy = {
  discrepancyId: 'sandbox.2026-11-22.0123456789abcdef01234567',
  runId: 'run-1',
  channel: 'sandbox',
  businessDate: '2026-11-22',
  sequence: 1,
  class: 'overage',
  reason: 'not_on_platform',
  key: { channel: 'sandbox', kind: 'payment', orderNumber: 'P20261122000X' },
  statement: {
    lineNumber: 4,
    channelReference: 'SBX1',
    amountFen: 1_000,
    feeFen: 0,
    occurredAt: '2026-11-22T02:00:00Z',
  },
};
const VIEW: DiscrepancyView = {
  discrepancy: DISCREPANCY,
  state: { discrepancyId: DISCREPANCY.discrepancyId, status: 'open', version: 0 },
};

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {}, child: () => silent };

const setUp = (options: { signedIn?: boolean; officer?: FinanceOfficer | undefined } = {}) => {
  const { signedIn = true } = options;
  const officer = 'officer' in options ? options.officer : OFFICER;
  const discrepancies = {
    listDiscrepancies: vi.fn(async function* (channel: string) {
      if (channel === 'sandbox') yield VIEW;
    }),
    openDiscrepancies: vi.fn(async function* () {
      yield VIEW;
    }),
    getDiscrepancy: vi.fn(async () => ({ ...VIEW, audit: [] })),
    assign: vi.fn(),
    comment: vi.fn(),
    escalate: vi.fn(),
    resolve: vi.fn(async () => ({ ...VIEW.state, status: 'resolved' as const, version: 1 })),
  };
  const refunds = {
    listRefundsAwaitingApproval: vi.fn(async () => []),
    approveRefund: vi.fn(),
    rejectRefund: vi.fn(),
  };
  const runs = {
    currentRun: vi.fn(async (channel: string) => (channel === 'sandbox' ? RUN : undefined)),
    runsOfMonth: vi.fn(async () => [
      {
        runId: 'run-1',
        channel: 'sandbox',
        businessDate: '2026-11-22',
        statementSha256: '',
        counts: RUN.counts,
        runDigest: '',
        finishedAt: '',
        triggeredBy: '',
      },
    ]),
  } as unknown as RunStore;
  const deps: FinanceDependencies = {
    signIn: {
      session: async () => (signedIn ? SESSION : undefined),
      csrfToken: () => SESSION.csrf,
      csrfValid: (_session: unknown, submitted: unknown) => submitted === SESSION.csrf,
    } as never,
    findOfficer: async () => officer,
    runs,
    discrepancies: discrepancies as never,
    refunds: refunds as never,
    channels: ['sandbox', 'alipay', 'wechat-pay'],
    deliverDownload: inlineDownloads,
    identityOrigin: 'http://127.0.0.1:9',
    logger: silent,
    now: () => new Date('2026-11-23T01:00:00Z'),
  };
  const app = createFinanceConsole(deps);
  const call = (routeKey: string, init: Partial<APIGatewayProxyEventV2> = {}) =>
    app(
      { routeKey, rawPath: '/finance', headers: {}, isBase64Encoded: false, ...init } as APIGatewayProxyEventV2,
      {} as Context,
    );
  return { call, discrepancies, refunds, runs };
};

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

describe('finance console routes', () => {
  it('shows a signed-out visitor only a sign-in link', async () => {
    const { call, runs } = setUp({ signedIn: false });
    const response = await call('GET /finance');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('id="sign-in"');
    expect(runs.currentRun).not.toHaveBeenCalled();
  });

  it('turns away a signed-in person who is no (longer an) officer with 403, in both languages', async () => {
    for (const officer of [undefined, { ...OFFICER, status: 'revoked' as const }]) {
      const { call, runs } = setUp({ officer });
      const response = await call('GET /finance');
      expect(response.statusCode).toBe(403);
      expect(response.body).toContain('id="not-an-officer"');
      expect(response.body).toContain('not a registered finance bureau officer');
      expect(runs.currentRun).not.toHaveBeenCalled();
    }
  });

  it("shows yesterday's (Asia/Shanghai) totals, charts, runs with their statement hash and discrepancies", async () => {
    const { call, runs } = setUp();
    const response = await call('GET /finance');
    expect(response.statusCode).toBe(200);
    expect(runs.currentRun).toHaveBeenCalledWith('sandbox', '2026-11-22');
    const body = response.body as string;
    expect(body).toContain('id="collected" data-fen="31000"');
    expect(body).toContain('id="fees" data-fen="30"');
    expect(body).toContain('id="net" data-fen="30970"');
    expect(body).toContain('<svg class="chart"');
    expect(body).toContain('abababababababab…');
    expect(body).toContain(
      `data-discrepancy-id="${DISCREPANCY.discrepancyId}" data-class="overage" data-status="open"`,
    );
    expect(body).toContain('孙*');
    expect(body).toContain('name="csrf" value="the-csrf-token"');
    expect(response.headers?.['content-security-policy']).toContain("form-action 'self' http://127.0.0.1:9");
  });

  it('refuses a malformed day with 400', async () => {
    const { call } = setUp();
    const response = await call('GET /finance', { queryStringParameters: { day: '2026-13-01' } });
    expect(response.statusCode).toBe(400);
  });

  it('draws the month with its net by day', async () => {
    const { call } = setUp();
    const response = await call('GET /finance/month', { queryStringParameters: { month: '2026-11' } });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('href="/finance?day=2026-11-22"');
    expect(response.body).toContain('每日净额');
  });

  it('does nothing for a form without the session’s CSRF token (403)', async () => {
    const { call, discrepancies } = setUp();
    const response = await call('POST /finance/discrepancies/{discrepancyId}/{action}', {
      pathParameters: { discrepancyId: DISCREPANCY.discrepancyId, action: 'resolve' },
      body: form({ csrf: 'forged', reason: 'channel_error_confirmed' }),
    });
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain('id="bad-form"');
    expect(discrepancies.resolve).not.toHaveBeenCalled();
  });

  it("resolves with the reason as the officer's index (never a name) and goes back to the detail", async () => {
    const { call, discrepancies } = setUp();
    const response = await call('POST /finance/discrepancies/{discrepancyId}/{action}', {
      pathParameters: { discrepancyId: DISCREPANCY.discrepancyId, action: 'resolve' },
      body: Buffer.from(
        form({ csrf: SESSION.csrf, reason: 'channel_error_confirmed', note: ' 渠道重复入账 ' }),
      ).toString('base64'),
      isBase64Encoded: true,
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers?.location).toBe(`/finance/discrepancies/${DISCREPANCY.discrepancyId}?done=resolve`);
    expect(discrepancies.resolve).toHaveBeenCalledWith(
      DISCREPANCY.discrepancyId,
      'channel_error_confirmed',
      OFFICER_INDEX,
      '渠道重复入账',
    );
  });

  it('turns a transition the state does not allow into a 409 page with its code', async () => {
    const { call, discrepancies } = setUp();
    discrepancies.escalate.mockRejectedValue(
      new DiscrepancyWorkflowError(
        'discrepancy_transition_not_allowed',
        'A resolved discrepancy can not be escalated.',
      ),
    );
    const response = await call('POST /finance/discrepancies/{discrepancyId}/{action}', {
      pathParameters: { discrepancyId: DISCREPANCY.discrepancyId, action: 'escalate' },
      body: form({ csrf: SESSION.csrf, note: 'x' }),
    });
    expect(response.statusCode).toBe(409);
    expect(response.body).toContain('data-code="discrepancy_transition_not_allowed"');
    expect(response.body).toContain('A resolved discrepancy can not be escalated.');
  });

  it('refuses an unknown resolution reason with 400 before calling the service', async () => {
    const { call, discrepancies } = setUp();
    const response = await call('POST /finance/discrepancies/{discrepancyId}/{action}', {
      pathParameters: { discrepancyId: DISCREPANCY.discrepancyId, action: 'resolve' },
      body: form({ csrf: SESSION.csrf, reason: 'because' }),
    });
    expect(response.statusCode).toBe(400);
    expect(discrepancies.resolve).not.toHaveBeenCalled();
  });

  it('approves a refund as the officer, and shows the second-approval refusal as 409', async () => {
    const { call, refunds } = setUp();
    const approve = () =>
      call('POST /finance/refunds/{refundId}/{decision}', {
        pathParameters: { refundId: 'R1', decision: 'approve' },
        body: form({ csrf: SESSION.csrf }),
      });
    expect((await approve()).statusCode).toBe(303);
    expect(refunds.approveRefund).toHaveBeenCalledWith('R1', { officerIndex: OFFICER_INDEX });
    refunds.approveRefund.mockRejectedValue(new RefundError('refund_already_approved_by_officer'));
    const refused = await approve();
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('须由另一名工作人员批准');
  });

  it('exports the day as CSV (BOM, attachment) and as JSON, and refuses a bad period', async () => {
    const { call } = setUp();
    const csv = await call('GET /finance/reports', { queryStringParameters: { period: '2026-11-22', format: 'csv' } });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers?.['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers?.['content-disposition']).toContain('finance-summary-2026-11-22.csv');
    expect((csv.body as string).startsWith('\uFEFF')).toBe(true);
    expect(csv.body).toContain('310.00');
    const json = await call('GET /finance/reports', { queryStringParameters: { period: '2026-11', format: 'json' } });
    expect(JSON.parse(json.body as string).total.collectedFen).toBe(31_000);
    const discrepancies = await call('GET /finance/reports', {
      queryStringParameters: { period: '2026-11-22', format: 'csv', report: 'discrepancies' },
    });
    expect(discrepancies.body).toContain('P20261122000X');
    const bad = await call('GET /finance/reports', { queryStringParameters: { period: '22/11/2026', format: 'csv' } });
    expect(bad.statusCode).toBe(400);
  });
});
