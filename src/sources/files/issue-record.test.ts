import { describe, expect, it } from 'vitest';
import { normaliseTimestamp } from './issue-record.ts';

describe('normaliseTimestamp', () => {
  it.each([
    ['2025-02-27T08:11:36Z', '2025-02-27T08:11:36.000Z'], // GitHub
    ['2023-08-26 06:33:37', '2023-08-26T06:33:37.000Z'], // NLBSE: no zone, taken as UTC
    ['2020-01-02 17:14:21+00:00', '2020-01-02T17:14:21.000Z'], // SeaMonkey
    ['2020-01-02T19:14:21+0200', '2020-01-02T17:14:21.000Z'],
    ['2020-01-02T12:00-05', '2020-01-02T17:00:00.000Z'],
    ['2020-01-02', '2020-01-02T00:00:00.000Z'],
    ['30/Sep/21 17:20', '2021-09-30T17:20:00.000Z'], // Jira (hadoop)
    ['08/Sep/21 5:46 PM', '2021-09-08T17:46:00.000Z'],
    ['1/Jan/99 12:05 AM', '1999-01-01T00:05:00.000Z'],
    ['3/Mar/2008 09:00', '2008-03-03T09:00:00.000Z'],
  ])('%s -> %s', (raw, iso) => {
    expect(normaliseTimestamp(raw)).toBe(iso);
  });

  it('keeps unrecognised text as written and maps blank to null', () => {
    expect(normaliseTimestamp('last Tuesday')).toBe('last Tuesday');
    expect(normaliseTimestamp('30/Foo/21 17:20')).toBe('30/Foo/21 17:20');
    expect(normaliseTimestamp('  ')).toBeNull();
    expect(normaliseTimestamp(null)).toBeNull();
  });
});
