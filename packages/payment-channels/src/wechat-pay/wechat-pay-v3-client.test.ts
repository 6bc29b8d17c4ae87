import { createPrivateKey, createPublicKey } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoopbackServer, listenOnLoopback, readRequestBody } from '../channel/loopback-server.ts';
import { generateWechatPayKeys, type WechatPayKeys } from './simulator/simulator-keys.ts';
import { parseAuthorization, signatureHeaders, verifyLines } from './simulator/v3-crypto.ts';
import { createWechatPayV3Client, type WechatPayV3Client } from './wechat-pay-v3-client.ts';
import { WechatPayErrorAnswer, WechatPayNoAnswerError, WechatPayUnverifiedAnswer } from './wechat-pay-v3-errors.ts';

/**
 * The APIv3 client against a loopback server that answers what each test says, for what the simulator does not do:
 * answers without signature headers, with a timestamp that is not a number, with bodies that are not JSON. The
 * adapter's tests cover the rest against the simulator.
 */
let keys: WechatPayKeys;
let server: LoopbackServer;
let received: { request: IncomingMessage; body: string } | undefined;
let answer: { status: number; body: string; headers?: Record<string, string> };
let client: WechatPayV3Client;

const now = () => Math.floor(Date.now() / 1000);
const signedBy = (body: string, seconds = now()) => ({
  ...signatureHeaders(body, { privateKey: keys.platformPrivateKey, serial: keys.platformPublicKeyId }, seconds),
});

beforeAll(async () => {
  keys = await generateWechatPayKeys();
  server = await listenOnLoopback(async (request, response) => {
    received = { request, body: (await readRequestBody(request)).toString('utf8') };
    response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
    response.end(answer.body);
  });
  client = createWechatPayV3Client({
    mchid: '1900000001',
    merchantSerialNo: keys.merchantSerialNo,
    merchantPrivateKey: createPrivateKey(keys.merchantPrivateKey),
    platformKeys: new Map([[keys.platformPublicKeyId, createPublicKey(keys.platformPublicKey)]]),
    baseUrl: server.baseUrl,
    timeoutMs: 2000,
  });
});
afterAll(() => server.close());

describe('WeChat Pay APIv3 client', () => {
  it('signs the method, the path with its query, the timestamp, the nonce and the JSON body', async () => {
    const body = '{"code_url":"weixin://wxpay/bizpayurl?pr=abc"}';
    answer = { status: 200, body, headers: signedBy(body) };
    const { data } = await client.call({
      method: 'POST',
      path: '/v3/pay/transactions/native',
      query: { note: 'a b&c' },
      body: { description: '测试' },
    });
    expect(data).toEqual({ code_url: 'weixin://wxpay/bizpayurl?pr=abc' });
    const request = received?.request as IncomingMessage;
    const authorization = parseAuthorization(request.headers.authorization);
    expect(authorization).toMatchObject({ mchid: '1900000001', serial_no: keys.merchantSerialNo });
    expect(request.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(request.headers['user-agent']).toMatch(/Node\.js/);
    const lines = ['POST', request.url ?? '', authorization?.timestamp ?? '', authorization?.nonce_str ?? ''];
    expect(request.url).toBe('/v3/pay/transactions/native?note=a+b%26c');
    expect(verifyLines([...lines, received?.body ?? ''], authorization?.signature ?? '', keys.merchantPublicKey)).toBe(
      true,
    );
  });

  it.each([
    ['no signature headers', () => ({})],
    ['a timestamp that is not a number', () => ({ ...signedBy('{}'), 'Wechatpay-Timestamp': 'soon' })],
    ['a stale timestamp', () => signedBy('{}', now() - 301)],
    ['a serial not configured', () => ({ ...signedBy('{}'), 'Wechatpay-Serial': 'PUB_KEY_ID_0100' })],
    ['another body than the one signed', () => signedBy('{"a":1}')],
  ])('refuses a 2xx answer with %s', async (_case, headers) => {
    answer = { status: 200, body: '{}', headers: headers() };
    await expect(client.call({ method: 'GET', path: '/v3/x' })).rejects.toBeInstanceOf(WechatPayUnverifiedAnswer);
  });

  it('hands over an error answer unverified, its body as JSON or else as text', async () => {
    answer = { status: 400, body: '{"code":"PARAM_ERROR","message":"参数错误"}' };
    const json = await client.call({ method: 'GET', path: '/v3/x' }).catch((error: unknown) => error);
    expect(json).toBeInstanceOf(WechatPayErrorAnswer);
    expect(json).toMatchObject({ status: 400, body: { code: 'PARAM_ERROR', message: '参数错误' } });
    answer = { status: 502, body: '<html>Bad Gateway</html>' };
    const text = await client.call({ method: 'GET', path: '/v3/x' }).catch((error: unknown) => error);
    expect(text).toMatchObject({ status: 502, body: '<html>Bad Gateway</html>' });
  });

  it('says what failed when nothing answers', async () => {
    const closed = await listenOnLoopback(() => {});
    await closed.close();
    const unreachable = createWechatPayV3Client({
      mchid: '1900000001',
      merchantSerialNo: keys.merchantSerialNo,
      merchantPrivateKey: createPrivateKey(keys.merchantPrivateKey),
      platformKeys: new Map(),
      baseUrl: closed.baseUrl,
      timeoutMs: 2000,
    });
    const failure = await unreachable.call({ method: 'GET', path: '/v3/x' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(WechatPayNoAnswerError);
    expect((failure as Error).message).toContain('ECONNREFUSED');
  });
});
