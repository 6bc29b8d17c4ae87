import { createHash, createPrivateKey, randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { businessDayBounds } from '../../channel/business-date.ts';
import { type Clock, systemClock } from '../../channel/clock.ts';
import { type LoopbackServer, listenOnLoopback, readRequestBody } from '../../channel/loopback-server.ts';
import { toWechatPayTime } from '../wechat-pay-time.ts';
import { type TradeBillType, tradeBillCsv } from './bill/trade-bill.ts';
import { createNotifier, type Notifier, type SimulatedNotification } from './notifier.ts';
import { errorPage, paidPage, payPage } from './pay-pages.ts';
import { generateWechatPayKeys, type WechatPayKeys } from './simulator-keys.ts';
import { createTradeBook, type SimulatedRefund, type SimulatedTrade, WechatPayRefusal } from './trade-book.ts';
import {
  API_HANDLERS,
  type ApiContext,
  matchRoute,
  refundNotificationView,
  transactionView,
  type WechatPayOperation,
} from './v3-api.ts';
import { encryptResource, parseAuthorization, signatureHeaders, verifyLines } from './v3-crypto.ts';

/**
 * A local WeChat Pay (APIv3) speaking the real protocol, for tests and for `npm start`. Any APIv3 client talks to it
 * unchanged (the adapter's, or `wechatpay-axios-plugin`'s): give it `baseUrl` as the base URL, the merchant's key and
 * serial, and `{ [platformPublicKeyId]: platformPublicKey }` as WeChat Pay's public keys.
 *
 * - Every `/v3/…` request must carry a valid `Authorization: WECHATPAY2-SHA256-RSA2048 …`: the simulator checks the
 *   merchant id, the certificate serial, the timestamp (±5 minutes of the real clock) and the SHA256withRSA signature
 *   over `METHOD\nPATH?QUERY\nTIMESTAMP\nNONCE\nBODY\n` with the merchant's public key (401 `SIGN_ERROR` otherwise).
 * - Every answer (errors and 204 included) is signed with the platform key: `Wechatpay-Timestamp|Nonce|Signature|
 *   Serial` over `TIMESTAMP\nNONCE\nBODY\n`, serial `PUB_KEY_ID_…` (public-key mode). The bill file download is not
 *   signed, as WeChat Pay's is not: its SHA1 comes signed in the tradebill answer.
 * - Endpoints: Native and H5 orders, query by out_trade_no or transaction_id, close, refund, refund query, tradebill
 *   and the bill download (see `v3-api.ts` and `trade-book.ts` for the rules).
 * - Payer pages: `GET /native/pay/<code>` is the Native `code_url` (a URL on the simulator, where WeChat's is
 *   `weixin://wxpay/bizpayurl?pr=…`), `GET /cgi-bin/mmpayweb-bin/checkmweb?prepay_id=…` the H5 `h5_url`. Each shows
 *   the order and a pay button (a form, no script). Paying posts the signed, encrypted TRANSACTION.SUCCESS
 *   notification to `notify_url` (redelivered until answered 200/204); H5 then sends the browser (303) to the
 *   `redirect_url` the merchant appended.
 *
 * Times: the business clock (`clock`) dates orders, payments, refunds, expiry and bills. The signature timestamps
 * follow the real clock, because the client library checks them against `Date.now()`.
 */
export type { WechatPayOperation } from './v3-api.ts';

export interface WechatPaySimulatorOptions {
  /** Default `1900000109`. */
  readonly mchid?: string;
  /** The app id bound to the merchant. Default `wxd678efh567hg6787`. */
  readonly appid?: string;
  /** Default: fresh keys. Tests pass one set to several simulators to save the key generation. */
  readonly keys?: WechatPayKeys;
  readonly clock?: Clock;
  /** How long a refund stays PROCESSING (business clock). Default 0: refunds answer SUCCESS at once. */
  readonly refundProcessingMs?: number;
  /** How long after the business day ends its bill is STATEMENT_CREATING. Default 0 (WeChat's own: about 10 hours). */
  readonly billReadyDelayMs?: number;
  /** The refund notify URL configured on the merchant platform, used when a refund request carries none. */
  readonly refundNotifyUrl?: string;
  /** Redelivery schedule for unacknowledged notifications. Default 2 s, 10 s, 60 s. */
  readonly notificationRetryDelaysMs?: readonly number[];
  readonly port?: number;
}

/**
 * `system_error`: a signed 500 `SYSTEM_ERROR`. `frequency_limited`: a signed 429 `FREQUENCY_LIMITED`. `http_502`: a
 * bare 502 from a proxy. `timeout`: no answer at all, nothing done. `lost_answer`: carried out, the answer never
 * arrives. `bad_signature`: carried out, answered with a signature that does not verify. `stale_signature`: carried
 * out, signed ten minutes ago. `bad_bill_hash` (tradebill): the hash does not match the file.
 */
export type WechatPaySimulatedFailure =
  | 'system_error'
  | 'frequency_limited'
  | 'http_502'
  | 'timeout'
  | 'lost_answer'
  | 'bad_signature'
  | 'stale_signature'
  | 'bad_bill_hash';

export interface WechatPaySimulator extends LoopbackServer {
  readonly mchid: string;
  readonly appid: string;
  /** The merchant's private key and serial, the platform's public key and id, and the APIv3 key are the adapter's. */
  readonly keys: WechatPayKeys;
  /** By `out_trade_no`. */
  readonly trades: ReadonlyMap<string, SimulatedTrade>;
  /** By `out_refund_no`. */
  readonly refunds: ReadonlyMap<string, SimulatedRefund>;
  readonly notifications: readonly SimulatedNotification[];
  /** The next call of `operation` fails this way, after which calls behave again. Calls queue up. */
  failNext(operation: WechatPayOperation, failure?: WechatPaySimulatedFailure): void;
  /** Sends the order's notifications again, unchanged (freshly signed), as WeChat Pay's retries do. */
  redeliverNotifications(outTradeNo: string): Promise<void>;
  /** Resolves when no notification is scheduled or in flight. */
  notificationsSettled(): Promise<void>;
}

const BILL_URL_LIFETIME_MS = 30_000;
const SIGNATURE_TOLERANCE_S = 300;

const sendHtml = (response: ServerResponse, status: number, html: string): void => {
  response.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
  response.end(html);
};

const wireSeconds = (): number => Math.floor(Date.now() / 1000);

interface BillFile {
  readonly bytes: Buffer;
  readonly gzip: boolean;
  readonly expiresAt: number;
}

export const startWechatPaySimulator = async (options: WechatPaySimulatorOptions = {}): Promise<WechatPaySimulator> => {
  const keys = options.keys ?? (await generateWechatPayKeys());
  const clock = options.clock ?? systemClock;
  const mchid = options.mchid ?? '1900000109';
  const appid = options.appid ?? 'wxd678efh567hg6787';
  const platform = { privateKey: createPrivateKey(keys.platformPrivateKey), serial: keys.platformPublicKeyId };
  // Signs "as the platform" with a key that is not the platform's: the merchant's will do.
  const impostor = { privateKey: createPrivateKey(keys.merchantPrivateKey), serial: keys.platformPublicKeyId };
  const notifier: Notifier = createNotifier({
    retryDelaysMs: options.notificationRetryDelaysMs ?? [2000, 10_000, 60_000],
    sign: (body) => ({ ...signatureHeaders(body, platform, wireSeconds()) }),
  });
  const book = createTradeBook({ refundProcessingMs: options.refundProcessingMs ?? 0 });
  const failures = new Map<WechatPayOperation, WechatPaySimulatedFailure[]>();
  const bills = new Map<string, BillFile>();
  let baseUrl = '';

  const notify = (
    url: string | undefined,
    event: { eventType: string; summary: string; originalType: string },
    about: { outTradeNo: string; outRefundNo?: string },
    resource: Record<string, unknown>,
    now: number,
  ): void => {
    if (!url) return;
    const id = randomUUID();
    const body = JSON.stringify({
      id,
      create_time: toWechatPayTime(now),
      resource_type: 'encrypt-resource',
      event_type: event.eventType,
      summary: event.summary,
      resource: {
        original_type: event.originalType,
        ...encryptResource(JSON.stringify(resource), keys.apiV3Key, event.originalType),
      },
    });
    notifier.send({ id, eventType: event.eventType, url, body, resource, ...about });
  };

  const notifyPaid = (trade: SimulatedTrade, now: number) =>
    notify(
      trade.notifyUrl,
      { eventType: 'TRANSACTION.SUCCESS', summary: '支付成功', originalType: 'transaction' },
      { outTradeNo: trade.outTradeNo },
      transactionView(trade),
      now,
    );

  const notifyRefund = (trade: SimulatedTrade, refund: SimulatedRefund, now: number) =>
    notify(
      refund.notifyUrl ?? options.refundNotifyUrl,
      { eventType: 'REFUND.SUCCESS', summary: '退款成功', originalType: 'refund' },
      { outTradeNo: trade.outTradeNo, outRefundNo: refund.outRefundNo },
      refundNotificationView(trade, refund),
      now,
    );

  /** Refunds whose processing time is over succeed, and are notified, on the next request. */
  const settle = (now: number) => {
    for (const refund of book.settleRefunds(now)) {
      const trade = book.trades.get(refund.outTradeNo);
      if (trade) notifyRefund(trade, refund, now);
    }
  };

  const issueBill =
    (now: number, failure: WechatPaySimulatedFailure | undefined): ApiContext['issueBill'] =>
    (businessDate, billType: TradeBillType, gzip) => {
      const { endMs } = businessDayBounds(businessDate);
      if (now < endMs) throw new WechatPayRefusal(400, 'NO_STATEMENT_EXIST', '账单文件不存在');
      if (now < endMs + (options.billReadyDelayMs ?? 0)) {
        throw new WechatPayRefusal(400, 'STATEMENT_CREATING', '账单生成中，请稍后再试');
      }
      const csv = tradeBillCsv(book.trades.values(), businessDate, billType);
      if (!csv) throw new WechatPayRefusal(400, 'NO_STATEMENT_EXIST', '账单文件不存在');
      const token = randomBytes(24).toString('base64url');
      bills.set(token, { bytes: gzip ? gzipSync(csv) : csv, gzip, expiresAt: now + BILL_URL_LIFETIME_MS });
      const url = new URL(`${baseUrl}/v3/billdownload/file`);
      url.searchParams.set('token', token);
      if (gzip) url.searchParams.set('tartype', 'gzip');
      const hashed = failure === 'bad_bill_hash' ? Buffer.concat([csv, Buffer.from('tampered')]) : csv;
      return { downloadUrl: url.toString(), sha1: createHash('sha1').update(hashed).digest('hex') };
    };

  /** A JSON (or empty) answer signed by the platform, or by an impostor, or too long ago, when told to misbehave. */
  const answer = (
    response: ServerResponse,
    status: number,
    body: Readonly<Record<string, unknown>> | undefined,
    failure?: WechatPaySimulatedFailure,
  ): void => {
    const text = body === undefined ? '' : JSON.stringify(body);
    const signer = failure === 'bad_signature' ? impostor : platform;
    const seconds = wireSeconds() - (failure === 'stale_signature' ? 600 : 0);
    response.writeHead(status, {
      ...(body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' }),
      'request-id': randomBytes(16).toString('hex'),
      ...signatureHeaders(text, signer, seconds),
    });
    response.end(text);
  };

  const refusal = (response: ServerResponse, error: WechatPayRefusal, failure?: WechatPaySimulatedFailure) =>
    answer(
      response,
      error.status,
      { code: error.code, message: error.message, ...(error.detail === undefined ? {} : { detail: error.detail }) },
      failure,
    );

  /** The merchant's signature on the request, checked as WeChat Pay checks it. */
  const authenticate = (request: IncomingMessage, body: string): WechatPayRefusal | undefined => {
    const auth = parseAuthorization(request.headers.authorization);
    if (!auth) {
      return new WechatPayRefusal(
        401,
        'SIGN_ERROR',
        'Http头Authorization值格式错误，请参考《微信支付商户REST API签名规则》',
      );
    }
    if (auth.mchid !== mchid) return new WechatPayRefusal(400, 'MCH_NOT_EXISTS', '商户号不存在');
    if (auth.serial_no !== keys.merchantSerialNo) {
      return new WechatPayRefusal(401, 'SIGN_ERROR', '商户证书序列号有误。请使用签名私钥匹配的证书序列号');
    }
    if (
      !/^\d{1,12}$/.test(auth.timestamp) ||
      Math.abs(wireSeconds() - Number(auth.timestamp)) > SIGNATURE_TOLERANCE_S
    ) {
      return new WechatPayRefusal(401, 'SIGN_ERROR', '签名中的时间戳与当前时间相差超过5分钟');
    }
    const lines = [request.method ?? '', request.url ?? '', auth.timestamp, auth.nonce_str, body];
    if (!verifyLines(lines, auth.signature, keys.merchantPublicKey)) {
      return new WechatPayRefusal(401, 'SIGN_ERROR', '错误的签名，验签失败');
    }
    return undefined;
  };

  const downloadBill = (response: ServerResponse, query: URLSearchParams, now: number) => {
    const file = bills.get(query.get('token') ?? '');
    if (!file || now > file.expiresAt) {
      return refusal(response, new WechatPayRefusal(400, 'INVALID_REQUEST', '账单下载链接已失效，请重新申请'));
    }
    response.writeHead(200, {
      'content-type': file.gzip ? 'application/x-gzip' : 'text/plain; charset=utf-8',
      'content-length': String(file.bytes.length),
      'request-id': randomBytes(16).toString('hex'),
    });
    response.end(file.bytes);
  };

  const api = async (request: IncomingMessage, response: ServerResponse, url: URL, now: number) => {
    const raw = (await readRequestBody(request)).toString('utf8');
    const route = matchRoute(request.method ?? '', url.pathname);
    if (!route) return refusal(response, new WechatPayRefusal(404, 'NOT_FOUND', '请求的资源不存在'));
    const failure = failures.get(route.operation)?.shift();
    if (failure === 'timeout') return; // never answered; `close` drops the connection
    if (failure === 'http_502') {
      response.writeHead(502, { 'content-type': 'text/html' });
      response.end('<html><body>502 Bad Gateway</body></html>');
      return;
    }
    if (failure === 'system_error') return refusal(response, new WechatPayRefusal(500, 'SYSTEM_ERROR', '系统错误'));
    if (failure === 'frequency_limited') {
      return refusal(response, new WechatPayRefusal(429, 'FREQUENCY_LIMITED', '频率超限'));
    }
    const denied = authenticate(request, raw);
    if (denied) return refusal(response, denied);
    settle(now);
    if (route.operation === 'billdownload') return downloadBill(response, url.searchParams, now);
    let body: unknown;
    if (raw !== '') {
      try {
        body = JSON.parse(raw);
      } catch {
        return refusal(response, new WechatPayRefusal(400, 'PARAM_ERROR', '请求体不是合法的JSON'));
      }
    }
    const context: ApiContext = {
      book,
      now,
      baseUrl,
      mchid,
      appid,
      notifyRefund: (trade, refund) => notifyRefund(trade, refund, now),
      issueBill: issueBill(now, failure),
    };
    let outcome: { status: number; body?: Readonly<Record<string, unknown>> };
    try {
      outcome = API_HANDLERS[route.operation]({ params: route.params, query: url.searchParams, body }, context);
    } catch (error) {
      if (!(error instanceof WechatPayRefusal)) throw error;
      if (failure === 'lost_answer') return;
      return refusal(response, error, failure);
    }
    if (failure === 'lost_answer') return;
    answer(response, outcome.status, outcome.body, failure);
  };

  const nativePage = (request: IncomingMessage, response: ServerResponse, code: string, now: number) => {
    const trade = book.findByPayCode(code, now);
    if (trade?.tradeType !== 'NATIVE') return sendHtml(response, 404, errorPage('ORDER_NOT_EXIST', '二维码已失效'));
    const form = { action: `/native/pay/${code}` };
    if (request.method === 'GET') return sendHtml(response, 200, payPage(trade, form));
    if (trade.state !== 'NOTPAY') return sendHtml(response, 409, payPage(trade, form));
    book.pay(trade, now);
    notifyPaid(trade, now);
    sendHtml(response, 200, paidPage(trade));
  };

  const h5Page = async (request: IncomingMessage, response: ServerResponse, url: URL, now: number) => {
    const form =
      request.method === 'POST'
        ? new URLSearchParams((await readRequestBody(request)).toString('utf8'))
        : url.searchParams;
    const prepayId = form.get('prepay_id') ?? '';
    const redirectUrl = form.get('redirect_url') ?? '';
    const trade = book.findByPayCode(prepayId, now);
    if (trade?.tradeType !== 'MWEB') return sendHtml(response, 404, errorPage('ORDER_NOT_EXIST', '订单不存在'));
    const fields = { prepay_id: prepayId, ...(redirectUrl ? { redirect_url: redirectUrl } : {}) };
    const pay = { action: '/cgi-bin/mmpayweb-bin/checkmweb/pay', fields };
    if (request.method === 'GET') return sendHtml(response, 200, payPage(trade, pay));
    if (trade.state !== 'NOTPAY') return sendHtml(response, 409, payPage(trade, pay));
    book.pay(trade, now);
    notifyPaid(trade, now);
    if (!URL.canParse(redirectUrl) || !/^https?:$/.test(new URL(redirectUrl).protocol)) {
      return sendHtml(response, 200, paidPage(trade));
    }
    response.writeHead(303, { location: redirectUrl });
    response.end();
  };

  const server = await listenOnLoopback(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const now = clock.now();
    if (url.pathname.startsWith('/v3/')) return api(request, response, url, now);
    settle(now);
    const native = /^\/native\/pay\/([A-Za-z0-9]+)$/.exec(url.pathname);
    if (native?.[1] && (request.method === 'GET' || request.method === 'POST')) {
      return nativePage(request, response, native[1], now);
    }
    if (
      (url.pathname === '/cgi-bin/mmpayweb-bin/checkmweb' && request.method === 'GET') ||
      (url.pathname === '/cgi-bin/mmpayweb-bin/checkmweb/pay' && request.method === 'POST')
    ) {
      return h5Page(request, response, url, now);
    }
    sendHtml(response, 404, errorPage('NOT_FOUND', url.pathname));
  }, options.port);
  baseUrl = server.baseUrl;

  return {
    baseUrl,
    mchid,
    appid,
    keys,
    trades: book.trades,
    refunds: book.refunds,
    notifications: notifier.sent,
    failNext: (operation, failure = 'system_error') => {
      failures.set(operation, [...(failures.get(operation) ?? []), failure]);
    },
    redeliverNotifications: (outTradeNo) => notifier.redeliver(outTradeNo),
    notificationsSettled: () => notifier.idle(),
    close: async () => {
      notifier.close();
      await server.close();
    },
  };
};
