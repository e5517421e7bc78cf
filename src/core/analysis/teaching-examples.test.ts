import { describe, expect, it } from 'vitest';
import { runSteps } from '../steps.ts';
import {
  buildTeachingIndexSteps,
  describeTeachingExample,
  findTeachingExamples,
  MIN_TEACHING_SIMILARITY,
  referenceOf,
  type LabelledIssue,
} from './teaching-examples.ts';

const labelled = (
  number: number,
  title: string,
  labels: string[],
  extra: { body?: string; createdAt?: string | null } = {},
): LabelledIssue => ({
  reference: `#${number}`,
  title,
  body: extra.body ?? '',
  labels,
  createdAt:
    extra.createdAt === undefined ? `2024-01-${String(number).padStart(2, '0')}T00:00:00Z` : extra.createdAt,
});

const history: LabelledIssue[] = [
  labelled(3, 'Crash when saving a parquet file', ['type: bug'], {
    body: 'The writer segfaults on save with a parquet schema containing nested lists.',
  }),
  labelled(4, 'Add dark mode to the settings page', ['enhancement']),
  labelled(5, 'Typo in the installation guide', ['documentation', 'good first issue']),
  labelled(6, 'Support exporting reports as parquet', ['enhancement']),
  labelled(7, 'Memory leak in the websocket reconnect loop', ['bug']),
];
const index = runSteps(buildTeachingIndexSteps(history));

const issue = (title: string, body = '', createdAt: string | null = '2024-02-01T00:00:00Z') => ({
  title,
  body,
  createdAt,
});

describe('findTeachingExamples', () => {
  it('cites the most similar earlier issue labelled with the predicted type, by its own label name', () => {
    const [example] = findTeachingExamples(
      index,
      issue('Saving a parquet file crashes', 'Segfaults in the writer when the schema has nested lists.'),
      [{ type: 'bug' }],
    );
    expect(example).toMatchObject({ reference: '#3', label: 'type: bug' });
    expect(example!.similarity).toBeGreaterThanOrEqual(MIN_TEACHING_SIMILARITY);
    expect(describeTeachingExample(example!)).toBe(
      'like #3 "Crash when saving a parquet file" (labelled type: bug)',
    );
  });

  it('only cites issues carrying the label behind the judgement', () => {
    const text = issue('Crash when exporting parquet');
    // Like a bug (#3) and like a feature request (#6): each judgement cites its own.
    const [asBug, asFeature, asQuestion] = findTeachingExamples(index, text, [
      { type: 'bug' },
      { type: 'feature' },
      { type: 'question' },
    ]);
    expect(asBug?.reference).toBe('#3');
    expect(asFeature?.reference).toBe('#6');
    expect(asQuestion).toBeNull();
  });

  it('cites a good-first-issue labelled issue for a good first issue', () => {
    const [example] = findTeachingExamples(index, issue('Typo in the installation guide for Windows'), [
      { goodFirstIssue: true },
    ]);
    expect(example).toMatchObject({ reference: '#5', label: 'good first issue' });
  });

  it('never cites the issue itself', () => {
    const self = { ...issue('Crash when saving a parquet file'), reference: '#3' };
    expect(findTeachingExamples(index, self, [{ type: 'bug' }])).toEqual([null]);
  });

  it('never cites an issue opened after the one judged, when both dates are known', () => {
    const text = 'Memory leak in the websocket reconnect loop after network loss';
    expect(findTeachingExamples(index, issue(text, '', '2024-01-06T00:00:00Z'), [{ type: 'bug' }])).toEqual([
      null,
    ]);
    expect(
      findTeachingExamples(index, issue(text, '', '2024-01-08T00:00:00Z'), [{ type: 'bug' }])[0]?.reference,
    ).toBe('#7');
    // Undated: nothing to hold it back.
    expect(findTeachingExamples(index, issue(text, '', null), [{ type: 'bug' }])[0]?.reference).toBe('#7');
  });

  it('cites nothing below the minimum similarity, however the labels match', () => {
    const loose = issue(
      'Websocket docs are hard to find',
      'Unrelated words about calendars, timezones and invoices.',
    );
    // The words it shares with #7 give a cosine above zero: cited when any similarity would do…
    const anything = runSteps(buildTeachingIndexSteps(history, { minSimilarity: 0.01 }));
    const [weak] = findTeachingExamples(anything, loose, [{ type: 'bug' }]);
    expect(weak?.reference).toBe('#7');
    expect(weak!.similarity).toBeLessThan(MIN_TEACHING_SIMILARITY);
    // …and not at the default bar.
    expect(findTeachingExamples(index, loose, [{ type: 'bug' }])).toEqual([null]);
  });

  it('indexes only labelled issues with a reference and a type or good-first-issue label', () => {
    const built = runSteps(
      buildTeachingIndexSteps([
        { title: 'Crash on start', body: '', labels: ['bug'] },
        labelled(9, 'Crash on exit', ['wontfix']),
        labelled(10, 'Crash on resume', ['bug']),
      ]),
    );
    expect(built.teachers.map((t) => t.reference)).toEqual(['#10']);
  });
});

describe('referenceOf', () => {
  it('writes numbers as #N and keeps other file ids as they are', () => {
    expect(referenceOf(123)).toBe('#123');
    expect(referenceOf('42')).toBe('#42');
    expect(referenceOf('HADOOP-1234')).toBe('HADOOP-1234');
  });
});
