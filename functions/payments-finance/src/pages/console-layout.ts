import { type Bilingual, both, html, htmlDocument, pageHeaders, type SafeHtml } from '@platform/html';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/** The console's look: wide enough for tables of a month, charts scale with the page. */
const STYLE = `
*{box-sizing:border-box}body{margin:0;font:15px/1.55 system-ui,"PingFang SC","Microsoft YaHei",sans-serif;background:#f3f5f8;color:#1b1f24}
header{background:#0b3d91;color:#fff;padding:10px 24px;display:flex;gap:24px;align-items:center;flex-wrap:wrap}
header nav{display:flex;gap:16px;flex-wrap:wrap}header a{color:#fff}header form{margin:0 0 0 auto}
main{max-width:1100px;margin:24px auto;background:#fff;border-radius:8px;padding:20px 28px;box-shadow:0 1px 3px #0002}
h1{font-size:1.35rem;margin:0 0 12px}h2{font-size:1.1rem;margin:24px 0 8px}.en{color:#4b5563;font-size:.85em;display:block}
table{border-collapse:collapse;width:100%;margin:8px 0 16px}th,td{border-bottom:1px solid #e1e4e8;padding:6px 8px;text-align:left;vertical-align:top}
th{background:#f6f8fa;font-weight:600}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:16px}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(160px,1fr));gap:12px;margin:12px 0}
.card{background:#f6f8fa;border-radius:6px;padding:10px 12px}.card strong{display:block;font-size:1.3rem}
.chart text{font-size:12px;fill:#1b1f24}
button{font-size:.95rem;padding:6px 14px;border:0;border-radius:5px;background:#0b3d91;color:#fff;cursor:pointer}
button.danger{background:#b3261e}header button{background:#fff;color:#0b3d91}
input,select,textarea{font:inherit;padding:5px 7px;border:1px solid #9aa0a6;border-radius:4px}
button:focus,a:focus,input:focus,select:focus,textarea:focus{outline:3px solid #1a73e8;outline-offset:1px}
.tag{display:inline-block;border-radius:10px;padding:0 8px;font-size:.85em;background:#e8eaed}
.tag.open,.tag.requested{background:#fdecea;color:#7a1a14}.tag.resolved,.tag.succeeded,.tag.matched{background:#eef6ee;color:#1e5b22}
.notice{background:#eef6ee;border:1px solid #2e7d32;padding:10px;border-radius:6px;margin:12px 0}
.alert{background:#fdecea;border:1px solid #b3261e;color:#7a1a14;padding:10px;border-radius:6px;margin:12px 0}
.muted{color:#4b5563}form.inline{display:inline}
`;

const SITE: Bilingual = { zh: '财政对账与报表', en: 'Finance console' };

const NAVIGATION: readonly { readonly href: string; readonly label: Bilingual }[] = [
  { href: '/finance', label: { zh: '日报', en: 'Day' } },
  { href: '/finance/month', label: { zh: '月报', en: 'Month' } },
  { href: '/finance/discrepancies', label: { zh: '差异处理', en: 'Discrepancies' } },
  { href: '/finance/refunds', label: { zh: '退款审批', en: 'Refunds' } },
];

export interface ConsoleViewer {
  /** The officer's masked name, as the registry keeps it. */
  readonly maskedName: string;
  /** The CSRF token of the officer's session, for the sign-out form. */
  readonly csrfToken: string;
  /** The identity provider's origin: the sign-out form ends there by redirect, which `form-action` must allow. */
  readonly identityOrigin?: string;
}

/** A console page: navigation and the signed-in officer in the header, security headers pinned to the style. */
export const consolePage = (
  statusCode: number,
  title: Bilingual,
  body: SafeHtml,
  viewer?: ConsoleViewer,
): APIGatewayProxyStructuredResultV2 => ({
  statusCode,
  headers: pageHeaders(STYLE, viewer?.identityOrigin ? `'self' ${viewer.identityOrigin}` : undefined),
  body: htmlDocument({
    title,
    site: SITE,
    style: STYLE,
    header: viewer
      ? html`<nav aria-label="console">${NAVIGATION.map((item) => html`<a href="${item.href}">${item.label.zh} <span lang="en">${item.label.en}</span></a>`)}</nav>
<form method="post" action="/finance/sign-out"><input type="hidden" name="csrf" value="${viewer.csrfToken}"><span id="officer">${viewer.maskedName}</span> <button type="submit" id="sign-out">退出 Sign out</button></form>`
      : undefined,
    body: html`<h1>${both(title)}</h1>${body}`,
  }),
});
