import { describe, expect, it } from 'vitest';
import { parseDuplicateReferences } from './duplicate-references.ts';

describe('parseDuplicateReferences', () => {
  it('reads a same-repository number', () => {
    expect(parseDuplicateReferences('Duplicate of #123')).toEqual([{ number: 123 }]);
  });

  it('reads a GitHub issue URL with its repository', () => {
    expect(
      parseDuplicateReferences('Closing: duplicate of https://github.com/octo-org/api/issues/12.'),
    ).toEqual([{ repo: 'octo-org/api', number: 12 }]);
  });

  it('reads Jira keys, including in a Jira browse URL', () => {
    expect(parseDuplicateReferences('Dup of HADOOP-123')).toEqual([{ key: 'HADOOP-123' }]);
    expect(parseDuplicateReferences('dupe of https://issues.apache.org/jira/browse/HDFS-99')).toEqual([
      { key: 'HDFS-99' },
    ]);
  });

  it('reads owner/repo#n and lists of several references, once each', () => {
    expect(parseDuplicateReferences('Duplicates: #4, octo/app#7 and #4')).toEqual([
      { number: 4 },
      { repo: 'octo/app', number: 7 },
    ]);
  });

  it('reads "duplicated by" and is case-insensitive about the phrase', () => {
    expect(parseDuplicateReferences('DUPLICATED BY #88')).toEqual([{ number: 88 }]);
  });

  it('ignores references that do not follow a duplicate phrase', () => {
    expect(parseDuplicateReferences('Related to #5, see HADOOP-7; not a duplicate.')).toEqual([]);
    expect(parseDuplicateReferences('')).toEqual([]);
  });
});
