import { html } from '@platform/html';
import { layout } from './layout.ts';
import type { Locale } from './locale.ts';
import { lookup, messagesFor } from './messages.ts';

export interface ConsentPageModel {
  readonly locale: Locale;
  readonly uid: string;
  readonly csrfToken: string;
  readonly portalName: string;
  readonly scopes: readonly string[];
  readonly switchLanguageHref: string;
}

export const consentPage = (model: ConsentPageModel): string => {
  const t = messagesFor(model.locale);
  return layout(
    { locale: model.locale, title: t.consentTitle, switchLanguageHref: model.switchLanguageHref },
    html`<h1>${t.consentTitle}</h1>
<p>${t.consentLead} <strong>${model.portalName}</strong></p>
<p class="muted">${t.consentScopes}:</p>
<ul id="scopes">${model.scopes.map((scope) => html`<li>${lookup(model.locale, `scope_${scope}`)}</li>`)}</ul>
${model.scopes.includes('idcard') ? html`<p class="alert" role="alert" id="idcard-warning"><strong>${t.consentIdcardWarning}</strong></p>` : ''}
<form method="post" action="/interaction/${model.uid}/consent?lang=${model.locale}">
<input type="hidden" name="csrf" value="${model.csrfToken}">
<button type="submit" id="allow">${t.allow}</button>
</form>
<form method="post" action="/interaction/${model.uid}/abort?lang=${model.locale}">
<input type="hidden" name="csrf" value="${model.csrfToken}">
<button type="submit" class="secondary" id="deny">${t.deny}</button>
</form>`,
  );
};
