import type { SmsMessage } from './sms-sender.ts';

export type Locale = 'zh-CN' | 'en';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

export const isLocale = (value: unknown): value is Locale => LOCALES.includes(value as Locale);

/** The sign (签名) in brackets at the head of each message; gateways require a registered one per language. */
export const DEFAULT_SIGN_NAMES: Readonly<Record<Locale, string>> = { 'zh-CN': '政务服务', en: 'Gov Services' };

export const SIGN_IN_TEMPLATE_IDS: Readonly<Record<Locale, string>> = {
  'zh-CN': 'phone-otp.sign-in.zh-CN',
  en: 'phone-otp.sign-in.en',
};

export interface SignInMessageInput {
  readonly locale: Locale;
  readonly code: string;
  readonly validMinutes: number;
  readonly signName: string;
}

const TEXT: Record<Locale, (input: SignInMessageInput) => string> = {
  'zh-CN': ({ signName, code, validMinutes }) =>
    `【${signName}】验证码 ${code}，${validMinutes}分钟内有效，请勿告诉他人。`,
  en: ({ signName, code, validMinutes }) =>
    `[${signName}] Your code is ${code}, valid for ${validMinutes} minute${validMinutes === 1 ? '' : 's'}. Never share it.`,
};

/** The sign-in message in the user's language; gateway templates take only `code`, as verification templates must. */
export const signInMessage = (input: SignInMessageInput): Omit<SmsMessage, 'phone'> => ({
  text: TEXT[input.locale](input),
  templateId: SIGN_IN_TEMPLATE_IDS[input.locale],
  params: { code: input.code },
});
