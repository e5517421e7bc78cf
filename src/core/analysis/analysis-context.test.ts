import { describe, expect, it } from 'vitest';
import { globalModel } from '../classify/index.ts';
import type { PastIssue } from '../difficulty/index.ts';
import { buildAnalysisContext, dataClock } from './analysis-context.ts';

const past = (createdAt: string, extra: { closedAt?: string; labels?: string[] } = {}): PastIssue => ({
  title: 't',
  body: 'b',
  labels: extra.labels ?? [],
  isPullRequest: false,
  commentsCount: 0,
  reactionsCount: 0,
  authorAssociation: 'NONE',
  assigneesCount: 0,
  milestone: null,
  createdAt,
  state: extra.closedAt ? ('closed' as const) : ('open' as const),
  closedAt: extra.closedAt ?? null,
});

describe('dataClock', () => {
  it('is the newest creation, closing or merge instant, and null without dates', () => {
    expect(
      dataClock([
        past('2024-01-01T00:00:00Z'),
        past('2023-05-01T00:00:00Z', { closedAt: '2025-02-03T04:05:06Z' }),
      ]),
    ).toBe('2025-02-03T04:05:06.000Z');
    expect(dataClock([])).toBeNull();
  });
});

describe('buildAnalysisContext', () => {
  it('takes the history at the data clock, not the wall clock', () => {
    const context = buildAnalysisContext({
      labelledTexts: [],
      pastIssues: [
        past('2020-01-10T00:00:00Z'),
        past('2020-03-15T00:00:00Z', { labels: ['good first issue'] }),
      ],
    });
    expect(context.history?.asOf).toBe('2020-03-01T00:00:00Z');
    expect(context.history?.issueCount).toBe(1);
  });

  it('keeps the global classifier below the adaptation threshold and adapts above it', () => {
    const few = buildAnalysisContext({
      labelledTexts: [{ title: 'crash', body: '', labels: ['bug'] }],
      pastIssues: [],
    });
    expect(few.classifier).toBe(globalModel);
    expect(few.history).toBeUndefined();
    const many = Array.from({ length: 40 }, (_, i) => ({
      title: i % 2 ? `crash number ${i}` : `add option ${i}`,
      body: '',
      labels: [i % 2 ? 'bug' : 'enhancement'],
    }));
    const adapted = buildAnalysisContext({ labelledTexts: many, pastIssues: [], language: 'Python' });
    expect(adapted.classifier).not.toBe(globalModel);
    expect(adapted.examples).toHaveLength(40);
    expect(adapted.repoLanguages).toEqual(['Python']);
  });

  it('indexes the labelled issues that have a reference, for reasons to cite', () => {
    const context = buildAnalysisContext({
      labelledTexts: [
        { title: 'crash on save', body: '', labels: ['bug'], reference: '#7', createdAt: null },
        { title: 'crash on load', body: '', labels: ['bug'] },
      ],
      pastIssues: [],
    });
    expect(context.teachers?.teachers.map((t) => t.reference)).toEqual(['#7']);
    expect(buildAnalysisContext({ labelledTexts: [], pastIssues: [] }).teachers).toBeUndefined();
  });
});
