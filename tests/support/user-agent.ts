/**
 * A scripted browser without a browser: fetch with a cookie jar and manual redirects, so protocol tests can walk
 * the real sign-in pages (forms, CSRF tokens, SMS codes from the sandbox) quickly and stop at the portal's
 * redirect URI.
 */
export class UserAgent {
  private readonly cookies = new Map<string, Map<string, string>>();

  private jarFor(url: URL): Map<string, string> {
    let jar = this.cookies.get(url.host);
    if (!jar) {
      jar = new Map();
      this.cookies.set(url.host, jar);
    }
    return jar;
  }

  async request(input: string | URL, init: RequestInit = {}): Promise<Response> {
    const url = new URL(input);
    const jar = this.jarFor(url);
    const headers = new Headers(init.headers);
    if (jar.size) headers.set('cookie', [...jar].map(([name, value]) => `${name}=${value}`).join('; '));
    headers.set('accept-language', headers.get('accept-language') ?? 'zh-CN');
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const separator = pair.indexOf('=');
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0/i.test(a) || /^\s*expires=Thu, 01 Jan 1970/i.test(a));
      if (expired || value === '') jar.delete(name);
      else jar.set(name, value);
    }
    return response;
  }

  /** Follows redirects until one points at `stopAt` (returned, not fetched) or a page answers. */
  async follow(
    input: string | URL,
    init: RequestInit = {},
    stopAt?: string,
  ): Promise<{ url: URL; response?: Response }> {
    let url = new URL(input);
    let response = await this.request(url, init);
    for (let hops = 0; hops < 20; hops += 1) {
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) return { url, response };
      url = new URL(location, url);
      if (stopAt && url.href.startsWith(stopAt)) return { url };
      response = await this.request(url);
    }
    throw new Error(`too many redirects from ${input}`);
  }

  async postForm(url: string | URL, fields: Record<string, string>, stopAt?: string) {
    return this.follow(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields).toString(),
      },
      stopAt,
    );
  }
}

export const hiddenField = (page: string, name: string): string => {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(page);
  if (!match) throw new Error(`no hidden field ${name} in page: ${page.slice(0, 400)}`);
  return match[1] as string;
};

export const formAction = (page: string, pathEnd: string): string => {
  const match = new RegExp(`action="([^"]*${pathEnd}[^"]*)"`).exec(page);
  if (!match) throw new Error(`no form posting to …${pathEnd}`);
  return (match[1] as string).replaceAll('&amp;', '&');
};

/** The newest SMS code the sandbox "sent" to a phone number. */
export const latestSmsCode = async (identityUrl: string, phone: string): Promise<string> => {
  const response = await fetch(`${identityUrl}/_sandbox/sms?phone=${phone}`);
  const { messages } = (await response.json()) as { messages: { text: string }[] };
  const code = /(\d{6})/.exec(messages[0]?.text ?? '')?.[1];
  if (!code) throw new Error(`no SMS code for ${phone}`);
  return code;
};

/**
 * Walks the identity provider's pages from an authorization URL as a person would: enters the phone number, the SMS
 * code from the sandbox, and allows consent when asked; returns the redirect back to the portal (`code`, `state`).
 */
export const signInByPhone = async (
  agent: UserAgent,
  authorizationUrl: URL,
  identityUrl: string,
  phone: string,
  redirectUri: string,
): Promise<URL> => {
  let step = await agent.follow(authorizationUrl, {}, redirectUri);
  for (let pages = 0; pages < 5; pages += 1) {
    if (!step.response) return step.url;
    const page = await step.response.text();
    const csrf = () => hiddenField(page, 'csrf');
    if (page.includes('/phone?')) {
      step = await agent.postForm(
        new URL(formAction(page, '/phone'), identityUrl),
        { csrf: csrf(), phone },
        redirectUri,
      );
    } else if (page.includes('/code?')) {
      const code = await latestSmsCode(identityUrl, phone);
      const fields = { csrf: csrf(), challenge: hiddenField(page, 'challenge'), code };
      step = await agent.postForm(new URL(formAction(page, '/code'), identityUrl), fields, redirectUri);
    } else if (page.includes('/consent?')) {
      step = await agent.postForm(new URL(formAction(page, '/consent'), identityUrl), { csrf: csrf() }, redirectUri);
    } else {
      throw new Error(`unexpected page during sign-in (${step.response.status}): ${page.slice(0, 800)}`);
    }
  }
  throw new Error('sign-in did not return to the portal');
};
