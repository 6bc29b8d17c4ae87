import { html, pageHeaders, SafeHtml } from '@platform/html';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { Bilingual, Language } from '../language.ts';

/** Inline styles only (the cashier's look): the pages load nothing from elsewhere and run no script. */
const STYLE = `
*{box-sizing:border-box}body{margin:0;font:16px/1.6 system-ui,"PingFang SC","Microsoft YaHei",sans-serif;background:#f3f5f8;color:#1b1f24}
header{background:#b3261e;color:#fff;padding:12px 24px;display:flex;justify-content:space-between}header a{color:#fff}
main{max-width:640px;margin:32px auto;background:#fff;border-radius:8px;padding:24px 28px;box-shadow:0 1px 3px #0002}
h1{font-size:1.4rem;margin:0 0 8px}h2{font-size:1.1rem;margin:20px 0 8px}
dl{display:grid;grid-template-columns:auto 1fr;gap:6px 16px;margin:16px 0}dt{font-weight:600}dd{margin:0;word-break:break-all}
.amount{font-size:1.4rem;font-weight:700}
label{display:block;font-weight:600;margin-top:12px}input,textarea{width:100%;font:inherit;padding:8px;border:1px solid #9ca3af;border-radius:6px}
button,.button{display:inline-block;margin-top:12px;font-size:1rem;padding:10px 16px;border:0;border-radius:6px;background:#b3261e;color:#fff;cursor:pointer;text-decoration:none}
button:focus,a:focus,input:focus,textarea:focus{outline:3px solid #1a73e8;outline-offset:1px}
.valid{background:#eef6ee;border:1px solid #2e7d32;padding:10px;border-radius:6px;margin:12px 0}
.alert{background:#fdecea;border:1px solid #b3261e;color:#7a1a14;padding:10px;border-radius:6px;margin:12px 0}
.muted{color:#4b5563;font-size:.9rem}pre{white-space:pre-wrap;word-break:break-all;background:#f3f5f8;padding:8px;border-radius:6px;font-size:.8rem}
`;

/**
 * Nothing loads from anywhere but the pinned inline style; no script; never framed; never cached (a receipt's status
 * changes on refund); forms submit only here (they are GET forms: verifying changes nothing, so there is nothing
 * for a cross-site request to forge and no CSRF token to carry).
 */
export const PAGE_HEADERS: Readonly<Record<string, string>> = pageHeaders(STYLE);

export const say = (language: Language, text: Bilingual): string => text[language];

/** One language per page (`?lang=` or `Accept-Language`, with a link to the other): not the bilingual `htmlDocument`. */
export const page = (
  statusCode: number,
  language: Language,
  title: Bilingual,
  body: SafeHtml,
  other: { readonly href: string },
): APIGatewayProxyStructuredResultV2 => ({
  statusCode,
  headers: { ...PAGE_HEADERS },
  body: `<!doctype html>${html`<html lang="${language === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${say(language, title)} · ${say(language, { zh: '非税收入电子票据', en: 'Fiscal receipts' })}</title>
<style>${new SafeHtml(STYLE)}</style>
</head>
<body>
<header><strong>${say(language, { zh: '统一非税缴费 · 电子票据', en: 'Non-tax payments · Receipts' })}</strong>
<a href="${other.href}" lang="${language === 'zh' ? 'en' : 'zh-CN'}">${language === 'zh' ? 'English' : '中文'}</a></header>
<main id="main"><h1>${say(language, title)}</h1>${body}</main>
</body>
</html>`}`,
});
