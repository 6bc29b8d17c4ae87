import { generateKeyPair, generateKeyPairSync, randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { authoriseErrorPage, authorisePage } from './authorise-page.ts';
import { GATEWAY_MESSAGES, GatewayError, readGatewayRequest } from './gateway-request.ts';
import { rsa2Sign } from './rsa2.ts';
import { SIMULATED_ALIPAY_USERS, type SimulatedAlipayUser } from './simulated-alipay-users.ts';

/**
 * Alipay's user information authorisation (用户信息授权, web flow) for a second app of the simulator: the login app a
 * platform registers to read its users' real-name data, separate from the payments app and with its own key pair.
 *
 * - `GET /oauth2/publicAppAuthorize.htm?app_id=…&scope=auth_user&redirect_uri=…&state=…`: the authorise page
 *   (openauth.alipay.com in production). The member picks an account and clicks 授权; the browser is sent to
 *   `redirect_uri?app_id=…&source=alipay_wallet&scope=…&auth_code=…&state=…`. An auth code is single use and lives
 *   5 minutes.
 * - `alipay.system.oauth.token` (`grant_type=authorization_code`, `code`: common parameters, not `biz_content`) →
 *   `user_id`, `access_token`, `expires_in`, `refresh_token`, `re_expires_in`, `auth_start`; a bad code answers
 *   `40002 isv.code-invalid`.
 * - `alipay.user.info.share` (`auth_token` common parameter) → `user_id`, `nick_name`, `gender`, `is_certified` and,
 *   for a certified member, `user_name`, `cert_type`, `cert_no` (fields Alipay releases only to apps granted them); a
 *   bad or expired token answers `20001 aop.invalid-auth-token`, a token of scope `auth_base` `40006`.
 *
 * Requests are verified with the login app's public key (RSA2, `readGatewayRequest`); answers are signed with
 * Alipay's private key over the exact `…_response` JSON text, as the payment methods' are.
 */
export interface UserAuthorisationApp {
  readonly appId: string;
  /** Shown on the authorise page. */
  readonly appName: string;
  readonly appPrivateKey: string;
  readonly appPublicKey: string;
}

/** `forged_signature`: the answer is correct but its `sign` is not Alipay's (a man in the middle). */
export type UserAuthorisationFailure = 'system_error' | 'http_502' | 'timeout' | 'forged_signature';

export const USER_AUTHORISATION_METHODS = ['alipay.system.oauth.token', 'alipay.user.info.share'] as const;

export interface AlipayUserAuthorisation {
  readonly appId: string;
  /** The login app's key pair: the platform keeps the private key. */
  readonly appPrivateKey: string;
  readonly appPublicKey: string;
  /** `<baseUrl>/oauth2/publicAppAuthorize.htm`: what the platform redirects the browser to. */
  readonly authoriseUrl: string;
  readonly users: readonly SimulatedAlipayUser[];
  /** The next call of `method` fails this way. Calls queue up. */
  failNext(method: (typeof USER_AUTHORISATION_METHODS)[number], failure?: UserAuthorisationFailure): void;
}

const AUTH_CODE_LIFETIME_MS = 5 * 60_000;
const ACCESS_TOKEN_LIFETIME_S = 1_296_000;
const REFRESH_TOKEN_LIFETIME_S = 2_592_000;

const sendHtml = (response: ServerResponse, status: number, html: string): void => {
  response.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
  response.end(html);
};

/** `2026-11-23 16:00:00` in Beijing time, the format of Alipay's `auth_start`. */
const beijingTime = (ms: number): string => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');

const DEFAULT_APP_ID = '2021000000000002';
const DEFAULT_APP_NAME = '统一身份认证平台（本地）';
const KEY_OPTIONS = {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
} as const;

export const generateUserAuthorisationApp = async (
  appId = DEFAULT_APP_ID,
  appName = DEFAULT_APP_NAME,
): Promise<UserAuthorisationApp> => {
  const pair = await promisify(generateKeyPair)('rsa', KEY_OPTIONS);
  return { appId, appName, appPrivateKey: pair.privateKey, appPublicKey: pair.publicKey };
};

interface Grant {
  readonly userId: string;
  readonly scope: string;
  readonly expiresAt: number;
}

export const createUserAuthorisation = (options: {
  /** Default: app id `2021000000000002`, its key pair made on first use (most simulators only take payments). */
  readonly app?: UserAuthorisationApp;
  readonly alipayPrivateKey: string;
  readonly baseUrl: () => string;
  readonly users?: readonly SimulatedAlipayUser[];
}) => {
  let generated: UserAuthorisationApp | undefined;
  const app = (): UserAuthorisationApp => {
    if (options.app) return options.app;
    if (!generated) {
      const pair = generateKeyPairSync('rsa', KEY_OPTIONS);
      generated = {
        appId: DEFAULT_APP_ID,
        appName: DEFAULT_APP_NAME,
        appPrivateKey: pair.privateKey,
        appPublicKey: pair.publicKey,
      };
    }
    return generated;
  };
  const appId = options.app?.appId ?? DEFAULT_APP_ID;
  const users = options.users ?? SIMULATED_ALIPAY_USERS;
  const codes = new Map<string, Grant>();
  const tokens = new Map<string, Grant>();
  const failures = new Map<string, UserAuthorisationFailure[]>();
  const methods = new Set(USER_AUTHORISATION_METHODS);

  const answer = (response: ServerResponse, method: string, payload: Record<string, unknown>, forged = false) => {
    const inner = JSON.stringify(payload);
    // A forged answer is signed over other content: the signature is well formed but does not verify.
    const sign = rsa2Sign(forged ? `${inner} ` : inner, options.alipayPrivateKey);
    response.writeHead(200, { 'content-type': 'application/json;charset=utf-8' });
    response.end(`{"${method.replaceAll('.', '_')}_response":${inner},"sign":"${sign}"}`);
  };

  const refusal = (code: string, msg: string, subCode: string, subMsg: string) => ({
    code,
    msg,
    sub_code: subCode,
    sub_msg: subMsg,
  });

  const oauthToken = (params: Readonly<Record<string, string>>, now: number): Record<string, unknown> => {
    if (params.grant_type !== 'authorization_code') {
      return refusal('40002', GATEWAY_MESSAGES['40002'], 'isv.grant-type-invalid', 'grant_type 不合法');
    }
    const grant = params.code ? codes.get(params.code) : undefined;
    if (params.code) codes.delete(params.code); // single use, even when expired
    if (!grant || now > grant.expiresAt) {
      return refusal('40002', GATEWAY_MESSAGES['40002'], 'isv.code-invalid', '授权码code无效');
    }
    const accessToken = `authusrB${randomBytes(16).toString('hex')}`;
    tokens.set(accessToken, { ...grant, expiresAt: now + ACCESS_TOKEN_LIFETIME_S * 1000 });
    return {
      user_id: grant.userId,
      access_token: accessToken,
      expires_in: ACCESS_TOKEN_LIFETIME_S,
      refresh_token: `authusrR${randomBytes(16).toString('hex')}`,
      re_expires_in: REFRESH_TOKEN_LIFETIME_S,
      auth_start: beijingTime(now),
    };
  };

  const userInfo = (params: Readonly<Record<string, string>>, now: number): Record<string, unknown> => {
    const grant = params.auth_token ? tokens.get(params.auth_token) : undefined;
    if (!grant || now > grant.expiresAt) {
      return refusal('20001', 'Insufficient Token Permissions', 'aop.invalid-auth-token', '无效的访问令牌');
    }
    if (!grant.scope.split(',').includes('auth_user')) {
      return refusal('40006', GATEWAY_MESSAGES['40006'], 'isv.insufficient-user-permissions', '用户未授权');
    }
    const user = users.find((candidate) => candidate.userId === grant.userId) as SimulatedAlipayUser;
    return {
      code: '10000',
      msg: GATEWAY_MESSAGES['10000'],
      user_id: user.userId,
      nick_name: user.nickName,
      ...(user.gender ? { gender: user.gender } : {}),
      is_certified: user.isCertified,
      ...(user.isCertified === 'T' ? { user_name: user.userName, cert_type: user.certType, cert_no: user.certNo } : {}),
    };
  };

  /** An open API call addressed to the login app (the simulator routes by `app_id`). */
  const openApi = (response: ServerResponse, params: Record<string, string>, now: number) => {
    const method = params.method ?? '';
    const failure = failures.get(method)?.shift();
    if (failure === 'timeout') return;
    if (failure === 'http_502') {
      response.writeHead(502, { 'content-type': 'text/html' });
      response.end('<html><body>502 Bad Gateway</body></html>');
      return;
    }
    if (failure === 'system_error') {
      return answer(response, method, refusal('20000', GATEWAY_MESSAGES['20000'], 'isp.unknow-error', '系统繁忙'));
    }
    let payload: Record<string, unknown>;
    try {
      const request = readGatewayRequest(params, { appId, appPublicKey: app().appPublicKey, methods });
      payload = request.method === 'alipay.system.oauth.token' ? oauthToken(params, now) : userInfo(params, now);
    } catch (error) {
      if (!(error instanceof GatewayError)) throw error;
      payload = refusal(error.code, GATEWAY_MESSAGES[error.code], error.subCode, error.subMsg);
    }
    answer(response, method, payload, failure === 'forged_signature');
  };

  /** The authorise page (GET) and the member's click (POST, form-encoded). */
  const authorise = (response: ServerResponse, method: string, params: URLSearchParams, now: number) => {
    const requestedAppId = params.get('app_id') ?? '';
    const scope = params.get('scope') ?? '';
    const redirectUri = params.get('redirect_uri') ?? '';
    const state = params.get('state') ?? '';
    if (requestedAppId !== appId)
      return sendHtml(response, 400, authoriseErrorPage('invalid-app-id', '无效的AppID参数'));
    if (!scope.split(',').every((s) => s === 'auth_user' || s === 'auth_base') || scope === '') {
      return sendHtml(response, 400, authoriseErrorPage('invalid-scope', 'scope 不合法'));
    }
    let back: URL;
    try {
      back = new URL(redirectUri);
    } catch {
      return sendHtml(response, 400, authoriseErrorPage('invalid-redirect-uri', 'redirect_uri 不合法'));
    }
    if (method === 'GET') {
      return sendHtml(
        response,
        200,
        authorisePage({ appId, appName: options.app?.appName ?? DEFAULT_APP_NAME, scope, redirectUri, state }, users),
      );
    }
    const user = users.find((candidate) => candidate.userId === params.get('user_id'));
    if (!user) return sendHtml(response, 400, authoriseErrorPage('invalid-user', '请选择支付宝账户'));
    const code = randomBytes(16).toString('hex');
    codes.set(code, { userId: user.userId, scope, expiresAt: now + AUTH_CODE_LIFETIME_MS });
    back.searchParams.set('app_id', appId);
    back.searchParams.set('source', 'alipay_wallet');
    back.searchParams.set('scope', scope);
    back.searchParams.set('auth_code', code);
    if (state) back.searchParams.set('state', state);
    response.writeHead(302, { location: back.toString() });
    response.end();
  };

  const view: AlipayUserAuthorisation = {
    appId,
    get appPrivateKey() {
      return app().appPrivateKey;
    },
    get appPublicKey() {
      return app().appPublicKey;
    },
    get authoriseUrl() {
      return `${options.baseUrl()}/oauth2/publicAppAuthorize.htm`;
    },
    users,
    failNext: (method, failure = 'system_error') => {
      failures.set(method, [...(failures.get(method) ?? []), failure]);
    },
  };
  return { view, openApi, authorise };
};
