import { type FiscalReceipt, formatVerificationCode } from '@platform/fiscal-receipts';
import { paidNotice, receiptsForTest } from '@platform/fiscal-receipts/test-support';
import { type HttpHandler, httpHandler } from '@platform/http';
import { createLogger } from '@platform/logging';
import { dammCheckDigit } from '@platform/payment-notices';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { createReceipts } from './router.ts';

interface Request {
  readonly routeKey: string;
  readonly path: string;
  readonly pathParameters?: Record<string, string>;
  readonly query?: Record<string, string>;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

const event = (request: Request): APIGatewayProxyEventV2 =>
  ({
    version: '2.0',
    routeKey: request.routeKey,
    rawPath: request.path,
    rawQueryString: new URLSearchParams(request.query ?? {}).toString(),
    headers: request.headers ?? {},
    ...(request.query ? { queryStringParameters: request.query } : {}),
    ...(request.pathParameters ? { pathParameters: request.pathParameters } : {}),
    ...(request.body === undefined ? {} : { body: request.body }),
    isBase64Encoded: false,
    requestContext: { requestId: 'test', http: { method: request.routeKey.split(' ')[0], path: request.path } },
  }) as unknown as APIGatewayProxyEventV2;

const setup = async () => {
  const { receipts, store } = await receiptsForTest();
  const receipt = await receipts.issueReceipt(paidNotice());
  const handler: HttpHandler = httpHandler(
    createLogger({ write: () => {} }),
    createReceipts({ paymentsUrl: 'https://pay.test.example', receipts, logger: createLogger({ write: () => {} }) }),
  );
  const call = async (request: Request) => {
    const response = await handler(event(request), { awsRequestId: 'test' } as Context);
    return {
      status: response.statusCode,
      headers: response.headers ?? {},
      body: String(response.body ?? ''),
      raw: response,
    };
  };
  const number = receipt.document.receiptNumber;
  const page = (query?: Record<string, string>, headers?: Record<string, string>) =>
    call({
      routeKey: 'GET /receipts/{receiptNumber}',
      path: `/receipts/${number}`,
      pathParameters: { receiptNumber: number },
      ...(query ? { query } : {}),
      ...(headers ? { headers } : {}),
    });
  const pdf = (query?: Record<string, string>) =>
    call({
      routeKey: 'GET /receipts/{receiptNumber}/pdf',
      path: `/receipts/${number}/pdf`,
      pathParameters: { receiptNumber: number },
      ...(query ? { query } : {}),
    });
  const api = (body: unknown, contentType = 'application/json') =>
    call({
      routeKey: 'POST /v1/receipts/verifications',
      path: '/v1/receipts/verifications',
      headers: { 'content-type': contentType },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  return { receipts, store, receipt, number, call, page, pdf, api };
};

const WRONG_CODE = '0000000000000000';
const UNKNOWN_NUMBER = `11000020250000000000000${dammCheckDigit('11000020250000000000000')}`;

describe('the receipt page', () => {
  it('without a code shows only the code form: no lookup, nothing of the receipt', async () => {
    const { page, receipt } = await setup();
    const response = await page();
    expect(response.status).toBe(200);
    expect(response.body).toContain('请输入查验码');
    expect(response.body).toContain('name="code"');
    expect(response.body).not.toContain('张*');
    expect(response.body).not.toContain(receipt.signedReceipt);
    expect(response.headers['content-security-policy']).toContain("form-action 'self'");
  });

  it('with a wrong code answers like an unknown number', async () => {
    const { page, call } = await setup();
    const wrong = await page({ code: WRONG_CODE });
    const unknown = await call({
      routeKey: 'GET /receipts/{receiptNumber}',
      path: `/receipts/${UNKNOWN_NUMBER}`,
      pathParameters: { receiptNumber: UNKNOWN_NUMBER },
      query: { code: WRONG_CODE },
    });
    expect(wrong.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(wrong.body).not.toContain('张*');
    expect(wrong.body.replaceAll(/\d{4} \d{4} \d{4} \d{4} \d{4} \d{4}|\/receipts\/\d+/g, '')).toBe(
      unknown.body.replaceAll(/\d{4} \d{4} \d{4} \d{4} \d{4} \d{4}|\/receipts\/\d+/g, ''),
    );
  });

  it('with the code shows the verified receipt, in Chinese or English', async () => {
    const { page, receipt } = await setup();
    const zh = await page({ code: formatVerificationCode(receipt.verificationCode).toLowerCase() });
    expect(zh.status).toBe(200);
    expect(zh.body).toContain('验证通过');
    expect(zh.body).toContain('张*');
    expect(zh.body).toContain('¥ 100.00');
    expect(zh.body).toContain(receipt.signedReceipt);
    expect(zh.body).toContain(`/receipts/${receipt.document.receiptNumber}/pdf?code=${receipt.verificationCode}`);
    const en = await page({ code: receipt.verificationCode }, { 'accept-language': 'en-GB,en;q=0.9' });
    expect(en.body).toContain('Verified');
    expect(en.body).toContain('<html lang="en">');
    expect((await page({ code: receipt.verificationCode, lang: 'en' })).body).toContain('Verified');
  });

  it('shows a tampered record as not verified', async () => {
    const { page, store, receipt } = await setup();
    store.overwrite({ ...receipt, document: { ...receipt.document, amountFen: 1 } } as FiscalReceipt);
    const response = await page({ code: receipt.verificationCode });
    expect(response.body).toContain('验证未通过');
    expect(response.body).toContain('平台记录与签名不一致');
  });
});

describe('the receipt PDF', () => {
  it('is served base64-encoded as application/pdf with the code, refused without it', async () => {
    const { pdf, receipt } = await setup();
    const response = await pdf({ code: receipt.verificationCode });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.raw.isBase64Encoded).toBe(true);
    expect(Buffer.from(response.body, 'base64').subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
    const missing = await pdf();
    expect(missing.status).toBe(400);
    expect(JSON.parse(missing.body)).toMatchObject({ code: 'invalid_verification_code' });
    expect((await pdf({ code: WRONG_CODE })).status).toBe(404);
  });
});

describe('the verification API and page', () => {
  it('verifies by number and code, and by the signed receipt', async () => {
    const { api, receipt, number } = await setup();
    const byCode = await api({ receiptNumber: number, verificationCode: receipt.verificationCode });
    expect(byCode.status).toBe(200);
    expect(JSON.parse(byCode.body)).toMatchObject({
      valid: true,
      status: 'issued',
      reasons: [],
      receipt: { amountFen: 10_000 },
    });
    const byJws = await api({ signedReceipt: receipt.signedReceipt });
    expect(JSON.parse(byJws.body)).toMatchObject({ valid: true, status: 'issued' });
    expect(JSON.parse((await api({ receiptNumber: number, verificationCode: WRONG_CODE })).body)).toEqual({
      valid: false,
      reasons: ['verification_code_mismatch'],
    });
  });

  it('answers malformed questions with problem details', async () => {
    const { api, number } = await setup();
    const cases: [unknown, string, number, string?][] = [
      ['{', 'invalid_json', 400],
      [{ receiptNumber: '123', verificationCode: WRONG_CODE }, 'invalid_receipt_number', 400],
      [{ receiptNumber: number, verificationCode: 'x' }, 'invalid_verification_code', 400],
      [{ signedReceipt: 42 }, 'invalid_signed_receipt', 400],
      [{}, 'invalid_json', 415, 'text/plain'],
    ];
    for (const [body, code, status, contentType] of cases) {
      const response = await api(body, contentType);
      expect(response.status, code).toBe(status);
      expect(response.headers['content-type']).toBe('application/problem+json');
      if (status === 400) expect(JSON.parse(response.body).code).toBe(code);
    }
  });

  it('the page redirects number + code to the receipt, and judges a pasted JWS', async () => {
    const { call, receipt, number } = await setup();
    const verify = (query?: Record<string, string>) =>
      call({ routeKey: 'GET /receipts/verify', path: '/receipts/verify', ...(query ? { query } : {}) });
    expect((await verify()).body).toContain('name="signedReceipt"');
    const redirect = await verify({ receiptNumber: number, code: receipt.verificationCode });
    expect(redirect.status).toBe(303);
    expect(redirect.headers.location).toBe(`/receipts/${number}?code=${receipt.verificationCode}&lang=zh`);
    const pasted = await verify({ signedReceipt: receipt.signedReceipt, lang: 'en' });
    expect(pasted.body).toContain('Verified');
    const forged = await verify({ signedReceipt: `${receipt.signedReceipt.slice(0, -4)}AAAA` });
    expect(forged.body).toContain('验证未通过');
  });

  it('publishes the public keys as a JWKS', async () => {
    const { call, receipt } = await setup();
    const response = await call({ routeKey: 'GET /v1/receipts/keys', path: '/v1/receipts/keys' });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/jwk-set+json');
    const jwks = JSON.parse(response.body);
    expect(jwks.keys.map((key: { kid: string }) => key.kid)).toContain(receipt.kid);
    expect(response.body).not.toContain('"d"');
  });
});
