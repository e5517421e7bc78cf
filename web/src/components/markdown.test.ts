import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { MarkdownText } from './markdown.tsx';

const render = (text: string): string =>
  renderToStaticMarkup(createElement(MarkdownText, { text, testId: 'issue-body' }));

describe('MarkdownText', () => {
  it('renders GitHub-flavoured Markdown', () => {
    const html = render(
      '# Title\n\n```ts\nconst a = 1;\n```\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n- [x] done\n\n~~old~~',
    );
    expect(html).toContain('data-testid="issue-body"');
    expect(html).toContain('<h1>Title</h1>');
    expect(html).toContain('<pre><code class="language-ts">const a = 1;\n</code></pre>');
    expect(html).toContain('<table>');
    expect(html).toContain('type="checkbox"');
    expect(html).toContain('<del>old</del>');
  });

  it('shows raw HTML as text instead of rendering it', () => {
    const html = render('before <script>alert(1)</script> <img src=x onerror=alert(1)> after');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;');
  });

  it('drops javascript: links and isolates the others', () => {
    const html = render('[bad](javascript:alert(1)) [good](https://example.com/x)');
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html).toContain('href="https://example.com/x" target="_blank" rel="noopener noreferrer"');
  });

  it('says so when there is no text', () => {
    expect(render('   ')).toContain('No description provided.');
  });
});
