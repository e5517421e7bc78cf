import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { MatchModeHint } from './issues-page.tsx';

const render = (mode: Parameters<typeof MatchModeHint>[0]['mode']): string =>
  renderToStaticMarkup(createElement(MatchModeHint, { mode }));

describe('MatchModeHint', () => {
  it('explains a loosened search', () => {
    expect(render('any-word')).toContain('No issue has all the words; showing issues with any of them.');
    expect(render('fuzzy-title')).toContain('fuzzy title matches');
    expect(render('any-word')).toContain('data-testid="match-mode-hint"');
  });

  it('says nothing when every word matched or there was no query', () => {
    expect(render('all-words')).toBe('');
    expect(render(null)).toBe('');
    expect(render(undefined)).toBe('');
  });
});
