/**
 * "Already implemented?" for every issue of a repository with a clone: part of the analysis job.
 * The history is indexed once per run (from the earliest issue to judge up to the clone's head),
 * then each issue whose verdict is missing or stale is judged against it and its verdict stored.
 * A repository without a clone costs one indexed query; the detector is loaded only when needed.
 */
import type { Database } from '../store/db.ts';
import {
  createImplementedVerdictRepository,
  type ImplementedVerdict,
} from '../store/implemented-verdict.repository.ts';
import { createIssueRepository } from '../store/issue.repository.ts';
import { createRepositoryCloneRepository } from '../store/repository-clone.repository.ts';

const BATCH = 100;
/** Same margin as `loupe detect` (services/detect.service.ts): out-of-order commit times. */
const HISTORY_MARGIN_SECONDS = 60 * 86_400;

export interface DetectionProgress {
  judged: number;
  commit: string | null;
  commitsIndexed: number;
  indexMs: number;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function runRepoDetection(
  deps: { db: Database; signal?: AbortSignal },
  repoId: number,
): Promise<DetectionProgress> {
  const progress: DetectionProgress = { judged: 0, commit: null, commitsIndexed: 0, indexMs: 0 };
  const clone = await createRepositoryCloneRepository(deps.db).find(repoId);
  if (!clone?.headCommit) return progress;
  const head = clone.headCommit;
  progress.commit = head;
  const verdicts = createImplementedVerdictRepository(deps.db);
  const earliest = await verdicts.earliestToJudge(repoId, head);
  if (earliest === null) return progress;

  const [{ indexGitHistory, indexTree }, { detectImplemented }] = await Promise.all([
    import('../sources/git/git-history.index.ts'),
    import('../core/detect/detect-implemented.ts'),
  ]);
  const since = Date.parse(earliest) / 1000 - HISTORY_MARGIN_SECONDS;
  const target = await indexGitHistory(clone.path, [head], { since });
  await indexTree(target, head);
  progress.commitsIndexed = target.index.commits.size;
  progress.indexMs = target.buildMs;

  const issues = createIssueRepository(deps.db);
  while (!deps.signal?.aborted) {
    const batch = await verdicts.issuesToJudge(repoId, head, BATCH);
    if (batch.length === 0) break;
    const judged: (Omit<ImplementedVerdict, 'detectedAt'> & { issueUpdatedAt: string })[] = [];
    for (const issue of batch) {
      if (deps.signal?.aborted) break;
      const comments = await issues.listComments(repoId, issue.number);
      const pulls = await issues.listMergedPullRequestsCiting(repoId, issue.number);
      const verdict = detectImplemented({
        issue: {
          number: issue.number,
          repo: issue.repo,
          title: issue.title,
          body: issue.body,
          labels: issue.labels.map((l) => l.name),
          comments: comments.map((c) => c.body),
          createdAt: issue.createdAt,
        },
        commit: head,
        index: target.index,
        pullRequests: pulls.map((p) => ({ ...p, merged: true })),
      });
      judged.push({
        issueId: issue.id,
        commit: head,
        issueUpdatedAt: issue.updatedAt,
        confidence: verdict.confidence,
        threshold: verdict.threshold,
        status: verdict.status,
        evidence: verdict.evidence,
      });
      // The detector is CPU on the thread the HTTP server shares (PGlite): let requests in.
      await yieldToEventLoop();
    }
    if (judged.length === 0) break;
    await deps.db.transaction((tx) => createImplementedVerdictRepository(tx).save(repoId, judged));
    progress.judged += judged.length;
  }
  return progress;
}
