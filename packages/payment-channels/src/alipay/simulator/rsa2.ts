import { createSign, createVerify, type KeyObject } from 'node:crypto';

/**
 * Alipay's RSA2 recipe for its gateway (open API v2), written here from its documentation and independently of
 * `alipay-sdk`, so that the simulator checks the SDK rather than agreeing with it by construction.
 *
 * To sign a parameter set, drop `sign` (for requests) or `sign` and `sign_type` (for notifications and return
 * parameters) and every empty value, sort the rest by key in ASCII order, and join them as `key=value` with `&`.
 * Values are raw: not URL-encoded. Sign that UTF-8 string with SHA256withRSA and encode it in base64.
 */
export const signContent = (params: Readonly<Record<string, string>>, excluded: readonly string[]): string =>
  Object.keys(params)
    .filter((key) => !excluded.includes(key) && params[key] !== undefined && params[key] !== '')
    .sort()
    .map((key) => `${key}=${params[key]}`)
    .join('&');

export const rsa2Sign = (content: string, privateKey: string | KeyObject): string =>
  createSign('RSA-SHA256').update(content, 'utf8').sign(privateKey, 'base64');

export const rsa2Verify = (content: string, signature: string, publicKey: string | KeyObject): boolean => {
  try {
    return createVerify('RSA-SHA256').update(content, 'utf8').verify(publicKey, signature, 'base64');
  } catch {
    return false;
  }
};

/** Signs notification or return parameters: returns them with `sign_type` and `sign` added. */
export const signNotificationParams = (
  params: Readonly<Record<string, string>>,
  privateKey: string | KeyObject,
): Record<string, string> => {
  const withType = { ...params, sign_type: 'RSA2' };
  return { ...withType, sign: rsa2Sign(signContent(withType, ['sign', 'sign_type']), privateKey) };
};
