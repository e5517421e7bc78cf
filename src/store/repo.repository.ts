import type { ConceptTag } from '../core/concepts/index.ts';
import { DEFAULT_WORKSPACE_ID } from './access.repository.ts';
import type { SqlClient } from './db.ts';
import type { ContainerInfo } from '../core/container.ts';

export interface RepoRecord {
  id: number;
  source: string;
  owner: string;
  name: string;
  fullName: string;
  description: string | null;
  htmlUrl: string | null;
  defaultBranch: string | null;
  language: string | null;
  topics: string[];
  apiUrl: string;
  isDemo: boolean;
  addedAt: string;
  /** The workspace it belongs to. */
  workspaceId: number;
  /** The connection it is read through; null: the process's own credentials (GITHUB_TOKEN). */
  connectionId: number | null;
  /** Tagged by the analysis job from language, topics and description; [] until it has run. */
  concepts: ConceptTag[];
}

/** The repository's own description, as its source gave it. */
export type RepoMetadata = ContainerInfo;

export interface RepoOverview extends RepoRecord {
  issueCount: number;
  openIssueCount: number;
  pullRequestCount: number;
  sync: {
    status: 'never' | 'queued' | 'running' | 'succeeded' | 'failed';
    lastSyncedAt: string | null;
    startedAt: string | null;
    lastError: string | null;
    issuesSynced: number;
    commentsSynced: number;
  };
  /** How many issues carry a current analysis (the analysis job catches up after syncs and model updates). */
  analysis: { analyzed: number; total: number };
}

const repoColumns = (
  t: string,
) => `${t}.id, ${t}.source, ${t}.owner, ${t}.name, ${t}.owner || '/' || ${t}.name AS "fullName",
  ${t}.description, ${t}.html_url AS "htmlUrl", ${t}.default_branch AS "defaultBranch", ${t}.language, ${t}.topics,
  ${t}.api_url AS "apiUrl", ${t}.is_demo AS "isDemo", ${t}.added_at AS "addedAt", ${t}.concepts,
  ${t}.workspace_id AS "workspaceId", ${t}.connection_id AS "connectionId"`;
const REPO_COLUMNS = repoColumns('repositories');

/**
 * Repositories Loupe follows. Methods that serve a person take the workspace id and see only that
 * workspace; without one (jobs acting on a repository id the system queued, webhooks naming a
 * repository of any workspace) they see every workspace.
 */
export function createRepoRepository(db: SqlClient) {
  return {
    /**
     * Inserts the repository into a workspace (default: "default") unless it is there, with its
     * description when the source gave one; returns it and whether it was new.
     */
    async add(input: {
      owner: string;
      name: string;
      apiUrl: string;
      isDemo?: boolean;
      metadata?: RepoMetadata;
      workspaceId?: number;
      connectionId?: number | null;
    }): Promise<{ repo: RepoRecord; created: boolean }> {
      const m = input.metadata;
      const workspaceId = input.workspaceId ?? DEFAULT_WORKSPACE_ID;
      const inserted = await db.query<RepoRecord>(
        `INSERT INTO repositories (owner, name, api_url, is_demo, external_id, description, html_url, default_branch, language, topics, stars, workspace_id, connection_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
         ON CONFLICT (workspace_id, source, lower(owner), lower(name)) DO NOTHING RETURNING ${REPO_COLUMNS}`,
        [
          input.owner,
          input.name,
          input.apiUrl,
          input.isDemo ?? false,
          m?.externalId ?? null,
          m?.description ?? null,
          m?.htmlUrl ?? null,
          m?.defaultBranch ?? null,
          m?.language ?? null,
          m?.topics ?? [],
          m?.stars ?? 0,
          workspaceId,
          input.connectionId ?? null,
        ],
      );
      if (inserted.rows[0]) return { repo: inserted.rows[0], created: true };
      const existing = await this.findByFullName(`${input.owner}/${input.name}`, workspaceId);
      if (!existing) throw new Error(`repository ${input.owner}/${input.name} vanished during insert`);
      return { repo: existing, created: false };
    },

    /** The repository of that name in the workspace (without one: the first of any workspace). */
    async findByFullName(fullName: string, workspaceId?: number): Promise<RepoRecord | null> {
      return (await this.findAllByFullName(fullName, workspaceId))[0] ?? null;
    },

    /** Every copy of a repository (each workspace that follows it has its own). */
    async findAllByFullName(fullName: string, workspaceId?: number): Promise<RepoRecord[]> {
      const [owner, name] = fullName.split('/');
      const result = await db.query<RepoRecord>(
        `SELECT ${REPO_COLUMNS} FROM repositories WHERE source = 'github' AND lower(owner) = lower($1) AND lower(name) = lower($2)
           AND ($3::bigint IS NULL OR workspace_id = $3) ORDER BY id`,
        [owner, name, workspaceId ?? null],
      );
      return result.rows;
    },

    async findById(id: number, workspaceId?: number): Promise<RepoRecord | null> {
      const result = await db.query<RepoRecord>(
        `SELECT ${REPO_COLUMNS} FROM repositories WHERE id = $1 AND ($2::bigint IS NULL OR workspace_id = $2)`,
        [id, workspaceId ?? null],
      );
      return result.rows[0] ?? null;
    },

    async list(workspaceId?: number): Promise<RepoRecord[]> {
      return (
        await db.query<RepoRecord>(
          `SELECT ${REPO_COLUMNS} FROM repositories WHERE ($1::bigint IS NULL OR workspace_id = $1) ORDER BY lower(owner), lower(name)`,
          [workspaceId ?? null],
        )
      ).rows;
    },

    /** The ids of a workspace's repositories: the scope of a search, read on every keystroke. */
    async listIds(workspaceId: number): Promise<number[]> {
      return (
        await db.query<{ id: number }>(`SELECT id FROM repositories WHERE workspace_id = $1`, [workspaceId])
      ).rows.map((r) => Number(r.id));
    },

    /** Every repository with its issue counts and latest sync run, for the repositories page. */
    async listOverview(analysisVersion: string, workspaceId?: number): Promise<RepoOverview[]> {
      const result = await db.query<
        RepoRecord & Omit<RepoOverview, keyof RepoRecord | 'sync'> & Record<string, unknown>
      >(
        `SELECT ${repoColumns('r')},
           COALESCE(c.issue_count, 0) AS "issueCount", COALESCE(c.open_count, 0) AS "openIssueCount",
           COALESCE(c.pr_count, 0) AS "pullRequestCount", COALESCE(c.analyzed, 0) AS analyzed, COALESCE(c.total, 0) AS total,
           s.status, s.finished_at, s.started_at, s.error, s.issues_synced, s.comments_synced, ok.finished_at AS last_ok
         FROM repositories r
         LEFT JOIN LATERAL (
           SELECT count(*) FILTER (WHERE NOT is_pull_request) AS issue_count,
                  count(*) FILTER (WHERE NOT is_pull_request AND state = 'open') AS open_count,
                  count(*) FILTER (WHERE is_pull_request) AS pr_count,
                  count(a.issue_id) FILTER (WHERE a.version = $1 AND a.issue_updated_at >= i.updated_at) AS analyzed,
                  count(*) AS total
           FROM issues i LEFT JOIN issue_analysis a ON a.issue_id = i.id WHERE i.repo_id = r.id) c ON true
         LEFT JOIN LATERAL (SELECT * FROM sync_runs WHERE repo_id = r.id ORDER BY id DESC LIMIT 1) s ON true
         LEFT JOIN LATERAL (SELECT finished_at FROM sync_runs WHERE repo_id = r.id AND status = 'succeeded' ORDER BY id DESC LIMIT 1) ok ON true
         WHERE ($2::bigint IS NULL OR r.workspace_id = $2)
         ORDER BY lower(r.owner), lower(r.name)`,
        [analysisVersion, workspaceId ?? null],
      );
      return result.rows.map((row) => {
        const {
          status,
          finished_at: _finishedAt,
          started_at,
          error,
          issues_synced,
          comments_synced,
          last_ok,
          analyzed,
          total,
          ...rest
        } = row;
        return {
          ...(rest as unknown as RepoRecord),
          issueCount: Number(row.issueCount),
          openIssueCount: Number(row.openIssueCount),
          pullRequestCount: Number(row.pullRequestCount),
          analysis: { analyzed: Number(analyzed ?? 0), total: Number(total ?? 0) },
          sync: {
            status: (status as RepoOverview['sync']['status'] | null) ?? 'never',
            lastSyncedAt: (last_ok as string | null) ?? null,
            startedAt: (started_at as string | null) ?? null,
            lastError: (error as string | null) ?? null,
            issuesSynced: Number(issues_synced ?? 0),
            commentsSynced: Number(comments_synced ?? 0),
          },
        } satisfies RepoOverview;
      });
    },

    /**
     * Deletes the repository and, through ON DELETE CASCADE (migrations 0001, 0002, 0007), every row
     * keyed by it: issues with their analyses and duplicate links (both directions), comments, sync
     * cursors and runs, tombstones. Returns what it held, or null when there is no such repository.
     * Locks the row first, so a sync page committing meanwhile either lands before (and is counted
     * and deleted) or fails its foreign key check after (and writes nothing).
     */
    async remove(id: number): Promise<{ repo: RepoRecord; issues: number; comments: number } | null> {
      const repo = (
        await db.query<RepoRecord>(`SELECT ${REPO_COLUMNS} FROM repositories WHERE id = $1 FOR UPDATE`, [id])
      ).rows[0];
      if (!repo) return null;
      const counts = await db.query<{ issues: number; comments: number }>(
        `SELECT (SELECT count(*) FROM issues WHERE repo_id = $1) AS issues, (SELECT count(*) FROM issue_comments WHERE repo_id = $1) AS comments`,
        [id],
      );
      await db.query('DELETE FROM repositories WHERE id = $1', [id]);
      return {
        repo,
        issues: Number(counts.rows[0]?.issues ?? 0),
        comments: Number(counts.rows[0]?.comments ?? 0),
      };
    },

    /** The demo emulator listens on a new port each start; demo repositories follow it. */
    async repointDemoRepos(apiUrl: string): Promise<void> {
      await db.query('UPDATE repositories SET api_url = $1 WHERE is_demo', [apiUrl]);
    },

    async saveConcepts(repoId: number, concepts: readonly ConceptTag[]): Promise<void> {
      await db.query('UPDATE repositories SET concepts = $2 WHERE id = $1', [
        repoId,
        JSON.stringify(concepts),
      ]);
    },

    async saveMetadata(repoId: number, metadata: RepoMetadata): Promise<void> {
      await db.query(
        `UPDATE repositories SET external_id = $2, description = $3, html_url = $4, default_branch = $5, language = $6,
           topics = $7, stars = $8 WHERE id = $1`,
        [
          repoId,
          metadata.externalId,
          metadata.description,
          metadata.htmlUrl,
          metadata.defaultBranch,
          metadata.language,
          metadata.topics,
          metadata.stars,
        ],
      );
    },
  };
}

export type RepoRepository = ReturnType<typeof createRepoRepository>;
