import { createHash } from 'node:crypto';
import { html, SafeHtml } from '@platform/html';
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
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': `default-src 'none'; style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'`,
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

/** Text in both languages: Chinese first, English beneath. */
export interface Bilingual {
  readonly zh: string;
  readonly en: string;
}

export const both = (text: Bilingual): SafeHtml => html`${text.zh}<span class="en" lang="en">${text.en}</span>`;

export const page = (statusCode: number, title: Bilingual, body: SafeHtml): APIGatewayProxyStructuredResultV2 => ({
  statusCode,
  headers: { ...PAGE_HEADERS },
  body: `<!doctype html>${html`<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title.zh} ${title.en} · 统一非税缴费</title>
<style>${new SafeHtml(STYLE)}</style>
</head>
<body>
<header><strong>统一非税缴费 <span lang="en">Non-tax payments</span></strong></header>
<main id="main"><h1>${both(title)}</h1>${body}</main>
</body>
</html>`}`,
});
