import type { APIGatewayProxyEventV2 } from 'aws-lambda';

export type Language = 'zh' | 'en';

/** `?lang=zh|en` first (a link can pin it), then the first language of `Accept-Language`; Chinese by default. */
export const languageOf = (event: APIGatewayProxyEventV2): Language => {
  const asked = event.queryStringParameters?.lang;
  if (asked === 'en' || asked === 'zh') return asked;
  const first = (event.headers?.['accept-language'] ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh';
};

export type { Bilingual } from '@platform/html';
