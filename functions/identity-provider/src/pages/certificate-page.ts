import { html } from '@platform/html';
import { layout } from './layout.ts';
import type { Locale } from './locale.ts';
import { messagesFor } from './messages.ts';

export interface CertificatePageModel {
  readonly locale: Locale;
  readonly uid: string;
  readonly csrfToken: string;
  readonly portalName: string;
  readonly switchLanguageHref: string;
  /** The handle of the challenge this form answers. */
  readonly challengeId: string;
  /** The bytes to sign, base64url: what the signing tool's `--challenge` takes. */
  readonly challenge: string;
  /** ISO 8601. */
  readonly expiresAt: string;
  /** Already translated. */
  readonly error?: string;
  /** The chain sent last time, shown again after a refusal. */
  readonly chainPem?: string;
}

/**
 * Sign-in with an enterprise digital certificate: the challenge, how to sign it with the platform's signing tool,
 * and the form for the certificate chain and the signature. No script: the page works with the tool alone.
 */
export const certificatePage = (model: CertificatePageModel): string => {
  const t = messagesFor(model.locale);
  const command = `npm run sign-challenge -- --key company.key.pem --cert company.chain.pem --challenge ${model.challenge}`;
  return layout(
    { locale: model.locale, title: t.certificateTitle, switchLanguageHref: model.switchLanguageHref },
    html`<h1>${t.certificateTitle}</h1>
<p class="muted">${t.continueTo} <strong>${model.portalName}</strong></p>
${model.error ? html`<div class="alert" role="alert" id="error">${model.error}</div>` : ''}
<p>${t.certificateLead}</p>
<label for="challenge-text">${t.certificateChallenge}</label>
<textarea id="challenge-text" readonly rows="3">${model.challenge}</textarea>
<div class="hint">${t.certificateChallengeExpires} <time datetime="${model.expiresAt}">${model.expiresAt}</time></div>
<p class="muted">${t.certificateToolLead}</p>
<pre id="sign-command">${command}</pre>
<form method="post" action="/interaction/${model.uid}/certificate?lang=${model.locale}" novalidate>
<input type="hidden" name="csrf" value="${model.csrfToken}">
<input type="hidden" name="challenge" value="${model.challengeId}">
<label for="chain">${t.certificateChainLabel}</label>
<textarea id="chain" name="chain" rows="8" required aria-describedby="chain-hint" spellcheck="false">${model.chainPem ?? ''}</textarea>
<div class="hint" id="chain-hint">${t.certificateChainHint}</div>
<label for="signature">${t.certificateSignatureLabel}</label>
<input id="signature" name="signature" type="text" autocomplete="off" spellcheck="false" required aria-describedby="signature-hint">
<div class="hint" id="signature-hint">${t.certificateSignatureHint}</div>
<button type="submit" id="certificate-sign-in">${t.verify}</button>
</form>
<form method="get" action="/interaction/${model.uid}"><input type="hidden" name="lang" value="${model.locale}"><button type="submit" class="secondary" id="back-to-phone">${t.certificateBack}</button></form>`,
  );
};
