/**
 * `loupe search` output: matches emphasised so they cannot be mistaken for title text, each issue's
 * URL, notes only over results, relaxations of an empty result; and a bad qualifier's message and
 * exit code, in a child process.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runLoupeCli } from '../../../test/run-loupe-cli.ts';
import { MARK_END, MARK_START } from '../../services/search-marks.ts';
import { formatSearchResult, matchEmphasis, type PrintableResult } from './search.ts';

const result = (patch: Partial<PrintableResult> = {}): PrintableResult => ({
  total: 1,
  totalCapped: false,
  didYouMean: null,
  matchMode: 'all-words',
  qualifiers: [],
  relaxations: [],
  issues: [
    {
      repo: 'acme/parser',
      number: 7,
      title: '[memory] leak in parser',
      state: 'open',
      isPullRequest: false,
      url: 'https://github.com/acme/parser/issues/7',
      snippet: `[memory] ${MARK_START}leak${MARK_END} in\nparser`,
    },
  ],
  ...patch,
});

describe('loupe search output', () => {
  it('prints each issue with its URL, and marks matches only on a terminal', () => {
    const piped = formatSearchResult(result(), matchEmphasis({ tty: false, noColor: false }));
    expect(piped).toBe(
      [
        'acme/parser#7  open issue  [memory] leak in parser',
        '  https://github.com/acme/parser/issues/7',
        '  [memory] leak in parser',
        '1 match',
        '',
      ].join('\n'),
    );
    const tty = formatSearchResult(result(), matchEmphasis({ tty: true, noColor: false }));
    expect(tty).toContain('  [memory] \x1b[1;4mleak\x1b[22;24m in parser');
    expect(matchEmphasis({ tty: true, noColor: true })).toEqual(['', '']);
  });

  it('says which qualifiers it read, never notes a fuzzy match over nothing, and offers relaxations', () => {
    const empty = formatSearchResult(
      result({
        issues: [],
        total: 0,
        matchMode: 'fuzzy-title',
        qualifiers: [{ name: 'label', value: 'bug', token: 'label:bug' }],
        relaxations: [
          { without: 'q:label:bug', total: 3, totalCapped: false },
          { without: 'state', total: 0, totalCapped: false },
        ],
      }),
      ['', ''],
    );
    expect(empty).toBe(['Filters: label:bug', '0 matches', '  without label:bug: 3 matches', ''].join('\n'));
  });

  it('refuses a bad qualifier value naming the allowed ones, before opening the store', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'loupe-search-cli-'));
    try {
      const run = await runLoupeCli(['search', 'is:banana leak'], {
        LOUPE_DATA_DIR: dataDir,
        DATABASE_URL: '',
      });
      expect(run.stderr).toBe(
        'loupe: is:banana is not a valid qualifier: is: takes open, closed, issue, pr\n',
      );
      expect(run.code).toBe(2);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
