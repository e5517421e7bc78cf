import type { RepoOverview, RepoRecord } from '../../store/repo.repository.ts';

export function presentRepo(repo: RepoOverview | RepoRecord) {
  const overview = 'sync' in repo ? repo : null;
  return {
    id: String(repo.id),
    fullName: repo.fullName,
    source: repo.source,
    description: repo.description,
    htmlUrl: repo.htmlUrl,
    isDemo: repo.isDemo,
    issueCount: overview?.issueCount ?? 0,
    openIssueCount: overview?.openIssueCount ?? 0,
    pullRequestCount: overview?.pullRequestCount ?? 0,
    sync: overview?.sync ?? {
      status: 'never',
      lastSyncedAt: null,
      startedAt: null,
      lastError: null,
      issuesSynced: 0,
      commentsSynced: 0,
    },
    analysis: overview?.analysis ?? { analyzed: 0, total: 0 },
    concepts: repo.concepts.map((c) => ({
      id: c.id,
      name: c.name,
      score: Number(c.score.toFixed(3)),
      evidence: c.evidence,
    })),
  };
}
