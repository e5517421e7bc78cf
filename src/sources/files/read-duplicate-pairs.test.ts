import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileRecordError, FileSourceError } from './file-errors.ts';
import {
  readDuplicatePairs,
  type DuplicatePair,
  type ReadDuplicatePairsOptions,
} from './read-duplicate-pairs.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'loupe-pairs-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function pairsOf(content: string, options?: ReadDuplicatePairsOptions): Promise<DuplicatePair[]> {
  const file = path.join(dir, 'pairs-combined.csv');
  await writeFile(file, content);
  const pairs: DuplicatePair[] = [];
  for await (const pair of readDuplicatePairs(file, options)) pairs.push(pair);
  return pairs;
}

describe('readDuplicatePairs', () => {
  it('reads the gitbugs layout, one pair per listed duplicate id', async () => {
    const pairs = await pairsOf(
      'Issue id,Duplicate id\n1610468,1611120\n1619123,"1619142, 1630921, 1630923"\r\n1611120,1610468',
    );
    expect(pairs).toEqual([
      { issueId: '1610468', duplicateId: '1611120', line: 2 },
      { issueId: '1619123', duplicateId: '1619142', line: 3 },
      { issueId: '1619123', duplicateId: '1630921', line: 3 },
      { issueId: '1619123', duplicateId: '1630923', line: 3 },
      { issueId: '1611120', duplicateId: '1610468', line: 4 },
    ]);
  });

  it('accepts other spellings of the columns in any order', async () => {
    const pairs = await pairsOf('dup_id,bug_id,title\n7,8,x\n');
    expect(pairs).toEqual([{ issueId: '8', duplicateId: '7', line: 2 }]);
  });

  it('lists found and accepted columns when one is missing', async () => {
    await expect(pairsOf('Issue id,Other\n1,2\n')).rejects.toSatisfy(
      (e: FileSourceError) =>
        e instanceof FileSourceError &&
        e.code === 'MISSING_COLUMN' &&
        e.message.includes('Found columns: "Issue id", "Other"') &&
        e.message.includes('for the duplicate: duplicate id'),
    );
  });

  it('throws on an empty duplicate cell with its line, or skips it with skipBad', async () => {
    const content = 'Issue id,Duplicate id\n1,2\n3,\n,4\n5,6\n';
    await expect(pairsOf(content)).rejects.toThrow(
      'pairs-combined.csv line 3: no duplicate id; expected an issue id and one or more duplicate ids',
    );
    const skipped: FileRecordError[] = [];
    const pairs = await pairsOf(content, { skipBad: true, onSkip: (e) => skipped.push(e) });
    expect(pairs.map((p) => p.issueId)).toEqual(['1', '5']);
    expect(skipped.map((e) => [e.line, e.reason])).toEqual([
      [3, 'no duplicate id'],
      [4, 'the issue id is empty'],
    ]);
  });
});
