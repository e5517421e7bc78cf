/**
 * A throwaway Loupe store for file-based commands: a PGlite database with the real migrated schema,
 * in memory or in a temporary directory that is removed on close. Issues read from a file are
 * indexed into it so that duplicate retrieval runs the same SQL (and the same search_vector) as a
 * workspace does, without the user setting up any database.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Issue } from '../core/issue.ts';
import type { IssueRecord } from '../sources/files/index.ts';
import { openDatabase, type Database } from '../store/db.ts';
import { createIssueRepository } from '../store/issue.repository.ts';
import { migrate } from '../store/migrate.ts';
import { createRepoRepository } from '../store/repo.repository.ts';

/** created_at is NOT NULL in the schema; records without a date get this, and time filters are off for them. */
export const UNKNOWN_DATE = '1970-01-01T00:00:00.000Z';
const BATCH = 500;

export interface ScratchStore {
  db: Database;
  close(): Promise<void>;
}

/**
 * Opens an empty, migrated PGlite. `onDisk` (default true) keeps the pages in a temporary directory,
 * so a large file costs disk rather than heap; in memory is faster for small inputs and tests.
 */
export async function openScratchStore(options: { onDisk?: boolean } = {}): Promise<ScratchStore> {
  const dataDir = options.onDisk === false ? null : await mkdtemp(path.join(tmpdir(), 'loupe-scratch-'));
  try {
    const db = await openDatabase({ engine: 'pglite', dataDir });
    await migrate(db);
    return {
      db,
      async close() {
        await db.close();
        if (dataDir) await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Buffers records and writes them in batches, one Loupe repository per distinct `repo` (records
 * without one share `fallbackRepo`). Each record is stored with `number` = its ordinal, which the
 * caller chooses unique (1, 2, …), so any file id — numeric or not — maps back through the ordinal.
 */
export function createIssueIndexWriter(db: Database, options: { fallbackRepo: string }) {
  const repos = createRepoRepository(db);
  const issues = createIssueRepository(db);
  const repoIds = new Map<string, number>();
  const pending = new Map<number, Issue[]>();
  let buffered = 0;

  async function repoIdFor(repo: string | null): Promise<number> {
    const key = repo ?? options.fallbackRepo;
    const known = repoIds.get(key);
    if (known !== undefined) return known;
    const [owner, name] = key.includes('/')
      ? [key.slice(0, key.indexOf('/')), key.slice(key.indexOf('/') + 1)]
      : ['local', key];
    const { repo: stored } = await repos.add({ owner: owner || 'local', name: name || key, apiUrl: 'file:' });
    repoIds.set(key, stored.id);
    return stored.id;
  }

  async function flush(): Promise<void> {
    for (const [repoId, batch] of pending) await issues.upsertIssues(repoId, batch);
    pending.clear();
    buffered = 0;
  }

  return {
    /** Queues one record under `ordinal`; returns its repository id. */
    async add(record: IssueRecord, ordinal: number): Promise<number> {
      const repoId = await repoIdFor(record.repo);
      const batch = pending.get(repoId) ?? [];
      batch.push(toIssue(record, ordinal));
      pending.set(repoId, batch);
      if (++buffered >= BATCH) await flush();
      return repoId;
    },
    /** The repository id a record's `repo` was stored under (after add). */
    repoIdOf(repo: string | null): number | undefined {
      return repoIds.get(repo ?? options.fallbackRepo);
    },
    flush,
  };
}

export type IssueIndexWriter = ReturnType<typeof createIssueIndexWriter>;

/** The store's Issue for a file record; fields a file cannot state get neutral values. */
export function toIssue(record: IssueRecord, ordinal: number): Issue {
  const createdAt = validDate(record.createdAt) ?? UNKNOWN_DATE;
  return {
    source: 'file',
    repo: record.repo ?? '',
    number: ordinal,
    externalId: record.id,
    url: null,
    title: record.title,
    body: record.body,
    state: record.state ?? 'open',
    stateReason: record.stateReason ?? record.resolution ?? null,
    isPullRequest: record.isPullRequest ?? false,
    mergedAt: null,
    labels: record.labels.map((name) => ({ name })),
    author: null,
    authorAssociation: record.authorAssociation ?? null,
    assignees: [],
    milestone: record.milestone ?? null,
    commentsCount: record.commentsCount ?? 0,
    reactionsCount: record.reactionsCount ?? 0,
    createdAt,
    updatedAt: createdAt,
    closedAt: null,
  };
}

/**
 * The record's date when it is an ISO-8601 instant, else null. Readers normalise the dates they
 * recognise and pass others through as written; Date.parse would guess at those (in local time).
 */
export function validDate(value: string | null | undefined): string | null {
  if (!value || !/^\d{4}-\d{2}-\d{2}/.test(value)) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}
