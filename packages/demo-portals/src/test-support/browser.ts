/**
 * Just enough of a browser for the tests to drive the portals and the provider with plain fetch: a cookie jar that
 * scopes cookies the way a browser does (by host name, not port, and by path), redirect following, and forms.
 */
interface StoredCookie {
  readonly host: string;
  readonly name: string;
  readonly value: string;
  readonly path: string;
}

export class CookieJar {
  #cookies: StoredCookie[] = [];

  store(url: URL, response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
      const separator = pair.indexOf('=');
      const name = pair.slice(0, separator);
      const value = pair.slice(separator + 1);
      let path = url.pathname.replace(/\/[^/]*$/, '') || '/';
      let expired = false;
      for (const attribute of attributes) {
        const [key = '', attributeValue = ''] = attribute.split('=');
        if (key.toLowerCase() === 'path') path = attributeValue;
        if (key.toLowerCase() === 'max-age' && Number(attributeValue) <= 0) expired = true;
        if (key.toLowerCase() === 'expires' && Date.parse(attributeValue) <= Date.now()) expired = true;
      }
      this.#cookies = this.#cookies.filter((c) => !(c.host === url.hostname && c.name === name && c.path === path));
      if (!expired) this.#cookies.push({ host: url.hostname, name, value, path });
    }
  }

  header(url: URL): string {
    return this.#cookies
      .filter(
        (c) =>
          c.host === url.hostname &&
          (url.pathname === c.path || url.pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`)),
      )
      .sort((a, b) => b.path.length - a.path.length)
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
  }

  value(url: URL, name: string): string | undefined {
    return this.#cookies.find((c) => c.host === url.hostname && c.name === name)?.value;
  }
}

export interface Visit {
  readonly response: Response;
  readonly url: URL;
  readonly body: string;
  /** Every URL passed through, redirects included. */
  readonly trail: readonly URL[];
}

export interface RequestOptions {
  readonly method?: string;
  readonly form?: Record<string, string>;
  readonly headers?: Record<string, string>;
  /** Stop at the first response, redirect or not. */
  readonly noFollow?: boolean;
}

/** Sends a request with the jar's cookies and follows redirects (303 and 302 become GET) like a browser. */
export const visit = async (jar: CookieJar, target: string | URL, options: RequestOptions = {}): Promise<Visit> => {
  let url = new URL(target);
  let method = options.method ?? (options.form ? 'POST' : 'GET');
  let body: URLSearchParams | undefined = options.form ? new URLSearchParams(options.form) : undefined;
  const trail: URL[] = [];
  for (let hop = 0; hop < 20; hop += 1) {
    trail.push(url);
    const cookie = jar.header(url);
    const response = await fetch(url, {
      method,
      redirect: 'manual',
      headers: { ...options.headers, ...(cookie ? { cookie } : {}) },
      ...(body ? { body } : {}),
    });
    jar.store(url, response);
    const location = response.headers.get('location');
    if (options.noFollow || response.status < 300 || response.status >= 400 || !location)
      return { response, url, body: await response.text(), trail };
    await response.arrayBuffer();
    url = new URL(location, url);
    if (response.status === 303 || response.status === 302) {
      method = 'GET';
      body = undefined;
    }
  }
  throw new Error(`too many redirects from ${String(target)}`);
};

const decodeEntities = (text: string): string =>
  text
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');

export interface HtmlForm {
  readonly action: URL;
  readonly fields: Record<string, string>;
}

/** The first form of a page (or the one whose markup contains `containing`), with its hidden fields. */
export const readForm = (page: Visit, containing = ''): HtmlForm => {
  for (const match of page.body.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const [, attributes = '', inner = ''] = match;
    if (!match[0].includes(containing)) continue;
    const action = decodeEntities(/action="([^"]*)"/.exec(attributes)?.[1] ?? '');
    const fields: Record<string, string> = {};
    for (const input of inner.matchAll(/<input\b[^>]*type="hidden"[^>]*>/g)) {
      const name = /name="([^"]*)"/.exec(input[0])?.[1];
      const value = /value="([^"]*)"/.exec(input[0])?.[1] ?? '';
      if (name) fields[name] = decodeEntities(value);
    }
    return { action: new URL(action, page.url), fields };
  }
  throw new Error(`no form on ${page.url.href}`);
};

/** The text of the element with that id, tags stripped. */
export const textOf = (page: Visit, id: string): string | undefined => {
  const match = new RegExp(`<([a-z0-9]+)[^>]*\\bid="${id}"[^>]*>([\\s\\S]*?)</\\1>`).exec(page.body);
  return match ? decodeEntities((match[2] ?? '').replace(/<[^>]*>/g, '')).trim() : undefined;
};
