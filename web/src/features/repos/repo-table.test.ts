import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Repo } from '../../api-client/api-types.ts';
import { RepoTable } from './repo-table.tsx';

const repo = (id: string, status: Repo['sync']['status'], lastError: string | null = null): Repo => ({
  id,
  fullName: `octo/${id}`,
  source: 'github',
  description: null,
  htmlUrl: null,
  isDemo: false,
  issueCount: 5,
  openIssueCount: 2,
  pullRequestCount: 1,
  sync: { status, lastSyncedAt: null, lastError, startedAt: null, issuesSynced: 5, commentsSynced: 9 },
  analysis: { analyzed: 0, total: 6 },
  concepts: [],
});

describe('RepoTable', () => {
  const html = renderToStaticMarkup(
    createElement(RepoTable, {
      repos: [repo('a', 'succeeded'), repo('b', 'running'), repo('c', 'failed', 'GitHub answered 403')],
      syncing: new Set<string>(),
      onSync: () => {},
      removing: new Set<string>(['c']),
      onRemove: () => {},
    }),
  );

  it('has one repo-row per repository, linking to its issues', () => {
    expect(html.match(/data-testid="repo-row"/g)).toHaveLength(3);
    expect(html).toContain('href="/?repo=octo%2Fa"');
  });

  it('shows status, last error, and disables "Sync now" while a sync runs', () => {
    expect(html).toContain('sync-pill sync-running');
    expect(html).toContain('GitHub answered 403');
    expect(html).toMatch(/<button[^>]*disabled=""[^>]*aria-label="Sync octo\/b now"/);
    expect(html).not.toMatch(/<button[^>]*disabled=""[^>]*aria-label="Sync octo\/a now"/);
  });

  it('offers "Remove" on each row, and shows a removal under way instead of it', () => {
    expect(html).toMatch(/<button[^>]*data-testid="repo-remove"[^>]*aria-label="Remove octo\/a"/);
    expect(html).toMatch(/<button[^>]*data-testid="repo-remove"[^>]*aria-label="Remove octo\/b"/);
    expect(html).not.toContain('aria-label="Remove octo/c"');
    expect(html).toMatch(/<button[^>]*disabled=""[^>]*>Removing…<\/button>/);
  });
});
