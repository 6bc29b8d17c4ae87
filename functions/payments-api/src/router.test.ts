import { describe, expect, it } from 'vitest';
import { createTestApi, validNoticeBody } from './test-support/test-api.ts';
import { tampered } from './test-support/test-tokens.ts';

const setup = async () => {
  const api = await createTestApi();
  const own = `Bearer ${await api.issuer.sign()}`;
  const other = `Bearer ${await api.issuer.sign({ client_id: 'bj-education-exams' })}`;
  const issue = async (body: unknown = validNoticeBody(), key: string = crypto.randomUUID(), authorization = own) =>
    api.call({
      routeKey: 'POST /v1/notices',
      path: '/v1/notices',
      headers: { authorization, 'idempotency-key': key, 'content-type': 'application/json' },
      body,
    });
  const get = (id: string, authorization = own) =>
    api.call({
      routeKey: 'GET /v1/notices/{id}',
      path: `/v1/notices/${id}`,
      pathParameters: { id },
      headers: { authorization },
    });
  const list = (query: Record<string, string> = {}, authorization = own) =>
    api.call({ routeKey: 'GET /v1/notices', path: '/v1/notices', query, headers: { authorization } });
  const cancel = (id: string, body: unknown, authorization = own) =>
    api.call({
      routeKey: 'POST /v1/notices/{id}/cancel',
      path: `/v1/notices/${id}/cancel`,
      pathParameters: { id },
      headers: { authorization, 'idempotency-key': crypto.randomUUID() },
      body,
    });
  return { ...api, own, other, issue, get, list, cancel };
};

describe('payments API routes', () => {
  it('issues a notice: 201, Location, payment code in groups, amounts in fen, payer only masked', async () => {
    const { issue } = await setup();
    const response = await issue();
    expect(response.status).toBe(201);
    expect(response.headers.location).toBe(`https://pay.test.example/v1/notices/${response.body.id}`);
    expect(response.body).toMatchObject({
      status: 'issued',
      departmentId: 'bj-public-security',
      amountFen: 20_000,
      paidFen: 0,
      payer: { kind: 'natural-person', maskedIdentifier: '110***********002X', maskedName: '张*' },
      metadata: { caseNumber: 'JJ-2026-0001' },
    });
    expect(response.body.paymentCode).toMatch(/^1100 \d{4} \d{4} \d{4} \d{4}$/);
    const text = JSON.stringify(response.body);
    expect(text).not.toContain('11010519491231002X');
    expect(text).not.toContain('张三');
    expect(text).not.toMatch(/sealed|index-/);
  });

  it('answers refusals of the domain with their code and field (422), before anything is stored', async () => {
    const { issue, notices } = await setup();
    const cases: [Record<string, unknown>, string, string][] = [
      [{ amountFen: -1 }, 'amount_not_positive', 'amountFen'],
      [{ amountFen: 0 }, 'amount_not_positive', 'amountFen'],
      [{ amountFen: '20000' }, 'amount_not_integer', 'amountFen'],
      [{ amountFen: 100_000_000_001 }, 'amount_too_large', 'amountFen'],
      [{ itemCode: '999999999' }, 'unknown_item_code', 'itemCode'],
      [{ itemCode: '103041601' }, 'item_not_for_department', 'itemCode'],
      [
        { payer: { kind: 'natural-person', idNumber: '110105194912310021', name: '张三' } },
        'citizen_id_check_digit',
        'payer.idNumber',
      ],
      [{ dueDate: '2000-01-01' }, 'due_date_in_past', 'dueDate'],
    ];
    for (const [change, code, field] of cases) {
      const response = await issue(validNoticeBody(change));
      expect(response.status, code).toBe(422);
      expect(response.body, code).toMatchObject({ code, field });
    }
    expect(notices.size()).toBe(0);
  });

  it('refuses a body that is not a JSON object, or not JSON, before taking the key', async () => {
    const { call, own, idempotency } = await setup();
    for (const [body, contentType, status, code] of [
      ['{"amountFen":', 'application/json', 400, 'invalid_json'],
      ['[1,2]', 'application/json', 400, 'invalid_json'],
      ['amountFen=1', 'application/x-www-form-urlencoded', 415, 'unsupported_media_type'],
      [`${'['.repeat(40)}${']'.repeat(40)}`, 'application/json', 400, 'invalid_json'],
      [`{"a":${'{"a":'.repeat(40)}1${'}'.repeat(41)}`, 'application/json', 400, 'invalid_json'],
    ] as const) {
      const response = await call({
        routeKey: 'POST /v1/notices',
        path: '/v1/notices',
        headers: { authorization: own, 'idempotency-key': 'k', 'content-type': contentType },
        body,
      });
      expect(response.status, body).toBe(status);
      expect(response.body.code, body).toBe(code);
    }
    expect(idempotency.records.size).toBe(0);
  });

  it('shows a department its own notice, and another department not_found, as for a notice that does not exist', async () => {
    const { issue, get, other } = await setup();
    const { body: issued } = await issue();
    const own = await get(issued.id);
    expect(own.status).toBe(200);
    expect(own.body).toEqual(issued);
    const theirs = await get(issued.id, other);
    const missing = await get('AAAAAAAAAAAAAAAAAAAAAA', other);
    expect(theirs.status).toBe(404);
    expect(theirs.body.code).toBe('not_found');
    expect({ ...theirs.body, instance: undefined }).toEqual({ ...missing.body, instance: undefined });
  });

  it('lists the department’s own notices in pages, next_cursor null at the end', async () => {
    const { issue, list, other } = await setup();
    for (let i = 0; i < 3; i += 1) await issue();
    await issue(validNoticeBody({ itemCode: '103041601', amountFen: 5_000 }), 'theirs', other);
    const first = await list({ limit: '2' });
    expect(first.status).toBe(200);
    expect(first.body.notices).toHaveLength(2);
    expect(typeof first.body.next_cursor).toBe('string');
    const second = await list({ limit: '2', cursor: first.body.next_cursor });
    expect(second.body.notices).toHaveLength(1);
    expect(second.body.next_cursor).toBeNull();
    const all = [...first.body.notices, ...second.body.notices];
    expect(new Set(all.map((notice: { departmentId: string }) => notice.departmentId))).toEqual(
      new Set(['bj-public-security']),
    );
    expect((await list({ limit: '0' })).body).toMatchObject({ code: 'invalid_limit', field: 'limit' });
    expect((await list({ cursor: 'offset-x' })).body).toMatchObject({ code: 'invalid_cursor', field: 'cursor' });
  });

  it('cancels an issued notice of the department with a reason; not another department’s', async () => {
    const { issue, cancel, get, other } = await setup();
    const { body: issued } = await issue();
    expect((await cancel(issued.id, { reason: '' })).body).toMatchObject({
      code: 'invalid_cancel_reason',
      field: 'reason',
    });
    expect((await cancel(issued.id, {})).body.code).toBe('invalid_cancel_reason');
    expect((await cancel(issued.id, { reason: 'issued in error' }, other)).body.code).toBe('not_found');
    const cancelled = await cancel(issued.id, { reason: 'issued in error' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancellation: { reason: 'issued in error' } });
    expect((await get(issued.id)).body.status).toBe('cancelled');
    const again = await cancel(issued.id, { reason: 'issued in error' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('notice_state_conflict');
  });

  it('answers 401 with a WWW-Authenticate challenge, and 403 insufficient_scope naming the scope', async () => {
    const { call, issuer, issue, list } = await setup();
    const anonymous = await call({ routeKey: 'GET /v1/notices', path: '/v1/notices' });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toMatchObject({ code: 'invalid_token', instance: '/v1/notices', requestId: 'request-1' });
    expect(anonymous.headers['www-authenticate']).toBe('Bearer realm="payments"');
    expect(anonymous.headers['content-type']).toBe('application/problem+json');
    const forged = await list({}, `Bearer ${tampered(await issuer.sign())}`);
    expect(forged.status).toBe(401);
    expect(forged.headers['www-authenticate']).toMatch(/^Bearer realm="payments", error="invalid_token"/);
    const readOnly = `Bearer ${await issuer.sign({ scope: 'payments:notices:read' })}`;
    const refused = await issue(validNoticeBody(), 'k', readOnly);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'insufficient_scope' });
    expect(refused.body.detail).toContain('payments:notices:write');
    expect(refused.headers['www-authenticate']).toContain('scope="payments:notices:write"');
    const writeOnly = `Bearer ${await issuer.sign({ scope: 'payments:notices:write' })}`;
    expect((await list({}, writeOnly)).body.detail).toContain('payments:notices:read');
  });

  it('checks the token before anything else: no token and no key is 401, not 400', async () => {
    const { call } = await setup();
    const response = await call({ routeKey: 'POST /v1/notices', path: '/v1/notices', body: 'not json' });
    expect(response.status).toBe(401);
  });

  it('serves its OpenAPI document without a token', async () => {
    const { call } = await setup();
    const response = await call({ routeKey: 'GET /v1/openapi.json', path: '/v1/openapi.json' });
    expect(response.status).toBe(200);
    expect(response.body.openapi).toBe('3.1.0');
    expect(response.body.components.securitySchemes.departmentToken.flows.clientCredentials.tokenUrl).toBe(
      'https://id.test.example/token',
    );
  });

  it('answers a route key it does not serve with not_found', async () => {
    const { call } = await setup();
    expect((await call({ routeKey: 'DELETE /v1/notices/{id}', path: '/v1/notices/x' })).status).toBe(404);
  });
});
