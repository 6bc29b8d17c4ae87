/** Default Alipay authorise page (user information authorisation, `scope=auth_user`). */
export const ALIPAY_AUTHORISE_URL = 'https://openauth.alipay.com/oauth2/publicAppAuthorize.htm';

const isLoopback = (url: URL) => ['127.0.0.1', '[::1]', 'localhost'].includes(url.hostname);

/** An Alipay endpoint: https, plain http only on loopback (a local simulator). */
export const checkedAlipayUrl = (name: string, value: string): string => {
  const url = new URL(value);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url))) {
    throw new TypeError(`${name} must be https (plain http only on loopback, for a local simulator).`);
  }
  return url.toString();
};

/**
 * Where the browser goes to authorise the login app at Alipay. Pure, without the SDK: the identity provider builds it
 * while the code exchange (which needs the SDK and the app's private key) runs in another function.
 */
export const alipayAuthoriseUrl = (
  app: { readonly appId: string; readonly authoriseUrl?: string },
  request: { readonly redirectUri: string; readonly state: string },
): string => {
  const url = new URL(checkedAlipayUrl('authoriseUrl', app.authoriseUrl ?? ALIPAY_AUTHORISE_URL));
  url.searchParams.set('app_id', app.appId);
  url.searchParams.set('scope', 'auth_user');
  url.searchParams.set('redirect_uri', request.redirectUri);
  url.searchParams.set('state', request.state);
  return url.toString();
};
