import { LoupeError } from '../core/errors.ts';
import type { Issue } from '../core/issue.ts';
import {
  completeIssueUpdate,
  planGitHubWebhook,
  WebhookPayloadError,
  type WebhookPlan,
  type WebhookRemoval,
} from '../sources/github/github-webhooks.ts';
import type { Database, SqlClient } from '../store/db.ts';
import { createIssueRepository } from '../store/issue.repository.ts';
import { ingestItems, type ItemWriter } from './item-ingest.ts';
import { createRepoRepository, type RepoRecord } from '../store/repo.repository.ts';
import { createWebhookDeliveryRepository } from '../store/webhook-delivery.repository.ts';

export interface WebhooksServiceDeps {
  db: Database;
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
      /**
       * The id of the last event this delivery wrote (null: it changed nothing). What follows a
       * change (analysis, the spelling lexicon) is done by the event consumers (jobs/event-consumers.ts).
       */
      lastEventId: number | null;
      notes: string[];
    };

type UpsertPlan = Extract<WebhookPlan, { kind: 'upsert' }>;
type Removal = WebhookRemoval & { from: RepoRecord };
type Written = Pick<
  Extract<WebhookResult, { outcome: 'stored' }>,
  'issuesWritten' | 'commentsWritten' | 'issuesSkipped' | 'issuesDeleted' | 'commentsDeleted'
>;

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
      // Each workspace that follows the repository has its own copy, and each gets the change.
      const copies = await repos.findAllByFullName(plan.repo);
      // Removals apply to the repositories followed (a transfer may leave one).
      const removals: Removal[] = [];
      for (const removal of plan.removals) {
        for (const from of await repos.findAllByFullName(removal.repo)) removals.push({ ...removal, from });
      }
      if (copies.length === 0 && removals.length === 0) {
        return {
          outcome: 'ignored',
          reason: `${plan.repo} is not followed by this Loupe workspace; add it with POST /api/repos to ingest its events`,
          repo: plan.repo,
        };
      }
      const targets: (RepoRecord | null)[] = copies.length > 0 ? copies : [null];
      const applied = await deps.db.transaction(async (tx) => {
        // Before any write: a redelivery, or the same delivery racing in another process, stops here.
        const claim = await createWebhookDeliveryRepository(tx).claim({
          deliveryId: delivery.deliveryId,
          event: delivery.event,
          outcome: 'stored',
        });
        if (!claim.claimed) return { duplicate: true as const, firstReceivedAt: claim.firstReceivedAt };
        return {
          duplicate: false as const,
          written: await ingestItems(tx, 'webhook', async (writer) => {
            const total: Written = {
              issuesWritten: 0,
              commentsWritten: 0,
              issuesSkipped: [],
              issuesDeleted: 0,
              commentsDeleted: 0,
            };
            for (const repo of targets) {
              const own = removals.filter((r) => repo === null || r.from.workspaceId === repo.workspaceId);
              const written = await applyPlan(tx, writer, { plan, repo, removals: own });
              total.issuesWritten += written.issuesWritten;
              total.commentsWritten += written.commentsWritten;
              total.issuesDeleted += written.issuesDeleted;
              total.commentsDeleted += written.commentsDeleted;
              total.issuesSkipped = [...new Set([...total.issuesSkipped, ...written.issuesSkipped])];
            }
            return total;
          }),
        };
      });
      const repo = copies[0] ?? null;
      if (applied.duplicate) return { outcome: 'duplicate', firstReceivedAt: applied.firstReceivedAt };
      const { lastEventId, ...written } = applied.written;
      const notes = [
        ...plan.notes,
        ...written.issuesSkipped.map(
          (n) =>
            `issue #${n} is not stored yet and this payload lacks its state or labels; the next sync brings it`,
        ),
      ];
      const target = repo ?? removals[0]!.from;
      return { outcome: 'stored', repo: target.fullName, repoId: target.id, ...written, lastEventId, notes };
    },
  };
}

function planDelivery(delivery: GitHubDelivery): WebhookPlan {
  try {
    return planGitHubWebhook({ event: delivery.event, payload: delivery.payload });
  } catch (error) {
    if (error instanceof WebhookPayloadError) {
      throw new LoupeError(
        'INVALID_INPUT',
        `delivery ${delivery.deliveryId} (${delivery.event}): ${error.message}`,
      );
    }
    throw error;
  }
}

/** The delivery's writes, inside the transaction that recorded it. Removals first: they leave the tombstones the upserts check. */
async function applyPlan(
  tx: SqlClient,
  issues: ItemWriter,
  delivery: { plan: UpsertPlan; repo: RepoRecord | null; removals: Removal[] },
): Promise<Written> {
  const { plan, repo, removals } = delivery;
  const stored = createIssueRepository(tx);
  // A transfer removes from one repository and writes to another: both locks, in one ordered call.
  if (removals.length > 0)
    await issues.lockForRemoval([...removals.map((r) => r.from.id), ...(repo ? [repo.id] : [])]);
  let issuesDeleted = 0;
  let commentsDeleted = 0;
  for (const removal of removals) {
    issuesDeleted += await issues.deleteIssues(removal.from.id, removal.issueNumbers, removal);
    commentsDeleted += await issues.deleteComments(removal.from.id, removal.commentIds, removal);
  }
  const rows: Issue[] = [];
  const skipped: number[] = [];
  for (const update of repo ? plan.issues : []) {
    const current =
      repo && update.keepStored.length > 0 ? await stored.findByNumber(repo.id, update.issue.number) : null;
    const row = completeIssueUpdate(update, current);
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
