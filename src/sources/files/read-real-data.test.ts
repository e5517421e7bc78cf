/**
 * Reads the real issue files in ../shared/data (see its README) end to end. A fresh clone has no
 * ../shared, so each file is skipped with a message when absent.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { IssueRecord } from './issue-record.ts';
import { readDuplicatePairs } from './read-duplicate-pairs.ts';
import { readIssueRecords } from './read-issue-records.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const dataDir = path.resolve(repoRoot, '../shared/data');

function dataFile(relative: string): string | null {
  const file = path.join(dataDir, relative);
  if (existsSync(file)) return file;
  console.warn(
    `skipping ${relative}: not found under ${dataDir} (the shared data is not part of a fresh clone)`,
  );
  return null;
}

async function summarise(
  file: string,
): Promise<{ count: number; ids: Set<string>; tally: Map<string, number>; first: IssueRecord | undefined }> {
  let count = 0;
  let first: IssueRecord | undefined;
  const ids = new Set<string>();
  const tally = new Map<string, number>();
  for await (const record of readIssueRecords(file)) {
    count++;
    first ??= record;
    ids.add(record.id);
    const key = record.label ?? record.resolution ?? (record.isPullRequest ? 'pr' : 'issue');
    tally.set(key, (tally.get(key) ?? 0) + 1);
  }
  return { count, ids, tally, first };
}

describe('real data in ../shared/data', () => {
  const nlbse = dataFile('nlbse24/issues_train.csv');
  it.skipIf(!nlbse)('nlbse24: 1,500 issues, 500 per label', async () => {
    const { count, tally, first } = await summarise(nlbse as string);
    expect(count).toBe(1500);
    expect(Object.fromEntries(tally)).toEqual({ bug: 500, feature: 500, question: 500 });
    expect(first).toMatchObject({ repo: 'facebook/react', createdAt: '2023-08-26T06:33:37.000Z', line: 2 });
  });

  const hadoop = dataFile('gitbugs/hadoop_bugs.csv');
  it.skipIf(!hadoop)('hadoop_bugs: 2,503 distinct reports, 151 resolved as Duplicate', async () => {
    const { count, ids, tally } = await summarise(hadoop as string);
    expect(count).toBe(2503);
    expect(ids.size).toBe(2503);
    expect(tally.get('Duplicate')).toBe(151);
  });

  const seamonkey = dataFile('gitbugs/SeaMonkey_bugs.csv');
  it.skipIf(!seamonkey)('SeaMonkey_bugs: 1,076 reports', async () => {
    const { count, ids, tally } = await summarise(seamonkey as string);
    expect(count).toBe(1076);
    expect(ids.size).toBe(1076);
    expect(tally.get('DUPLICATE')).toBe(85);
  });

  const hf = dataFile('github/huggingface-datasets-issues.jsonl.gz');
  it.skipIf(!hf)('huggingface datasets: 7,258 objects, 3,019 issues and 4,239 pull requests', async () => {
    const { count, ids, tally, first } = await summarise(hf as string);
    expect(count).toBe(7258);
    expect(ids.size).toBe(7258);
    expect(tally.get('pr')).toBe(4239);
    expect(tally.get('issue')).toBe(3019);
    expect(first?.repo).toBe('huggingface/datasets');
  });

  const pairFiles: [string, number][] = [
    ['gitbugs/hadoop_bugs-combined.csv', 127],
    ['gitbugs/hadoop_bugs-test.csv', 27],
    ['gitbugs/SeaMonkey_bugs-combined.csv', 143],
  ];
  for (const [relative, expected] of pairFiles) {
    const file = dataFile(relative);
    it.skipIf(!file)(`${relative}: ${expected} pairs (lists expanded)`, async () => {
      let count = 0;
      for await (const pair of readDuplicatePairs(file as string)) {
        count++;
        expect(pair.issueId).toMatch(/^\d+$/);
        expect(pair.duplicateId).toMatch(/^\d+$/);
      }
      expect(count).toBe(expected);
    });
  }
});
