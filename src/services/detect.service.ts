/**
 * "Already implemented?" as a use case: the issue (from the store or a file) judged against a
 * repository clone at a commit. The CLI calls this; the analysis job can call the same functions for
 * repositories with a clone (index the history once per repository, then judge each open issue).
 */
import { detectImplemented } from '../core/detect/detect-implemented.ts';
import type { DetectIssue, DetectVerdict, PullRequestFacts } from '../core/detect/detect.types.ts';
import { LoupeError, parseRepoFullName } from '../core/errors.ts';
import type { SqlClient } from '../store/db.ts';
import { createIssueRepository } from '../store/issue.repository.ts';
import { createRepoRepository } from '../store/repo.repository.ts';
import { resolveCommit } from '../sources/git/git-cli.ts';
import { indexGitHistory, indexTree } from '../sources/git/git-history.index.ts';

export interface IssueForDetect {
  issue: DetectIssue;
  pullRequests: PullRequestFacts[];
}

const iso = (value: string | Date): string => new Date(value).toISOString();

/** "owner/name#123" -> its parts, or an INVALID_INPUT error saying the expected form. */
export function parseIssueRef(input: string): { repo: string; number: number } {
  const match = /^(.+)#(\d+)$/.exec(input.trim());
  if (!match)
    throw new LoupeError('INVALID_INPUT', `"${input}" is not an issue reference: expected owner/name#123`);
  const { owner, name } = parseRepoFullName(match[1]!);
  return { repo: `${owner}/${name}`, number: Number(match[2]) };
}

/** Reads an issue, its comments and the merged pull requests citing it from the store. */
export async function loadIssueForDetect(
  db: SqlClient,
  ref: { repo: string; number: number },
): Promise<IssueForDetect> {
  const repo = await createRepoRepository(db).findByFullName(ref.repo);
  const issues = createIssueRepository(db);
  const stored = repo ? await issues.findByNumber(repo.id, ref.number) : null;
  if (!repo || !stored) {
    throw new LoupeError(
      'NOT_FOUND',
      `no issue ${ref.repo}#${ref.number} in the store${repo ? '' : ` (the repository ${ref.repo} was never synced)`}: run \`loupe sync ${ref.repo}\`, or pass the issue with --issue-file issue.json`,
    );
  }
  const comments = await issues.listComments(repo.id, ref.number);
  const pulls = await issues.listMergedPullRequestsCiting(repo.id, ref.number);
  return {
    issue: {
      number: stored.number,
      repo: stored.repo,
      title: stored.title,
      body: stored.body ?? '',
      labels: stored.labels.map((l) => l.name),
      comments: comments.map((c) => c.body),
      createdAt: iso(stored.createdAt),
    },
    pullRequests: pulls.map((p) => ({ ...p, merged: true })),
  };
}

const HISTORY_MARGIN_SECONDS = 60 * 86_400;

export interface DetectRun {
  verdict: DetectVerdict;
  commit: string;
  /** Indexing the history (once per repository and range). */
  indexMs: number;
  /** Reading the commit's tree and judging the issue. */
  judgeMs: number;
  commitsIndexed: number;
}

/** Indexes `repoDir` up to `at` (default HEAD) and judges the issue there. */
export async function detectInRepository(
  input: IssueForDetect & { repoDir: string; at?: string; hideReferences?: boolean },
): Promise<DetectRun> {
  const commit = await resolveCommit(input.repoDir, input.at ?? 'HEAD');
  // Commits older than the issue can hold no reference to it nor work done for it; the margin covers
  // the out-of-order commit times the detector's walk tolerates.
  const since = Date.parse(input.issue.createdAt) / 1000 - HISTORY_MARGIN_SECONDS;
  const target = await indexGitHistory(input.repoDir, [commit], Number.isFinite(since) ? { since } : {});
  const started = performance.now();
  await indexTree(target, commit);
  const verdict = detectImplemented({
    issue: input.issue,
    commit,
    index: target.index,
    pullRequests: input.pullRequests,
    options: { hideReferences: input.hideReferences ?? false },
  });
  return {
    verdict,
    commit,
    indexMs: target.buildMs,
    judgeMs: performance.now() - started,
    commitsIndexed: target.index.commits.size,
  };
}
