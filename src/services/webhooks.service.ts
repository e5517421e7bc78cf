import { LoupeError } from '../core/errors.ts';
import type { Issue } from '../core/issue.ts';
import { completeIssueUpdate, planGitHubWebhook, WebhookPayloadError, type WebhookPlan, type WebhookRemoval } from '../sources/github/github-webhooks.ts';
import type { Database, SqlClient } from '../store/db.ts';
import { createIssueRepository } from '../store/issue.repository.ts';
import { createRepoRepository, type RepoRecord } from '../store/repo.repository.ts';
import { refreshSearchTerms, searchTermsCheckpoint } from '../store/search.repository.ts';
import { createWebhookDeliveryRepository } from '../store/webhook-delivery.repository.ts';

export interface WebhooksServiceDeps {
  db: Database;
  /** Queues re-analysis of a repository's changed issues (jobs/job-queue.ts); null when one already waits. */
  enqueueAnalysis: (repoId: number) => Promise<string | null>;
}

/** A delivery whose signature the HTTP layer has already verified. */
export interface GitHubDelivery {
  /** X-GitHub-Event */
  event: string;
  /** X-GitHub-Delivery: GitHub's id for this delivery; a redelivery reuses it. */
  deliveryId: string;
  payload: unknown;
}

export type WebhookResult =
  | { outcome: 'pong'; zen: string | null }
  | { outcome: 'ignored'; reason: string; repo: string | null }
  | {
      /** This X-GitHub-Delivery was applied before (a redelivery): nothing was written. */
      outcome: 'duplicate';
      /** When the first copy was received; null if its record expired meanwhile (see 0007_*.sql). */
      firstReceivedAt: string | null;
    }
  | {
      outcome: 'stored';
      repo: string;
      repoId: number;
      /** Rows written; a row stored with a newer updated_at, or removed no earlier than this copy, is left alone and not counted. */
      issuesWritten: number;
      commentsWritten: number;
      /** Issues the payload described too thinly to insert (no stored row to complete them). */
      issuesSkipped: number[];
      /** Rows removed: issues deleted on GitHub or moved out of a followed repository, deleted comments. */
      issuesDeleted: number;
      commentsDeleted: number;
      analysisJobId: string | null;
      notes: string[];
    };

type UpsertPlan = Extract<WebhookPlan, { kind: 'upsert' }>;
type Removal = WebhookRemoval & { from: RepoRecord };
type Written = Pick<Extract<WebhookResult, { outcome: 'stored' }>, 'issuesWritten' | 'commentsWritten' | 'issuesSkipped' | 'issuesDeleted' | 'commentsDeleted'>;

/**
 * Applies GitHub webhook deliveries to the store. Each delivery id is applied once: it is recorded
 * in the transaction of its writes, and a redelivery (same X-GitHub-Delivery) answers "duplicate".
 * A different delivery carrying an older copy changes nothing either: writes are upserts where the
 * newer updated_at wins, and removals leave tombstones that keep older copies out (issue.repository).
 */
export function createWebhooksService(deps: WebhooksServiceDeps) {
  const repos = createRepoRepository(deps.db);

  return {
    async ingestGitHub(delivery: GitHubDelivery): Promise<WebhookResult> {
      const plan = planDelivery(delivery);
      if (plan.kind === 'pong') return { outcome: 'pong', zen: plan.zen };
      if (plan.kind === 'ignored') return { outcome: 'ignored', reason: plan.reason, repo: plan.repo };
      const repo = await repos.findByFullName(plan.repo);
      // Removals apply to the repositories this workspace follows (a transfer may leave one).
      const removals: Removal[] = [];
      for (const removal of plan.removals) {
        const from = await repos.findByFullName(removal.repo);
        if (from) removals.push({ ...removal, from });
      }
      if (!repo && removals.length === 0) {
        return { outcome: 'ignored', reason: `${plan.repo} is not followed by this Loupe workspace; add it with POST /api/repos to ingest its events`, repo: plan.repo };
      }
      const checkpoint = await searchTermsCheckpoint(deps.db);
      const applied = await deps.db.transaction(async (tx) => {
        // Before any write: a redelivery, or the same delivery racing in another process, stops here.
        const claim = await createWebhookDeliveryRepository(tx).claim({ deliveryId: delivery.deliveryId, event: delivery.event, outcome: 'stored' });
        return claim.claimed ? { duplicate: false as const, written: await applyPlan(tx, plan, repo, removals) } : { duplicate: true as const, firstReceivedAt: claim.firstReceivedAt };
      });
      if (applied.duplicate) return { outcome: 'duplicate', firstReceivedAt: applied.firstReceivedAt };
      const { written } = applied;
      // A new or retitled issue's words join the "did you mean" lexicon now, not at the next sync.
      if (written.issuesWritten > 0) await refreshSearchTerms(deps.db, { changedSince: checkpoint });
      const notes = [...plan.notes, ...written.issuesSkipped.map((n) => `issue #${n} is not stored yet and this payload lacks its state or labels; the next sync brings it`)];
      // Only a write can change what analysis sees; the queue keeps at most one waiting job per repository.
      const analysisJobId = repo && written.issuesWritten + written.commentsWritten > 0 ? await deps.enqueueAnalysis(repo.id) : null;
      const target = repo ?? removals[0]!.from;
      return { outcome: 'stored', repo: target.fullName, repoId: target.id, ...written, analysisJobId, notes };
    },
  };
}

function planDelivery(delivery: GitHubDelivery): WebhookPlan {
  try {
    return planGitHubWebhook({ event: delivery.event, payload: delivery.payload });
  } catch (error) {
    if (error instanceof WebhookPayloadError) {
      throw new LoupeError('INVALID_INPUT', `delivery ${delivery.deliveryId} (${delivery.event}): ${error.message}`);
    }
    throw error;
  }
}

/** The delivery's writes, inside the transaction that recorded it. Removals first: they leave the tombstones the upserts check. */
async function applyPlan(tx: SqlClient, plan: UpsertPlan, repo: RepoRecord | null, removals: Removal[]): Promise<Written> {
  const issues = createIssueRepository(tx);
  // A transfer removes from one repository and writes to another: both locks, in one ordered call.
  if (removals.length > 0) await issues.lockForRemoval([...removals.map((r) => r.from.id), ...(repo ? [repo.id] : [])]);
  let issuesDeleted = 0;
  let commentsDeleted = 0;
  for (const removal of removals) {
    issuesDeleted += await issues.deleteIssues(removal.from.id, removal.issueNumbers, removal);
    commentsDeleted += await issues.deleteComments(removal.from.id, removal.commentIds, removal);
  }
  const rows: Issue[] = [];
  const skipped: number[] = [];
  for (const update of repo ? plan.issues : []) {
    const stored = repo && update.keepStored.length > 0 ? await issues.findByNumber(repo.id, update.issue.number) : null;
    const row = completeIssueUpdate(update, stored);
    if (row) rows.push(row);
    else skipped.push(update.issue.number);
  }
  return {
    issuesWritten: repo ? await issues.upsertIssues(repo.id, rows) : 0,
    commentsWritten: repo ? await issues.upsertComments(repo.id, plan.comments) : 0,
    issuesSkipped: skipped,
    issuesDeleted,
    commentsDeleted,
  };
}

export type WebhooksService = ReturnType<typeof createWebhooksService>;
