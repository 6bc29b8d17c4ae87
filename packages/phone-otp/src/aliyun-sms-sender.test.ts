import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAliyunSmsSender } from './aliyun-sms-sender.ts';
import { createFakeClock } from './clock.ts';
import { normalisePhoneNumber } from './phone-number.ts';

const ACCESS_KEY_ID = 'LTAI-test-id';
const ACCESS_KEY_SECRET = 'test-secret';

/**
 * A tiny dysmsapi on loopback. It checks the signature with its own code, written from the documentation's recipe
 * (not with the implementation under test), and answers as the real API does.
 */
const documentedEncode = (value: string) =>
  encodeURIComponent(value)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%7E/g, '~');

const expectedSignature = (query: URLSearchParams, secret: string): string => {
  const canonical = [...query.entries()]
    .filter(([name]) => name !== 'Signature')
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, value]) => `${documentedEncode(name)}=${documentedEncode(value)}`)
    .join('&');
  const stringToSign = `GET&${documentedEncode('/')}&${documentedEncode(canonical)}`;
  return createHmac('sha1', `${secret}&`).update(stringToSign).digest('base64');
};

interface Simulator {
  readonly baseUrl: string;
  readonly requests: URLSearchParams[];
  close(): Promise<void>;
}

const startSimulator = async (): Promise<Simulator> => {
  const requests: URLSearchParams[] = [];
  const nonces = new Set<string>();
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const query = url.searchParams;
    requests.push(query);
    const answer = (status: number, body: Record<string, string>) => {
      response.writeHead(status, { 'content-type': 'application/json;charset=utf-8' });
      response.end(JSON.stringify({ RequestId: `req-${requests.length}`, ...body }));
    };
    const phone = query.get('PhoneNumbers');
    if (phone === '13900000500') {
      response.writeHead(500);
      response.end('<html>upstream error</html>');
      return;
    }
    if (phone === '13900000999') return; // never answers
    if (request.method !== 'GET' || url.pathname !== '/') return answer(404, { Code: 'InvalidAction.NotFound' });
    if (query.get('AccessKeyId') !== ACCESS_KEY_ID) return answer(404, { Code: 'InvalidAccessKeyId.NotFound' });
    if (query.get('Signature') !== expectedSignature(query, ACCESS_KEY_SECRET)) {
      return answer(400, { Code: 'SignatureDoesNotMatch', Message: 'Specified signature is not matched.' });
    }
    const nonce = query.get('SignatureNonce') ?? '';
    if (nonces.has(nonce)) return answer(400, { Code: 'SignatureNonceUsed' });
    nonces.add(nonce);
    if (phone === '13900000429') return answer(200, { Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: '触发分钟级流控' });
    if (phone === '13900000400') return answer(200, { Code: 'isv.MOBILE_NUMBER_ILLEGAL', Message: '非法手机号' });
    answer(200, { Code: 'OK', Message: 'OK', BizId: `biz-${requests.length}` });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
};

describe('Alibaba Cloud SMS sender against a local dysmsapi', () => {
  let simulator: Simulator;
  beforeAll(async () => {
    simulator = await startSimulator();
  });
  afterAll(() => simulator.close());

  const sender = (overrides: Partial<Parameters<typeof createAliyunSmsSender>[0]> = {}) =>
    createAliyunSmsSender({
      baseUrl: simulator.baseUrl,
      accessKeyId: ACCESS_KEY_ID,
      accessKeySecret: ACCESS_KEY_SECRET,
      signName: '政务服务',
      templateCode: { 'phone-otp.sign-in.zh-CN': 'SMS_100000001' },
      clock: createFakeClock(Date.parse('2025-05-01T02:03:04.567Z')),
      timeoutMs: 500,
      ...overrides,
    });
  const message = (phone = '13812345678') => ({
    phone: normalisePhoneNumber(phone),
    text: '【政务服务】验证码 004217，5分钟内有效，请勿告诉他人。',
    templateId: 'phone-otp.sign-in.zh-CN',
    params: { code: '004217' },
  });

  it('sends a signed SendSms request and returns the BizId', async () => {
    const receipt = await sender().send(message());
    expect(receipt.messageId).toMatch(/^biz-/);
    const query = simulator.requests.at(-1);
    expect(Object.fromEntries(query ?? [])).toMatchObject({
      Action: 'SendSms',
      Version: '2017-05-25',
      Format: 'JSON',
      RegionId: 'cn-hangzhou',
      PhoneNumbers: '13812345678',
      SignName: '政务服务',
      TemplateCode: 'SMS_100000001',
      TemplateParam: '{"code":"004217"}',
      SignatureMethod: 'HMAC-SHA1',
      SignatureVersion: '1.0',
      Timestamp: '2025-05-01T02:03:04Z',
    });
  });

  it('uses a fresh nonce per request (the gateway refuses a reused one)', async () => {
    const sms = sender();
    await sms.send(message());
    await sms.send(message());
    const nonces = simulator.requests.slice(-2).map((query) => query.get('SignatureNonce'));
    expect(new Set(nonces).size).toBe(2);
  });

  it('maps a wrong secret to a configuration error carrying the gateway code', async () => {
    await expect(sender({ accessKeySecret: 'wrong' }).send(message())).rejects.toMatchObject({
      name: 'SmsDeliveryError',
      kind: 'configuration',
      providerCode: 'SignatureDoesNotMatch',
      retryable: false,
    });
  });

  it('maps the gateway’s own rate limit and an invalid number', async () => {
    await expect(sender().send(message('13900000429'))).rejects.toMatchObject({
      kind: 'throttled',
      providerCode: 'isv.BUSINESS_LIMIT_CONTROL',
      retryable: true,
    });
    await expect(sender().send(message('13900000400'))).rejects.toMatchObject({ kind: 'recipient_rejected' });
  });

  it('maps a server error, a silent gateway and a closed port to unavailable', async () => {
    await expect(sender().send(message('13900000500'))).rejects.toMatchObject({ kind: 'unavailable' });
    await expect(sender({ timeoutMs: 100 }).send(message('13900000999'))).rejects.toMatchObject({
      kind: 'unavailable',
    });
    await expect(sender({ baseUrl: 'http://127.0.0.1:9' }).send(message())).rejects.toMatchObject({
      kind: 'unavailable',
    });
  });

  it('refuses a template it has no code for, without calling the gateway', async () => {
    const before = simulator.requests.length;
    await expect(sender().send({ ...message(), templateId: 'unknown' })).rejects.toMatchObject({
      kind: 'configuration',
    });
    expect(simulator.requests.length).toBe(before);
  });
});
