/**
 * Repository clones for "already implemented?": `loupe repo clone` records one, the `fetch-clone`
 * job keeps it current, and the analysis job judges the repository's issues against its head.
 */
import { mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { LoupeError, parseRepoFullName } from '../core/errors.ts';
import { checkGit, cloneBare, fetchBare } from '../sources/git/git-clone.ts';
import type { SqlClient } from '../store/db.ts';
import { createRepoRepository, type RepoRecord } from '../store/repo.repository.ts';
import {
  createRepositoryCloneRepository,
  type RepositoryClone,
} from '../store/repository-clone.repository.ts';

export interface ClonesServiceDeps {
  db: SqlClient;
  /** Where clones go when no directory is given: <data dir>/clones. */
  cloneRoot: string;
}

/**
 * Where a repository is cloned from when no --from is given: the web host of its API
 * (api.github.com -> github.com, a GHES https://host/api/v3 -> https://host), else its html URL.
 * Null when neither says (an emulator, for instance): the caller must be told.
 */
export function cloneUrlFor(repo: Pick<RepoRecord, 'owner' | 'name' | 'apiUrl' | 'htmlUrl'>): string | null {
  const api = repo.apiUrl.replace(/\/+$/, '');
  if (/^https:\/\/api\.github\.com$/i.test(api)) return `https://github.com/${repo.owner}/${repo.name}.git`;
  const ghes = /^(https?:\/\/[^/]+)\/api\/v3$/i.exec(api);
  if (ghes) return `${ghes[1]}/${repo.owner}/${repo.name}.git`;
  return repo.htmlUrl ? `${repo.htmlUrl.replace(/\/+$/, '')}.git` : null;
}

/** A local path given as --from is made absolute (git resolves it against its own working directory). */
function normaliseSource(from: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(from) || /^[^/\\]+@[^:]+:/.test(from) ? from : path.resolve(from);
}

async function isEmptyOrMissing(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length === 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw error;
  }
}

export function createClonesService(deps: ClonesServiceDeps) {
  const clones = createRepositoryCloneRepository(deps.db);
  const repos = createRepoRepository(deps.db);

  return {
    /**
     * Clones the repository (bare) into `dir` (default <data dir>/clones/owner/name.git) and records
     * it. When it already has a clone at that path, fetches instead. GIT_UNAVAILABLE without git,
     * CLONE_FAILED when git cannot clone (the message says to pass --from), NOT_FOUND for a
     * repository the workspace does not follow.
     */
    async clone(
      workspaceId: number,
      fullName: string,
      options: {
        dir?: string;
        from?: string;
        /** Remove a directory left at `dir` by a clone no longer recorded (the demo's, after its repository was removed). */
        replaceUnrecorded?: boolean;
      } = {},
    ): Promise<RepositoryClone & { fetched: boolean }> {
      const { owner, name } = parseRepoFullName(fullName);
      const repo = await repos.findByFullName(`${owner}/${name}`, workspaceId);
      if (!repo)
        throw new LoupeError(
          'NOT_FOUND',
          `${owner}/${name} is not followed in this workspace: add it first with \`loupe repo add ${owner}/${name}\``,
        );
      await checkGit();
      const dir = path.resolve(options.dir ?? path.join(deps.cloneRoot, repo.owner, `${repo.name}.git`));
      const existing = await clones.find(repo.id);
      const sourceUrl = options.from
        ? normaliseSource(options.from)
        : (existing?.sourceUrl ?? cloneUrlFor(repo));
      if (!sourceUrl)
        throw new LoupeError(
          'INVALID_INPUT',
          `cannot tell where to clone ${repo.fullName} from (its API is ${repo.apiUrl}): pass --from URL|PATH`,
        );
      if (
        existing &&
        existing.path === dir &&
        !(await isEmptyOrMissing(dir)) &&
        existing.sourceUrl === sourceUrl
      ) {
        const head = await fetchBare(dir);
        await clones.recordFetch(repo.id, head);
        return { ...existing, headCommit: head, fetchedAt: new Date().toISOString(), fetched: true };
      }
      if (!existing && options.replaceUnrecorded) await rm(dir, { recursive: true, force: true });
      if (!(await isEmptyOrMissing(dir)))
        throw new LoupeError(
          'INVALID_INPUT',
          `${dir} exists and is not empty: choose another --dir or remove it`,
        );
      await mkdir(path.dirname(dir), { recursive: true });
      let head: string;
      try {
        head = await cloneBare(sourceUrl, dir);
      } catch (error) {
        await rm(dir, { recursive: true, force: true });
        if (error instanceof LoupeError && !options.from)
          throw new LoupeError(
            'CLONE_FAILED',
            `${error.message} (give the clone URL or path with --from)`,
            error.details,
          );
        throw error;
      }
      const saved = await clones.save({ repositoryId: repo.id, path: dir, sourceUrl, headCommit: head });
      return { ...saved, fetched: false };
    },

    /** The repository's clone, or null (scoped to the workspace). */
    find(workspaceId: number, repositoryId: number): Promise<RepositoryClone | null> {
      return clones.find(repositoryId, workspaceId);
    },
  };
}

export type ClonesService = ReturnType<typeof createClonesService>;

/**
 * Fetches a repository's clone and records its new head (the fetch-clone job). Returns null when the
 * repository has no clone, else whether the head moved.
 */
export async function fetchRepositoryClone(
  db: SqlClient,
  repositoryId: number,
): Promise<{ head: string; changed: boolean } | null> {
  const clones = createRepositoryCloneRepository(db);
  const clone = await clones.find(repositoryId);
  if (!clone) return null;
  const head = await fetchBare(clone.path);
  await clones.recordFetch(repositoryId, head);
  return { head, changed: head !== clone.headCommit };
}
