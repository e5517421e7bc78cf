import { describe, expect, it } from 'vitest';
import { FEATURE_SPECS } from './difficulty-features.ts';
import type { DifficultyInput, RepoHistory } from './difficulty.types.ts';
import type { GfiWeights } from './gfi-model.ts';
import shipped from './gfi-weights.json' with { type: 'json' };
import shippedText from './gfi-text-weights.json' with { type: 'json' };
import { TEXT_SIGNAL } from './text-evidence.ts';
import type { TextModel } from './text-model.ts';
import {
  EASY_AT,
  HARD_BELOW,
  createDifficultyScorer,
  levelForScore,
  scoreIssueDifficulty,
} from './score-issue-difficulty.ts';

const BASE: DifficultyInput = {
  title: 'Improve the loader',
  body: 'The loader could behave better in this case.',
  labels: [],
  commentsCount: 0,
  authorAssociation: 'NONE',
  createdAt: '2024-05-01T00:00:00Z',
};
const TRACE =
  '\n```\nTraceback (most recent call last):\n  File "a.py", line 3, in <module>\n  File "b.py", line 9, in run\nValueError: bad\n```';

function history(overrides: Partial<RepoHistory> = {}): RepoHistory {
  return {
    asOf: null,
    issueCount: 100,
    closedIssueCount: 80,
    medianDaysToClose: 20,
    closedByMaintainerShare: 0.5,
    newcomerMergedShare: 0.3,
    mergedPullRequestCount: 50,
    staleOpenShare: 0.3,
    labels: {},
    ...overrides,
  };
}

/** Hand-written change per directional signal: (modified input, history). */
const CHANGES: Record<string, { input: Partial<DifficultyInput>; history?: [RepoHistory, RepoHistory] }> = {
  'scope.bodyLength': { input: { body: `${BASE.body} ${'More context about the situation. '.repeat(60)}` } },
  'scope.codeBlocks': { input: { body: `${BASE.body}\n\`\`\`\nx = 1\n\`\`\`\n\`\`\`\ny = 2\n\`\`\`` } },
  'scope.stackTrace': { input: { body: BASE.body + TRACE } },
  'scope.files': { input: { body: `${BASE.body} It touches src/core/a.py, src/io/b.py and setup.cfg.` } },
  'scope.symbols': { input: { body: `${BASE.body} See \`Dataset.map\` and \`load_dataset\`.` } },
  'guidance.codePointers': { input: { body: `${BASE.body} https://github.com/o/r/blob/main/src/x.py#L10` } },
  'guidance.phrases': {
    input: { body: `${BASE.body} PRs welcome! You'd need to update the function \`foo\`.` },
  },
  'guidance.checklist': { input: { body: `${BASE.body}\n- [ ] add option\n- [ ] add test` } },
  'text.smallScope': { input: { title: 'Fix typo in the docstring' } },
  'text.hardScope': { input: { title: 'Memory leak and crash under multiprocessing' } },
  'text.environment': {
    input: { body: `${BASE.body}\n## Environment info\n- Python version: 3.11\n- Platform: Linux` },
  },
  'text.reproduction': {
    input: { body: `${BASE.body}\n## Steps to reproduce\n1. run\n## Expected behavior\nworks` },
  },
  'text.question': { input: { title: 'How do I load this?' } },
  'author.maintainer': { input: { authorAssociation: 'MEMBER' } },
  'label.documentation': { input: { labels: ['documentation'] } },
  'label.helpWanted': { input: { labels: ['help wanted'] } },
  'label.breaking': { input: { labels: ['breaking change'] } },
  'label.performance': { input: { labels: ['performance'] } },
  'label.refactor': { input: { labels: ['refactoring'] } },
  'label.question': { input: { labels: ['question'] } },
  'label.triage': { input: { labels: ['needs-triage'] } },
  'label.other': { input: { labels: ['area/parsing'] } },
  'history.labelCloseTime': {
    input: { labels: ['bug'] },
    history: [
      history({ labels: { bug: { closedCount: 10, medianDaysToClose: 2, closedByMaintainerShare: null } } }),
      history({
        labels: { bug: { closedCount: 10, medianDaysToClose: 200, closedByMaintainerShare: null } },
      }),
    ],
  },
  'history.labelMaintainerClosed': {
    input: { labels: ['bug'] },
    history: [
      history({ labels: { bug: { closedCount: 10, medianDaysToClose: 20, closedByMaintainerShare: 0.2 } } }),
      history({ labels: { bug: { closedCount: 10, medianDaysToClose: 20, closedByMaintainerShare: 0.9 } } }),
    ],
  },
  'history.gfiLast90Days': { input: {}, history: [activity({ last90Days: 0 }), activity({ last90Days: 6 })] },
  'history.gfiLast365Days': {
    input: {},
    history: [activity({ last365Days: 1 }), activity({ last365Days: 12 })],
  },
  'history.gfiShare365Days': {
    input: {},
    history: [
      activity({ last365Days: 2, issuesLast365Days: 400 }),
      activity({ last365Days: 2, issuesLast365Days: 40 }),
    ],
  },
  'history.daysSinceGfi': {
    input: {},
    history: [activity({ daysSinceLast: 10 }), activity({ daysSinceLast: null })],
  },
};

/** A history whose recent good-first-issue activity is set, everything else typical. */
function activity(overrides: Partial<NonNullable<RepoHistory['gfiActivity']>>): RepoHistory {
  return history({
    gfiActivity: { last90Days: 2, last365Days: 6, issuesLast365Days: 200, daysSinceLast: 30, ...overrides },
  });
}

/** A scorer that reads only one signal, with a unit weight of its documented sign. */
function oneSignalScorer(signal: string, direction: number) {
  const weights: GfiWeights = {
    ...(shipped as GfiWeights),
    baseline: 0,
    features: [{ signal, coef: direction, reference: 0 }],
  };
  return createDifficultyScorer({ weights, priors: false });
}

describe('signals', () => {
  const directional = FEATURE_SPECS.filter((spec) => spec.direction !== 0);

  it('has a hand-written example for every directional signal', () => {
    expect(Object.keys(CHANGES).sort()).toEqual(directional.map((s) => s.signal).sort());
  });

  it.each(directional.map((spec) => [spec.signal, spec.direction] as const))(
    '%s moves the score in direction %i',
    (signal, direction) => {
      const change = CHANGES[signal]!;
      const score = oneSignalScorer(signal, direction);
      const [before, after] = change.history ?? [undefined, undefined];
      const baseInput = { ...BASE, labels: change.input.labels ?? BASE.labels };
      const base = change.history ? score(baseInput, before).gfiScore : score(BASE).gfiScore;
      const moved = score({ ...BASE, ...change.input }, after).gfiScore;
      // The hand-written change strengthens the signal, so the score moves the documented way.
      expect(Math.sign(moved - base)).toBe(direction);
    },
  );

  it('leaves the recent-activity signals out when the history does not carry them', () => {
    const score = oneSignalScorer('history.daysSinceGfi', -1);
    for (const h of [undefined, history()]) {
      const result = score(BASE, h);
      expect(result.gfiScore).toBe(0.5);
      expect(result.reasons.map((r) => r.signal)).not.toContain('history.daysSinceGfi');
    }
    expect(score(BASE, activity({ daysSinceLast: 400 })).reasons.map((r) => r.signal)).toContain(
      'history.daysSinceGfi',
    );
  });

  it('shipped weights never contradict a documented direction', () => {
    for (const weight of (shipped as GfiWeights).features) {
      const spec = FEATURE_SPECS.find((s) => s.signal === weight.signal);
      expect(spec, weight.signal).toBeDefined();
      if (spec!.direction !== 0)
        expect(weight.coef * spec!.direction, weight.signal).toBeGreaterThanOrEqual(0);
    }
    expect((shipped as GfiWeights).training.postHocFeatures).toBe(false);
  });
});

describe('scoreIssueDifficulty (shipped weights)', () => {
  const easy: DifficultyInput = {
    ...BASE,
    title: 'Fix typo in docstring of `Dataset.map`',
    labels: ['documentation'],
    authorAssociation: 'MEMBER',
    body: 'The docstring of `Dataset.map` says `batched=False` twice. The fix is to edit it in https://github.com/o/r/blob/main/src/arrow_dataset.py#L120. PRs welcome!',
  };
  const hard: DifficultyInput = {
    ...BASE,
    title: 'Why does training crash with a memory leak?',
    labels: ['question', 'performance'],
    body: `Crash during multiprocessing.${TRACE}\n## Environment info\n- Python version: 3.11\n- Platform: Linux`,
  };

  it('rates a guided docs fix above an unscoped crash report, with levels to match', () => {
    const a = scoreIssueDifficulty(easy);
    const b = scoreIssueDifficulty(hard);
    expect(a.gfiScore).toBeGreaterThan(b.gfiScore);
    expect(a.level).toBe('easy');
    expect(b.level).toBe('hard');
  });

  it('ignores good-first-issue labels and synonyms', () => {
    for (const label of ['good first issue', 'good-first-issue', 'beginner', 'easy', 'hacktoberfest']) {
      expect(scoreIssueDifficulty({ ...hard, labels: [...hard.labels, label] })).toEqual(
        scoreIssueDifficulty(hard),
      );
    }
  });

  it('gives reasons, strongest first, that add up to the score', () => {
    const result = scoreIssueDifficulty(easy);
    expect(result.reasons.length).toBeGreaterThan(2);
    const sizes = result.reasons.map((r) => Math.abs(r.effect));
    expect(sizes).toEqual([...sizes].sort((x, y) => y - x));
    for (const reason of result.reasons) expect(reason.detail.length).toBeGreaterThan(0);
    expect(result.reasons.map((r) => r.signal)).toContain('guidance.codePointers');
  });

  it('keeps scores within 0..1 and is deterministic', () => {
    const extreme = {
      ...hard,
      body: hard.body.repeat(50),
      labels: ['question', 'performance', 'breaking', 'refactor'],
    };
    for (const input of [easy, hard, extreme, { ...BASE, title: '', body: '' }]) {
      const result = scoreIssueDifficulty(input);
      expect(result.gfiScore).toBeGreaterThanOrEqual(0);
      expect(result.gfiScore).toBeLessThanOrEqual(1);
      expect(scoreIssueDifficulty(input)).toEqual(result);
    }
  });

  it('applies level thresholds', () => {
    expect(levelForScore(EASY_AT)).toBe('easy');
    expect(levelForScore(EASY_AT - 0.01)).toBe('medium');
    expect(levelForScore(HARD_BELOW)).toBe('medium');
    expect(levelForScore(HARD_BELOW - 0.01)).toBe('hard');
    const result = scoreIssueDifficulty(BASE);
    expect(result.level).toBe(levelForScore(result.gfiScore));
  });
});

describe('hand-set priors', () => {
  const score = (input: Partial<DifficultyInput>, h?: RepoHistory) =>
    scoreIssueDifficulty({ ...BASE, ...input }, h).gfiScore;

  it('maintainer guidance in comments raises the score; disagreement and long discussions lower it', () => {
    const base = score({});
    expect(
      score({
        comments: [{ body: "You'd need to change `parse` in src/io.py.", authorAssociation: 'OWNER' }],
      }),
    ).toBeGreaterThan(base);
    expect(
      score({ comments: [{ body: "I don't think this is the right approach.", authorAssociation: 'NONE' }] }),
    ).toBeLessThan(base);
    expect(score({ commentsCount: 40 })).toBeLessThan(score({ commentsCount: 3 }));
  });

  it('a responsive, open repository raises the score; a slow one with a stale backlog lowers it', () => {
    const healthy = history({ medianDaysToClose: 3, newcomerMergedShare: 0.7, staleOpenShare: 0.1 });
    const neglected = history({ medianDaysToClose: 400, newcomerMergedShare: 0.05, staleOpenShare: 0.8 });
    expect(score({}, healthy)).toBeGreaterThan(score({}));
    expect(score({}, neglected)).toBeLessThan(score({}));
    const reasons = scoreIssueDifficulty(BASE, neglected).reasons.map((r) => r.signal);
    expect(reasons).toEqual(
      expect.arrayContaining(['repo.responsiveness', 'repo.outsiderMerges', 'repo.staleBacklog']),
    );
  });

  it('ignores thin histories', () => {
    expect(score({}, history({ issueCount: 5, medianDaysToClose: 400 }))).toBe(score({}));
  });
});

describe('learned text evidence (shipped text model)', () => {
  const weights = shipped as GfiWeights;
  const textModel = shippedText as unknown as TextModel;
  const logit = (p: number): number => Math.log(p / (1 - p));
  const input: DifficultyInput = {
    ...BASE,
    title: 'Add `Dataset.to_list` to the docs',
    body: 'The method is missing from the docs page.',
  };

  it('ships a stacked text weight that raises the score with the text logit', () => {
    expect(weights.text?.coef).toBeGreaterThan(0);
    expect(textModel.training.positives).toBe(weights.training.positives);
  });

  it('adds one text reason whose effect is exactly what the text model adds to the log-odds', () => {
    const withText = createDifficultyScorer({ weights, textModel, priors: false })(input);
    const withoutText = createDifficultyScorer({ weights, priors: false })(input);
    const reason = withText.reasons.find((r) => r.signal === TEXT_SIGNAL);
    expect(reason).toBeDefined();
    expect(withoutText.reasons.find((r) => r.signal === TEXT_SIGNAL)).toBeUndefined();
    expect(logit(withText.gfiScore) - logit(withoutText.gfiScore)).toBeCloseTo(reason!.effect, 3);
    expect(reason!.detail).toMatch(/^title words "/);
  });

  it('is part of the shipped scorer and deterministic', () => {
    const result = scoreIssueDifficulty(input);
    expect(result.reasons.map((r) => r.signal)).toContain(TEXT_SIGNAL);
    expect(scoreIssueDifficulty(input)).toEqual(result);
  });
});
