import { type Bilingual, both, html, htmlDocument, pageHeaders, type SafeHtml } from '@platform/html';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/** Inline styles only (the identity pages' look): the pages load nothing from elsewhere, and run no script. */
const STYLE = `
*{box-sizing:border-box}body{margin:0;font:16px/1.6 system-ui,"PingFang SC","Microsoft YaHei",sans-serif;background:#f3f5f8;color:#1b1f24}
header{background:#b3261e;color:#fff;padding:12px 24px}
main{max-width:480px;margin:32px auto;background:#fff;border-radius:8px;padding:24px 28px;box-shadow:0 1px 3px #0002}
h1{font-size:1.4rem;margin:0 0 8px}.en{color:#4b5563;font-size:.9rem;display:block}
dl{display:grid;grid-template-columns:auto 1fr;gap:6px 16px;margin:16px 0}dt{font-weight:600}dd{margin:0}
.amount{font-size:1.6rem;font-weight:700}
button{margin-top:12px;width:100%;font-size:1.05rem;padding:11px;border:0;border-radius:6px;background:#b3261e;color:#fff;cursor:pointer}
button:focus,a:focus{outline:3px solid #1a73e8;outline-offset:1px}
.notice{background:#eef6ee;border:1px solid #2e7d32;padding:10px;border-radius:6px;margin:12px 0}
.alert{background:#fdecea;border:1px solid #b3261e;color:#7a1a14;padding:10px;border-radius:6px;margin:12px 0}
.muted{color:#4b5563}pre{white-space:pre-wrap;word-break:break-all;background:#f3f5f8;padding:8px;border-radius:6px}
`;

/**
 * Nothing may load from anywhere but the pinned inline style, no script, never framed, never cached (a notice's state
 * changes under the page). `form-action` is left out: the cashier's POST ends, by redirect, at the channel.
 */
export const PAGE_HEADERS: Readonly<Record<string, string>> = pageHeaders(STYLE, null);

const SITE: Bilingual = { zh: '统一非税缴费', en: 'Non-tax payments' };

export const page = (statusCode: number, title: Bilingual, body: SafeHtml): APIGatewayProxyStructuredResultV2 => ({
  statusCode,
  headers: { ...PAGE_HEADERS },
  body: htmlDocument({ title, site: SITE, style: STYLE, body: html`<h1>${both(title)}</h1>${body}` }),
});
