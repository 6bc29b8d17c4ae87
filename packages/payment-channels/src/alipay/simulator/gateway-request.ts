import { rsa2Verify, signContent } from './rsa2.ts';

/**
 * The checks Alipay's gateway (`/gateway.do`, open API v2) makes before any business logic, in its order, with its
 * codes. The parameters are the union of the query string (the SDK puts the common parameters there) and the
 * form-encoded body (`biz_content` and the rest).
 */
export type GatewayCode = '10000' | '20000' | '40001' | '40002' | '40004' | '40006';

export const GATEWAY_MESSAGES: Readonly<Record<GatewayCode, string>> = {
  '10000': 'Success',
  '20000': 'Service Currently Unavailable',
  '40001': 'Missing Required Arguments',
  '40002': 'Invalid Arguments',
  '40004': 'Business Failed',
  '40006': 'Insufficient Permissions',
};

export class GatewayError extends Error {
  readonly code: GatewayCode;
  readonly subCode: string;
  readonly subMsg: string;

  constructor(code: GatewayCode, subCode: string, subMsg: string) {
    super(`${code} ${subCode} ${subMsg}`);
    this.name = 'GatewayError';
    this.code = code;
    this.subCode = subCode;
    this.subMsg = subMsg;
  }
}

export interface GatewayRequest {
  readonly method: string;
  readonly params: Readonly<Record<string, string>>;
  readonly bizContent: Readonly<Record<string, unknown>>;
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

export const mergeGatewayParams = (query: URLSearchParams, form: URLSearchParams): Record<string, string> => ({
  ...Object.fromEntries(query),
  ...Object.fromEntries(form),
});

export const readGatewayRequest = (
  params: Readonly<Record<string, string>>,
  app: { readonly appId: string; readonly appPublicKey: string; readonly methods: ReadonlySet<string> },
): GatewayRequest => {
  const required = (name: string, subCode: string): string => {
    const value = params[name];
    if (!value) throw new GatewayError('40001', subCode, `缺少${name}参数`);
    return value;
  };
  const appId = required('app_id', 'isv.missing-app-id');
  if (appId !== app.appId) throw new GatewayError('40002', 'isv.invalid-app-id', '无效的AppID参数');
  const method = required('method', 'isv.missing-method');
  if (!app.methods.has(method)) throw new GatewayError('40002', 'isv.invalid-method', '不存在的方法名');
  const signature = required('sign', 'isv.missing-signature');
  if (required('sign_type', 'isv.missing-signature-type') !== 'RSA2') {
    throw new GatewayError('40002', 'isv.invalid-signature-type', '无效的签名类型');
  }
  if (!TIMESTAMP.test(required('timestamp', 'isv.missing-timestamp'))) {
    throw new GatewayError('40002', 'isv.invalid-timestamp', '非法的时间戳参数');
  }
  if ((params.charset ?? 'utf-8').toLowerCase() !== 'utf-8') {
    throw new GatewayError('40002', 'isv.invalid-charset', '字符集错误');
  }
  if (params.version !== undefined && params.version !== '1.0') {
    throw new GatewayError('40002', 'isv.invalid-version', '版本号错误');
  }
  const content = signContent(params, ['sign']);
  if (!rsa2Verify(content, signature, app.appPublicKey)) {
    throw new GatewayError(
      '40002',
      'isv.invalid-signature',
      `验签出错，建议检查签名字符串或签名私钥与应用公钥是否匹配，网关生成的验签字符串为：${content}`,
    );
  }
  let bizContent: unknown = {};
  if (params.biz_content !== undefined) {
    try {
      bizContent = JSON.parse(params.biz_content);
    } catch {
      throw new GatewayError('40002', 'isv.invalid-parameter', 'biz_content 不是合法的 JSON');
    }
  }
  if (typeof bizContent !== 'object' || bizContent === null || Array.isArray(bizContent)) {
    throw new GatewayError('40002', 'isv.invalid-parameter', 'biz_content 不是 JSON 对象');
  }
  return { method, params, bizContent: bizContent as Record<string, unknown> };
};
