import { createSign, createVerify } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AlipaySimulator, startAlipaySimulator } from './alipay-simulator.ts';
import { encodeGbk } from './bill/gbk-encoder.ts';

/**
 * The simulator's gateway seen from the wire, with signing written out here from Alipay's documentation, so that
 * these tests do not lean on the simulator's own helpers or on the SDK.
 */
const sign = (params: Record<string, string>, privateKey: string): string => {
  const content = Object.keys(params)
    .filter((key) => key !== 'sign' && params[key] !== '')
    .sort()
    .map((key) => `${key}=${params[key]}`)
    .join('&');
  return createSign('RSA-SHA256').update(content, 'utf8').sign(privateKey, 'base64');
};

describe('Alipay simulator gateway on the wire', () => {
  let simulator: AlipaySimulator;
  beforeAll(async () => {
    simulator = await startAlipaySimulator({ notificationRetryDelaysMs: [] });
  });
  afterAll(async () => {
    await simulator?.close();
  });

  const call = async (params: Record<string, string>) => {
    const response = await fetch(simulator.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' },
      body: new URLSearchParams(params),
    });
    return { status: response.status, text: await response.text() };
  };

  const request = (method: string, biz: object, overrides: Record<string, string> = {}) => {
    const params: Record<string, string> = {
      app_id: simulator.appId,
      method,
      format: 'JSON',
      charset: 'utf-8',
      sign_type: 'RSA2',
      timestamp: '2025-03-01 10:00:00',
      version: '1.0',
      biz_content: JSON.stringify(biz),
      ...overrides,
    };
    return { ...params, sign: sign(params, simulator.keys.appPrivateKey) };
  };

  /** The envelope's signature covers exactly the text of the `…_response` member. */
  const verifiedInner = (text: string, key: string): Record<string, unknown> => {
    const prefix = `{"${key}":`;
    expect(text.startsWith(prefix)).toBe(true);
    const signAt = text.lastIndexOf(',"sign":"');
    const inner = text.slice(prefix.length, signAt);
    const signature = text.slice(signAt + ',"sign":"'.length, -2);
    expect(
      createVerify('RSA-SHA256').update(inner, 'utf8').verify(simulator.keys.alipayPublicKey, signature, 'base64'),
    ).toBe(true);
    return JSON.parse(inner) as Record<string, unknown>;
  };

  it('answers a signed query in Alipay’s envelope, signed over the exact response text', async () => {
    const { status, text } = await call(request('alipay.trade.query', { out_trade_no: 'NOPE' }));
    expect(status).toBe(200);
    expect(verifiedInner(text, 'alipay_trade_query_response')).toEqual({
      code: '40004',
      msg: 'Business Failed',
      sub_code: 'ACQ.TRADE_NOT_EXIST',
      sub_msg: '交易不存在',
      out_trade_no: 'NOPE',
    });
  });

  it('refuses a request whose signature does not verify with the app public key', async () => {
    const tampered = { ...request('alipay.trade.query', { out_trade_no: 'A' }), biz_content: '{"out_trade_no":"B"}' };
    const answer = verifiedInner((await call(tampered)).text, 'alipay_trade_query_response');
    expect(answer).toMatchObject({ code: '40002', msg: 'Invalid Arguments', sub_code: 'isv.invalid-signature' });
  });

  it('refuses an unknown app, a missing signature and an unknown method, with Alipay’s codes', async () => {
    const unknownApp = request('alipay.trade.query', {}, { app_id: '2021999999999999' });
    expect(verifiedInner((await call(unknownApp)).text, 'alipay_trade_query_response')).toMatchObject({
      code: '40002',
      sub_code: 'isv.invalid-app-id',
    });
    const { sign: _sign, ...unsigned } = request('alipay.trade.query', {});
    expect(verifiedInner((await call(unsigned)).text, 'alipay_trade_query_response')).toMatchObject({
      code: '40001',
      sub_code: 'isv.missing-signature',
    });
    expect(verifiedInner((await call(request('alipay.no.such', {}))).text, 'error_response')).toMatchObject({
      code: '40002',
      sub_code: 'isv.invalid-method',
    });
  });

  it('runs precreate → pay at the cashier → query with real state and amounts', async () => {
    const biz = { out_trade_no: 'SIM1', total_amount: '88.80', subject: '测试' };
    const created = verifiedInner(
      (await call(request('alipay.trade.precreate', biz))).text,
      'alipay_trade_precreate_response',
    );
    expect(created).toMatchObject({ code: '10000', msg: 'Success', out_trade_no: 'SIM1' });
    const pay = await fetch(`${created.qr_code as string}/pay`, { method: 'POST', redirect: 'manual' });
    expect(pay.status).toBe(200);
    const queried = verifiedInner(
      (await call(request('alipay.trade.query', { out_trade_no: 'SIM1' }))).text,
      'alipay_trade_query_response',
    );
    expect(queried).toMatchObject({ code: '10000', trade_status: 'TRADE_SUCCESS', total_amount: '88.80' });
    expect(simulator.trades.get('SIM1')).toMatchObject({ status: 'TRADE_SUCCESS', totalFen: 8880 });
  });
});

describe('GBK encoding for bill files', () => {
  it('encodes Chinese as GBK, ASCII as itself, and what GBK lacks as ?', () => {
    expect(encodeGbk('中文ab,1').toString('hex')).toBe('d6d0cec46162 2c31'.replace(' ', ''));
    expect(encodeGbk('（元）')).toEqual(Buffer.from([0xa3, 0xa8, 0xd4, 0xaa, 0xa3, 0xa9]));
    expect(encodeGbk('😀')).toEqual(Buffer.from('?'));
    const text = '#支付宝业务明细查询 退款批次号/请求号';
    expect(new TextDecoder('gbk').decode(encodeGbk(text))).toBe(text);
  });
});
