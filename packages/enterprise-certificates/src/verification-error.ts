import { chinaDateOf } from '@platform/identifiers';

/**
 * Every refusal of an enterprise certificate sign-in, with a stable code to branch on and a message in each language
 * the portals show. Codes never change; wording may.
 */
export type CertificateErrorCode =
  | 'certificate_malformed'
  | 'certificate_untrusted'
  | 'certificate_signature_invalid'
  | 'certificate_expired'
  | 'certificate_not_yet_valid'
  | 'certificate_key_usage'
  | 'certificate_revoked'
  | 'revocation_unavailable'
  | 'challenge_signature_invalid'
  | 'challenge_replayed'
  | 'challenge_expired'
  | 'challenge_unknown'
  | 'uscc_missing'
  | 'uscc_invalid';

export interface CertificateError {
  readonly code: CertificateErrorCode;
  readonly message: string;
  readonly messageZh: string;
}

export interface CertificateErrorDetails {
  /** Epoch milliseconds: when the certificate expired, becomes valid, or was revoked. */
  readonly date?: number;
  /** Whether the fault is in the user's own certificate or in a CA certificate above it. */
  readonly which?: 'certificate' | 'issuer';
  /** For `uscc_invalid`: the identifier rule that was broken, in both languages. */
  readonly reason?: { readonly message: string; readonly messageZh: string };
}

type Text = { readonly en: string; readonly zh: string };

const day = (date: number | undefined): string => (date === undefined ? '' : chinaDateOf(new Date(date)));

const subject = (which: CertificateErrorDetails['which']): Text =>
  which === 'issuer'
    ? { en: 'The certificate authority (CA) certificate above your certificate', zh: '签发您证书的CA证书' }
    : { en: 'Your certificate', zh: '您的证书' };

const MESSAGES: Record<CertificateErrorCode, (details: CertificateErrorDetails) => Text> = {
  certificate_malformed: () => ({
    en: 'The certificate could not be read, or uses a key or algorithm this service does not accept. Choose your enterprise signing certificate again.',
    zh: '无法读取该证书，或证书使用了本平台不支持的密钥或算法。请重新选择企业签名证书。',
  }),
  certificate_untrusted: () => ({
    en: 'This certificate was not issued by a certificate authority (CA) this service accepts.',
    zh: '该证书不是由本平台认可的数字证书认证机构（CA）签发的。',
  }),
  certificate_signature_invalid: () => ({
    en: 'The certificate has been altered or damaged: its CA signature does not match. Use the certificate exactly as your CA issued it.',
    zh: '证书已被篡改或损坏，CA签名验证不通过。请使用CA签发的原始证书。',
  }),
  certificate_expired: ({ date, which }) => ({
    en: `${subject(which).en} expired on ${day(date)}. Renew it with your certificate authority.`,
    zh: `${subject(which).zh}已于${day(date)}过期，请向证书认证机构办理证书更新。`,
  }),
  certificate_not_yet_valid: ({ date, which }) => ({
    en: `${subject(which).en} is not valid until ${day(date)}.`,
    zh: `${subject(which).zh}自${day(date)}起才生效。`,
  }),
  certificate_key_usage: ({ which }) =>
    which === 'issuer'
      ? {
          en: 'The certificate was issued by a certificate that is not allowed to issue certificates.',
          zh: '签发该证书的证书无权签发证书。',
        }
      : {
          en: 'This certificate may not be used to sign in (it is not a signing certificate). Use your enterprise signing certificate.',
          zh: '该证书不能用于登录（不是签名证书），请使用企业签名证书。',
        },
  certificate_revoked: ({ date, which }) => ({
    en: `${subject(which).en} was revoked by its certificate authority on ${day(date)}.`,
    zh: `${subject(which).zh}已于${day(date)}被证书认证机构吊销。`,
  }),
  revocation_unavailable: () => ({
    en: 'We could not check with the certificate authority whether this certificate has been revoked. Try again later.',
    zh: '暂时无法向证书认证机构核实该证书是否已被吊销，请稍后再试。',
  }),
  challenge_signature_invalid: () => ({
    en: "The signature was not made with this certificate's private key. Sign with the key that belongs to the certificate you chose.",
    zh: '签名不是由该证书对应的私钥生成的。请使用与所选证书匹配的私钥签名。',
  }),
  challenge_replayed: () => ({
    en: 'This sign-in request has already been used. Start signing in again.',
    zh: '该登录请求已被使用，请重新登录。',
  }),
  challenge_expired: () => ({
    en: 'This sign-in request has expired. Start signing in again.',
    zh: '该登录请求已过期，请重新登录。',
  }),
  challenge_unknown: () => ({
    en: 'This sign-in request was not found. Start signing in again.',
    zh: '未找到该登录请求，请重新登录。',
  }),
  uscc_missing: () => ({
    en: 'The certificate does not carry a Unified Social Credit Code where its certificate authority puts it.',
    zh: '证书中未找到统一社会信用代码。',
  }),
  uscc_invalid: ({ reason }) => ({
    en: `The Unified Social Credit Code in the certificate is not valid. ${reason?.message ?? ''}`.trim(),
    zh: `证书中的统一社会信用代码无效。${reason?.messageZh ?? ''}`,
  }),
};

export const certificateError = (
  code: CertificateErrorCode,
  details: CertificateErrorDetails = {},
): CertificateError => {
  const { en, zh } = MESSAGES[code](details);
  return { code, message: en, messageZh: zh };
};

/** A check either passes or fails with exactly one error, the first rule broken. */
export type CheckResult = { readonly ok: true } | { readonly ok: false; readonly error: CertificateError };

export const PASSED: CheckResult = { ok: true };

export const failed = (code: CertificateErrorCode, details?: CertificateErrorDetails): CheckResult => ({
  ok: false,
  error: certificateError(code, details),
});
