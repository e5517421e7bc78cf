/**
 * The emulator's in-memory database: the dataset plus lookup maps, per-repository sorted indexes
 * and a cache of rendered issue/comment JSON (a 50,000-issue sync renders each issue once).
 */
import type {
  DatasetComment,
  DatasetIssue,
  DatasetLabel,
  DatasetMilestone,
  DatasetRepo,
  DatasetUser,
  EmulatorDataset,
} from './dataset.types.ts';
import type { EmulatorChange } from './emulator-change.ts';
import { RepoIssueIndex } from './issue-index.ts';
import { renderComment, renderIssue, renderMilestone } from './render-issue.ts';
import type { IssueRenderContext } from './render-issue.ts';
import type { RenderUrls } from './render-repository.ts';

/** GitHub's placeholder for deleted accounts; used when the dataset names an unknown login. */
const GHOST: DatasetUser = { id: 10137, login: 'ghost', type: 'User', createdAt: '2008-05-13T06:14:25Z' };

export interface RepoEntry {
  repo: DatasetRepo;
  fullName: string;
  labels: Map<string, DatasetLabel>;
  milestones: Map<number, DatasetMilestone>;
  index: RepoIssueIndex;
  /** Rendered list-shape JSON per issue number; cleared on any change in the repository. */
  issueJson: Map<number, string>;
  commentJson: Map<number, string>;
  /** Open/closed counts per milestone number; null until first needed after a change. */
  milestoneCounts: Map<number, { open: number; closed: number }> | null;
  /** Numbers of deleted issues, in deletion order: GET answers 410 and numbers are not reused. */
  deletedIssues: Set<number>;
  /** Ids of deleted comments (including those of deleted issues), in deletion order. */
  deletedComments: Set<number>;
  /** JSON text of the repository's state snapshot, by variant; cleared on any change. */
  snapshotJson: Map<string, string>;
}

export class EmulatorState {
  readonly users = new Map<string, DatasetUser>();
  readonly repos = new Map<string, RepoEntry>();
  readonly viewer: string;
  private nextIssueId = 1;
  private nextCommentId = 1;
  private nextLabelId = 1;
  private renderCtx: IssueRenderContext;
  private readonly listeners: ((change: EmulatorChange) => void)[] = [];

  constructor(dataset: EmulatorDataset, urls: RenderUrls) {
    this.viewer = dataset.viewer;
    for (const u of dataset.users) this.users.set(u.login.toLowerCase(), u);
    for (const r of dataset.repos) this.addRepo(r);
    for (const l of dataset.labels) {
      this.requireRepo(l.repo).labels.set(l.name.toLowerCase(), l);
      this.nextLabelId = Math.max(this.nextLabelId, l.id + 1);
    }
    for (const m of dataset.milestones) this.requireRepo(m.repo).milestones.set(m.number, m);
    for (const i of dataset.issues) {
      this.requireRepo(i.repo).index.addIssue(i);
      this.nextIssueId = Math.max(this.nextIssueId, i.id + 1);
    }
    const comments = [...dataset.comments].sort(
      (a, b) => a.createdAt.localeCompare(b.createdAt) || a.id - b.id,
    );
    for (const c of comments) {
      this.requireRepo(c.repo).index.addComment(c);
      this.nextCommentId = Math.max(this.nextCommentId, c.id + 1);
    }
    this.renderCtx = this.makeRenderContext(urls);
  }

  private addRepo(repo: DatasetRepo): void {
    const fullName = `${repo.owner}/${repo.name}`;
    this.repos.set(fullName.toLowerCase(), {
      repo,
      fullName,
      labels: new Map(),
      milestones: new Map(),
      index: new RepoIssueIndex(),
      issueJson: new Map(),
      commentJson: new Map(),
      milestoneCounts: null,
      deletedIssues: new Set(),
      deletedComments: new Set(),
      snapshotJson: new Map(),
    });
  }

  private makeRenderContext(urls: RenderUrls): IssueRenderContext {
    return {
      urls,
      user: (login) => this.user(login),
      label: (repo, name) => this.repos.get(repo.toLowerCase())?.labels.get(name.toLowerCase()),
      milestone: (repo, n) => this.repos.get(repo.toLowerCase())?.milestones.get(n),
      milestoneCounts: (repo, n) => this.milestoneCounts(repo, n),
      commentCount: (repo, n) => this.repos.get(repo.toLowerCase())?.index.commentCount(n) ?? 0,
    };
  }

  get urls(): RenderUrls {
    return this.renderCtx.urls;
  }

  user(login: string): DatasetUser {
    return this.users.get(login.toLowerCase()) ?? GHOST;
  }

  /** The user for a login, created on first use (mutation helpers accept any login). */
  ensureUser(login: string, now: string): DatasetUser {
    const found = this.users.get(login.toLowerCase());
    if (found) return found;
    const id = Math.max(0, ...[...this.users.values()].map((u) => u.id)) + 1;
    const user: DatasetUser = { id, login, type: login.endsWith('[bot]') ? 'Bot' : 'User', createdAt: now };
    this.users.set(login.toLowerCase(), user);
    return user;
  }

  repo(fullName: string): RepoEntry | undefined {
    return this.repos.get(fullName.toLowerCase());
  }

  repoById(id: number): RepoEntry | undefined {
    for (const entry of this.repos.values()) if (entry.repo.id === id) return entry;
    return undefined;
  }

  requireRepo(fullName: string): RepoEntry {
    const entry = this.repo(fullName);
    if (!entry) throw new Error(`Emulator dataset: unknown repository "${fullName}"`);
    return entry;
  }

  reposOwnedBy(login: string): RepoEntry[] {
    const key = login.toLowerCase();
    return [...this.repos.values()].filter((e) => e.repo.owner.toLowerCase() === key);
  }

  openIssueCount(entry: RepoEntry): number {
    let n = 0;
    for (const i of entry.index.issues.values()) if (i.state === 'open') n++;
    return n;
  }

  /** Counted once per repository version: every issue in a milestone embeds these counts. */
  private milestoneCounts(repo: string, number: number): { open: number; closed: number } {
    const entry = this.repo(repo);
    if (!entry) return { open: 0, closed: 0 };
    if (!entry.milestoneCounts) {
      const counts = new Map<number, { open: number; closed: number }>();
      for (const i of entry.index.issues.values()) {
        if (i.milestone === null) continue;
        const c = counts.get(i.milestone) ?? { open: 0, closed: 0 };
        c[i.state]++;
        counts.set(i.milestone, c);
      }
      entry.milestoneCounts = counts;
    }
    return { ...(entry.milestoneCounts.get(number) ?? { open: 0, closed: 0 }) };
  }

  /** JSON text of an issue in list shape, rendered once and cached. */
  issueJson(entry: RepoEntry, issue: DatasetIssue): string {
    let json = entry.issueJson.get(issue.number);
    if (json === undefined) {
      json = JSON.stringify(renderIssue(issue, this.renderCtx));
      entry.issueJson.set(issue.number, json);
    }
    return json;
  }

  /** The single-issue shape (adds closed_by); not cached, it is requested one at a time. */
  singleIssue(issue: DatasetIssue): Record<string, unknown> {
    return renderIssue(issue, this.renderCtx, { single: true });
  }

  commentJson(entry: RepoEntry, comment: DatasetComment): string {
    let json = entry.commentJson.get(comment.id);
    if (json === undefined) {
      const isPullRequest = Boolean(entry.index.issues.get(comment.issueNumber)?.pullRequest);
      json = JSON.stringify(renderComment(comment, { ...this.renderCtx, isPullRequest }));
      entry.commentJson.set(comment.id, json);
    }
    return json;
  }

  /** Drops every cached view of a repository after it changed. */
  touch(entry: RepoEntry): void {
    entry.index.invalidate();
    entry.issueJson.clear();
    entry.commentJson.clear();
    entry.milestoneCounts = null;
    entry.snapshotJson.clear();
  }

  /** The repository's label of that name (any case), created like GitHub does when a write names a new one. */
  ensureLabel(entry: RepoEntry, name: string): DatasetLabel {
    const found = entry.labels.get(name.toLowerCase());
    if (found) return found;
    const label: DatasetLabel = {
      id: this.nextLabelId++,
      repo: entry.fullName,
      name,
      color: 'ededed',
      description: null,
      default: false,
    };
    entry.labels.set(name.toLowerCase(), label);
    return label;
  }

  /** The issue in GitHub's single-issue shape (as written routes and webhooks send it). */
  issueObject(issue: DatasetIssue, options: { single?: boolean } = {}): Record<string, unknown> {
    return renderIssue(issue, this.renderCtx, options);
  }

  milestoneObject(entry: RepoEntry, number: number): Record<string, unknown> | null {
    const milestone = entry.milestones.get(number);
    return milestone ? renderMilestone(milestone, this.renderCtx) : null;
  }

  commentObject(entry: RepoEntry, comment: DatasetComment): Record<string, unknown> {
    return JSON.parse(this.commentJson(entry, comment)) as Record<string, unknown>;
  }

  /** Calls `listener` after every change, with what changed; returns how to stop. */
  onChange(listener: (change: EmulatorChange) => void): () => void {
    this.listeners.push(listener);
    return () => {
      const at = this.listeners.indexOf(listener);
      if (at >= 0) this.listeners.splice(at, 1);
    };
  }

  /** Reports changes that were just applied (listeners see the state as it is now). */
  publish(changes: readonly EmulatorChange[]): void {
    for (const change of changes) for (const listener of this.listeners) listener(change);
  }

  allocateIssueId(): number {
    return this.nextIssueId++;
  }

  allocateCommentId(): number {
    return this.nextCommentId++;
  }
}
