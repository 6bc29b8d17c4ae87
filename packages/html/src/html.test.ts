import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeHtml, html } from './html.ts';

describe('html templates', () => {
  it('escapes every interpolated value, so no text can become markup', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(escapeHtml(text)).not.toMatch(/[<>"']/);
        expect(html`<p title="${text}">${text}</p>`.value).toBe(
          `<p title="${escapeHtml(text)}">${escapeHtml(text)}</p>`,
        );
      }),
    );
    expect(escapeHtml(`<script>"'&`)).toBe('&lt;script&gt;&quot;&#39;&amp;');
  });

  it('does not escape nested templates twice', () => {
    expect(html`<div>${html`<b>${'<x>'}</b>`}</div>`.value).toBe('<div><b>&lt;x&gt;</b></div>');
  });
});
