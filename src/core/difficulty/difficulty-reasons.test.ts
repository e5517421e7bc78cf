import { describe, expect, it } from 'vitest';
import { describeDifficultyReasons, isRepositorySignal } from './difficulty-reasons.ts';

describe('describeDifficultyReasons', () => {
  const reasons = [
    { signal: 'guidance.phrases', effect: 1.9, detail: '1 hint on how or where to make the change' },
    {
      signal: 'history.daysSinceGfi',
      effect: -0.52,
      detail: 'the latest good first issue was opened 90 days before 2025-06-01',
    },
    { signal: 'text.hardScope', effect: -0.56, detail: 'wording of deep work' },
    {
      signal: 'repo.outsiderMerges',
      effect: 0.3,
      detail: '71% of merged pull requests came from outside contributors',
    },
    { signal: 'repo.staleBacklog', effect: -0.1, detail: '40% of open issues have waited over a year' },
    {
      signal: 'scope.symbols',
      effect: -0.41,
      detail: 'names no function, option or other code symbol to start from',
    },
  ];

  it("lists the issue's own reasons first and the repository's in one closing line with their net effect", () => {
    expect(describeDifficultyReasons(reasons)).toEqual([
      '1 hint on how or where to make the change (+1.90)',
      'wording of deep work (-0.56)',
      'names no function, option or other code symbol to start from (-0.41)',
      'the repository, for all its issues: the latest good first issue was opened 90 days before 2025-06-01; 40% of open issues have waited over a year (-0.32)',
    ]);
  });

  it('keeps room for the repository line within max', () => {
    const lines = describeDifficultyReasons(reasons, 2);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^the repository, for all its issues:/);
  });

  it('leaves the repository line out when its signals cancel out', () => {
    const lines = describeDifficultyReasons([
      { signal: 'repo.outsiderMerges', effect: 0.3, detail: 'a' },
      { signal: 'repo.staleBacklog', effect: -0.3, detail: 'b' },
    ]);
    expect(lines).toEqual([]);
  });

  it('treats the per-issue repository adjustment as the issue own reason', () => {
    expect(isRepositorySignal('repo.adaptation')).toBe(false);
    expect(isRepositorySignal('history.gfiLast90Days')).toBe(true);
  });
});

describe('repository reasons name the data clock, never "ago"', () => {
  it('says the date the good-first-issue activity is counted at', async () => {
    const { summariseRepoHistory } = await import('./repo-history.ts');
    const { scoreIssueDifficulty } = await import('./score-issue-difficulty.ts');
    const past = [
      {
        title: 'Fix typo',
        body: '',
        labels: ['good first issue'],
        commentsCount: 0,
        createdAt: '2025-03-01T00:00:00Z',
      },
      { title: 'Crash', body: '', labels: ['bug'], commentsCount: 0, createdAt: '2025-05-20T00:00:00Z' },
    ];
    const history = summariseRepoHistory(past, { asOf: '2025-06-01T00:00:00Z', adapt: false });
    const score = scoreIssueDifficulty(
      {
        title: 'Typo in the README',
        body: '',
        labels: [],
        commentsCount: 0,
        createdAt: '2025-06-10T00:00:00Z',
      },
      history,
    );
    const details = score.reasons.filter((r) => r.signal.startsWith('history.')).map((r) => r.detail);
    expect(details.length).toBeGreaterThan(0);
    for (const detail of details) {
      expect(detail).toContain('2025-06-01');
      expect(detail).not.toMatch(/\bago\b|last (?:90 days|year)/);
    }
  });
});
