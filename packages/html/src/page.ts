import { createHash } from 'node:crypto';
import { html, SafeHtml } from './html.ts';

/** Text in both languages of the platform's pages: Simplified Chinese first, English beneath. */
export interface Bilingual {
  readonly zh: string;
  readonly en: string;
}

/** Both languages in one element: the Chinese, then the English in a smaller line marked `lang="en"`. */
export const both = (text: Bilingual): SafeHtml => html`${text.zh}<span class="en" lang="en">${text.en}</span>`;

/**
 * The security headers of a server-rendered page that runs no script and loads nothing: only its own inline style
 * (pinned by hash) and inline images, never framed, never cached. `formAction` lists where its forms may post;
 * `null` leaves the directive out, for a form whose answer redirects to a place not known in advance (the cashier's
 * POST ends, by redirect, at the payment channel, and browsers apply `form-action` to the redirect too).
 */
export const pageHeaders = (style: string, formAction: string | null = "'self'"): Record<string, string> => ({
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': `default-src 'none'; style-src 'sha256-${createHash('sha256').update(style).digest('base64')}'; img-src 'self' data:;${formAction === null ? '' : ` form-action ${formAction};`} frame-ancestors 'none'; base-uri 'none'`,
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
});

/** A whole page: `<title>` in both languages, the pinned style, a header bar and the main content. */
export const htmlDocument = (options: {
  readonly title: Bilingual;
  readonly site: Bilingual;
  readonly style: string;
  readonly header?: SafeHtml;
  readonly body: SafeHtml;
}): string =>
  `<!doctype html>${html`<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title.zh} ${options.title.en} · ${options.site.zh}</title>
<style>${new SafeHtml(options.style)}</style>
</head>
<body>
<header><strong>${options.site.zh} <span lang="en">${options.site.en}</span></strong>${options.header ?? ''}</header>
<main id="main">${options.body}</main>
</body>
</html>`}`;
