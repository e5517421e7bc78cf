import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Analysis, IssueDetailResponse } from '../../api-client/api-types.ts';
import { IssueDetailView } from './issue-detail-page.tsx';

const detail: IssueDetailResponse = {
  issue: {
    id: 'i1',
    repo: 'octo/hello',
    number: 12,
    source: 'github',
    key: '#12',
    title: 'Crash on start',
    state: 'closed',
    stateReason: null,
    isPullRequest: true,
    mergedAt: '2025-02-01T00:00:00Z',
    labels: [],
    author: 'mona',
    commentsCount: 2,
    createdAt: '2025-01-01T00:00:00Z',
    updatedAt: '2025-02-01T00:00:00Z',
    url: 'https://github.com/octo/hello/pull/12',
    isDemo: false,
    snippetHtml: null,
    body: 'Steps:\n\n```sh\nnpm start\n```',
    assignees: ['hubot'],
    milestone: 'v2',
    reactionsCount: 4,
    closedAt: '2025-02-01T00:00:00Z',
    authorAssociation: 'MEMBER',
  },
  comments: [
    {
      id: 'c1',
      author: 'hubot',
      authorAssociation: 'NONE',
      body: 'Same **here**. Duplicate of #40, see also #77 and `#40` in code.',
      createdAt: '2025-01-02T00:00:00Z',
    },
    {
      id: 'c2',
      author: null,
      authorAssociation: null,
      body: '<iframe src="https://evil.example"></iframe>',
      createdAt: '2025-01-03T00:00:00Z',
    },
  ],
  duplicates: [
    {
      id: 'i9',
      repo: 'octo/hello',
      number: 9,
      title: 'Crash at boot',
      state: 'open',
      status: 'suggested',
      origin: 'detector',
      direction: 'duplicate-of',
      score: 0.87,
      evidence: ['same stack trace'],
    },
    {
      id: 'i40',
      repo: 'octo/hello',
      number: 40,
      title: 'Boot crash again',
      state: 'closed',
      status: 'confirmed',
      origin: 'state-reason',
      direction: 'duplicated-by',
      // Stored with the confirmation; a confirmed link shows no similarity all the same.
      score: 1,
      evidence: [],
    },
    {
      id: 'i3',
      repo: 'octo/other',
      number: 3,
      title: 'Start fails',
      state: 'open',
      status: 'rejected',
      origin: 'detector',
      direction: 'duplicate-of',
      score: 0.6,
      evidence: [],
    },
  ],
  implemented: null,
  mentions: [{ id: 'i40', number: 40, title: 'Boot crash again', state: 'closed', isPullRequest: false }],
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
    expect(html).toContain(
      'href="https://github.com/octo/hello/pull/12" target="_blank" rel="noopener noreferrer"',
    );
    expect(html).toContain('href="/issues/i9"');
    expect(html).toContain('87% similar');
    expect(html).toContain('same stack trace');
  });

  it('orders the cluster confirmed, suggested, then rejected folded away, with directions in words', () => {
    const rows = [...html.matchAll(/data-testid="duplicate-link" data-status="(\w+)"/g)].map((m) => m[1]);
    expect(rows).toEqual(['confirmed', 'suggested', 'rejected']);
    expect(html).toContain('#40 duplicates this issue');
    expect(html).toContain('This issue duplicates #9');
    expect(html).toContain('This issue duplicates octo/other#3');
    expect(html).toMatch(/<details class="rejected-duplicates"[^>]*><summary>Rejected \(1\)<\/summary>/);
    // Suggestions can be confirmed or rejected; a confirmed link only rejected; a rejected one only confirmed.
    expect(html.match(/data-testid="duplicate-confirm"/g)).toHaveLength(2);
    expect(html.match(/data-testid="duplicate-reject"/g)).toHaveLength(2);
  });

  it('shows similarity for suggestions only, and who confirmed a link', () => {
    expect(html.match(/data-testid="duplicate-similarity"/g)).toHaveLength(1);
    expect(html).not.toContain('100% similar');
    expect(html).toContain('Confirmed: closed as a duplicate on GitHub');
    expect(html).toContain('Suggested by Loupe');
    expect(html).toContain('Rejected: found by Loupe');
  });

  it('puts the comments right after the body, before the analysis and the duplicates', () => {
    const body = html.indexOf('data-testid="issue-body"');
    const lastComment = html.lastIndexOf('data-testid="comment"');
    expect(body).toBeGreaterThan(-1);
    expect(lastComment).toBeGreaterThan(body);
    expect(lastComment).toBeLessThan(html.indexOf('has not analysed this issue yet'));
    expect(lastComment).toBeLessThan(html.indexOf('data-testid="duplicate-cluster"'));
  });

  it('links "#N" in comments: to the page of an issue Loupe holds, else to the source; not in code', () => {
    expect(html).toMatch(/<a [^>]*href="\/issues\/i40"[^>]*>#40<\/a>/);
    expect(html).toMatch(
      /<a [^>]*href="https:\/\/github.com\/octo\/hello\/issues\/77"[^>]*target="_blank"[^>]*>#77<\/a>/,
    );
    expect(html).toContain('<code>#40</code>');
  });

  it('says when the analysis has not run yet', () => {
    expect(html).not.toContain('data-testid="understanding-panel"');
    expect(html).toContain('has not analysed this issue yet');
  });
});

describe('UnderstandingPanel', () => {
  const analysis: Analysis = {
    type: 'bug',
    typeConfidence: 0.8,
    typeProbabilities: { feature: 0.15, bug: 0.8, docs: 0.05 },
    typeReasons: ['word "crash" (+0.40)'],
    difficulty: 'easy',
    gfiScore: 0.82,
    difficultyReasons: ['touches one file (+0.30)'],
    duplicateCount: 0,
    confirmedDuplicateCount: 0,
    version: 'a1',
    concepts: [
      {
        id: 'memory-leaks',
        name: 'Memory leaks',
        score: 0.7,
        path: ['performance', 'memory-usage', 'memory-leaks'],
        evidence: ['title mentions "leak"'],
      },
      { id: 'nodejs', name: 'Node.js', score: 0.9, path: ['nodejs'], evidence: [] },
    ],
  };
  const panel = renderToStaticMarkup(
    createElement(IssueDetailView, {
      detail: { ...detail, issue: { ...detail.issue, analysis }, duplicates: [] },
      conceptNames: new Map([
        ['performance', 'Performance'],
        ['memory-usage', 'Memory usage'],
      ]),
    }),
  );

  it('shows probabilities most likely first, reasons and the score', () => {
    expect(panel).toContain('data-testid="understanding-panel"');
    const names = [...panel.matchAll(/<span class="probability-name">(\w+)<\/span>/g)].map((m) => m[1]);
    expect(names).toEqual(['Bug', 'Feature', 'Docs']);
    expect(panel).toContain('word &quot;crash&quot; (+0.40)');
    expect(panel).toContain('touches one file (+0.30)');
    expect(panel).toContain('good first issue score 0.82');
  });

  it('lists concepts strongest first with their named path and evidence', () => {
    expect(panel.indexOf('Node.js')).toBeLessThan(panel.indexOf('Memory leaks'));
    expect(panel).toContain('Performance › Memory usage › Memory leaks');
    expect(panel).toContain('title mentions &quot;leak&quot;');
    expect(panel).toContain('href="/?concept=memory-leaks"');
    expect(panel).toContain('No duplicates known.');
  });
});

describe('the duplicates badge of the issue page', () => {
  const analysis: Analysis = {
    type: 'bug',
    typeConfidence: 0.8,
    typeProbabilities: { bug: 0.8, feature: 0.2 },
    typeReasons: [],
    difficulty: 'hard',
    gfiScore: 0.1,
    difficultyReasons: [],
    duplicateCount: 1,
    confirmedDuplicateCount: 0,
    version: 'a1',
    concepts: [],
  };
  const page = renderToStaticMarkup(
    createElement(IssueDetailView, {
      detail: {
        ...detail,
        issue: { ...detail.issue, analysis },
        duplicates: [
          {
            id: 'i201',
            repo: 'octo/hello',
            number: 201,
            title: 'Is extremely slow in read_json',
            state: 'closed',
            status: 'confirmed',
            origin: 'state-reason',
            direction: 'duplicate-of',
            score: 1,
            evidence: ['says "duplicate of #201"'],
          },
        ],
      },
    }),
  );

  it('says "Duplicate of #201" for a confirmed duplicate, not "possible", and no similarity', () => {
    expect(page).toMatch(/data-testid="analysis-duplicates"[^>]*>Duplicate of #201</);
    expect(page).not.toContain('possible duplicate');
    expect(page).not.toContain('similar');
  });
});
