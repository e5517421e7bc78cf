/**
 * The one interface every connector implements (GitHub today; Jira, Linear, Stack Overflow, Reddit,
 * Discord and X next). A source reads and maps; it never touches the store. The generic sync engine
 * (src/jobs/sync-source.ts) owns transactions, cursors and completion state, and is shared by all.
 */
import type { Issue, IssueComment, IssueLabel, IssueState } from '../core/issue.ts';

export type { SourceKind } from '../core/container.ts';
import type { SourceKind } from '../core/container.ts';

/**
 * What Loupe follows in a source: a GitHub repository, a Jira project, a Linear team, a subreddit,
 * a Stack Overflow tag, a Discord channel, an X query. `key` is how the source names it.
 */
export interface ContainerRef {
  kind: SourceKind;
  /** The API the container lives on (api.github.com, a GHES host, a Jira site, an emulator). */
  apiUrl: string;
  key: string;
  /** The connection's credentials (a token); absent: the process's own (e.g. GITHUB_TOKEN). */
  credentials?: string | null;
}

export type { ContainerInfo } from '../core/container.ts';
import type { ContainerInfo } from '../core/container.ts';

/** Where a stream has got to: opaque to the engine, stored as JSON, handed back unchanged. */
export type StreamCursor = Record<string, unknown>;

/** One kind of change a stream carries, already mapped to Loupe's model. */
export type ChangeItem =
  | { type: 'issue'; issue: Issue }
  | { type: 'comment'; comment: IssueComment & { issueNumber: number } }
  | { type: 'container'; info: ContainerInfo };

/** What one read of a stream brought, and the cursor to store with it (in the same transaction). */
export type ChangePage =
  | {
      kind: 'changes';
      items: ChangeItem[];
      cursor: StreamCursor;
      /** True on the stream's last page: the stream is complete until something marks it stale. */
      complete: boolean;
      /** Requests this page cost, for progress and run totals. */
      requests: number;
    }
  /** The source says nothing changed since `cursor` (a 304); the stream is complete. */
  | { kind: 'unchanged'; cursor: StreamCursor; requests: number };

export interface StreamSpec {
  name: string;
  /**
   * 'always': read on every sync (cheap when unchanged: one conditional request). 'when-stale': read
   * only while incomplete, i.e. until its last page was stored and again after another stream
   * marked it stale.
   */
  read: 'always' | 'when-stale';
  /** Streams that a page of changes from this one marks stale, in the same transaction. */
  invalidates?: readonly string[];
}

/** Writes a source may support, declared so callers can ask before trying (automation, two-way sync). */
export interface SourceCapabilities {
  createItem: boolean;
  updateItem: boolean;
  comment: boolean;
  label: boolean;
  setState: boolean;
}

export interface ListChangesOptions {
  /** Checked between requests: stop early (the engine has stored every page it was handed). */
  signal?: AbortSignal;
}

/** A new item to open in a container. */
export interface NewItem {
  title: string;
  body?: string;
  labels?: string[];
  /** Logins. */
  assignees?: string[];
}

/** Changes to an item; what is absent stays. `labels` and `assignees` replace the whole set. */
export interface ItemChanges {
  title?: string;
  body?: string;
  state?: IssueState;
  /** Why the item is closed (completed, not_planned, duplicate) or reopened; applies with `state`. */
  stateReason?: 'completed' | 'not_planned' | 'duplicate' | 'reopened';
  labels?: string[];
  assignees?: string[];
}

/**
 * The writes of a source whose `capabilities` declare them (createItem, updateItem and setState,
 * comment, label). Each answers with the item as the source now has it, mapped to Loupe's model;
 * the store learns of the change the usual way (webhook or the next sync), never from here.
 * `key` is the item's key as fetchItem takes it (`#123`).
 */
export interface SourceWriter {
  createItem(ref: ContainerRef, item: NewItem): Promise<Issue>;
  updateItem(ref: ContainerRef, key: string, changes: ItemChanges): Promise<Issue>;
  comment(ref: ContainerRef, key: string, body: string): Promise<IssueComment & { issueNumber: number }>;
  /** Adds labels to those the item has; answers all its labels. */
  addLabels(ref: ContainerRef, key: string, labels: string[]): Promise<IssueLabel[]>;
  /** Removes one label; answers the labels left. */
  removeLabel(ref: ContainerRef, key: string, label: string): Promise<IssueLabel[]>;
}

export interface Source {
  readonly kind: SourceKind;
  /** In the order a sync reads them. */
  readonly streams: readonly StreamSpec[];
  readonly capabilities: SourceCapabilities;
  /**
   * Checks that the container exists and is readable with the configured credentials, and says what
   * it is. Asked while a user waits (adding a repository): answers or fails within seconds, with
   * NOT_FOUND, SOURCE_AUTH_FAILED, SOURCE_ACCESS_DENIED or SOURCE_UNREACHABLE saying what to check.
   */
  describeContainer(ref: ContainerRef): Promise<ContainerInfo>;
  /**
   * Reads one stream from `cursor` (null: from the start) to its end, page by page. Each page's
   * cursor is where a later call resumes once the engine has stored the page.
   */
  listChanges(
    ref: ContainerRef,
    stream: string,
    cursor: StreamCursor | null,
    options?: ListChangesOptions,
  ): AsyncIterable<ChangePage>;
  /** One item by the key the source shows (`#123`, `HADOOP-123`), or null when it does not exist. */
  fetchItem(ref: ContainerRef, key: string): Promise<Issue | null>;
  /** Present when the source can push changes (signature checks stay with the HTTP route). */
  readonly webhooks?: WebhookDecoder;
  /** Present when `capabilities` declare any write. */
  readonly writer?: SourceWriter;
}

// ---- Webhooks: a source that pushes changes turns each verified delivery into a plan the ingest
// path applies (upserts where the newer updated_at wins, removals that leave tombstones).

/** One issue (or pull request) to upsert, with the fields the payload could not tell. */
export interface IssueUpdate {
  issue: Issue;
  /** Fields to take from the stored row when there is one (the payload did not carry them). */
  keepStored: (keyof Issue)[];
  /** True when the payload lacks state or labels: without a stored row there is nothing safe to write. */
  requiresStored: boolean;
}

export type WebhookPlan =
  | { kind: 'pong'; zen: string | null }
  | { kind: 'ignored'; reason: string; repo: string | null }
  | {
      kind: 'upsert';
      /** owner/name of the repository the rows belong to. */
      repo: string;
      issues: IssueUpdate[];
      comments: (IssueComment & { issueNumber: number })[];
      /** Rows to remove: issues deleted on GitHub or moved to another repository, deleted comments. */
      removals: WebhookRemoval[];
      /** What was deliberately not applied, for the response. */
      notes: string[];
    };

/** Stored rows of one repository that GitHub no longer has there. */
export interface WebhookRemoval {
  repo: string;
  /** Issue numbers: the issues go, with their comments, analyses and duplicate links. */
  issueNumbers: number[];
  /** Source ids of comments. */
  commentIds: string[];
  /**
   * When GitHub last changed the removed item: the payload issue's updated_at (issues.deleted,
   * issues.transferred) or comment's (issue_comment.deleted). The store keeps out every copy no
   * newer than this. Always the payload's time: the schemas above require updated_at, so the
   * delivery's receive time (another clock) is never needed in its place.
   */
  deletedAt: string;
  reason: 'deleted' | 'transferred';
}

export interface WebhookDecoder {
  /** Pure: what a delivery means for the store. Throws for a payload missing what the source always sends. */
  plan(delivery: { event: string; payload: unknown }): WebhookPlan;
}

export const READ_ONLY: SourceCapabilities = {
  createItem: false,
  updateItem: false,
  comment: false,
  label: false,
  setState: false,
};
export const READ_WRITE: SourceCapabilities = {
  createItem: true,
  updateItem: true,
  comment: true,
  label: true,
  setState: true,
};
