import { html, type SafeHtml } from '@platform/html';
import type { Locale } from './locale.ts';
import { type MessageKey, messagesFor } from './messages.ts';

export interface ErrorPageModel {
  readonly locale: Locale;
  readonly title: MessageKey;
  readonly message: MessageKey;
  /** A protocol error code worth showing (e.g. `access_denied`); never an exception's message or stack. */
  readonly code?: string;
  /** Whether to offer "sign in again". */
  readonly retry?: boolean;
}

export const errorPage = (model: ErrorPageModel): SafeHtml => {
  const t = messagesFor(model.locale);
  return html`<section id="error" role="alert" aria-labelledby="error-title">
<h1 id="error-title">${t[model.title]}</h1>
<p class="alert" id="error-message">${t[model.message]}</p>
${model.code ? html`<p class="muted">${t.errorCode}: <code id="error-code">${model.code}</code></p>` : ''}
<p>${model.retry ? html`<a class="button" id="try-again" href="/login?lang=${model.locale}">${t.tryAgain}</a> ` : ''}<a id="back-home" href="/?lang=${model.locale}">${t.backHome}</a></p>
</section>`;
};
