import { html } from '@platform/html';
import { layout } from './layout.ts';
import type { Locale } from './locale.ts';
import { messagesFor } from './messages.ts';
import { operatorMessages } from './operator-messages.ts';

export interface OperatorChoicePageModel {
  readonly locale: Locale;
  readonly uid: string;
  readonly csrfToken: string;
  readonly portalName: string;
  readonly switchLanguageHref: string;
  /** The companies the person may act for: their opaque sub (the form value) and public name. */
  readonly companies: readonly { readonly sub: string; readonly name: string }[];
  readonly error?: string;
}

/** "Act for a company?": one radio per company that authorised the person, and "myself", checked by default. */
export const operatorChoicePage = (model: OperatorChoicePageModel): string => {
  const t = messagesFor(model.locale);
  const o = operatorMessages(model.locale);
  return layout(
    { locale: model.locale, title: o.chooseTitle, switchLanguageHref: model.switchLanguageHref },
    html`<h1>${o.chooseTitle}</h1>
${model.error ? html`<div class="alert" role="alert" id="error">${model.error}</div>` : ''}
<p class="muted">${t.continueTo} <strong>${model.portalName}</strong></p>
<p>${o.chooseLead}</p>
<form method="post" action="/interaction/${model.uid}/operator?lang=${model.locale}">
<input type="hidden" name="csrf" value="${model.csrfToken}">
<label><input type="radio" name="actFor" value="" id="act-for-myself" checked> ${o.myself}</label>
${model.companies.map(
  (company, i) =>
    html`<label><input type="radio" name="actFor" value="${company.sub}" id="act-for-${i}"> ${o.actFor} <span class="company">${company.name}</span></label>`,
)}
<button type="submit" id="choose-operator">${o.continue}</button>
</form>`,
  );
};
