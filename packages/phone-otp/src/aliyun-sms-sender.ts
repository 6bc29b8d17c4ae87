import { randomUUID } from 'node:crypto';
import { canonicalizedQueryString, percentEncode, rpcSignature } from './aliyun-signature.ts';
import { type Clock, systemClock } from './clock.ts';
import {
  SmsDeliveryError,
  type SmsFailureKind,
  type SmsMessage,
  type SmsReceipt,
  type SmsSender,
} from './sms-sender.ts';

/**
 * `SmsSender` speaking Alibaba Cloud SMS (dysmsapi, API version 2017-05-25, action `SendSms`) over its RPC protocol:
 * a signed GET whose answer is JSON, `{"Code":"OK","BizId":…,"RequestId":…}` or an error `Code`. `baseUrl` lets a
 * local simulator that speaks the same protocol stand in for the gateway.
 */
export interface AliyunSmsOptions {
  /** Default `https://dysmsapi.aliyuncs.com`. */
  readonly baseUrl?: string;
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  /** The registered sign (签名), without brackets. */
  readonly signName: string;
  /** One approved template code (`SMS_123456789`) for every message, or one per platform template id. */
  readonly templateCode: string | Readonly<Record<string, string>>;
  /** Default `cn-hangzhou`, the region of the domestic SMS endpoint. */
  readonly regionId?: string;
  /** Default 5000. */
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
  readonly clock?: Clock;
  readonly nonce?: () => string;
}

const DEFAULT_BASE_URL = 'https://dysmsapi.aliyuncs.com';

/** Alibaba Cloud's error codes, grouped by what the caller can do about them; anything unlisted is configuration. */
const FAILURE_KINDS: Readonly<Record<string, SmsFailureKind>> = {
  'isv.BUSINESS_LIMIT_CONTROL': 'throttled',
  'isv.DAY_LIMIT_CONTROL': 'throttled',
  'isv.MONTH_LIMIT_CONTROL': 'throttled',
  Throttling: 'throttled',
  'Throttling.User': 'throttled',
  'Throttling.Api': 'throttled',
  'isv.MOBILE_NUMBER_ILLEGAL': 'recipient_rejected',
  'isv.BLACK_KEY_CONTROL_LIMIT': 'recipient_rejected',
  'isp.SYSTEM_ERROR': 'unavailable',
  'isp.GATEWAY_ERROR': 'unavailable',
  ServiceUnavailable: 'unavailable',
  InternalError: 'unavailable',
};

/** `2016-02-23T12:46:24Z`: ISO 8601 in UTC without milliseconds, as the API requires. */
const timestamp = (epochMilliseconds: number): string =>
  new Date(epochMilliseconds).toISOString().replace(/\.\d{3}Z$/, 'Z');

interface SendSmsAnswer {
  readonly Code?: string;
  readonly Message?: string;
  readonly BizId?: string;
  readonly RequestId?: string;
}

export const createAliyunSmsSender = (options: AliyunSmsOptions): SmsSender => {
  if (!options.accessKeyId || !options.accessKeySecret)
    throw new TypeError('Alibaba Cloud access key is not configured.');
  if (!options.signName) throw new TypeError('Alibaba Cloud SMS sign name is not configured.');
  // RPC APIs live at the root of the endpoint; a simulator may mount them under a path of its own.
  const endpoint = new URL(options.baseUrl ?? DEFAULT_BASE_URL);
  const base = `${endpoint.origin}${endpoint.pathname.endsWith('/') ? endpoint.pathname : `${endpoint.pathname}/`}`;
  const doFetch = options.fetch ?? fetch;
  const clock = options.clock ?? systemClock;
  const nonce = options.nonce ?? randomUUID;
  const timeoutMs = options.timeoutMs ?? 5000;

  const templateCodeFor = (templateId: string): string => {
    const code = typeof options.templateCode === 'string' ? options.templateCode : options.templateCode[templateId];
    if (!code) throw new SmsDeliveryError('configuration', `No Alibaba Cloud template code for ${templateId}.`);
    return code;
  };

  const signedUrl = (message: SmsMessage): string => {
    const parameters: Record<string, string> = {
      AccessKeyId: options.accessKeyId,
      Action: 'SendSms',
      Format: 'JSON',
      PhoneNumbers: message.phone,
      RegionId: options.regionId ?? 'cn-hangzhou',
      SignName: options.signName,
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: nonce(),
      SignatureVersion: '1.0',
      TemplateCode: templateCodeFor(message.templateId),
      TemplateParam: JSON.stringify(message.params),
      Timestamp: timestamp(clock.now()),
      Version: '2017-05-25',
    };
    const signature = rpcSignature('GET', parameters, options.accessKeySecret);
    return `${base}?${canonicalizedQueryString(parameters)}&Signature=${percentEncode(signature)}`;
  };

  const answerOf = async (response: Response): Promise<SendSmsAnswer> => {
    try {
      return (await response.json()) as SendSmsAnswer;
    } catch (cause) {
      throw new SmsDeliveryError('unavailable', `Alibaba Cloud SMS answered HTTP ${response.status} without JSON.`, {
        cause,
      });
    }
  };

  return {
    send: async (message: SmsMessage): Promise<SmsReceipt> => {
      const url = signedUrl(message);
      let response: Response;
      try {
        response = await doFetch(url, { method: 'GET', signal: AbortSignal.timeout(timeoutMs) });
      } catch (cause) {
        throw new SmsDeliveryError('unavailable', 'Alibaba Cloud SMS did not answer.', { cause });
      }
      const answer = await answerOf(response);
      if (response.ok && answer.Code === 'OK') return { messageId: answer.BizId ?? answer.RequestId ?? '' };
      const providerCode = answer.Code ?? `HTTP_${response.status}`;
      const kind = FAILURE_KINDS[providerCode] ?? (response.status >= 500 ? 'unavailable' : 'configuration');
      throw new SmsDeliveryError(
        kind,
        `Alibaba Cloud SMS refused the message: ${providerCode} ${answer.Message ?? ''}`.trim(),
        {
          providerCode,
        },
      );
    },
  };
};
