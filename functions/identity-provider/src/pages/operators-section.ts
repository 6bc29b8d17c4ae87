import { html, type SafeHtml } from '@platform/html';
import type { Locale } from './locale.ts';
import { operatorMessages } from './operator-messages.ts';

export interface OperatorLine {
  readonly maskedName: string;
  readonly maskedCitizenId: string;
  readonly grantedAt: string;
  readonly active: boolean;
  /** What the revoke form sends back: the grant's key (a blind index, never the ID number). */
  readonly key: string;
}

export interface OperatorsSectionModel {
  /** Only a company signed in with its enterprise certificate may grant and revoke. */
  readonly canManage: boolean;
  readonly csrfToken?: string;
  readonly operators: readonly OperatorLine[];
  readonly notice?: string;
  readonly error?: string;
}

/** The company's operators on its account page: the list, a revoke button per active one, and the grant form. */
export const operatorsSection = (
  locale: Locale,
  model: OperatorsSectionModel,
  time: (iso: string) => SafeHtml,
): SafeHtml => {
  const o = operatorMessages(locale);
  const csrf = html`<input type="hidden" name="csrf" value="${model.csrfToken ?? ''}">`;
  const action = `/account/operators?lang=${locale}`;
  return html`<h2 id="operators-heading">${o.operatorsTitle}</h2>
<p class="muted">${o.operatorsLead}</p>
${model.notice ? html`<p role="status" id="operators-notice">${model.notice}</p>` : ''}
${model.error ? html`<div class="alert" role="alert" id="operators-error">${model.error}</div>` : ''}
${
  model.operators.length
    ? html`<table id="operators" aria-labelledby="operators-heading">
<thead><tr><th scope="col">${o.operatorName}</th><th scope="col">${o.operatorCitizenId}</th><th scope="col">${o.operatorGrantedAt}</th><th scope="col">${o.operatorStatus}</th></tr></thead>
<tbody>${model.operators.map(
        (line) =>
          html`<tr class="${line.active ? 'operator-active' : 'operator-revoked'}"><td>${line.maskedName}</td><td>${line.maskedCitizenId}</td><td>${time(line.grantedAt)}</td><td>${line.active ? o.operatorActive : o.operatorRevoked}${
            line.active && model.canManage
              ? html`<form method="post" action="${action}">${csrf}<input type="hidden" name="action" value="revoke"><input type="hidden" name="operator" value="${line.key}"><button type="submit" class="secondary revoke-operator">${o.revoke}</button></form>`
              : ''
          }</td></tr>`,
      )}</tbody>
</table>`
    : html`<p class="muted" id="operators">${o.operatorsNone}</p>`
}
${
  model.canManage
    ? html`<h3>${o.grantTitle}</h3>
<form method="post" action="${action}" id="grant-operator-form">
${csrf}<input type="hidden" name="action" value="grant">
<p class="hint">${o.grantHint}</p>
<label for="operator-name">${o.operatorName}</label>
<input id="operator-name" name="name" autocomplete="off" required maxlength="50">
<label for="operator-citizen-id">${o.operatorCitizenId}</label>
<input id="operator-citizen-id" name="citizenId" autocomplete="off" required maxlength="24">
<button type="submit" id="grant-operator">${o.grant}</button>
</form>`
    : html`<p class="muted">${o.operatorsCertificateOnly}</p>`
}`;
};
