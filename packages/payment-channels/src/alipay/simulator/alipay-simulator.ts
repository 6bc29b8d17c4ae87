import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { businessDayBounds } from '../../channel/business-date.ts';
import { type Clock, systemClock } from '../../channel/clock.ts';
import { type LoopbackServer, listenOnLoopback, readRequestBody } from '../../channel/loopback-server.ts';
import { fromAlipayTime } from '../shanghai-time.ts';
import { yuanToFen } from '../yuan-amount.ts';
import { type AsyncNotifier, createAsyncNotifier, type SimulatedNotification } from './async-notifier.ts';
import { tradeBillZip } from './bill/trade-bill.ts';
import { cashierPage, errorPage, paidPage } from './cashier-page.ts';
import {
  GATEWAY_MESSAGES,
  GatewayError,
  type GatewayRequest,
  mergeGatewayParams,
  readGatewayRequest,
} from './gateway-request.ts';
import { type MerchantIds, returnParams, tradeNotificationParams } from './notification-params.ts';
import { type MethodContext, OPEN_API_METHODS, PAGE_PAY_METHOD } from './open-api-methods.ts';
import { rsa2Sign, signNotificationParams } from './rsa2.ts';
import { type AlipayKeys, generateAlipayKeys } from './simulator-keys.ts';
import { createTradeBook, type SimulatedRefund, type SimulatedTrade, TradeRefusal } from './trade-book.ts';
import {
  type AlipayUserAuthorisation,
  createUserAuthorisation,
  type UserAuthorisationApp,
} from './user-authorisation.ts';

/**
 * A local Alipay open platform speaking the real protocol (open API v2, public-key mode, RSA2), for tests and for
 * `npm start`. The official `alipay-sdk` talks to it unchanged: point its `gateway` at `gatewayUrl`.
 *
 * - `POST /gateway.do`: `alipay.trade.precreate|query|close|refund|fastpay.refund.query` and
 *   `alipay.data.dataservice.bill.downloadurl.query`. It verifies the app's RSA2 signature with the app public key,
 *   then answers `{"<method>_response":{…},"sign":"…"}`, the sign covering the exact `…_response` JSON text, signed
 *   with the simulator's Alipay private key.
 * - `GET|POST /gateway.do?method=alipay.trade.page.pay…`: the payer's browser arrives with the signed page-pay request
 *   and is sent on to the cashier.
 * - `GET /cashier/<trade_no>`: the cashier page, a form with one button. `POST /cashier/<trade_no>/pay` pays. The
 *   simulator then posts the signed asynchronous notification to `notify_url` and redirects the browser to
 *   `return_url` with the signed synchronous parameters.
 * - `GET /bill/download/<token>`: the bill file the download-URL method points to (valid 30 s, as Alipay's are).
 * - `GET|POST /oauth2/publicAppAuthorize.htm` and the gateway methods `alipay.system.oauth.token` and
 *   `alipay.user.info.share` of a second app, the login app: user information authorisation (`user-authorisation.ts`).
 */
export interface AlipaySimulatorOptions {
  /** Default `2021000000000001`. */
  readonly appId?: string;
  /** The merchant's partner id. Default `2088000000000001`. */
  readonly sellerId?: string;
  /** Default: fresh RSA-2048 pairs. Tests pass one set to several simulators to save the key generation. */
  readonly keys?: AlipayKeys;
  readonly clock?: Clock;
  /** Redelivery schedule for unacknowledged notifications. Default 2 s, 10 s, 60 s. Alipay's own spans 25 hours. */
  readonly notificationRetryDelaysMs?: readonly number[];
  readonly port?: number;
  /** The login app of user authorisation. Default: app id `2021000000000002`, a key pair made on first use. */
  readonly userAuthorisationApp?: UserAuthorisationApp;
}

/**
 * `system_error`: a signed `20000 isp.unknow-error`. `http_502`: a bare 502. `timeout`: no answer at all, nothing
 * done. `lost_answer`: the request is carried out but the answer never arrives, the case idempotency is for.
 */
export type SimulatedFailure = 'system_error' | 'http_502' | 'timeout' | 'lost_answer';

export interface AlipaySimulator extends LoopbackServer {
  /** `<baseUrl>/gateway.do`: the SDK's `gateway`. */
  readonly gatewayUrl: string;
  readonly appId: string;
  readonly sellerId: string;
  /** The app's private key and Alipay's public key are what the adapter needs. The other two are the simulator's. */
  readonly keys: AlipayKeys;
  /** By `out_trade_no`. */
  readonly trades: ReadonlyMap<string, SimulatedTrade>;
  readonly notifications: readonly SimulatedNotification[];
  /** The next call of `method` fails this way, after which calls behave again. Calls queue up. */
  failNext(method: string, failure?: SimulatedFailure): void;
  /** Sends the trade's notifications again, unchanged, as Alipay's retries do. */
  redeliverNotifications(outTradeNo: string): Promise<void>;
  /** Resolves when no notification is scheduled or in flight. */
  notificationsSettled(): Promise<void>;
  /** The login app's side: its id and keys, the authorise page's URL, the members, failure injection. */
  readonly userAuthorisation: AlipayUserAuthorisation;
}

const BILL_URL_LIFETIME_MS = 30_000;

const sendHtml = (response: ServerResponse, status: number, html: string): void => {
  response.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
  response.end(html);
};

export const startAlipaySimulator = async (options: AlipaySimulatorOptions = {}): Promise<AlipaySimulator> => {
  const keys = options.keys ?? (await generateAlipayKeys());
  const clock = options.clock ?? systemClock;
  const merchant: MerchantIds = {
    appId: options.appId ?? '2021000000000001',
    sellerId: options.sellerId ?? '2088000000000001',
  };
  const notifier: AsyncNotifier = createAsyncNotifier({
    retryDelaysMs: options.notificationRetryDelaysMs ?? [2000, 10_000, 60_000],
  });
  const failures = new Map<string, SimulatedFailure[]>();
  const billTokens = new Map<string, { readonly businessDate: string; readonly expiresAt: number }>();
  let baseUrl = '';
  const userAuthorisation = createUserAuthorisation({
    ...(options.userAuthorisationApp ? { app: options.userAuthorisationApp } : {}),
    alipayPrivateKey: keys.alipayPrivateKey,
    baseUrl: () => baseUrl,
  });

  const notify = (trade: SimulatedTrade, url: string | undefined, refund?: SimulatedRefund): void => {
    if (!url) return;
    const params = tradeNotificationParams(trade, merchant, clock.now(), refund);
    notifier.send(url, trade.outTradeNo, signNotificationParams(params, keys.alipayPrivateKey));
  };
  const book = createTradeBook((expired) => notify(expired, expired.notifyUrl));
  const gatewayApp = {
    appId: merchant.appId,
    appPublicKey: keys.appPublicKey,
    methods: new Set([...Object.keys(OPEN_API_METHODS), PAGE_PAY_METHOD]),
  };

  /** The envelope Alipay signs: the signature covers exactly the JSON text of the `…_response` member. */
  const answer = (response: ServerResponse, method: string | undefined, payload: Record<string, string>): void => {
    const key = method && gatewayApp.methods.has(method) ? `${method.replaceAll('.', '_')}_response` : 'error_response';
    const inner = JSON.stringify(payload);
    response.writeHead(200, { 'content-type': 'application/json;charset=utf-8' });
    response.end(`{"${key}":${inner},"sign":"${rsa2Sign(inner, keys.alipayPrivateKey)}"}`);
  };

  const issueBillUrl = (businessDate: string, now: number): string => {
    let endMs: number;
    try {
      endMs = businessDayBounds(businessDate).endMs;
    } catch {
      throw new TradeRefusal('isv.invalid-arguments', 'bill_date 不合法');
    }
    if (now < endMs) throw new TradeRefusal('isp.bill_not_exist', '账单不存在');
    const token = randomBytes(16).toString('hex');
    billTokens.set(token, { businessDate, expiresAt: now + BILL_URL_LIFETIME_MS });
    return `${baseUrl}/bill/download/${token}?bill_date=${businessDate}`;
  };

  const methodContext = (now: number): MethodContext => ({
    book,
    now,
    baseUrl,
    notifyRefund: (trade, refund) => notify(trade, trade.notifyUrl, refund),
    notifyClosed: (trade, url) => notify(trade, url),
    issueBillUrl: (businessDate) => issueBillUrl(businessDate, now),
  });

  const callMethod = (request: GatewayRequest, now: number): Record<string, string> => {
    const method = OPEN_API_METHODS[request.method];
    if (!method) throw new GatewayError('40002', 'isv.invalid-method', '不存在的方法名');
    try {
      return { code: '10000', msg: GATEWAY_MESSAGES['10000'], ...method(request, methodContext(now)) };
    } catch (error) {
      if (!(error instanceof TradeRefusal)) throw error;
      const outTradeNo = request.bizContent.out_trade_no;
      return {
        code: '40004',
        msg: GATEWAY_MESSAGES['40004'],
        sub_code: error.subCode,
        sub_msg: error.subMsg,
        ...(typeof outTradeNo === 'string' ? { out_trade_no: outTradeNo } : {}),
      };
    }
  };

  const openApi = (response: ServerResponse, params: Record<string, string>, now: number) => {
    const failure = params.method ? failures.get(params.method)?.shift() : undefined;
    if (failure === 'timeout') return; // never answered; `close` drops the connection
    if (failure === 'lost_answer') {
      try {
        callMethod(readGatewayRequest(params, gatewayApp), now);
      } catch {
        // carried out or refused: the caller never learns which
      }
      return;
    }
    if (failure === 'http_502') {
      response.writeHead(502, { 'content-type': 'text/html' });
      response.end('<html><body>502 Bad Gateway</body></html>');
      return;
    }
    if (failure === 'system_error') {
      return answer(response, params.method, {
        code: '20000',
        msg: GATEWAY_MESSAGES['20000'],
        sub_code: 'isp.unknow-error',
        sub_msg: '系统繁忙',
      });
    }
    try {
      answer(response, params.method, callMethod(readGatewayRequest(params, gatewayApp), now));
    } catch (error) {
      if (!(error instanceof GatewayError)) throw error;
      answer(response, params.method, {
        code: error.code,
        msg: GATEWAY_MESSAGES[error.code],
        sub_code: error.subCode,
        sub_msg: error.subMsg,
      });
    }
  };

  /** The browser arrives with a signed `alipay.trade.page.pay` request: open (or reuse) the trade, show the cashier. */
  const pagePay = (response: ServerResponse, params: Record<string, string>, now: number) => {
    try {
      const { bizContent } = readGatewayRequest(params, gatewayApp);
      const field = (name: string): string => {
        const value = bizContent[name];
        if (typeof value !== 'string' || value === '') throw new TradeRefusal('ACQ.INVALID_PARAMETER', `缺少 ${name}`);
        return value;
      };
      if (field('product_code') !== 'FAST_INSTANT_TRADE_PAY') {
        throw new TradeRefusal('ACQ.INVALID_PARAMETER', 'product_code 不合法');
      }
      let totalFen: number;
      let timeExpire: number | undefined;
      try {
        totalFen = yuanToFen(field('total_amount'));
        const expire = bizContent.time_expire;
        timeExpire = typeof expire === 'string' ? Date.parse(fromAlipayTime(expire)) : undefined;
      } catch {
        throw new TradeRefusal('ACQ.INVALID_PARAMETER', 'total_amount 或 time_expire 不合法');
      }
      if (timeExpire !== undefined && now >= timeExpire)
        throw new TradeRefusal('ACQ.TRADE_HAS_CLOSE', '交易已超时关闭');
      const trade = book.open(
        {
          outTradeNo: field('out_trade_no'),
          subject: field('subject'),
          totalFen,
          productCode: 'FAST_INSTANT_TRADE_PAY',
          ...(timeExpire === undefined ? {} : { timeExpire }),
          ...(params.notify_url ? { notifyUrl: params.notify_url } : {}),
          ...(params.return_url ? { returnUrl: params.return_url } : {}),
        },
        now,
      );
      response.writeHead(302, { location: `${baseUrl}/cashier/${trade.tradeNo}` });
      response.end();
    } catch (error) {
      if (error instanceof GatewayError) return sendHtml(response, 400, errorPage(error.subCode, error.subMsg));
      if (error instanceof TradeRefusal) return sendHtml(response, 409, errorPage(error.subCode, error.subMsg));
      throw error;
    }
  };

  const payAtCashier = (response: ServerResponse, tradeNo: string, now: number) => {
    const trade = book.find({ tradeNo }, now);
    if (!trade) return sendHtml(response, 404, errorPage('ACQ.TRADE_NOT_EXIST', '交易不存在'));
    if (trade.status !== 'WAIT_BUYER_PAY') return sendHtml(response, 409, cashierPage(trade));
    book.pay(trade, now);
    notify(trade, trade.notifyUrl);
    if (!trade.returnUrl) return sendHtml(response, 200, paidPage(trade));
    const back = new URL(trade.returnUrl);
    const signed = signNotificationParams(returnParams(trade, merchant, now), keys.alipayPrivateKey);
    for (const [name, value] of Object.entries(signed)) back.searchParams.set(name, value);
    response.writeHead(303, { location: back.toString() });
    response.end();
  };

  const downloadBill = (response: ServerResponse, token: string, now: number) => {
    const grant = billTokens.get(token);
    if (!grant || now > grant.expiresAt)
      return sendHtml(response, 404, errorPage('BILL_URL_EXPIRED', '下载链接已失效'));
    const { fileName, zip } = tradeBillZip({
      pid: merchant.sellerId,
      businessDate: grant.businessDate,
      trades: book.trades.values(),
      generatedAt: now,
    });
    response.writeHead(200, {
      'content-type': 'application/octet-stream',
      'content-disposition': `attachment; filename="${fileName}"`,
      'content-length': String(zip.length),
    });
    response.end(zip);
  };

  const server = await listenOnLoopback(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const body = await readRequestBody(request);
    const now = clock.now();
    const isForm = (request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
    if (url.pathname === '/gateway.do' && (request.method === 'POST' || request.method === 'GET')) {
      const params = mergeGatewayParams(url.searchParams, new URLSearchParams(isForm ? body.toString('utf8') : ''));
      if (params.app_id === userAuthorisation.view.appId) return userAuthorisation.openApi(response, params, now);
      return params.method === PAGE_PAY_METHOD ? pagePay(response, params, now) : openApi(response, params, now);
    }
    if (url.pathname === '/oauth2/publicAppAuthorize.htm' && (request.method === 'GET' || request.method === 'POST')) {
      const params = request.method === 'GET' ? url.searchParams : new URLSearchParams(body.toString('utf8'));
      return userAuthorisation.authorise(response, request.method, params, now);
    }
    const cashier = /^\/cashier\/(\d+)(\/pay)?$/.exec(url.pathname);
    if (cashier?.[1] && request.method === 'GET' && !cashier[2]) {
      const trade = book.find({ tradeNo: cashier[1] }, now);
      return trade
        ? sendHtml(response, 200, cashierPage(trade))
        : sendHtml(response, 404, errorPage('ACQ.TRADE_NOT_EXIST', '交易不存在'));
    }
    if (cashier?.[1] && request.method === 'POST' && cashier[2]) return payAtCashier(response, cashier[1], now);
    const bill = /^\/bill\/download\/([0-9a-f]+)$/.exec(url.pathname);
    if (bill?.[1] && request.method === 'GET') return downloadBill(response, bill[1], now);
    sendHtml(response, 404, errorPage('NOT_FOUND', url.pathname));
  }, options.port);
  baseUrl = server.baseUrl;

  return {
    baseUrl,
    gatewayUrl: `${baseUrl}/gateway.do`,
    appId: merchant.appId,
    sellerId: merchant.sellerId,
    keys,
    trades: book.trades,
    notifications: notifier.sent,
    failNext: (method, failure = 'system_error') => {
      failures.set(method, [...(failures.get(method) ?? []), failure]);
    },
    redeliverNotifications: (outTradeNo) => notifier.redeliver(outTradeNo),
    notificationsSettled: () => notifier.idle(),
    userAuthorisation: userAuthorisation.view,
    close: async () => {
      notifier.close();
      await server.close();
    },
  };
};
