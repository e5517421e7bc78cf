import { describe, expect, it } from 'vitest';
import { loadGitbugs, parseCreated, parseCsv } from './gitbugs-data.ts';

describe('parseCsv', () => {
  it('reads quoted fields holding commas, doubled quotes and newlines', () => {
    const text = 'Summary,Issue id,Description\r\n"NPE, again",1,"line one\nsaid ""hi""\n"\nplain,2,\n';
    expect(parseCsv(text)).toEqual([
      ['Summary', 'Issue id', 'Description'],
      ['NPE, again', '1', 'line one\nsaid "hi"\n'],
      ['plain', '2', ''],
    ]);
  });
});

describe('parseCreated', () => {
  it('reads the Jira and the Bugzilla export formats as UTC', () => {
    expect(parseCreated('30/Sep/21 17:20')).toBe('2021-09-30T17:20:00.000Z');
    expect(parseCreated('2020-01-02 17:14:21+00:00')).toBe('2020-01-02T17:14:21.000Z');
    expect(() => parseCreated('yesterday')).toThrow(/unrecognised/);
  });
});

describe('loadGitbugs', () => {
  const hadoop = loadGitbugs('hadoop');
  it.skipIf(hadoop === null)('loads the Hadoop reports and splits multi-valued duplicate lists into pairs', () => {
    expect(hadoop?.reports).toHaveLength(2503);
    const ids = new Set(hadoop?.reports.map((r) => r.id));
    for (const [a, b] of hadoop?.pairs ?? []) expect(ids.has(a) && ids.has(b) && a < b).toBe(true);
    // "13438913","13547000, 13396667" lists two duplicates in one cell.
    expect(hadoop?.pairs).toEqual(expect.arrayContaining([['13396667', '13438913'], ['13438913', '13547000']]));
  });
});
