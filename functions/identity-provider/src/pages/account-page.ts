import { html, type SafeHtml } from '@platform/html';
import { layout } from './layout.ts';
import type { Locale } from './locale.ts';
import { lookup, messagesFor } from './messages.ts';
import { type OperatorsSectionModel, operatorsSection } from './operators-section.ts';

/** One line of "who accessed my data", already reduced to what may be shown (names, masks, never identifiers). */
export interface AuditLine {
  /** ISO 8601. */
  readonly at: string;
  readonly type: string;
  readonly portalName?: string;
  /** Claim names released (`data_release`). */
  readonly claims?: readonly string[];
  /** Outcome of a real-name check. */
  readonly outcome?: string;
  /** A method (`real_name_check`, `account_linked`) or methods used (`sign_in`, `step_up`). */
  readonly methods?: readonly string[];
  /** Masked identifier (`account_linked`), or the masked values a check was about. */
  readonly masked?: string;
  /** `step_up`: the level reached. */
  readonly level?: number;
}

export interface AccountPageModel {
  readonly locale: Locale;
  readonly switchLanguageHref: string;
  readonly subjectKind: 'natural_person' | 'legal_person';
  readonly maskedPhone?: string;
  readonly companyName?: string;
  readonly maskedUscc?: string;
  readonly level: number;
  readonly memberSince?: string;
  readonly verified: readonly { readonly method: string; readonly at?: string }[];
  readonly portals: readonly string[];
  readonly audit: readonly AuditLine[];
  /** Link to the next (older) page of the audit history. */
  readonly moreHref?: string;
  readonly error?: string;
  /** A company's operators (legal persons only). */
  readonly operators?: OperatorsSectionModel;
}

const BEIJING = { timeZone: 'Asia/Shanghai' } as const;

/** A time in Beijing time (UTC+8, no daylight saving), e.g. `2026-03-07 14:05:09`. */
export const beijingTime = (iso: string): string => {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      ...BEIJING,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(date)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
};

const timeElement = (iso: string): SafeHtml => html`<time datetime="${iso}">${beijingTime(iso)}</time>`;

const detailOf = (locale: Locale, line: AuditLine): SafeHtml => {
  const t = messagesFor(locale);
  const list = (keys: readonly string[], prefix: string) =>
    keys.map((key) => lookup(locale, `${prefix}${key}`)).join('、');
  const parts: SafeHtml[] = [];
  if (line.claims?.length)
    parts.push(html`${t.accountAuditClaims}: <span class="claims">${list(line.claims, 'claim_')}</span>`);
  if (line.methods?.length) parts.push(html`${list(line.methods, 'method_')}`);
  if (line.outcome) parts.push(html`${t.accountAuditOutcome}: ${lookup(locale, `outcome_${line.outcome}`)}`);
  if (line.level !== undefined) parts.push(html`${lookup(locale, `level_${line.level}`)}`);
  if (line.masked) parts.push(html`<span class="muted">${line.masked}</span>`);
  return html`${parts.map((part, i) => html`${i ? html`<br>` : ''}${part}`)}`;
};

/**
 * The account page: who the person is to the platform (masked), their level and verified methods, the portals of
 * this session with a way to sign out of it, and the audit trail — "who accessed my data".
 */
export const accountPage = (model: AccountPageModel): string => {
  const t = messagesFor(model.locale);
  const l = model.locale;
  return layout(
    { locale: l, title: t.accountTitle, switchLanguageHref: model.switchLanguageHref, wide: true },
    html`<h1>${t.accountTitle}</h1>
${model.error ? html`<div class="alert" role="alert" id="error">${model.error}</div>` : ''}
<dl id="subject">
<dt>${t.accountSubject}</dt><dd id="subject-kind">${lookup(l, `subject_${model.subjectKind}`)}</dd>
${model.maskedPhone ? html`<dt>${t.accountPhone}</dt><dd id="masked-phone">${model.maskedPhone}</dd>` : ''}
${model.companyName ? html`<dt>${t.accountCompany}</dt><dd id="company-name">${model.companyName}</dd>` : ''}
${model.maskedUscc ? html`<dt>${t.accountUscc}</dt><dd id="masked-uscc">${model.maskedUscc}</dd>` : ''}
<dt>${t.currentLevel}</dt><dd id="current-level">${lookup(l, `level_${model.level}`)}</dd>
</dl>
${model.operators ? operatorsSection(l, model.operators, timeElement) : ''}
<h2>${t.accountMethods}</h2>
${
  model.verified.length
    ? html`<ul id="methods">${model.verified.map(
        (entry) =>
          html`<li>${lookup(l, `method_${entry.method}`)}${entry.at ? html` <span class="muted">(${entry.method === 'sms' || entry.method === 'enterprise_cert' ? t.accountSince : t.accountVerifiedAt} ${timeElement(entry.at)})</span>` : ''}</li>`,
      )}</ul>`
    : html`<p class="muted" id="methods">${t.accountMethodsNone}</p>`
}
<h2>${t.accountSessions}</h2>
${
  model.portals.length
    ? html`<ul id="session-portals">${model.portals.map((name) => html`<li>${name}</li>`)}</ul>`
    : html`<p class="muted" id="session-portals">${t.accountSessionsNone}</p>`
}
<form method="get" action="/session/end">
<input type="hidden" name="ui_locales" value="${l}">
<p class="hint">${t.accountSignOutHint}</p>
<button type="submit" class="secondary" id="sign-out-session">${t.accountSignOut}</button>
</form>
<h2 id="audit-heading">${t.accountAudit}</h2>
<p class="muted">${t.accountAuditLead}</p>
${
  model.audit.length
    ? html`<table id="audit" aria-labelledby="audit-heading">
<thead><tr><th scope="col">${t.accountAuditTime}</th><th scope="col">${t.accountAuditEvent}</th><th scope="col">${t.accountAuditPortal}</th><th scope="col">${t.accountAuditDetail}</th></tr></thead>
<tbody>${model.audit.map(
        (line) =>
          html`<tr class="audit-${line.type}"><td>${timeElement(line.at)}</td><td>${lookup(l, `audit_${line.type}`)}</td><td>${line.portalName ?? ''}</td><td>${detailOf(l, line)}</td></tr>`,
      )}</tbody>
</table>`
    : html`<p class="muted" id="audit">${t.accountAuditNone}</p>`
}
${model.moreHref ? html`<p><a href="${model.moreHref}" id="audit-more">${t.accountAuditMore}</a></p>` : ''}`,
  );
};

export const accountSignedOutPage = (locale: Locale, switchLanguageHref: string): string => {
  const t = messagesFor(locale);
  return layout(
    { locale, title: t.accountTitle, switchLanguageHref },
    html`<h1>${t.accountTitle}</h1><p id="not-signed-in">${t.accountSignedOutLead}</p>`,
  );
};
