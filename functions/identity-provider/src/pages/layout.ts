import { createHash } from 'node:crypto';
import { html, SafeHtml } from '@platform/html';
import type { Locale } from './locale.ts';
import { messagesFor } from './messages.ts';

/** Inline styles only: the pages load nothing from elsewhere, so the CSP can forbid every other source. */
const STYLE = `
*{box-sizing:border-box}body{margin:0;font:16px/1.6 system-ui,"PingFang SC","Microsoft YaHei",sans-serif;background:#f3f5f8;color:#1b1f24}
header{background:#b3261e;color:#fff;padding:12px 24px;display:flex;justify-content:space-between;align-items:center}
header a{color:#fff}main{max-width:440px;margin:32px auto;background:#fff;border-radius:8px;padding:24px 28px;box-shadow:0 1px 3px #0002}
h1{font-size:1.4rem;margin:0 0 8px}label{display:block;font-weight:600;margin-top:16px}
input{width:100%;font-size:1.1rem;padding:10px;border:1px solid #8a94a0;border-radius:6px;margin-top:4px}
input:focus,button:focus{outline:3px solid #1a73e8;outline-offset:1px}
.hint{color:#4b5563;font-size:.9rem}.alert{background:#fdecea;border:1px solid #b3261e;color:#7a1a14;padding:10px;border-radius:6px;margin:12px 0}
button{margin-top:20px;width:100%;font-size:1.05rem;padding:11px;border:0;border-radius:6px;background:#b3261e;color:#fff;cursor:pointer}
button.secondary{background:#e5e7eb;color:#1b1f24}ul{padding-left:20px}.muted{color:#4b5563}
textarea{width:100%;font:.85rem/1.4 ui-monospace,monospace;padding:8px;border:1px solid #8a94a0;border-radius:6px;margin-top:4px}
pre{white-space:pre-wrap;word-break:break-all;background:#f3f5f8;padding:8px;border-radius:6px;font-size:.8rem}
.alt{margin-top:24px;border-top:1px solid #e5e7eb;padding-top:8px}
main.wide{max-width:800px}table{width:100%;border-collapse:collapse;font-size:.9rem}caption{text-align:left;font-weight:600}
th,td{text-align:left;vertical-align:top;padding:6px 8px;border-bottom:1px solid #e5e7eb}dl{margin:0}dt{font-weight:600;margin-top:8px}dd{margin:0}
`;

/**
 * Security headers of every page: nothing may load from anywhere but the inline style (pinned by its hash), no
 * script at all, never framed (clickjacking), never cached (pages carry one-time form tokens).
 * `form-action` is left out on purpose: Chromium applies it to the redirect chain after a POST, which ends at the
 * portal's redirect URI.
 */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': `default-src 'none'; style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'`,
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

export interface LayoutOptions {
  readonly locale: Locale;
  readonly title: string;
  /** Same page in the other language. */
  readonly switchLanguageHref?: string;
  /** A wider column, for pages with tables (the account page). */
  readonly wide?: boolean;
}

export const layout = (options: LayoutOptions, body: SafeHtml): string => {
  const t = messagesFor(options.locale);
  return `<!doctype html>${html`<html lang="${options.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} · ${t.platformName}</title>
<style>${new SafeHtml(STYLE)}</style>
</head>
<body>
<header><strong>${t.platformName}</strong>${options.switchLanguageHref ? html`<a href="${options.switchLanguageHref}" lang="${options.locale === 'en' ? 'zh-CN' : 'en'}">${t.language}</a>` : ''}</header>
<main id="main"${options.wide ? new SafeHtml(' class="wide"') : ''}>${body}</main>
</body>
</html>`}`;
};
