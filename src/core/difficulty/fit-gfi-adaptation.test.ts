import { describe, expect, it } from 'vitest';
import type { PastIssue } from './difficulty.types.ts';
import { MIN_ADAPTATION_POSITIVES, fitGfiAdaptation } from './fit-gfi-adaptation.ts';
import { summariseRepoHistory } from './repo-history.ts';
import { scoreIssueDifficulty } from './score-issue-difficulty.ts';

const BODY = 'The output of the command could be clearer when the input is empty.';

/** A repository whose maintainers mark issues of the "area/cli" label as good first issues, and never "area/core" ones. */
function history(positives: number, month = '2023-01'): PastIssue[] {
  const issues: PastIssue[] = [];
  for (let i = 0; i < 60; i++) {
    const cli = i % 2 === 0;
    const gfi = cli && i / 2 < positives;
    issues.push({
      title: `Improve the message (${i})`,
      body: BODY,
      labels: [cli ? 'area/cli' : 'area/core', ...(gfi ? ['good first issue'] : [])],
      commentsCount: 1,
      createdAt: `${month}-${String((i % 27) + 1).padStart(2, '0')}T10:00:00Z`,
    });
  }
  return issues;
}

const newIssue = (label: string) => ({
  title: 'Improve the message',
  body: BODY,
  labels: [label],
  commentsCount: 1,
  createdAt: '2023-03-10T10:00:00Z',
});

describe('fitGfiAdaptation', () => {
  it('leaves the shipped model alone when the repository has too few labelled good first issues', () => {
    expect(fitGfiAdaptation(history(MIN_ADAPTATION_POSITIVES - 1))).toBeUndefined();
    expect(summariseRepoHistory(history(MIN_ADAPTATION_POSITIVES - 1)).gfiAdaptation).toBeUndefined();
  });

  it("learns which of the repository's own labels went with good first issues", () => {
    const adaptation = fitGfiAdaptation(history(12))!;
    expect(adaptation).toMatchObject({ positives: 12, issues: 60 });
    expect(adaptation.labelWeight).toBeGreaterThan(0);
    expect(adaptation.labelLogOdds['area/cli']).toBeGreaterThan(0);
    expect(adaptation.labelLogOdds['area/core']).toBeLessThan(0);
    expect(adaptation.labelLogOdds).not.toHaveProperty('good first issue');
  });

  it("moves the score the job computes, in the direction of the repository's habit", () => {
    const past = history(12);
    const adapted = summariseRepoHistory(past, { asOf: '2023-03-01T00:00:00Z' });
    const plain = summariseRepoHistory(past, { asOf: '2023-03-01T00:00:00Z', adapt: false });
    expect(plain.gfiAdaptation).toBeUndefined();
    const cli = scoreIssueDifficulty(newIssue('area/cli'), adapted);
    expect(cli.gfiScore).toBeGreaterThan(scoreIssueDifficulty(newIssue('area/cli'), plain).gfiScore);
    expect(scoreIssueDifficulty(newIssue('area/core'), adapted).gfiScore).toBeLessThan(
      scoreIssueDifficulty(newIssue('area/core'), plain).gfiScore,
    );
    expect(cli.reasons.map((r) => r.signal)).toContain('repo.adaptation');
  });

  it('reads only issues created before asOf', () => {
    const past = [...history(3, '2023-01'), ...history(20, '2023-05')];
    expect(fitGfiAdaptation(past, { asOf: '2023-02-01T00:00:00Z' })).toBeUndefined();
    expect(fitGfiAdaptation(past, { asOf: '2023-06-01T00:00:00Z' })?.positives).toBe(23);
  });
});
