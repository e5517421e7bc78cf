import type { Command } from 'commander';
import { hostname } from 'node:os';
import { LoupeError } from '../../core/errors.ts';
import { action } from '../cli-error.ts';
import {
  credentialsPath,
  findServerCredentials,
  forgetServerCredentials,
  saveServerCredentials,
  serverKey,
  type ServerCredentials,
} from '../credentials-file.ts';

export interface DeviceLoginInput {
  server: string;
  workspace?: string | undefined;
  tokenName: string;
  /** Where the code and progress are told (stderr in the CLI). */
  say: (line: string) => void;
  sleep?: (ms: number) => Promise<void>;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A request to the Loupe server; its error body's message becomes the CLI's message. */
async function callServer(
  server: string,
  path: string,
  init: RequestInit = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${server}${path}`, {
    ...init,
    headers: {
      accept: 'application/json',
      ...(init.body ? { 'content-type': 'application/json' } : {}),
      ...init.headers,
    },
    signal: AbortSignal.timeout(30_000),
  }).catch((cause: Error) => {
    throw new LoupeError(
      'SOURCE_UNAVAILABLE',
      `Could not reach the Loupe server at ${server}: ${cause.message}`,
    );
  });
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  return { status: response.status, body };
}

function serverMessage(body: Record<string, unknown>, status: number): string {
  const error = body.error as { message?: unknown } | undefined;
  return typeof error?.message === 'string' ? error.message : `HTTP ${status}`;
}

/**
 * Signs in to a Loupe server in server mode with GitHub's device flow, run by the server: show the
 * one-time code, poll until the person approves it on GitHub, and answer the API token the server made.
 */
export async function loginWithDeviceFlow(input: DeviceLoginInput): Promise<ServerCredentials> {
  const server = serverKey(input.server);
  const sleep = input.sleep ?? wait;
  const started = await callServer(server, '/auth/github/device/code', { method: 'POST' });
  if (started.status === 404)
    throw new LoupeError(
      'INVALID_INPUT',
      `${server} does not sign in with GitHub (it runs in local mode, or is not Loupe): there is nothing to log in to.`,
    );
  if (started.status !== 200)
    throw new LoupeError('UNAUTHENTICATED', serverMessage(started.body, started.status));
  const { deviceCode, userCode, verificationUri } = started.body as Record<string, string>;
  let intervalSeconds = Number(started.body.intervalSeconds);
  const deadline = Date.now() + Number(started.body.expiresInSeconds) * 1000;
  input.say(`First copy your one-time code: ${userCode}`);
  input.say(`Then open ${verificationUri} and enter it. Waiting for GitHub…`);
  while (Date.now() < deadline) {
    await sleep(intervalSeconds * 1000);
    const polled = await callServer(server, '/auth/github/device/token', {
      method: 'POST',
      body: JSON.stringify({
        deviceCode,
        tokenName: input.tokenName,
        ...(input.workspace ? { workspace: input.workspace } : {}),
      }),
    });
    if (polled.status === 202) {
      if (typeof polled.body.intervalSeconds === 'number') intervalSeconds = polled.body.intervalSeconds;
      continue;
    }
    if (polled.status !== 200)
      throw new LoupeError('UNAUTHENTICATED', serverMessage(polled.body, polled.status));
    const body = polled.body as {
      token: string;
      tokenId: number;
      login: string;
      workspace: string;
      scopes: string[];
    };
    return {
      token: body.token,
      tokenId: body.tokenId,
      login: body.login,
      workspace: body.workspace,
      scopes: body.scopes,
      savedAt: new Date().toISOString(),
    };
  }
  throw new LoupeError(
    'UNAUTHENTICATED',
    `The code ${userCode} expired before it was approved: run loupe login again.`,
  );
}

export function registerLoginCommands(program: Command): void {
  program
    .command('login')
    .description(
      'Sign in to a Loupe server (server mode, LOUPE_AUTH=github) with GitHub device flow; keeps an API token in the credentials file',
    )
    .option('--server <url>', 'the Loupe server (default: $LOUPE_SERVER)')
    .option('--workspace <slug>', 'the workspace the token is for (default: your first)')
    .action(
      action(async (options: { server?: string; workspace?: string }) => {
        const server = options.server ?? process.env.LOUPE_SERVER;
        if (!server)
          throw new LoupeError('INVALID_INPUT', 'Which server? Pass --server URL (or set LOUPE_SERVER).');
        const credentials = await loginWithDeviceFlow({
          server,
          workspace: options.workspace,
          tokenName: `loupe login on ${hostname()}`,
          say: (line) => process.stderr.write(`${line}\n`),
        });
        const path = credentialsPath();
        await saveServerCredentials(path, server, credentials);
        process.stdout.write(
          `Signed in to ${serverKey(server)} as ${credentials.login}, workspace "${credentials.workspace}" (token scopes: ${credentials.scopes.join(', ')}); token saved in ${path}.\n`,
        );
      }),
    );

  program
    .command('whoami')
    .description('Who the saved token of a Loupe server speaks for')
    .option('--server <url>', 'the Loupe server (default: $LOUPE_SERVER, or the only one signed in to)')
    .action(
      action(async (options: { server?: string }) => {
        const { server, credentials } = await findServerCredentials(
          credentialsPath(),
          options.server ?? process.env.LOUPE_SERVER,
        );
        const me = await callServer(server, '/api/me', {
          headers: { authorization: `Bearer ${credentials.token}` },
        });
        if (me.status === 401)
          throw new LoupeError(
            'UNAUTHENTICATED',
            `${server} no longer accepts the saved token (revoked?): run loupe login again.`,
          );
        if (me.status !== 200) throw new LoupeError('UNAUTHENTICATED', serverMessage(me.body, me.status));
        const { user, workspace } = me.body as {
          user: { login: string };
          workspace: { slug: string; role: string } | null;
        };
        process.stdout.write(
          `${user.login} on ${server}, workspace "${workspace?.slug ?? credentials.workspace}" as ${workspace?.role ?? 'unknown role'} (token scopes: ${credentials.scopes.join(', ')})\n`,
        );
      }),
    );

  program
    .command('logout')
    .description('Revoke the saved token of a Loupe server and forget it')
    .option('--server <url>', 'the Loupe server (default: $LOUPE_SERVER, or the only one signed in to)')
    .action(
      action(async (options: { server?: string }) => {
        const path = credentialsPath();
        const { server, credentials } = await findServerCredentials(
          path,
          options.server ?? process.env.LOUPE_SERVER,
        );
        const revoked = await callServer(server, `/api/tokens/${credentials.tokenId}`, {
          method: 'DELETE',
          headers: { authorization: `Bearer ${credentials.token}` },
        }).catch((error: Error) => ({ status: 0, body: { error: { message: error.message } } }));
        await forgetServerCredentials(path, server);
        if (revoked.status === 204 || revoked.status === 401)
          process.stdout.write(`Signed out of ${server}; the token is revoked and forgotten.\n`);
        else
          process.stderr.write(
            `Forgot the token, but ${server} did not revoke it (${serverMessage(revoked.body, revoked.status)}): revoke "${credentials.login}"'s token in Settings → API tokens.\n`,
          );
      }),
    );
}
