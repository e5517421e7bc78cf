import { describe, expect, it } from 'vitest';
import { LoupeError } from '../core/errors.ts';
import { FileRecordError, FileSourceError } from '../sources/files/index.ts';
import type { EvalClassifyResult } from './eval-classify.ts';
import type { EvalDupesResult } from './eval-dupes.ts';
import {
  classifyJson,
  dupesJson,
  formatClassifyReport,
  formatDupesReport,
  formatGfiReport,
  gfiJson,
} from './eval-report.ts';
import { asInputError, createSkipReporter, parseFormat } from './input-errors.ts';

const classify: EvalClassifyResult = {
  repos: [
    { repo: 'a/b', issues: 4, macroF1: 0.8125, accuracy: 0.75, classes: ['bug', 'feature'] },
    { repo: 'c/d', issues: 2, macroF1: 0.5, accuracy: 0.5, classes: ['bug'] },
  ],
  meanMacroF1: 0.65625,
  accuracy: 2 / 3,
  confusion: {
    classes: ['bug', 'feature'],
    matrix: [
      [3, 1],
      [1, 1],
    ],
  },
  trainIssues: 10,
  testIssues: 6,
  unlabelled: { train: 1, test: 0 },
  pullRequestsSkipped: 0,
  recordsSkipped: 2,
  usedGlobal: false,
};

const metrics = (x: number) => ({ rr1: x / 2, rr5: x, rr10: x, map: x / 2, queries: 3 });
const dupes: EvalDupesResult = {
  reports: 40,
  queries: 3,
  pairsSkipped: 0,
  recordsSkipped: 0,
  datesKnown: true,
  loupe: metrics(1),
  baseline: metrics(2 / 3),
  retrieval: metrics(2 / 3),
  recallAtRetrieve: 1,
  suggestions: [
    {
      duplicateRate: 0.05,
      precision: 0.6,
      recall: 0.4,
      wrongShare: 0.1,
      noDuplicateShare: 0.01,
      withDuplicate: 3,
      withoutDuplicate: 37,
    },
  ],
};

describe('evaluation reports', () => {
  it('end with the one-line summary', () => {
    const lines = formatClassifyReport(classify);
    expect(lines.at(-1)).toBe('classify macro-F1 0.656 (2 repos)');
    expect(lines).toContain('skipped 2 malformed records (--skip-bad)');
    expect(formatDupesReport(dupes)).toContain('5.0%          0.600   0.400      0.100             0.010');
    expect(formatDupesReport(dupes).at(-1)).toBe(
      'dupes RR@10 1.000 MAP 0.500 (baseline RR@10 0.667 MAP 0.333; 3 queries)',
    );
    const gfi = {
      label: 'good first issue',
      auc: 0.8125,
      adapt: true,
      aucs: { adapted: 0.8125, shipped: 0.75 },
      issues: 100,
      positives: 7,
      adaptedIssues: 60,
      perRepository: [
        { repo: 'acme/app', issues: 100, positives: 7, adaptedIssues: 60, adapted: 0.8125, shipped: 0.75 },
      ],
      pullRequestsSkipped: 3,
      recordsSkipped: 0,
    };
    expect(formatGfiReport(gfi).at(-1)).toBe(
      'gfi ROC-AUC 0.813 adapted to each repository; shipped model alone 0.750 (7 "good first issue" of 100 issues)',
    );
    expect(formatGfiReport({ ...gfi, adapt: false, auc: 0.75 }).at(-1)).toBe(
      'gfi ROC-AUC 0.750 shipped model alone; adapted 0.813 (7 "good first issue" of 100 issues)',
    );
    expect(formatGfiReport(gfi)).toContain(
      '  acme/app: 7 of 100 issues, adapted 0.813, shipped 0.750 (60 scored with an adjustment)',
    );
    expect(gfiJson(gfi)).toMatchObject({
      command: 'eval gfi',
      roc_auc: 0.8125,
      roc_auc_adapted: 0.8125,
      roc_auc_shipped: 0.75,
      positives: 7,
      adapted_issues: 60,
    });
  });

  it('give JSON with rounded figures and snake_case keys', () => {
    const json = classifyJson(classify);
    expect(json).toMatchObject({
      macro_f1: 0.6563,
      accuracy: 0.6667,
      train_issues: 10,
      skipped_records: 2,
      global_model: false,
    });
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
    expect(dupesJson(dupes)).toMatchObject({ loupe: { rr10: 1, map: 0.5 }, baseline: { rr10: 0.6667 } });
  });
});

describe('input errors', () => {
  it('turn reader errors into INVALID_INPUT with the line', () => {
    const record = new FileRecordError({
      path: '/x/issues.jsonl',
      line: 7,
      reason: 'invalid JSON',
      expected: 'one issue object per line',
    });
    const converted = asInputError(record);
    expect(converted).toBeInstanceOf(LoupeError);
    expect((converted as LoupeError).code).toBe('INVALID_INPUT');
    expect((converted as LoupeError).message).toContain('issues.jsonl line 7: invalid JSON');
    expect(
      (asInputError(new FileSourceError('FILE_NOT_FOUND', 'a.csv', 'a.csv: file not found')) as LoupeError)
        .details,
    ).toMatchObject({ code: 'FILE_NOT_FOUND' });
    const other = new Error('bug');
    expect(asInputError(other)).toBe(other);
  });

  it('report the first skipped records, then one note', () => {
    const lines: string[] = [];
    const report = createSkipReporter((l) => lines.push(l), 2);
    for (let line = 1; line <= 5; line++)
      report(new FileRecordError({ path: 'f.csv', line, reason: 'bad', expected: 'good' }));
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('f.csv line 2');
  });

  it('validate --format', () => {
    expect(parseFormat('CSV')).toBe('csv');
    expect(parseFormat(undefined)).toBe('auto');
    expect(() => parseFormat('xml')).toThrow(LoupeError);
  });
});
