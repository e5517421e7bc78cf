import { loadConfig, type LoupeConfig } from '../config.ts';
import { openDatabase, type Database } from '../store/db.ts';
import { lockDataDir } from '../store/data-dir-lock.ts';
import { migrate } from '../store/migrate.ts';
import { createGitHubCheckClient, createGitHubClient, type GitHubOctokit } from '../sources/github/github-client.ts';
import { createSourceRegistry, type SourceRegistry } from '../sources/source-registry.ts';
import { loadSecretBox, type SecretBox } from './secret-box.ts';

export interface Workspace {
  config: LoupeConfig;
  db: Database;
  /** One GitHub client per API URL (api.github.com, a GHES host, the demo emulator) and token. */
  clientFor: (apiUrl: string, credentials?: string | null) => GitHubOctokit;
  /** The sources this workspace can read (GitHub through clientFor). */
  sources: SourceRegistry;
  /** Seals and opens connection credentials; null on a PostgreSQL server without LOUPE_SECRET_KEY. */
  secrets: SecretBox | null;
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
  let secrets: SecretBox | null;
  try {
    secrets = await loadSecretBox(config, options.log);
  } catch (error) {
    await db.close();
    await unlock?.();
    throw error;
  }
  const token = options.token ?? config.github.token;
  const onLog = options.log ? { onLog: options.log } : {};
  // A connection's token gets its own client (its own rate-limit state); undefined means the process's token.
  const tokenOf = (credentials: string | null | undefined) => (credentials === undefined ? token : credentials);
  const clientFor = onePerKey((apiUrl, clientToken) => createGitHubClient({ token: clientToken, apiUrl, maxRateLimitWaitSeconds: config.maxRateLimitWaitSeconds, ...onLog }), tokenOf);
  const checkClientFor = onePerKey((apiUrl, clientToken) => createGitHubCheckClient({ token: clientToken, apiUrl, ...onLog }), tokenOf);
  return {
    config,
    db,
    clientFor,
    sources: createSourceRegistry({ github: { clientFor, checkClientFor } }),
    secrets,
    async close() {
      await db.close();
      await unlock?.();
    },
  };
}

/** One client per API URL, made on first use. */
function onePerKey(
  make: (apiUrl: string, token: string | null) => GitHubOctokit,
  tokenOf: (credentials: string | null | undefined) => string | null,
): (apiUrl: string, credentials?: string | null) => GitHubOctokit {
  const clients = new Map<string, GitHubOctokit>();
  return (apiUrl, credentials) => {
    const clientToken = tokenOf(credentials);
    const key = `${apiUrl}\u0000${clientToken ?? ''}`;
    let client = clients.get(key);
    if (!client) {
      client = make(apiUrl, clientToken);
      clients.set(key, client);
    }
    return client;
  };
}
