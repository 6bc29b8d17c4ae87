import { createHash, randomUUID } from 'node:crypto';
import { exportJWK, SignJWT } from 'jose';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RuntimeProcess, startLocalRuntime } from '../support/local-runtime-process.ts';
import { discover, registerTestDepartment } from '../support/test-clients.ts';

/**
 * The payments API as departments use it, against the platform as `npm start` runs it: tokens from the identity
 * provider (client credentials, resource = the payments API), notices in DynamoDB Local. The department is the
 * token's client id, so the test departments are registered under the ids the seeded item catalogue names.
 */
describe('payments API (departments, over HTTP)', () => {
  let runtime: RuntimeProcess;
  let payments: string;
  /** bj-public-security: traffic fines (103050101) and ID card fees. */
  let police: string;
  /** bj-education-exams: examination fees (103041601). */
  let exams: string;
  let policeReadOnly: string;
  let examsConfig: oidc.Configuration;

  const tokenFor = async (config: oidc.Configuration, scope: string) =>
    (await oidc.clientCredentialsGrant(config, { scope, resource: payments })).access_token;

  beforeAll(async () => {
    runtime = await startLocalRuntime();
    payments = runtime.endpoints.payments;
    const issuer = runtime.endpoints.identity;
    const policeDepartment = await registerTestDepartment(runtime.endpoints, 'bj-public-security');
    const examsDepartment = await registerTestDepartment(runtime.endpoints, 'bj-education-exams');
    const policeConfig = await discover(issuer, policeDepartment.clientId, policeDepartment.keys);
    examsConfig = await discover(issuer, examsDepartment.clientId, examsDepartment.keys);
    police = await tokenFor(policeConfig, 'payments:notices:read payments:notices:write');
    policeReadOnly = await tokenFor(policeConfig, 'payments:notices:read');
    exams = await tokenFor(examsConfig, 'payments:notices:read payments:notices:write');
  });
  afterAll(async () => {
    await runtime?.stop();
  });

  const fine = (overrides: Record<string, unknown> = {}) => ({
    itemCode: '103050101',
    amountFen: 20_000,
    dueDate: '2099-12-31',
    description: '道路交通安全违法罚款',
    payer: { kind: 'natural-person', idNumber: '11010519491231002X', name: '张三' },
    metadata: { caseNumber: 'JJ-2026-0001' },
    ...overrides,
  });

  const request = async (
    method: string,
    path: string,
    options: { token?: string; key?: string; body?: unknown; headers?: Record<string, string> } = {},
  ) => {
    const response = await fetch(`${payments}${path}`, {
      method,
      headers: {
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.key ? { 'idempotency-key': options.key } : {}),
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...options.headers,
      },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
  };

  const issue = (body: unknown, key: string = randomUUID(), token = police) =>
    request('POST', '/v1/notices', { token, key, body });

  /** Every notice of the department, following the cursor to the end. */
  const listAll = async (token: string, query = '') => {
    const notices: { id: string; status: string; departmentId: string }[] = [];
    let cursor: string | null = null;
    do {
      const page = await request(
        'GET',
        `/v1/notices?limit=100${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        { token },
      );
      expect(page.status).toBe(200);
      notices.push(...page.body.notices);
      cursor = page.body.next_cursor;
    } while (cursor);
    return notices;
  };

  it('issues a notice: 201 with Location, a formatted payment code, fen, and the payer only masked', async () => {
    const response = await issue(fine());
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe(`${payments}/v1/notices/${response.body.id}`);
    expect(response.body).toMatchObject({
      status: 'issued',
      departmentId: 'bj-public-security',
      itemCode: '103050101',
      amountFen: 20_000,
      dueDate: '2099-12-31',
      payer: { kind: 'natural-person', maskedIdentifier: '110***********002X', maskedName: '张*' },
    });
    expect(response.body.paymentCode).toMatch(/^1100 \d{4} \d{4} \d{4} \d{4}$/);
    expect(JSON.stringify(response.body)).not.toContain('11010519491231002X');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('replays the first answer to the same Idempotency-Key and body, and refuses the key with another body', async () => {
    const key = randomUUID();
    const first = await issue(fine(), key);
    const replayed = await issue(fine(), key);
    expect(replayed.status).toBe(201);
    expect(replayed.body).toEqual(first.body);
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const reused = await issue(fine({ amountFen: 30_000 }), key);
    expect(reused.status).toBe(409);
    expect(reused.body).toMatchObject({ code: 'idempotency_key_reused', field: 'Idempotency-Key' });
    const ids = (await listAll(police)).map((notice) => notice.id);
    expect(ids.filter((id) => id === first.body.id)).toHaveLength(1);
  });

  it('issues once for concurrent requests with one key; the others are told to wait or get the answer', async () => {
    const key = randomUUID();
    const before = (await listAll(police)).length;
    const responses = await Promise.all(Array.from({ length: 5 }, () => issue(fine({ amountFen: 25_000 }), key)));
    const created = responses.filter((response) => response.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(new Set(created.map((response) => response.body.id)).size).toBe(1);
    for (const response of responses.filter((each) => each.status !== 201)) {
      expect(response.status).toBe(409);
      expect(response.body.code).toBe('idempotency_request_in_progress');
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    }
    expect((await listAll(police)).length).toBe(before + 1);
  });

  it('gets, lists and cancels the department’s notice', async () => {
    const { body: issued } = await issue(fine({ amountFen: 5_000 }));
    const got = await request('GET', `/v1/notices/${issued.id}`, { token: police });
    expect(got.status).toBe(200);
    expect(got.body).toEqual(issued);
    expect((await listAll(police, '&status=issued')).map((notice) => notice.id)).toContain(issued.id);

    const cancelled = await request('POST', `/v1/notices/${issued.id}/cancel`, {
      token: police,
      key: randomUUID(),
      body: { reason: '开具错误' },
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ id: issued.id, status: 'cancelled', cancellation: { reason: '开具错误' } });
    expect((await request('GET', `/v1/notices/${issued.id}`, { token: police })).body.status).toBe('cancelled');
    expect((await listAll(police, '&status=cancelled')).map((notice) => notice.id)).toContain(issued.id);
    expect((await listAll(police, '&status=issued')).map((notice) => notice.id)).not.toContain(issued.id);

    const again = await request('POST', `/v1/notices/${issued.id}/cancel`, {
      token: police,
      key: randomUUID(),
      body: { reason: '开具错误' },
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('notice_state_conflict');
  });

  it('pages a listing with next_cursor, and refuses a bad limit or another department’s cursor', async () => {
    for (let i = 0; i < 3; i += 1) await issue(fine({ itemCode: '103041601', amountFen: 5_000 }), randomUUID(), exams);
    const first = await request('GET', '/v1/notices?limit=2', { token: exams });
    expect(first.body.notices).toHaveLength(2);
    expect(typeof first.body.next_cursor).toBe('string');
    const rest = await request('GET', `/v1/notices?limit=2&cursor=${encodeURIComponent(first.body.next_cursor)}`, {
      token: exams,
    });
    expect(rest.status).toBe(200);
    const seen = [...first.body.notices, ...rest.body.notices].map((notice: { id: string }) => notice.id);
    expect(new Set(seen).size).toBe(seen.length);

    for (const limit of ['0', '101', '1.5', 'abc']) {
      const response = await request('GET', `/v1/notices?limit=${limit}`, { token: exams });
      expect(response.status, limit).toBe(400);
      expect(response.body).toMatchObject({ code: 'invalid_limit', field: 'limit' });
    }
    const foreignCursor = await request('GET', `/v1/notices?cursor=${encodeURIComponent(first.body.next_cursor)}`, {
      token: police,
    });
    expect(foreignCursor.status).toBe(400);
    expect(foreignCursor.body).toMatchObject({ code: 'invalid_cursor', field: 'cursor' });
    const badStatus = await request('GET', '/v1/notices?status=open', { token: exams });
    expect(badStatus.body).toMatchObject({ code: 'invalid_status', field: 'status' });
  });

  it('hides one department’s notices from another: 404 not_found, absent from its list, not cancellable', async () => {
    const { body: issued } = await issue(fine());
    const theirs = await request('GET', `/v1/notices/${issued.id}`, { token: exams });
    const missing = await request('GET', '/v1/notices/AAAAAAAAAAAAAAAAAAAAAA', { token: exams });
    expect(theirs.status).toBe(404);
    expect(theirs.body.code).toBe('not_found');
    expect(missing.body.code).toBe('not_found');
    expect((await listAll(exams)).map((notice) => notice.id)).not.toContain(issued.id);
    const cancel = await request('POST', `/v1/notices/${issued.id}/cancel`, {
      token: exams,
      key: randomUUID(),
      body: { reason: 'not ours' },
    });
    expect(cancel.status).toBe(404);
    expect((await request('GET', `/v1/notices/${issued.id}`, { token: police })).body.status).toBe('issued');
  });

  it('refuses a token without the scope (403), no token (401) and a tampered token (401)', async () => {
    const readOnly = await issue(fine(), randomUUID(), policeReadOnly);
    expect(readOnly.status).toBe(403);
    expect(readOnly.body.code).toBe('insufficient_scope');
    expect(readOnly.body.detail).toContain('payments:notices:write');
    expect(readOnly.headers.get('www-authenticate')).toContain('error="insufficient_scope"');

    const anonymous = await request('GET', '/v1/notices');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.code).toBe('invalid_token');
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer /);

    const [header, payload, signature] = police.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const forgedPayload = Buffer.from(JSON.stringify({ ...claims, client_id: 'bj-education-exams' })).toString(
      'base64url',
    );
    for (const token of [
      `${header}.${forgedPayload}.${signature}`,
      `${header}.${payload}.${signature.slice(0, -4)}AAAA`,
    ]) {
      const forged = await request('GET', '/v1/notices', { token });
      expect(forged.status).toBe(401);
      expect(forged.body.code).toBe('invalid_token');
      expect(forged.headers.get('www-authenticate')).toContain('error="invalid_token"');
    }
  });

  it('refuses bad input with the code and field at fault, and records nothing', async () => {
    const before = (await listAll(police)).length;
    const cases: [Record<string, unknown>, number, string, string][] = [
      [{ amountFen: -100 }, 422, 'amount_not_positive', 'amountFen'],
      [{ amountFen: 0 }, 422, 'amount_not_positive', 'amountFen'],
      [{ amountFen: 200.5 }, 422, 'amount_not_integer', 'amountFen'],
      [{ amountFen: '20000' }, 422, 'amount_not_integer', 'amountFen'],
      [{ amountFen: 1e15 }, 422, 'amount_too_large', 'amountFen'],
      [
        { payer: { kind: 'natural-person', idNumber: '110105194912310021', name: '张三' } },
        422,
        'citizen_id_check_digit',
        'payer.idNumber',
      ],
      [
        { payer: { kind: 'legal-person', uscc: '91350100M000100Y44', name: '某某有限公司' } },
        422,
        'uscc_check_character',
        'payer.uscc',
      ],
      [{ itemCode: '999999999' }, 422, 'unknown_item_code', 'itemCode'],
      [{ itemCode: '103041601' }, 422, 'item_not_for_department', 'itemCode'],
    ];
    for (const [change, status, code, field] of cases) {
      const response = await issue(fine(change));
      expect(response.status, code).toBe(status);
      expect(response.body, code).toMatchObject({ code, field });
      expect(response.headers.get('content-type'), code).toBe('application/problem+json');
    }
    const noKey = await request('POST', '/v1/notices', { token: police, body: fine() });
    expect(noKey.status).toBe(400);
    expect(noKey.body).toMatchObject({ code: 'idempotency_key_required', field: 'Idempotency-Key' });
    const notJson = await request('POST', '/v1/notices', {
      token: police,
      key: randomUUID(),
      headers: { 'content-type': 'application/json' },
      body: undefined,
    });
    expect(notJson.status).toBe(400);
    expect(notJson.body.code).toBe('invalid_json');
    expect((await listAll(police)).length).toBe(before);
  });

  it('accepts a DPoP-bound token with its proof (openid-client), and refuses it as bearer or with a replayed proof', async () => {
    const keyPair = await oidc.randomDPoPKeyPair('ES256');
    const tokens = await oidc.clientCredentialsGrant(
      examsConfig,
      { scope: 'payments:notices:read', resource: payments },
      { DPoP: oidc.getDPoPHandle(examsConfig, keyPair) },
    );
    expect(tokens.token_type.toLowerCase()).toBe('dpop');
    const url = new URL(`${payments}/v1/notices?limit=1`);
    const response = await oidc.fetchProtectedResource(
      examsConfig,
      tokens.access_token,
      url,
      'GET',
      undefined,
      undefined,
      {
        DPoP: oidc.getDPoPHandle(examsConfig, keyPair),
      },
    );
    expect(response.status).toBe(200);

    const asBearer = await request('GET', '/v1/notices', { token: tokens.access_token });
    expect(asBearer.status).toBe(401);
    expect(asBearer.body.code).toBe('invalid_token');

    const proof = await new SignJWT({
      htm: 'GET',
      htu: `${payments}/v1/notices`,
      iat: Math.floor(Date.now() / 1000),
      jti: randomUUID(),
      ath: createHash('sha256').update(tokens.access_token).digest('base64url'),
    })
      .setProtectedHeader({ alg: 'ES256', typ: 'dpop+jwt', jwk: await exportJWK(keyPair.publicKey) })
      .sign(keyPair.privateKey);
    const withProof = () =>
      request('GET', '/v1/notices', { headers: { authorization: `DPoP ${tokens.access_token}`, dpop: proof } });
    expect((await withProof()).status).toBe(200);
    const replayed = await withProof();
    expect(replayed.status).toBe(401);
    expect(replayed.body.code).toBe('invalid_dpop_proof');
    expect(replayed.headers.get('www-authenticate')).toMatch(/^DPoP .*error="invalid_dpop_proof"/);
  });

  it('serves its OpenAPI document without a token, naming the identity provider’s token endpoint', async () => {
    const response = await request('GET', '/v1/openapi.json');
    expect(response.status).toBe(200);
    expect(response.body.openapi).toBe('3.1.0');
    expect(response.body.components.securitySchemes.departmentToken.flows.clientCredentials.tokenUrl).toBe(
      `${runtime.endpoints.identity}/token`,
    );
    expect(Object.keys(response.body.paths)).toEqual(
      expect.arrayContaining(['/v1/notices', '/v1/notices/{id}', '/v1/notices/{id}/cancel']),
    );
  });
});
