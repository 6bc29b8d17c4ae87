import { html } from '@platform/html';
import { layout } from './layout.ts';
import type { Locale } from './locale.ts';
import { messagesFor } from './messages.ts';

export interface SignInPageModel {
  readonly locale: Locale;
  readonly uid: string;
  readonly csrfToken: string;
  readonly portalName: string;
  readonly switchLanguageHref: string;
  /** Already translated. */
  readonly error?: string;
  readonly phone?: string;
  /** Whether sign-in with an enterprise certificate is offered (configured trust anchors). */
  readonly certificateOffered?: boolean;
}

/** Step 1: the phone number. The same page whether or not the number has an account. */
export const signInPage = (model: SignInPageModel): string => {
  const t = messagesFor(model.locale);
  return layout(
    { locale: model.locale, title: t.signInTitle, switchLanguageHref: model.switchLanguageHref },
    html`<h1>${t.signInTitle}</h1>
<p class="muted">${t.signInLead}</p>
<p class="muted">${t.continueTo} <strong>${model.portalName}</strong></p>
${model.error ? html`<div class="alert" role="alert" id="error">${model.error}</div>` : ''}
<form method="post" action="/interaction/${model.uid}/phone?lang=${model.locale}" novalidate>
<input type="hidden" name="csrf" value="${model.csrfToken}">
<label for="phone">${t.phoneLabel}</label>
<input id="phone" name="phone" type="tel" inputmode="numeric" autocomplete="tel-national" required aria-describedby="phone-hint" value="${model.phone ?? ''}">
<div class="hint" id="phone-hint">${t.phoneHint}</div>
<button type="submit" id="send-code">${t.sendCode}</button>
</form>
${
  model.certificateOffered
    ? html`<p class="alt"><a href="/interaction/${model.uid}/certificate?lang=${model.locale}" id="certificate-option">${t.certificateOption}</a></p>`
    : ''
}`,
  );
};

export interface CodePageModel extends SignInPageModel {
  readonly challengeId: string;
  readonly maskedPhone: string;
  readonly resendAfterSeconds: number;
}

/** Step 2: the SMS code. */
export const codePage = (model: CodePageModel): string => {
  const t = messagesFor(model.locale);
  return layout(
    { locale: model.locale, title: t.signInTitle, switchLanguageHref: model.switchLanguageHref },
    html`<h1>${t.signInTitle}</h1>
<p class="muted">${t.codeSentTo} <strong id="masked-phone">${model.maskedPhone}</strong></p>
${model.error ? html`<div class="alert" role="alert" id="error">${model.error}</div>` : ''}
<form method="post" action="/interaction/${model.uid}/code?lang=${model.locale}" novalidate>
<input type="hidden" name="csrf" value="${model.csrfToken}">
<input type="hidden" name="challenge" value="${model.challengeId}">
<input type="hidden" name="masked" value="${model.maskedPhone}">
<label for="code">${t.codeLabel}</label>
<input id="code" name="code" type="text" inputmode="numeric" pattern="[0-9]{6}" maxlength="6" autocomplete="one-time-code" required aria-describedby="code-hint">
<div class="hint" id="code-hint">${t.codeHint}</div>
<button type="submit" id="verify">${t.verify}</button>
</form>
<form method="get" action="/interaction/${model.uid}"><input type="hidden" name="lang" value="${model.locale}"><button type="submit" class="secondary">${t.changePhone}</button></form>`,
  );
};
