import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { LoupeError } from '../core/errors.ts';

/** What `loupe login` keeps per server: the API token it was given and who it speaks for. */
const serverCredentialsSchema = z.object({
  token: z.string(),
  tokenId: z.number(),
  login: z.string(),
  workspace: z.string(),
  scopes: z.array(z.string()),
  savedAt: z.string(),
});
const credentialsFileSchema = z.object({ servers: z.record(z.string(), serverCredentialsSchema) });

export type ServerCredentials = z.infer<typeof serverCredentialsSchema>;
type CredentialsFile = z.infer<typeof credentialsFileSchema>;

/** `$LOUPE_CONFIG_DIR`, else `$XDG_CONFIG_HOME/loupe`, else `~/.config/loupe`. */
export function credentialsPath(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env.LOUPE_CONFIG_DIR ?? join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'loupe');
  return join(dir, 'credentials.json');
}

/** A server's address as the file keys it: its origin, so `http://host:3000/` and `http://host:3000` agree. */
export function serverKey(server: string): string {
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    throw new LoupeError(
      'INVALID_INPUT',
      `"${server}" is not a server address (e.g. https://loupe.example.org).`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new LoupeError('INVALID_INPUT', `"${server}" must start with http:// or https://.`);
  return url.origin;
}

async function readCredentials(path: string): Promise<CredentialsFile> {
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (text === null) return { servers: {} };
  const parsed = credentialsFileSchema.safeParse(JSON.parse(text));
  if (!parsed.success)
    throw new LoupeError(
      'INVALID_INPUT',
      `${path} is not a Loupe credentials file: remove it and run loupe login.`,
    );
  return parsed.data;
}

/** Written to a temporary file then renamed, readable by its owner only: it holds API tokens. */
async function writeCredentials(path: string, file: CredentialsFile): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  await rename(temporary, path);
}

export async function saveServerCredentials(
  path: string,
  server: string,
  credentials: ServerCredentials,
): Promise<void> {
  const file = await readCredentials(path);
  file.servers[serverKey(server)] = credentials;
  await writeCredentials(path, file);
}

/**
 * The credentials for `server`, or for the only server signed in to when none is named. Answers the
 * server's key beside them.
 */
export async function findServerCredentials(
  path: string,
  server: string | undefined,
): Promise<{ server: string; credentials: ServerCredentials }> {
  const file = await readCredentials(path);
  const known = Object.keys(file.servers);
  const key = server ? serverKey(server) : known.length === 1 ? known[0]! : null;
  if (!key)
    throw new LoupeError(
      'INVALID_INPUT',
      known.length === 0
        ? 'Not signed in to any Loupe server: run loupe login --server URL.'
        : `Signed in to several servers (${known.join(', ')}): name one with --server.`,
    );
  const credentials = file.servers[key];
  if (!credentials)
    throw new LoupeError('NOT_FOUND', `Not signed in to ${key}: run loupe login --server ${key}.`);
  return { server: key, credentials };
}

export async function forgetServerCredentials(path: string, server: string): Promise<void> {
  const file = await readCredentials(path);
  delete file.servers[serverKey(server)];
  await writeCredentials(path, file);
}
