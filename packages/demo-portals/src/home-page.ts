import { html, type SafeHtml } from '@platform/html';
import type { Locale } from './locale.ts';
import { claimLabel, messagesFor } from './messages.ts';

import type { Claims } from './portal-sessions.ts';

export interface SignedInModel {
  readonly locale: Locale;
  readonly csrfToken: string;
  readonly idTokenClaims: Claims;
  /** Absent when the UserInfo endpoint could not be read; the ID token alone is shown then. */
  readonly userinfo: Claims | undefined;
}

/** The claims a reader looks for first; every other claim follows in alphabetical order. */
const FIRST = ['sub', 'acr', 'amr', 'auth_time', 'sid', 'name', 'phone_number', 'phone_number_verified'];
const TIMES = new Set(['auth_time', 'iat', 'exp', 'updated_at', 'nbf']);

const formatValue = (locale: Locale, claim: string, value: unknown): string => {
  const t = messagesFor(locale);
  if (typeof value === 'boolean') return value ? t.yes : t.no;
  if (typeof value === 'number' && TIMES.has(claim))
    return `${new Date(value * 1000).toISOString().replace('.000Z', 'Z')} (${value})`;
  if (Array.isArray(value)) return value.map(String).join(', ');
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
};

const orderClaims = (names: Iterable<string>): string[] => {
  const unique = [...new Set(names)];
  const first = FIRST.filter((name) => unique.includes(name));
  const rest = unique.filter((name) => !FIRST.includes(name)).sort();
  return [...first, ...rest];
};

const cellId = (claim: string): string => (claim === 'sub' ? 'sub' : `claim-${claim.replace(/[^A-Za-z0-9_-]/g, '_')}`);

const claimRows = (model: SignedInModel): SafeHtml[] => {
  const t = messagesFor(model.locale);
  const userinfo = model.userinfo ?? {};
  return orderClaims([...Object.keys(model.idTokenClaims), ...Object.keys(userinfo)]).map((claim) => {
    const inToken = claim in model.idTokenClaims;
    const value = inToken ? model.idTokenClaims[claim] : userinfo[claim];
    const sources = [inToken ? t.sourceIdToken : undefined, claim in userinfo ? t.sourceUserinfo : undefined];
    const label = claimLabel(model.locale, claim);
    return html`<tr><th scope="row">${label ? html`${label} <code>${claim}</code>` : html`<code>${claim}</code>`}</th><td id="${cellId(claim)}">${formatValue(model.locale, claim, value)}</td><td>${sources.filter(Boolean).join(' · ')}</td></tr>
`;
  });
};

export const signedInPage = (model: SignedInModel): SafeHtml => {
  const t = messagesFor(model.locale);
  return html`<section id="signed-in" aria-labelledby="signed-in-title">
<h1 id="signed-in-title">${t.signedInTitle}</h1>
<p>${t.signedInLead}</p>
<table id="claims">
<caption>${t.claimsCaption}</caption>
<thead><tr><th scope="col">${t.claimColumn}</th><th scope="col">${t.valueColumn}</th><th scope="col">${t.sourceColumn}</th></tr></thead>
<tbody>
${claimRows(model)}</tbody>
</table>
<form method="post" action="/logout?lang=${model.locale}">
<input type="hidden" name="csrf" value="${model.csrfToken}">
<button type="submit" id="sign-out">${t.signOut}</button>
</form>
</section>`;
};

export const signedOutPage = (locale: Locale): SafeHtml => {
  const t = messagesFor(locale);
  return html`<section id="signed-out" aria-labelledby="signed-out-title">
<h1 id="signed-out-title">${t.signedOutTitle}</h1>
<p>${t.signedOutLead}</p>
<a id="sign-in" class="button" href="/login?lang=${locale}">${t.signIn}</a>
</section>`;
};
