import { describe, expect, it } from 'vitest';
import { globalModel } from '../classify/index.ts';
import { buildAnalysisContext } from './analysis-context.ts';
import { analyzeIssue } from './analyze-issue.ts';

const base = {
  body: '',
  labels: [] as { name: string }[],
  isPullRequest: false,
  commentsCount: 0,
  reactionsCount: 0,
  authorAssociation: 'NONE',
  assignees: [] as string[],
  milestone: null,
  createdAt: '2024-03-01T00:00:00Z',
  state: 'open' as const,
};

describe('analyzeIssue', () => {
  it('types a pull request from its conventional-commit prefix, not from its wording', () => {
    const pr = analyzeIssue(
      { ...base, isPullRequest: true, title: 'fix(groupby): correct docs example crash in aggregate' },
      [],
      { classifier: globalModel },
    );
    expect(pr.type).toBe('bug');
    expect(pr.typeReasons).toEqual(['title starts with "fix(groupby):"']);
  });

  it('explains an issue type with phrases quoted from the issue', () => {
    const issue = analyzeIssue(
      {
        ...base,
        title: 'App crashes with a segmentation fault when saving',
        body: 'Traceback shows the crash in the writer every time I save a file.',
      },
      [],
      { classifier: globalModel },
    );
    expect(issue.type).toBe('bug');
    expect(issue.typeReasons.length).toBeGreaterThan(0);
    for (const reason of issue.typeReasons) expect(reason).not.toMatch(/<number>|^word "/);
    expect(issue.typeReasons.some((r) => /crash/i.test(r))).toBe(true);
  });

  it('cites the most similar earlier issue labelled with its type, and for a likely good first issue one labelled so', () => {
    const context = buildAnalysisContext({
      labelledTexts: [
        {
          reference: '#41',
          title: 'Fix typo in the README installation section',
          body: 'The README says "pip instal" instead of "pip install" in the installation section.',
          labels: ['documentation', 'good first issue'],
          createdAt: '2024-01-10T00:00:00Z',
        },
        {
          reference: '#12',
          title: 'App crashes with a segmentation fault when saving a file',
          body: 'Saving any file crashes the writer with a segmentation fault.',
          labels: ['kind/bug'],
          createdAt: '2024-01-05T00:00:00Z',
        },
      ],
      pastIssues: Array.from({ length: 40 }, (_, i) => ({
        title: `past ${i}`,
        body: '',
        labels: i % 2 ? ['good first issue'] : [],
        isPullRequest: false,
        commentsCount: 1,
        reactionsCount: 0,
        authorAssociation: 'NONE',
        assigneesCount: 0,
        milestone: null,
        createdAt: `2023-12-${String((i % 28) + 1).padStart(2, '0')}T00:00:00Z`,
        state: 'closed' as const,
        closedAt: `2024-01-${String((i % 28) + 1).padStart(2, '0')}T12:00:00Z`,
      })),
    });
    const crash = analyzeIssue(
      {
        ...base,
        reference: '#50',
        title: 'App crashes with a segmentation fault when saving',
        body: 'Traceback shows the crash in the writer every time I save a file.',
      },
      [],
      context,
    );
    expect(crash.type).toBe('bug');
    expect(crash.typeReasons).toContain(
      'like #12 "App crashes with a segmentation fault when saving a file" (labelled kind/bug)',
    );
    const typo = {
      ...base,
      reference: '#51',
      title: 'Typo in the README installation section',
      body: 'The installation section of the README says "pip instal"; it should say "pip install".',
    };
    const easy = analyzeIssue(typo, [], context);
    expect(easy.difficulty).toBe('easy');
    expect(easy.difficultyReasons).toContain(
      'like #41 "Fix typo in the README installation section" (labelled good first issue)',
    );
    // Without the repository's recent good first issues the same text is not a likely one: nothing cited.
    const medium = analyzeIssue(typo, [], { ...context, history: undefined });
    expect(medium.difficulty).not.toBe('easy');
    expect(medium.difficultyReasons.some((r) => r.startsWith('like #'))).toBe(false);
    // A pull request says what it is: it cites nothing.
    const pr = analyzeIssue(
      { ...typo, isPullRequest: true, title: 'docs: fix typo in the README' },
      [],
      context,
    );
    expect([...pr.typeReasons, ...pr.difficultyReasons].some((r) => r.startsWith('like #'))).toBe(false);
  });
});
