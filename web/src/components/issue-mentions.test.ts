import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { mentionResolver, splitMentions, type ResolveMention } from './issue-mentions.ts';
import { MarkdownText } from './markdown.tsx';

const resolve = mentionResolver({
  mentions: [{ id: '1701', number: 201, title: 'Is extremely slow in read_json' }],
  sourceUrl: 'https://github.com/loupe-demo/tabula/issues/600',
  issuePath: (id) => `/issues/${id}`,
});

describe('mentionResolver', () => {
  it('leads to the Loupe page of an issue it holds, else to the source in the same repository', () => {
    expect(resolve(201)).toEqual({
      href: '/issues/1701',
      title: 'Is extremely slow in read_json',
      internal: true,
    });
    expect(resolve(5)).toEqual({
      href: 'https://github.com/loupe-demo/tabula/issues/5',
      title: '#5 at the source',
      internal: false,
    });
  });

  it('leaves unknown mentions as text when the source URL is unknown', () => {
    const none = mentionResolver({ mentions: [], sourceUrl: null, issuePath: (id) => id });
    expect(none(5)).toBeNull();
  });
});

describe('splitMentions', () => {
  it('splits text around resolvable mentions only', () => {
    const onlyKnown: ResolveMention = (n) =>
      n === 201 ? { href: '/issues/1', title: 't', internal: true } : null;
    const nodes = splitMentions('Duplicate of #201, not #3 nor a/b#201.', onlyKnown);
    expect(nodes.map((n) => (n.type === 'link' ? `[${n.url}]` : n.value))).toEqual([
      'Duplicate of ',
      '[/issues/1]',
      ', not #3 nor a/b#201.',
    ]);
  });
});

describe('MarkdownText with mentions', () => {
  const render = (text: string): string =>
    renderToStaticMarkup(createElement(MarkdownText, { text, resolveMention: resolve }));

  it('links "#N" in prose, in-app for Loupe pages and in a new tab for the source', () => {
    const html = render('Duplicate of #201 and **#5**');
    expect(html).toMatch(/<a [^>]*href="\/issues\/1701"[^>]*>#201<\/a>/);
    expect(html).not.toMatch(/href="\/issues\/1701"[^>]*target="_blank"/);
    expect(html).toMatch(
      /<strong><a [^>]*href="https:\/\/github.com\/loupe-demo\/tabula\/issues\/5"[^>]*target="_blank"/,
    );
  });

  it('leaves code, links and headings-as-anchors alone', () => {
    const html = render('`#201`\n\n```\n#201\n```\n\n[see #201](https://example.com/x)');
    expect(html).not.toContain('href="/issues/1701"');
  });
});
