/**
 * The demo organisation is deterministic per seed and looks like real project traffic: a label
 * mix, about 30% pull requests, duplicates that re-report earlier issues, several years of history.
 */
import { describe, expect, it } from 'vitest';
import { generateDemoDataset } from './demo-dataset.generator.ts';
import { checkEmulatorDataset } from './load-emulator-dataset.ts';

const ds = generateDemoDataset({ seed: 42, repos: 6, issuesPerRepo: 400 });
const issues = ds.issues.filter((i) => !i.pullRequest);
const prs = ds.issues.filter((i) => i.pullRequest);
const share = (n: number, of: number): number => n / of;
const words = (s: string): Set<string> => new Set(s.toLowerCase().match(/[a-z]{4,}/g) ?? []);

describe('generateDemoDataset', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const again = generateDemoDataset({ seed: 42, repos: 6, issuesPerRepo: 400 });
    expect(JSON.stringify(again)).toBe(JSON.stringify(ds));
    const other = generateDemoDataset({ seed: 43, repos: 6, issuesPerRepo: 400 });
    expect(other.issues.map((i) => i.title)).not.toEqual(ds.issues.map((i) => i.title));
  });

  it('produces a consistent dataset of the requested size', () => {
    expect(checkEmulatorDataset(ds)).toEqual([]);
    expect(ds.repos.map((r) => r.name)).toEqual(['lumen', 'quill', 'tabula', 'docs', 'prism-ui', 'ferry']);
    expect(ds.issues).toHaveLength(2400);
    expect(new Set(ds.issues.map((i) => i.id)).size).toBe(2400);
    for (const i of ds.issues) {
      expect(i.updatedAt >= i.createdAt).toBe(true);
      if (i.closedAt) expect(i.closedAt >= i.createdAt && i.updatedAt >= i.closedAt).toBe(true);
      expect(i.updatedAt <= '2025-06-30T00:00:00Z').toBe(true);
    }
  });

  it('has about 30% pull requests, most of the closed ones merged', () => {
    expect(share(prs.length, ds.issues.length)).toBeGreaterThan(0.25);
    expect(share(prs.length, ds.issues.length)).toBeLessThan(0.35);
    const closed = prs.filter((p) => p.state === 'closed');
    const merged = closed.filter((p) => p.pullRequest?.mergedAt);
    expect(share(merged.length, closed.length)).toBeGreaterThan(0.6);
    expect(closed.length - merged.length).toBeGreaterThan(0);
  });

  it('labels issues with a realistic mix', () => {
    const count = (label: string): number => issues.filter((i) => i.labels.includes(label)).length;
    expect(share(count('bug'), issues.length)).toBeGreaterThan(0.25);
    for (const label of [
      'enhancement',
      'question',
      'documentation',
      'good first issue',
      'help wanted',
      'duplicate',
    ])
      expect(count(label), label).toBeGreaterThan(10);
    expect(issues.some((i) => i.labels.some((l) => l.startsWith('area/')))).toBe(true);
    expect(
      issues.filter((i) => i.labels.includes('good first issue') && i.state === 'open').length,
    ).toBeGreaterThan(5);
  });

  it('contains duplicates that re-report an earlier issue of the same repo in other words', () => {
    const dups = issues.filter((i) => i.stateReason === 'duplicate');
    expect(share(dups.length, issues.length)).toBeGreaterThan(0.02);
    let similar = 0;
    for (const dup of dups) {
      const note = ds.comments.find(
        (c) => c.repo === dup.repo && c.issueNumber === dup.number && /^Duplicate of #\d+$/.test(c.body),
      );
      expect(note, `${dup.repo}#${dup.number}`).toBeDefined();
      const original = ds.issues.find(
        (i) => i.repo === dup.repo && i.number === Number(note!.body.slice('Duplicate of #'.length)),
      );
      expect(original).toBeDefined();
      expect(original!.createdAt < dup.createdAt).toBe(true);
      expect(original!.stateReason).not.toBe('duplicate');
      expect(dup.labels).toContain('duplicate');
      const a = words(original!.title + ' ' + (original!.body ?? ''));
      const shared = [...words(dup.title + ' ' + (dup.body ?? ''))].filter((w) => a.has(w)).length;
      if (shared >= 4 && dup.body !== original!.body) similar++;
    }
    expect(similar).toBe(dups.length);
  });

  it('mixes author associations and spreads activity over years', () => {
    const assoc = new Set(ds.issues.map((i) => i.authorAssociation));
    for (const a of ['NONE', 'MEMBER', 'CONTRIBUTOR', 'FIRST_TIME_CONTRIBUTOR'])
      expect(assoc.has(a as never), a).toBe(true);
    const years = new Set(ds.issues.map((i) => i.createdAt.slice(0, 4)));
    expect(years.size).toBeGreaterThanOrEqual(5);
    expect(ds.issues.some((i) => i.user === 'dependabot[bot]')).toBe(true);
    expect(ds.issues.some((i) => i.milestone !== null)).toBe(true);
  });

  it('writes realistic bodies and about the requested number of comments', () => {
    const bug = issues.find((i) => i.labels.includes('bug') && i.repo.endsWith('/tabula'));
    expect(bug?.body).toMatch(
      /### Steps to reproduce[\s\S]*Traceback \(most recent call last\)[\s\S]*### Environment/,
    );
    const perIssue = ds.comments.length / ds.issues.length;
    expect(perIssue).toBeGreaterThan(1.5);
    expect(perIssue).toBeLessThan(6);
    const fewer = generateDemoDataset({ seed: 42, repos: 1, issuesPerRepo: 300, commentsPerIssue: 0.5 });
    expect(fewer.comments.length / fewer.issues.length).toBeLessThan(perIssue / 2);
  });

  it('rejects impossible options with a clear message', () => {
    expect(() => generateDemoDataset({ seed: 1, startDate: '2025-01-01', endDate: '2020-01-01' })).toThrow(
      /endDate must be after startDate/,
    );
    expect(() => generateDemoDataset({ seed: 1, repos: 0 })).toThrow(/repos must be a positive integer/);
  });
});
