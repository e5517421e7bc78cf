import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ChevronIcon, ExternalLinkIcon, LoupeIcon } from './icons.tsx';

describe('icons', () => {
  it('draws an SVG that screen readers skip when it is decoration', () => {
    const html = renderToStaticMarkup(createElement(LoupeIcon));
    expect(html).toMatch(/^<svg class="icon"[^>]*aria-hidden="true"/);
    expect(html).not.toContain('aria-label');
    // No glyph that needs a font: only shapes.
    expect(html).toMatch(/<circle[^>]*>.*<path d="M10 10l4\.5 4\.5"/);
  });

  it('names an icon that carries meaning', () => {
    const html = renderToStaticMarkup(createElement(ExternalLinkIcon, { label: '(opens in a new tab)' }));
    expect(html).toContain('role="img"');
    expect(html).toContain('aria-label="(opens in a new tab)"');
    expect(html).not.toContain('aria-hidden');
  });

  it('points a chevron down when open and right when closed', () => {
    const path = (open: boolean): string =>
      /<path d="([^"]+)"/.exec(renderToStaticMarkup(createElement(ChevronIcon, { open })))![1]!;
    expect(path(true)).toBe('M4 6l4 4 4-4');
    expect(path(false)).toBe('M6 4l4 4-4 4');
  });
});
