import { createHash } from 'node:crypto';
import { html, SafeHtml } from '@platform/html';
import type { Locale } from './locale.ts';
import { messagesFor } from './messages.ts';
import type { LocalizedName } from './portal-options.ts';

/** Each demo portal has its own colour, so that a person switching between them sees which one they are on. */
const THEMES: Readonly<Record<string, string>> = { 'social-security': '#0b5cad', 'housing-fund': '#1d6b3a' };
const DEFAULT_THEME = '#3b4a5a';

const styleFor = (colour: string): string => `
*{box-sizing:border-box}body{margin:0;font:16px/1.6 system-ui,"PingFang SC","Microsoft YaHei",sans-serif;background:#f3f5f8;color:#1b1f24}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;color:#1b1f24;padding:6px 10px}
header{background:${colour};color:#fff;padding:12px 24px;display:flex;justify-content:space-between;align-items:center;gap:16px}
header a{color:#fff}header small{display:block;opacity:.9}main{max-width:760px;margin:32px auto;background:#fff;border-radius:8px;padding:24px 28px;box-shadow:0 1px 3px #0002}
h1{font-size:1.4rem;margin:0 0 8px}table{border-collapse:collapse;width:100%;margin:16px 0}caption{text-align:left;font-weight:600;padding-bottom:6px}
th,td{border-bottom:1px solid #d5dae1;padding:6px 8px;text-align:left;vertical-align:top}td{overflow-wrap:anywhere}code{font-size:.9rem}
.button,button{display:inline-block;margin-top:12px;font-size:1.05rem;padding:10px 22px;border:0;border-radius:6px;background:${colour};color:#fff;cursor:pointer;text-decoration:none}
a:focus,button:focus{outline:3px solid #f2a900;outline-offset:2px}.muted{color:#4b5563}
.alert{background:#fdecea;border:1px solid #b3261e;color:#7a1a14;padding:10px;border-radius:6px;margin:12px 0}
`;

export interface PageShell {
  /** Security headers of every page. */
  readonly headers: Readonly<Record<string, string>>;
  render(page: PageContent): string;
}

export interface PageContent {
  readonly locale: Locale;
  readonly title: string;
  /** The same page in the other language. */
  readonly switchLanguageHref: string;
  readonly body: SafeHtml;
}

/**
 * The frame of every page of one portal. Pages load nothing (no script, no image, no font): the CSP allows only the
 * inline style, pinned by its hash. Forms may post only to the portal and, through the sign-out redirect, to the
 * provider (Chromium applies `form-action` to the redirect chain after a POST).
 */
export const createPageShell = (portalId: string, name: LocalizedName, issuer: string): PageShell => {
  const style = styleFor(THEMES[portalId] ?? DEFAULT_THEME);
  const styleHash = createHash('sha256').update(style).digest('base64');
  const headers = {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': `default-src 'none'; style-src 'sha256-${styleHash}'; form-action 'self' ${new URL(issuer).origin}; frame-ancestors 'none'; base-uri 'none'`,
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cache-control': 'no-store',
  };
  const render = (page: PageContent): string => {
    const t = messagesFor(page.locale);
    const other: Locale = page.locale === 'en' ? 'zh-CN' : 'en';
    return `<!doctype html>${html`<html lang="${page.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title} · ${name[page.locale]}</title>
<style>${new SafeHtml(style)}</style>
</head>
<body>
<a class="skip" href="#main">${page.locale === 'en' ? 'Skip to content' : '跳到正文'}</a>
<header><div><strong id="portal-name">${name[page.locale]}</strong><small>${t.demoNotice}</small></div>
<a id="switch-language" href="${page.switchLanguageHref}" lang="${other}" hreflang="${other}">${t.otherLanguage}</a></header>
<main id="main">${page.body}</main>
</body>
</html>`}`;
  };
  return { headers, render };
};
