/**
 * Server mode (LOUPE_AUTH=github) end to end on a real port: sign-in through the GitHub emulator's
 * OAuth web flow, the session cookie's attributes, CSRF on writes made with it, API tokens (shown once,
 * stored hashed, scoped, revocable), connections whose token is sealed and never answered or logged,
 * repositories read through a connection's own token, and rate limits answering 429 with the reset.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginWithDeviceFlow } from '../../src/cli/commands/login.ts';
import { credentialsPath, saveServerCredentials } from '../../src/cli/credentials-file.ts';
import { startGitHubEmulator, type GitHubEmulator } from '../../src/emulators/github/index.ts';
import { testDataset } from '../../src/emulators/github/test-dataset.fixture.ts';
import { runRepoSync } from '../../src/jobs/sync-repo.job.ts';
import { buildServer } from '../../src/server/app.ts';
import { createAccessService } from '../../src/services/access.service.ts';
import { createConnectionsService } from '../../src/services/connections.service.ts';
import { createEventsService } from '../../src/services/events.service.ts';
import { createIssuesService } from '../../src/services/issues.service.ts';
import { createReposService } from '../../src/services/repos.service.ts';
import { createSecretBox } from '../../src/services/secret-box.ts';
import { createWebhooksService } from '../../src/services/webhooks.service.ts';
import { createGitHubClient } from '../../src/sources/github/github-client.ts';
import { createSourceRegistry } from '../../src/sources/source-registry.ts';
import type { Database } from '../../src/store/db.ts';
import { createIssueRepository } from '../../src/store/issue.repository.ts';
import { runLoupeCli } from '../run-loupe-cli.ts';
import { openTestDatabase } from '../test-database.ts';

const CONNECTION_TOKEN = 'ghp_connection-secret-7f3a';
/** The real CLI in its own process, with its credentials file in `configDir`. */
const loupeCli = (args: string[], configDir: string) =>
  runLoupeCli(args, { LOUPE_CONFIG_DIR: configDir, LOUPE_SERVER: '' });

describe(
  'server mode: sign-in, sessions, CSRF, tokens, connections, rate limits',
  { timeout: 120_000 },
  () => {
    let db: Database;
    let emulator: GitHubEmulator;
    let base: string;
    let close: () => Promise<void>;
    const logs: string[] = [];
    const secrets = createSecretBox(Buffer.alloc(32, 3));
    let sources: ReturnType<typeof createSourceRegistry>;

    beforeAll(async () => {
      db = await openTestDatabase();
      // Only the connection's token reads this GitHub: the process's own credentials are refused.
      emulator = await startGitHubEmulator({
        dataset: testDataset(3),
        requireToken: true,
        tokens: [CONNECTION_TOKEN],
        oauth: { login: 'octocat' },
      });
      const clients = new Map<string, ReturnType<typeof createGitHubClient>>();
      const clientFor = (apiUrl: string, credentials?: string | null) => {
        const key = `${apiUrl} ${credentials ?? ''}`;
        if (!clients.has(key))
          clients.set(
            key,
            createGitHubClient({
              token: credentials ?? null,
              apiUrl,
              retryBaseMs: 5,
              maxRateLimitWaitSeconds: 0,
            }),
          );
        return clients.get(key)!;
      };
      sources = createSourceRegistry({ github: { clientFor } });
      const logStream = new Writable({
        write(chunk, _encoding, done) {
          logs.push(String(chunk));
          done();
        },
      });
      const app = await buildServer({
        db,
        repos: createReposService({
          db,
          sources,
          secrets,
          enqueueSync: async () => null,
          githubApiUrl: emulator.url,
        }),
        issues: createIssuesService({ db }),
        webhooks: createWebhooksService({ db }),
        events: createEventsService({ db }),
        access: createAccessService({ db }),
        connections: createConnectionsService({ db, secrets, kinds: () => sources.kinds() }),
        githubWebhookSecret: null,
        workspace: { demo: false, githubApiUrl: emulator.url },
        logLevel: 'trace',
        logStream,
        serveWeb: false,
        auth: {
          mode: 'github',
          rateLimitPerMinute: 40,
          github: {
            clientId: 'Iv1.emulator0000000',
            clientSecret: 'emulator-client-secret',
            webUrl: emulator.url,
            apiUrl: emulator.url,
            publicUrl: 'http://127.0.0.1:0',
          },
        },
      });
      const address = await app.listen({ host: '127.0.0.1', port: 0 });
      base = address;
      close = () => app.close();
    });
    afterAll(async () => {
      await close?.();
      await emulator?.close();
      await db?.close();
    });

    /** A tiny cookie jar: what a browser would send back. */
    const jar = new Map<string, string>();
    const remember = (response: Response) => {
      for (const cookie of response.headers.getSetCookie()) {
        const [pair] = cookie.split(';');
        const [name, value] = pair!.split('=');
        if (value) jar.set(name!, value);
        else jar.delete(name!);
      }
    };
    const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const browser = async (path: string, init: RequestInit = {}) => {
      const response = await fetch(`${base}${path}`, {
        ...init,
        redirect: 'manual',
        headers: { ...(init.headers as Record<string, string>), cookie: cookieHeader() },
      });
      remember(response);
      return response;
    };

    let csrfToken = '';

    it('refuses the API to someone not signed in, with a message saying how to sign in', async () => {
      const response = await fetch(`${base}/api/repos`);
      expect(response.status).toBe(401);
      expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(
        /Sign in first/,
      );
      const facts = (await (await fetch(`${base}/api/workspace`)).json()) as {
        mode: string;
        signInUrl: string;
      };
      expect(facts).toMatchObject({ mode: 'github', signInUrl: '/auth/github/login' });
    });

    it("signs in through GitHub's web flow into a workspace of one's own, with an httpOnly SameSite session cookie", async () => {
      const login = await browser('/auth/github/login');
      expect(login.status).toBe(302);
      const authorize = new URL(login.headers.get('location')!);
      expect(authorize.pathname).toBe('/login/oauth/authorize');
      // GitHub (the emulator) approves and sends the browser back with a code and the state.
      const approved = await fetch(authorize, { redirect: 'manual' });
      const callback = new URL(approved.headers.get('location')!);
      const landed = await browser(`${callback.pathname}${callback.search}`);
      expect(landed.status).toBe(302);
      expect(landed.headers.get('location')).toBe('/');
      const sessionCookie = landed.headers.getSetCookie().find((c) => c.startsWith('loupe_session='))!;
      expect(sessionCookie).toMatch(/HttpOnly/i);
      expect(sessionCookie).toMatch(/SameSite=Lax/i);
      const me = (await (await browser('/api/me')).json()) as {
        user: { login: string };
        workspace: { slug: string; role: string };
        csrfToken: string;
      };
      expect(me.user.login).toBe('octocat');
      expect(me.workspace).toMatchObject({ slug: 'octocat', role: 'owner' });
      csrfToken = me.csrfToken;
      expect(csrfToken.length).toBeGreaterThan(10);
    });

    it('refuses a sign-in callback whose state was not started here', async () => {
      const forged = await fetch(`${base}/auth/github/callback?code=abc&state=forged`, {
        redirect: 'manual',
      });
      expect(forged.status).toBe(401);
    });

    it('needs the CSRF token on writes made with the session cookie', async () => {
      const body = JSON.stringify({
        kind: 'github',
        name: 'gh',
        baseUrl: emulator.url,
        token: CONNECTION_TOKEN,
      });
      const without = await browser('/api/connections', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      expect(without.status).toBe(403);
      const added = await browser('/api/connections', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken },
        body,
      });
      expect(added.status).toBe(201);
      const text = await added.text();
      expect(text).toContain('"hasCredentials":true');
      expect(text).not.toContain(CONNECTION_TOKEN);
    });

    it('stores the connection token sealed, never answers it, never logs it, and reads through it', async () => {
      const stored = (
        await db.query<{ credentials_encrypted: string }>('SELECT credentials_encrypted FROM connections')
      ).rows[0]!;
      expect(stored.credentials_encrypted).toMatch(/^v1\./);
      expect(stored.credentials_encrypted).not.toContain(CONNECTION_TOKEN);
      expect(secrets.open(stored.credentials_encrypted)).toBe(CONNECTION_TOKEN);
      const list = await (await browser('/api/connections')).text();
      expect(list).not.toContain(CONNECTION_TOKEN);
      const connectionId = (JSON.parse(list) as { connections: { id: string }[] }).connections[0]!.id;

      const headers = { 'content-type': 'application/json', 'x-csrf-token': csrfToken };
      const repo = testDataset(3).repos[0]!;
      // Without the connection, the process has no token this GitHub accepts.
      const refused = await browser('/api/repos', {
        method: 'POST',
        headers,
        body: JSON.stringify({ fullName: `${repo.owner}/${repo.name}` }),
      });
      expect(refused.status).toBe(422);
      const added = await browser('/api/repos', {
        method: 'POST',
        headers,
        body: JSON.stringify({ fullName: `${repo.owner}/${repo.name}`, connectionId }),
      });
      expect(added.status).toBe(202);
      const repoId = Number(((await added.json()) as { repo: { id: string } }).repo.id);
      const result = await runRepoSync({ db, sources, secrets }, repoId);
      expect(result.issuesSynced).toBeGreaterThan(0);
      expect((await createIssueRepository(db).countByRepo(repoId)).issues).toBe(result.issuesSynced);

      const logged = logs.join('');
      expect(logged.length).toBeGreaterThan(0);
      expect(logged).not.toContain(CONNECTION_TOKEN);
    });

    let apiToken = '';
    it('makes an API token shown once and stored hashed; it works without CSRF, within its scopes, until revoked', async () => {
      const made = await browser('/api/tokens', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken },
        body: JSON.stringify({ name: 'ci', scopes: ['read'] }),
      });
      expect(made.status).toBe(201);
      const { token, apiToken: record } = (await made.json()) as {
        token: string;
        apiToken: { id: string; prefix: string };
      };
      apiToken = token;
      expect(token.startsWith(record.prefix)).toBe(true);
      expect(JSON.stringify((await db.query('SELECT * FROM api_tokens')).rows)).not.toContain(token);
      expect(await (await browser('/api/tokens')).text()).not.toContain(token);

      const asToken = (path: string, init: RequestInit = {}) =>
        fetch(`${base}${path}`, {
          ...init,
          headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${token}` },
        });
      expect((await asToken('/api/repos')).status).toBe(200);
      // A read-scoped token may not write, whatever its owner's role.
      const write = await asToken('/api/workspaces', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ slug: 'x', name: 'x' }),
      });
      expect(write.status).toBe(403);
      const sync = await asToken('/api/repos/1/sync', { method: 'POST' });
      expect(sync.status).toBe(403);
      expect(((await sync.json()) as { error: { message: string } }).error.message).toMatch(
        /needs write access.*scoped read/,
      );

      const revoked = await browser(`/api/tokens/${record.id}`, {
        method: 'DELETE',
        headers: { 'x-csrf-token': csrfToken },
      });
      expect(revoked.status).toBe(204);
      expect((await asToken('/api/repos')).status).toBe(401);
    });

    it('loupe login: GitHub device flow run by the server gives the CLI a token; whoami uses it; logout revokes it', async () => {
      await fetch(`${emulator.url}/_emulator/oauth`, {
        method: 'POST',
        body: JSON.stringify({ deviceIntervalSeconds: 0 }),
      });
      const said: string[] = [];
      let sleeps = 0;
      const credentials = await loginWithDeviceFlow({
        server: `${base}/`,
        tokenName: 'loupe login in a test',
        say: (line) => said.push(line),
        // The person approves on GitHub while the CLI polls: the first poll is still pending.
        sleep: async () => {
          sleeps += 1;
          if (sleeps === 2) emulator.approveDevice(said[0]!.split(': ')[1]!, { login: 'octocat' });
        },
      });
      expect(said[0]).toMatch(/one-time code: [A-Z0-9]{4}-[A-Z0-9]{4}$/);
      expect(said[1]).toContain(`${emulator.url}/login/device`);
      expect(sleeps).toBe(2);
      expect(credentials).toMatchObject({
        login: 'octocat',
        workspace: 'octocat',
        scopes: ['read', 'write', 'admin'],
      });
      expect(credentials.token).toMatch(/^loupe_/);

      const configDir = await mkdtemp(path.join(tmpdir(), 'loupe-login-'));
      try {
        await saveServerCredentials(credentialsPath({ LOUPE_CONFIG_DIR: configDir }), base, credentials);
        const stat = await import('node:fs/promises').then((fs) =>
          fs.stat(credentialsPath({ LOUPE_CONFIG_DIR: configDir })),
        );
        expect(stat.mode & 0o777).toBe(0o600);
        const whoami = await loupeCli(['whoami'], configDir);
        expect(whoami).toMatchObject({ code: 0 });
        expect(whoami.stdout).toContain('octocat on');
        expect(whoami.stdout).toContain('workspace "octocat" as owner');
        const logout = await loupeCli(['logout', '--server', base], configDir);
        expect(logout).toMatchObject({ code: 0 });
        expect(logout.stdout).toContain('revoked and forgotten');
        const after = await fetch(`${base}/api/me`, {
          headers: { authorization: `Bearer ${credentials.token}` },
        });
        expect(after.status).toBe(401);
        const again = await loupeCli(['whoami'], configDir);
        expect(again.code).not.toBe(0);
        expect(again.stderr).toContain('Not signed in to any Loupe server');
      } finally {
        await rm(configDir, { recursive: true, force: true });
      }
    });

    it("loupe login: a denied device code ends with GitHub's reason, and no token", async () => {
      const said: string[] = [];
      const denied = loginWithDeviceFlow({
        server: base,
        tokenName: 'denied',
        say: (line) => said.push(line),
        sleep: async () => {
          emulator.approveDevice(said[0]!.split(': ')[1]!, { approve: false });
        },
      });
      await expect(denied).rejects.toThrow(/access_denied/);
    });

    it('answers 429 with the reset time once a caller passes its per-minute allowance', async () => {
      let limited: Response | null = null;
      for (let i = 0; i < 60 && !limited; i += 1) {
        const response = await fetch(`${base}/api/repos`, {
          headers: { authorization: `Bearer ${apiToken}x` },
        });
        if (response.status === 429) limited = response;
      }
      expect(limited).not.toBeNull();
      const body = (await limited!.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('TOO_MANY_REQUESTS');
      expect(body.error.message).toMatch(/Try again after \d{4}-\d{2}-\d{2}T/);
      expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThan(0);
      // Another caller has its own allowance.
      expect((await browser('/api/me')).status).toBe(200);
    });

    it('signs out: the session no longer opens the API', async () => {
      const out = await browser('/auth/logout', { method: 'POST', headers: { 'x-csrf-token': csrfToken } });
      expect(out.status).toBe(204);
      expect((await browser('/api/repos')).status).toBe(401);
    });
  },
);
