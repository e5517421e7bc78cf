import { describe, expect, it } from 'vitest';
import { detectImplemented } from './detect-implemented.ts';
import type { DetectIssue } from './detect.types.ts';
import { createTokenTable, internTokens, type HistoryIndex, type IndexedCommit } from './history-index.ts';

const DAY = 86_400;
const opened = Date.parse('2024-03-01T00:00:00Z') / 1000;

const issue: DetectIssue = {
  number: 42,
  repo: 'octo/lib',
  labels: ['enhancement'],
  createdAt: '2024-03-01T00:00:00Z',
  title: 'Add a `retry_delay` option to the HTTP client',
  body: 'Requests fail on flaky networks; `retry_delay` would let us wait between attempts.',
};

/** A tiny history: an old commit, an unrelated one after the issue, then the one adding retry_delay. */
function history(fixMessage: string): { index: HistoryIndex; fix: string; before: string } {
  const table = createTokenTable();
  const change = (path: string, text: string) => {
    const added = internTokens(
      table,
      text
        .split(/\W+/)
        .filter((t) => t.length >= 3)
        .map((t) => t.toLowerCase()),
    );
    return { path, added, addedSymbols: internTokens(table, []), addedCount: added.length };
  };
  const commits: IndexedCommit[] = [
    {
      sha: 'a1',
      parents: [],
      time: opened - 100 * DAY,
      message: 'Initial HTTP client',
      changes: [change('src/client.py', 'class HttpClient def get request timeout')],
    },
    {
      sha: 'b2',
      parents: ['a1'],
      time: opened + 2 * DAY,
      message: 'Tidy the readme',
      changes: [change('README.md', 'install usage badge')],
    },
    {
      sha: 'c3',
      parents: ['b2'],
      time: opened + 5 * DAY,
      message: fixMessage,
      changes: [
        change('src/client.py', 'retry_delay sleep attempts'),
        change('tests/test_client.py', 'test_retry_delay retry_delay'),
      ],
    },
  ];
  commits[2]!.changes[0]!.addedSymbols = internTokens(table, ['retry_delay']);
  const files = [
    {
      path: 'src/client.py',
      tokens: internTokens(table, [
        'class',
        'httpclient',
        'get',
        'request',
        'timeout',
        'retry_delay',
        'sleep',
        'attempts',
      ]),
      symbols: internTokens(table, ['httpclient', 'retry_delay']),
    },
    {
      path: 'README.md',
      tokens: internTokens(table, ['install', 'usage', 'badge']),
      symbols: new Uint32Array(),
    },
  ];
  const index: HistoryIndex = { table, commits: new Map(commits.map((c) => [c.sha, c])), trees: new Map() };
  index.trees.set('c3', { commit: 'c3', files });
  index.trees.set('b2', {
    commit: 'b2',
    files: [
      {
        ...files[0]!,
        tokens: internTokens(table, ['class', 'httpclient', 'get', 'request', 'timeout']),
        symbols: internTokens(table, ['httpclient']),
      },
      files[1]!,
    ],
  });
  return { index, fix: 'c3', before: 'b2' };
}

describe('detectImplemented', () => {
  it('finds a closing reference and weighs it, unless references are hidden', () => {
    const { index } = history('Add retry_delay (fixes #42)');
    const all = detectImplemented({ issue, commit: 'c3', index });
    expect(all.features.closes).toBe(1);
    expect(all.evidence.find((e) => e.kind === 'closing-reference')).toMatchObject({
      commit: 'c3',
      timing: 'after-issue',
    });
    expect(all.evidence.find((e) => e.kind === 'closing-reference')!.weight).toBeGreaterThan(0);
    const hidden = detectImplemented({ issue, commit: 'c3', index, options: { hideReferences: true } });
    expect(hidden.features.closes).toBe(0);
    expect(hidden.evidence.some((e) => e.kind === 'closing-reference')).toBe(false);
    expect(hidden.confidence).toBeLessThan(all.confidence);
  });

  it('reads a merged pull request that closes the issue through its squash commit', () => {
    const { index } = history('Add retry delay (#57)');
    const verdict = detectImplemented({
      issue,
      commit: 'c3',
      index,
      pullRequests: [{ number: 57, title: 'Retry delay', body: 'Closes #42', merged: true }],
    });
    expect(verdict.evidence.find((e) => e.kind === 'pull-request')).toMatchObject({
      pullRequest: 57,
      commit: 'c3',
    });
    const unmerged = detectImplemented({
      issue,
      commit: 'c3',
      index,
      pullRequests: [{ number: 57, title: 'Retry delay', body: 'Closes #42', merged: false }],
    });
    expect(unmerged.features.closes).toBe(0);
  });

  it('gives code evidence after the issue more confidence at the fix than at its parent', () => {
    const { index } = history('Add retry delay');
    const atFix = detectImplemented({ issue, commit: 'c3', index, options: { hideReferences: true } });
    const atParent = detectImplemented({ issue, commit: 'b2', index, options: { hideReferences: true } });
    expect(atFix.features.bestCommit).toBeGreaterThan(0);
    expect(atParent.features.bestCommit).toBe(0);
    expect(atFix.confidence).toBeGreaterThan(atParent.confidence);
    expect(atFix.evidence.find((e) => e.kind === 'commit-change')).toMatchObject({
      commit: 'c3',
      timing: 'after-issue',
    });
    expect(atFix.evidence.some((e) => e.kind === 'test')).toBe(true);
    expect(atFix.terms).toContain('retry_delay');
  });

  it('says not-found below the threshold and keeps the confidence in [0, 1]', () => {
    const { index } = history('Add retry delay');
    const verdict = detectImplemented({ issue, commit: 'b2', index, options: { hideReferences: true } });
    expect(verdict.implemented).toBe(false);
    expect(verdict.status).toBe('not-found');
    expect(verdict.confidence).toBeGreaterThanOrEqual(0);
    expect(verdict.confidence).toBeLessThan(verdict.threshold);
  });

  it('refuses a commit whose tree was not indexed', () => {
    const { index } = history('x');
    expect(() => detectImplemented({ issue, commit: 'a1', index })).toThrow(/no tree/);
  });
});
