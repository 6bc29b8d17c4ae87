import { type CookieJar, readForm, type Visit, visit } from './browser.ts';

export interface SignInResult {
  /** Where the browser ended: the portal's home page when all went well. */
  readonly page: Visit;
  /** The provider pages answered on the way (`login`, `consent`): none when single sign-on carried the user. */
  readonly prompts: readonly string[];
}

/** Clicks "sign in" on a portal and answers the stand-in provider's development pages as `login`. */
export const signIn = async (
  jar: CookieJar,
  portalUrl: string,
  login: string,
  options: { readonly query?: string; readonly headers?: Record<string, string> } = {},
): Promise<SignInResult> => {
  const prompts: string[] = [];
  let page = await visit(jar, `${portalUrl}/login${options.query ?? ''}`, { headers: options.headers ?? {} });
  while (page.url.pathname.startsWith('/interaction/')) {
    const form = readForm(page);
    const prompt = form.fields.prompt ?? 'unknown';
    prompts.push(prompt);
    const fields = prompt === 'login' ? { ...form.fields, login, password: 'any password' } : form.fields;
    page = await visit(jar, form.action, { form: fields, headers: options.headers ?? {} });
  }
  return { page, prompts };
};
