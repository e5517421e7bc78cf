import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { IssueSummary } from '../../api-client/api-types.ts';
import { IssueRow } from './issue-row.tsx';

const issue: IssueSummary = {
  id: 'gh:octo/hello#7',
  repo: 'octo/hello',
  number: 7,
  source: 'github',
  key: '#7',
  title: 'Crash <b>on</b> start',
  state: 'closed',
  stateReason: 'not_planned',
  isPullRequest: false,
  mergedAt: null,
  labels: [{ name: 'good first issue', color: '7057ff' }],
  author: 'mona',
  commentsCount: 3,
  createdAt: '2025-01-01T00:00:00Z',
  updatedAt: '2025-01-02T00:00:00Z',
  url: null,
  isDemo: false,
  snippetHtml: 'the <mark>crash</mark> &lt;img src=x onerror=alert(1)&gt;',
};

describe('IssueRow', () => {
  it('exposes the test hooks and links to the issue page', () => {
    const html = renderToStaticMarkup(createElement(IssueRow, { issue }));
    expect(html).toContain('data-testid="issue-row"');
    expect(html).toContain('data-testid="issue-title"');
    expect(html).toContain('href="/issues/gh%3Aocto%2Fhello%237"');
    expect(html).toContain('<span class="issue-ref">octo/hello#7</span>');
    expect(html).toContain('Closed as not planned');
  });

  it('escapes the title and keeps only <mark> from the snippet', () => {
    const html = renderToStaticMarkup(createElement(IssueRow, { issue }));
    expect(html).toContain('Crash &lt;b&gt;on&lt;/b&gt; start');
    expect(html).toContain('<mark>crash</mark>');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('colours labels with readable text and shows analysis only when present', () => {
    const plain = renderToStaticMarkup(createElement(IssueRow, { issue }));
    expect(plain).toContain('background-color:#7057ff;color:#ffffff');
    expect(plain).not.toContain('why?');
    const analysed = renderToStaticMarkup(
      createElement(IssueRow, {
        issue: {
          ...issue,
          analysis: {
            type: 'bug',
            typeConfidence: 0.9,
            typeReasons: ['r'],
            difficulty: 'easy',
            gfiScore: 0.8,
            difficultyReasons: [],
            concepts: [],
            duplicateCount: 2,
            confirmedDuplicateCount: 0,
            typeProbabilities: {},
            version: 'v1',
          },
        },
      }),
    );
    expect(analysed).toMatch(/data-testid="analysis-type"[^>]*>bug <span class="badge-figure">90%<\/span>/);
    expect(analysed).toMatch(/data-testid="analysis-difficulty"[^>]*>good first issue 0.80</);
    expect(analysed).toMatch(/href="\/issues\/gh%3Aocto%2Fhello%237#duplicates"[^>]*>2 possible duplicates</);
    expect(analysed).toContain('data-testid="why-button"');
    // The popover renders only when opened.
    expect(analysed).not.toContain('data-testid="why-popover"');
  });

  it('names a hard issue by its difficulty and links its three strongest concepts', () => {
    const concept = (id: string, score: number) => ({
      id,
      name: id.toUpperCase(),
      score,
      path: [id],
      evidence: [],
    });
    const html = renderToStaticMarkup(
      createElement(IssueRow, {
        issue: {
          ...issue,
          analysis: {
            type: 'feature',
            typeConfidence: 0.55,
            typeProbabilities: {},
            typeReasons: [],
            difficulty: 'hard',
            gfiScore: 0.12,
            difficultyReasons: [],
            duplicateCount: 0,
            confirmedDuplicateCount: 0,
            version: 'v1',
            concepts: [
              concept('go', 0.3),
              concept('cli', 0.9),
              concept('testing', 0.5),
              concept('linux', 0.7),
            ],
          },
        },
      }),
    );
    expect(html).toMatch(
      /data-testid="analysis-difficulty" title="Difficulty hard; good first issue score 0.12">hard</,
    );
    expect(html).not.toContain('possible duplicate');
    const chips = [...html.matchAll(/href="\/\?concept=([a-z-]+)"[^>]*data-testid="concept-chip"/g)].map(
      (m) => m[1],
    );
    expect(chips).toEqual(['cli', 'linux', 'testing']);
  });
});
