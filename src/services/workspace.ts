import { loadConfig, type LoupeConfig } from '../config.ts';
import { openDatabase, type Database } from '../store/db.ts';
import { lockDataDir } from '../store/data-dir-lock.ts';
import { migrate } from '../store/migrate.ts';
import { createGitHubCheckClient, createGitHubClient, type GitHubOctokit } from '../sources/github/github-client.ts';
import { createSourceRegistry, type SourceRegistry } from '../sources/source-registry.ts';

export interface Workspace {
  config: LoupeConfig;
  db: Database;
  /** One GitHub client per API URL (api.github.com, a GHES host, the demo emulator). */
  clientFor: (apiUrl: string) => GitHubOctokit;
  /** The sources this workspace can read (GitHub through clientFor). */
  sources: SourceRegistry;
  close(): Promise<void>;
}

/**
 * Opens the database named by the config (PGlite data dir, locked to this process, or PostgreSQL),
 * brings its schema up to date, and prepares GitHub clients. Every command starts here.
 */
export async function openWorkspace(options: { config?: LoupeConfig; purpose: string; token?: string | null; log?: (m: string) => void }): Promise<Workspace> {
  const config = options.config ?? loadConfig();
  let unlock: (() => Promise<void>) | null = null;
  if (config.database.engine === 'pglite') unlock = await lockDataDir(config.database.dataDir, options.purpose);
  let db: Database;
  try {
    db = await openDatabase(config.database.engine === 'pglite' ? { engine: 'pglite', dataDir: config.database.dataDir } : config.database);
    await migrate(db);
  } catch (error) {
    await unlock?.();
    throw error;
  }
  const token = options.token ?? config.github.token;
  const onLog = options.log ? { onLog: options.log } : {};
  const clientFor = onePerApiUrl((apiUrl) => createGitHubClient({ token, apiUrl, maxRateLimitWaitSeconds: config.maxRateLimitWaitSeconds, ...onLog }));
  const checkClientFor = onePerApiUrl((apiUrl) => createGitHubCheckClient({ token, apiUrl, ...onLog }));
  return {
    config,
    db,
    clientFor,
    sources: createSourceRegistry({ github: { clientFor, checkClientFor } }),
    async close() {
      await db.close();
      await unlock?.();
    },
  };
}

/** One client per API URL, made on first use. */
function onePerApiUrl(make: (apiUrl: string) => GitHubOctokit): (apiUrl: string) => GitHubOctokit {
  const clients = new Map<string, GitHubOctokit>();
  return (apiUrl) => {
    let client = clients.get(apiUrl);
    if (!client) {
      client = make(apiUrl);
      clients.set(apiUrl, client);
    }
    return client;
  };
}
