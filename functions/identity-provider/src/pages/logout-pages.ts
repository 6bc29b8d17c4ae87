import { html, SafeHtml } from '@platform/html';
import { layout } from './layout.ts';
import type { Locale } from './locale.ts';
import { messagesFor } from './messages.ts';

/**
 * The sign-out confirmation. `form` is oidc-provider's own hidden form (it carries the provider's CSRF token
 * `xsrf`); the buttons submit it with `logout=yes` or without.
 */
export const logoutConfirmPage = (locale: Locale, providerForm: string): string => {
  const t = messagesFor(locale);
  return layout(
    { locale, title: t.logoutTitle },
    html`<h1>${t.logoutTitle}</h1>
<p>${t.logoutLead}</p>
${new SafeHtml(providerForm)}
<button type="submit" form="op.logoutForm" name="logout" value="yes" id="confirm-logout">${t.logoutConfirm}</button>
<button type="submit" form="op.logoutForm" class="secondary" id="cancel-logout">${t.logoutCancel}</button>`,
  );
};

export const loggedOutPage = (locale: Locale): string => {
  const t = messagesFor(locale);
  return layout(
    { locale, title: t.loggedOutTitle },
    html`<h1>${t.loggedOutTitle}</h1><p id="logged-out">${t.loggedOutLead}</p>`,
  );
};

export interface ErrorPageModel {
  readonly locale: Locale;
  /** Already translated, safe to show. */
  readonly message: string;
  /** Stable code, e.g. an OAuth error code. */
  readonly code: string;
}

export const errorPage = (model: ErrorPageModel): string => {
  const t = messagesFor(model.locale);
  return layout(
    { locale: model.locale, title: t.errorTitle },
    html`<h1>${t.errorTitle}</h1>
<p role="alert" id="error">${model.message}</p>
<p class="muted">${t.errorReference}: <code id="error-code">${model.code}</code></p>`,
  );
};
