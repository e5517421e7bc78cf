import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { IssueDetailResponse } from '../../api-client/api-types.ts';
import { IssueDetailView } from './issue-detail-page.tsx';

const detail: IssueDetailResponse = {
  issue: {
    id: 'i1', repo: 'octo/hello', number: 12, title: 'Crash on start', state: 'closed', stateReason: null, isPullRequest: true,
    mergedAt: '2025-02-01T00:00:00Z', labels: [], author: 'mona', commentsCount: 2, createdAt: '2025-01-01T00:00:00Z',
    updatedAt: '2025-02-01T00:00:00Z', url: 'https://github.com/octo/hello/pull/12', snippetHtml: null,
    body: 'Steps:\n\n```sh\nnpm start\n```', assignees: ['hubot'], milestone: 'v2', reactionsCount: 4, closedAt: '2025-02-01T00:00:00Z', authorAssociation: 'MEMBER',
  },
  comments: [
    { id: 'c1', author: 'hubot', authorAssociation: 'NONE', body: 'Same **here**', createdAt: '2025-01-02T00:00:00Z' },
    { id: 'c2', author: null, authorAssociation: null, body: '<iframe src="https://evil.example"></iframe>', createdAt: '2025-01-03T00:00:00Z' },
  ],
  duplicates: [{ id: 'i9', repo: 'octo/hello', number: 9, title: 'Crash at boot', score: 0.87, evidence: ['same stack trace'] }],
};

const html = renderToStaticMarkup(createElement(IssueDetailView, { detail }));

describe('IssueDetailView', () => {
  it('exposes the detail, body and comment hooks', () => {
    expect(html).toContain('data-testid="issue-detail"');
    expect(html).toContain('data-testid="issue-body"');
    expect(html.match(/data-testid="comment"/g)).toHaveLength(2);
  });

  it('renders Markdown, and raw HTML only as text', () => {
    expect(html).toContain('<code class="language-sh">npm start\n</code>');
    expect(html).toContain('<strong>here</strong>');
    expect(html).not.toContain('<iframe');
    expect(html).toContain('&lt;iframe');
  });

  it('shows state, the GitHub link and the duplicates with evidence', () => {
    expect(html).toContain('>Merged</span>');
    expect(html).toContain('href="https://github.com/octo/hello/pull/12" target="_blank" rel="noopener noreferrer"');
    expect(html).toContain('href="/issues/i9"');
    expect(html).toContain('87% similar');
    expect(html).toContain('same stack trace');
  });
});
