import { html } from '@platform/html';
import { layout } from './layout.ts';
import type { Locale } from './locale.ts';
import { lookup, messagesFor } from './messages.ts';

export interface StepUpPageModel {
  readonly locale: Locale;
  readonly uid: string;
  readonly csrfToken: string;
  readonly portalName: string;
  readonly switchLanguageHref: string;
  readonly currentLevel: number;
  readonly requiredLevel: number;
  /** Methods offered, each of which moves the person up. */
  readonly offered: readonly ('id_name' | 'carrier_3f' | 'alipay')[];
  readonly verified: readonly string[];
  /** The phone number the carrier check uses, masked. */
  readonly maskedPhone: string;
  readonly error?: string;
}

/** The step-up page: where the person stands, what the portal needs, and the checks that close the gap. */
export const stepUpPage = (model: StepUpPageModel): string => {
  const t = messagesFor(model.locale);
  const action = (step: string) => `/interaction/${model.uid}/${step}?lang=${model.locale}`;
  return layout(
    { locale: model.locale, title: t.stepUpTitle, switchLanguageHref: model.switchLanguageHref },
    html`<h1>${t.stepUpTitle}</h1>
<p>${t.stepUpLead} <strong>${model.portalName}</strong></p>
<p class="muted">${t.currentLevel}: <strong id="current-level">${lookup(model.locale, `level_${model.currentLevel}`)}</strong><br>
${t.requiredLevel}: <strong id="required-level">${lookup(model.locale, `level_${model.requiredLevel}`)}</strong></p>
${model.verified.length ? html`<p class="muted">${t.verifiedMethods}: ${model.verified.map((method) => lookup(model.locale, `method_${method}`)).join('、')}</p>` : ''}
${model.error ? html`<div class="alert" role="alert" id="error">${model.error}</div>` : ''}
${model.offered.length === 0 ? html`<p id="step-up-unavailable">${t.stepUpUnavailable}</p>` : ''}
${
  model.offered.includes('id_name')
    ? html`<form method="post" action="${action('id-name')}" novalidate>
<h2>${t.method_id_name}</h2><p class="muted">${t.method_id_name_lead}</p>
<input type="hidden" name="csrf" value="${model.csrfToken}">
<label for="name">${t.nameLabel}</label>
<input id="name" name="name" type="text" autocomplete="name" required>
<label for="citizen-id">${t.citizenIdLabel}</label>
<input id="citizen-id" name="citizenId" type="text" inputmode="text" maxlength="18" autocomplete="off" required aria-describedby="citizen-id-hint">
<div class="hint" id="citizen-id-hint">${t.citizenIdHint}</div>
<button type="submit" id="verify-identity">${t.verifyIdentity}</button>
</form>`
    : ''
}
${
  model.offered.includes('carrier_3f')
    ? html`<form method="post" action="${action('carrier')}">
<h2>${t.method_carrier_3f}</h2><p class="muted">${t.method_carrier_3f_lead} (${model.maskedPhone}).</p>
<input type="hidden" name="csrf" value="${model.csrfToken}">
<label for="carrier-name">${t.nameLabel}</label>
<input id="carrier-name" name="name" type="text" autocomplete="name" required>
<label for="carrier-citizen-id">${t.citizenIdLabel}</label>
<input id="carrier-citizen-id" name="citizenId" type="text" maxlength="18" autocomplete="off" required>
<button type="submit" id="verify-carrier">${t.verifyCarrier}</button>
</form>`
    : ''
}
${
  model.offered.includes('alipay')
    ? html`<form method="post" action="${action('alipay')}">
<h2>${t.method_alipay}</h2><p class="muted">${t.method_alipay_lead}.</p>
<input type="hidden" name="csrf" value="${model.csrfToken}">
<label for="alipay-name">${t.nameLabel}</label>
<input id="alipay-name" name="name" type="text" autocomplete="name" required>
<label for="alipay-citizen-id">${t.citizenIdLabel}</label>
<input id="alipay-citizen-id" name="citizenId" type="text" maxlength="18" autocomplete="off" required>
<button type="submit" id="verify-alipay">${t.verifyAlipay}</button>
</form>`
    : ''
}
<form method="post" action="${action('abort')}">
<input type="hidden" name="csrf" value="${model.csrfToken}">
<button type="submit" class="secondary" id="cancel">${t.cancel}</button>
</form>`,
  );
};
