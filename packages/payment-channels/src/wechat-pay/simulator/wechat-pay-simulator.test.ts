import { createHash, createSign, createVerify, randomBytes } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeClock, type FakeClock } from '../../test-support/fake-clock.ts';
import { Rsa } from '../../test-support/wechatpay-rsa.ts';
import { Aes, Formatter } from '../wechatpay-library.ts';
import { startWechatPaySimulator, type WechatPaySimulator } from './wechat-pay-simulator.ts';

/**
 * The simulator seen from the wire, with APIv3 signing written out here from WeChat Pay's documentation, so that these
 * tests lean neither on the simulator's helpers nor on the adapter. Notifications are read back with the plugin's
 * `Rsa`/`Aes`, an implementation independent of the simulator's.
 */
describe('WeChat Pay simulator on the wire', () => {
  let simulator: WechatPaySimulator;
  let clock: FakeClock;
  const notified: { headers: Headers; body: string }[] = [];
  let notifyUrl = '';
  let notifyServer: { close(): Promise<void> } | undefined;

  beforeAll(async () => {
    clock = createFakeClock();
    simulator = await startWechatPaySimulator({ clock, notificationRetryDelaysMs: [] });
    const { listenOnLoopback, readRequestBody } = await import('../../channel/loopback-server.ts');
    const server = await listenOnLoopback(async (request, response) => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(request.headers))
        if (typeof value === 'string') headers.set(name, value);
      notified.push({ headers, body: (await readRequestBody(request)).toString('utf8') });
      response.writeHead(204);
      response.end();
    });
    notifyServer = server;
    notifyUrl = `${server.baseUrl}/notify`;
  });
  afterAll(async () => {
    await simulator?.close();
    await notifyServer?.close();
  });

  const call = async (
    method: 'GET' | 'POST',
    path: string,
    body?: object,
    tweak: { timestamp?: number; serial?: string; key?: string; tamper?: boolean } = {},
  ) => {
    const text = body === undefined ? '' : JSON.stringify(body);
    const timestamp = String(tweak.timestamp ?? Math.floor(Date.now() / 1000));
    const nonce = randomBytes(16).toString('hex');
    const signature = createSign('RSA-SHA256')
      .update(`${method}\n${path}\n${timestamp}\n${nonce}\n${text}\n`)
      .sign(tweak.key ?? simulator.keys.merchantPrivateKey, 'base64');
    const response = await fetch(`${simulator.baseUrl}${path}`, {
      method,
      headers: {
        accept: 'application/json',
        'content-type': 'application/json',
        authorization:
          `WECHATPAY2-SHA256-RSA2048 mchid="${simulator.mchid}",nonce_str="${nonce}",signature="${signature}",` +
          `timestamp="${timestamp}",serial_no="${tweak.serial ?? simulator.keys.merchantSerialNo}"`,
      },
      ...(body === undefined ? {} : { body: tweak.tamper ? text.replace('}', ',"x":1}') : text }),
    });
    const answer = await response.text();
    const verified = createVerify('RSA-SHA256')
      .update(`${response.headers.get('wechatpay-timestamp')}\n${response.headers.get('wechatpay-nonce')}\n${answer}\n`)
      .verify(simulator.keys.platformPublicKey, response.headers.get('wechatpay-signature') ?? '', 'base64');
    return {
      status: response.status,
      verified,
      serial: response.headers.get('wechatpay-serial'),
      json: answer === '' ? undefined : (JSON.parse(answer) as Record<string, unknown>),
    };
  };

  const nativeOrder = (outTradeNo: string, total = 888) => ({
    appid: simulator.appid,
    mchid: simulator.mchid,
    description: '测试',
    out_trade_no: outTradeNo,
    notify_url: notifyUrl,
    amount: { total, currency: 'CNY' },
  });

  it('refuses unsigned, tampered, stale and wrongly serialled requests with a signed 401 SIGN_ERROR', async () => {
    const unsigned = await fetch(
      `${simulator.baseUrl}/v3/pay/transactions/out-trade-no/NOPE123?mchid=${simulator.mchid}`,
    );
    expect(unsigned.status).toBe(401);
    expect(await unsigned.json()).toMatchObject({ code: 'SIGN_ERROR' });
    for (const tweak of [
      { tamper: true },
      { timestamp: Math.floor(Date.now() / 1000) - 301 },
      { serial: '0'.repeat(40) },
      { key: simulator.keys.platformPrivateKey },
    ]) {
      const answer = await call('POST', '/v3/pay/transactions/native', nativeOrder('SIGNED1'), tweak);
      expect(answer, JSON.stringify(tweak)).toMatchObject({
        status: 401,
        verified: true,
        json: { code: 'SIGN_ERROR' },
      });
    }
    expect(simulator.trades.has('SIGNED1')).toBe(false);
  });

  it('signs every answer with the platform key, PUB_KEY_ID serial, errors and 204 included', async () => {
    const created = await call('POST', '/v3/pay/transactions/native', nativeOrder('WIRE0001'));
    expect(created).toMatchObject({ status: 200, verified: true, serial: simulator.keys.platformPublicKeyId });
    expect(created.json?.code_url).toMatch(/\/native\/pay\/[A-Za-z0-9]+$/);
    const query = await call('GET', `/v3/pay/transactions/out-trade-no/WIRE0001?mchid=${simulator.mchid}`);
    expect(query).toMatchObject({
      status: 200,
      verified: true,
      json: { out_trade_no: 'WIRE0001', trade_state: 'NOTPAY', amount: { total: 888, currency: 'CNY' } },
    });
    const missing = await call('GET', `/v3/pay/transactions/out-trade-no/NOPE123?mchid=${simulator.mchid}`);
    expect(missing).toMatchObject({ status: 404, verified: true, json: { code: 'ORDER_NOT_EXIST' } });
    const closed = await call('POST', '/v3/pay/transactions/out-trade-no/WIRE0001/close', { mchid: simulator.mchid });
    expect(closed).toMatchObject({ status: 204, verified: true, json: undefined });
    const invalid = await call('POST', '/v3/pay/transactions/native', {
      ...nativeOrder('SHORT'),
      amount: { total: 0 },
    });
    expect(invalid).toMatchObject({ status: 400, verified: true, json: { code: 'PARAM_ERROR' } });
  });

  it('pays at the Native page and notifies: signed over the exact body, AES-256-GCM with the APIv3 key', async () => {
    const created = await call('POST', '/v3/pay/transactions/native', nativeOrder('WIRE0002', 1234));
    const page = String(created.json?.code_url);
    expect(await (await fetch(page)).text()).toContain('确认支付');
    expect((await fetch(page, { method: 'POST' })).status).toBe(200);
    expect((await fetch(page, { method: 'POST' })).status).toBe(409);
    await simulator.notificationsSettled();
    const delivery = notified.find((n) =>
      simulator.notifications.some((s) => s.body === n.body && s.outTradeNo === 'WIRE0002'),
    );
    if (!delivery) throw new Error('no notification');
    const header = (name: string) => delivery.headers.get(name) ?? '';
    expect(header('wechatpay-serial')).toBe(simulator.keys.platformPublicKeyId);
    expect(
      Rsa.verify(
        Formatter.response(header('wechatpay-timestamp'), header('wechatpay-nonce'), delivery.body),
        header('wechatpay-signature'),
        Rsa.from(simulator.keys.platformPublicKey, 'public'),
      ),
    ).toBe(true);
    const envelope = JSON.parse(delivery.body) as {
      event_type: string;
      resource_type: string;
      resource: {
        algorithm: string;
        ciphertext: string;
        nonce: string;
        associated_data: string;
        original_type: string;
      };
    };
    expect(envelope).toMatchObject({
      event_type: 'TRANSACTION.SUCCESS',
      resource_type: 'encrypt-resource',
      resource: { algorithm: 'AEAD_AES_256_GCM', associated_data: 'transaction', original_type: 'transaction' },
    });
    const resource = JSON.parse(
      Aes.AesGcm.decrypt(
        envelope.resource.ciphertext,
        Buffer.from(simulator.keys.apiV3Key),
        envelope.resource.nonce,
        envelope.resource.associated_data,
      ),
    ) as Record<string, unknown>;
    expect(resource).toMatchObject({
      mchid: simulator.mchid,
      appid: simulator.appid,
      out_trade_no: 'WIRE0002',
      transaction_id: expect.stringMatching(/^\d{28}$/),
      trade_type: 'NATIVE',
      trade_state: 'SUCCESS',
      success_time: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/),
      amount: { total: 1234, payer_total: 1234, currency: 'CNY', payer_currency: 'CNY' },
    });
  });

  it('refunds within what was paid, idempotently on out_refund_no, and says NO_STATEMENT_EXIST before the day ends', async () => {
    await call('POST', '/v3/pay/transactions/native', nativeOrder('WIRE0003', 1000));
    const trade = simulator.trades.get('WIRE0003');
    await fetch(`${simulator.baseUrl}/native/pay/${trade?.payCode}`, { method: 'POST' });
    const refund = (outRefundNo: string, amount: number) =>
      call('POST', '/v3/refund/domestic/refunds', {
        out_trade_no: 'WIRE0003',
        out_refund_no: outRefundNo,
        amount: { refund: amount, total: 1000, currency: 'CNY' },
      });
    const first = await refund('R1', 600);
    expect(first).toMatchObject({ status: 200, verified: true, json: { status: 'SUCCESS', amount: { refund: 600 } } });
    expect((await refund('R1', 600)).json).toEqual(first.json);
    expect((await refund('R2', 401)).json).toEqual({
      code: 'INVALID_REQUEST',
      message: '申请退款金额超过订单可退金额',
    });
    expect((await refund('R1', 500)).json).toMatchObject({ code: 'INVALID_REQUEST' });
    const bill = await call(
      'GET',
      `/v3/bill/tradebill?bill_date=${new Date(clock.now() + 8 * 3600_000).toISOString().slice(0, 10)}`,
    );
    expect(bill.json).toEqual({ code: 'NO_STATEMENT_EXIST', message: '账单文件不存在' });
  });

  it('serves a gzip bill whose SHA1 is that of the bill itself, the download URL unsigned and short-lived', async () => {
    const businessDate = new Date(clock.now() + 8 * 3600_000).toISOString().slice(0, 10);
    clock.advance(24 * 3600_000);
    const bill = await call('GET', `/v3/bill/tradebill?bill_date=${businessDate}&bill_type=ALL&tar_type=GZIP`);
    expect(bill).toMatchObject({ status: 200, verified: true, json: { hash_type: 'SHA1' } });
    const url = new URL(String(bill.json?.download_url));
    expect(url.pathname).toBe('/v3/billdownload/file');
    expect(url.searchParams.get('tartype')).toBe('gzip');
    const path = `${url.pathname}${url.search}`;
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = 'n0nce';
    const signature = createSign('RSA-SHA256')
      .update(`GET\n${path}\n${timestamp}\n${nonce}\n\n`)
      .sign(simulator.keys.merchantPrivateKey, 'base64');
    const authorization = `WECHATPAY2-SHA256-RSA2048 mchid="${simulator.mchid}",nonce_str="${nonce}",signature="${signature}",timestamp="${timestamp}",serial_no="${simulator.keys.merchantSerialNo}"`;
    const file = await fetch(url, { headers: { authorization } });
    expect(file.status).toBe(200);
    expect(file.headers.get('wechatpay-signature')).toBeNull();
    const csv = gunzipSync(Buffer.from(await file.arrayBuffer()));
    expect(createHash('sha1').update(csv).digest('hex')).toBe(bill.json?.hash_value);
    expect(csv.toString('utf8')).toContain('`WIRE0003,');
    expect((await fetch(url)).status).toBe(401);
    clock.advance(31_000);
    expect((await fetch(url, { headers: { authorization } })).status).toBe(400);
  });
});
