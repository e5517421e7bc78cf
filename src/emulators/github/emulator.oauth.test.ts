/**
 * GitHub's OAuth endpoints for sign-in, as an OAuth app calls them: the web flow (authorize →
 * redirect with code and state → access_token), the device flow (device code → polling until
 * approved) with GitHub's error answers, and the issued token working on the API as its user.
 */
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import subset from '../../../generated/github-openapi-subset.json' with { type: 'json' };
import { startGitHubEmulator } from './emulator.server.ts';
import type { GitHubEmulator, GitHubEmulatorOptions } from './emulator.server.ts';
import { compileRouteValidators } from './openapi-validator.ts';
import type { SubsetDocument } from './openapi-validator.ts';
import { TEST_REPO, testDataset } from './test-dataset.fixture.ts';

const CLIENT = { clientId: 'Iv1.test-client', clientSecret: 'test-secret' };
const CALLBACK = 'http://127.0.0.1:3000/auth/github/callback';
const validateUser = compileRouteValidators(subset as unknown as SubsetDocument).get('GET /user')!;

let emulator: GitHubEmulator | undefined;

afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function start(
  oauth: GitHubEmulatorOptions['oauth'] = {},
  options: Partial<GitHubEmulatorOptions> = {},
): Promise<GitHubEmulator> {
  emulator = await startGitHubEmulator({
    dataset: testDataset(),
    clock: '2024-06-01T00:00:00Z',
    oauth: { ...CLIENT, callbackUrl: CALLBACK, ...oauth },
    ...options,
  });
  return emulator;
}

/** GET /login/oauth/authorize without following the redirect; the Location as a URL. */
async function authorize(params: Record<string, string>): Promise<{ status: number; location: URL | null }> {
  const res = await fetch(`${emulator!.url}/login/oauth/authorize?${new URLSearchParams(params)}`, {
    redirect: 'manual',
  });
  await res.text();
  const location = res.headers.get('location');
  return { status: res.status, location: location ? new URL(location) : null };
}

async function tokenRequest(
  fields: Record<string, string>,
  as: 'json' | 'form' = 'json',
): Promise<Record<string, string>> {
  const res = await fetch(`${emulator!.url}/login/oauth/access_token`, {
    method: 'POST',
    headers:
      as === 'json'
        ? { accept: 'application/json', 'content-type': 'application/json' }
        : { 'content-type': 'application/x-www-form-urlencoded' },
    body: as === 'json' ? JSON.stringify(fields) : new URLSearchParams(fields).toString(),
  });
  expect(res.status).toBe(200);
  const text = await res.text();
  return as === 'json'
    ? (JSON.parse(text) as Record<string, string>)
    : Object.fromEntries(new URLSearchParams(text));
}

async function codeFor(params: Record<string, string> = {}): Promise<string> {
  const { location } = await authorize({
    client_id: CLIENT.clientId,
    redirect_uri: CALLBACK,
    state: 's1',
    scope: 'repo user',
    ...params,
  });
  return location!.searchParams.get('code')!;
}

describe('web flow', () => {
  it('redirects back with a code and the state, exchanges it for a bearer token that works as the user', async () => {
    await start();
    const { status, location } = await authorize({
      client_id: CLIENT.clientId,
      redirect_uri: `${CALLBACK}?next=/repos`,
      state: 'xyz',
      scope: 'repo read:user',
    });
    expect(status).toBe(302);
    expect(`${location!.origin}${location!.pathname}`).toBe(CALLBACK);
    expect(location!.searchParams.get('next')).toBe('/repos');
    expect(location!.searchParams.get('state')).toBe('xyz');
    const code = location!.searchParams.get('code')!;
    expect(code).toMatch(/^[0-9a-f]{20}$/);
    const token = await tokenRequest({
      client_id: CLIENT.clientId,
      client_secret: CLIENT.clientSecret,
      code,
      redirect_uri: `${CALLBACK}?next=/repos`,
    });
    expect(token).toEqual({
      access_token: expect.stringMatching(/^gho_[A-Za-z0-9]{36}$/),
      token_type: 'bearer',
      scope: 'repo,read:user',
    });

    const user = await fetch(`${emulator!.url}/user`, {
      headers: { authorization: `Bearer ${token.access_token}` },
    });
    expect(user.headers.get('x-oauth-scopes')).toBe('repo, read:user');
    const body = (await user.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      login: 'alice',
      id: 2,
      name: 'Alice',
      avatar_url: 'https://avatars.githubusercontent.com/u/2?v=4',
    });
    expect(validateUser(body), JSON.stringify(validateUser.errors)).toBe(true);
  });

  it('answers form-encoded by default, and each code works once', async () => {
    await start();
    const code = await codeFor();
    const first = await tokenRequest(
      { client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret, code },
      'form',
    );
    expect(first).toMatchObject({ token_type: 'bearer', scope: 'repo,user' });
    expect(first.access_token).toMatch(/^gho_/);
    const again = await tokenRequest({
      client_id: CLIENT.clientId,
      client_secret: CLIENT.clientSecret,
      code,
    });
    expect(again).toMatchObject({
      error: 'bad_verification_code',
      error_description: 'The code passed is incorrect or expired.',
    });
  });

  it('refuses a wrong secret, an unknown or expired code and another redirect_uri, as GitHub does', async () => {
    const emulator = await start();
    const code = await codeFor();
    expect(await tokenRequest({ client_id: CLIENT.clientId, client_secret: 'nope', code })).toMatchObject({
      error: 'incorrect_client_credentials',
    });
    expect(
      await tokenRequest({ client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret, code: 'bogus' }),
    ).toMatchObject({ error: 'bad_verification_code' });
    expect(
      await tokenRequest({
        client_id: CLIENT.clientId,
        client_secret: CLIENT.clientSecret,
        code,
        redirect_uri: 'http://127.0.0.1:3000/elsewhere',
      }),
    ).toMatchObject({ error: 'redirect_uri_mismatch' });
    emulator.advanceClock(10 * 60_000 + 1);
    expect(
      await tokenRequest({ client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret, code }),
    ).toMatchObject({ error: 'bad_verification_code' });
  });

  it('sends a redirect_uri off the registered callback back to the callback with redirect_uri_mismatch', async () => {
    await start();
    const { location } = await authorize({
      client_id: CLIENT.clientId,
      redirect_uri: 'http://evil.example/cb',
      state: 's',
    });
    expect(`${location!.origin}${location!.pathname}`).toBe(CALLBACK);
    expect(Object.fromEntries(location!.searchParams)).toMatchObject({
      error: 'redirect_uri_mismatch',
      state: 's',
    });
    expect((await authorize({ client_id: 'someone-else', redirect_uri: CALLBACK })).status).toBe(404);
  });

  it('uses the callback when no redirect_uri is sent; without one registered, redirect_uri is required', async () => {
    await start();
    expect((await authorize({ client_id: CLIENT.clientId })).location!.pathname).toBe(
      '/auth/github/callback',
    );
    await emulator!.close();
    await start({ callbackUrl: null });
    expect((await authorize({ client_id: CLIENT.clientId })).status).toBe(400);
  });

  it('signs in as the configured login, or the login hint when it names a user; denies when told to', async () => {
    await start({ login: 'bob' });
    const asBob = await tokenRequest({
      client_id: CLIENT.clientId,
      client_secret: CLIENT.clientSecret,
      code: await codeFor(),
    });
    const asAlice = await tokenRequest({
      client_id: CLIENT.clientId,
      client_secret: CLIENT.clientSecret,
      code: await codeFor({ login: 'alice' }),
    });
    const login = async (t: string) =>
      (
        (await (
          await fetch(`${emulator!.url}/user`, { headers: { authorization: `token ${t}` } })
        ).json()) as { login: string }
      ).login;
    expect(await login(asBob.access_token!)).toBe('bob');
    expect(await login(asAlice.access_token!)).toBe('alice');
    emulator!.configureOAuth({ denyAuthorization: true });
    const denied = await authorize({ client_id: CLIENT.clientId, redirect_uri: CALLBACK, state: 's2' });
    expect(Object.fromEntries(denied.location!.searchParams)).toMatchObject({
      error: 'access_denied',
      state: 's2',
    });
  });

  it('checks a PKCE code_verifier against the S256 code_challenge', async () => {
    await start();
    const verifier = 'a-long-random-verifier-string-0123456789-abcdefgh';
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const code = await codeFor({ code_challenge: challenge, code_challenge_method: 'S256' });
    const base = { client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret, code };
    expect(await tokenRequest({ ...base, code_verifier: 'wrong' })).toMatchObject({
      error: 'bad_verification_code',
    });
    expect(await tokenRequest({ ...base, code_verifier: verifier })).toMatchObject({ token_type: 'bearer' });
  });
});

describe('device flow', () => {
  async function deviceCode(scope = 'repo'): Promise<Record<string, string | number>> {
    const res = await fetch(`${emulator!.url}/login/device/code`, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify({ client_id: CLIENT.clientId, scope }),
    });
    return (await res.json()) as Record<string, string | number>;
  }
  const poll = (code: string) =>
    tokenRequest({
      client_id: CLIENT.clientId,
      device_code: code,
      grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
    });

  it('answers authorization_pending until the user approves, then the token, once', async () => {
    await start({ deviceIntervalSeconds: 0 });
    const device = await deviceCode('repo,read:org');
    expect(device).toEqual({
      device_code: expect.stringMatching(/^[0-9a-f]{40}$/),
      user_code: expect.stringMatching(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/),
      verification_uri: `${emulator!.url}/login/device`,
      expires_in: 899,
      interval: 0,
    });
    expect(await poll(String(device.device_code))).toMatchObject({ error: 'authorization_pending' });
    const approved = await fetch(`${emulator!.url}/_emulator/oauth/device`, {
      method: 'POST',
      body: JSON.stringify({ userCode: String(device.user_code).toLowerCase(), login: 'carol' }),
    });
    expect(approved.status).toBe(200);
    expect(await approved.json()).toMatchObject({
      status: 'approved',
      login: 'carol',
      scopes: ['repo', 'read:org'],
    });
    const token = await poll(String(device.device_code));
    expect(token).toEqual({
      access_token: expect.stringMatching(/^gho_/),
      token_type: 'bearer',
      scope: 'repo,read:org',
    });
    expect(await poll(String(device.device_code))).toMatchObject({ error: 'incorrect_device_code' });
    const created = await fetch(`${emulator!.url}/repos/${TEST_REPO}/issues`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token.access_token}` },
      body: JSON.stringify({ title: 'From the device' }),
    });
    expect(await created.json()).toMatchObject({ user: { login: 'carol' } });
  });

  it('says slow_down to a client polling faster than the interval, and adds 5 s to it', async () => {
    await start({ deviceIntervalSeconds: 5 });
    const device = await deviceCode();
    expect(await poll(String(device.device_code))).toMatchObject({ error: 'authorization_pending' });
    expect(await poll(String(device.device_code))).toMatchObject({ error: 'slow_down', interval: 10 });
  });

  it('answers access_denied, expired_token, incorrect_client_credentials and device_flow_disabled', async () => {
    const emulator = await start({ deviceIntervalSeconds: 0 });
    const denied = await deviceCode();
    expect(emulator.approveDevice(String(denied.user_code), { approve: false })).toMatchObject({
      status: 'denied',
    });
    expect(await poll(String(denied.device_code))).toMatchObject({ error: 'access_denied' });
    const late = await deviceCode();
    emulator.advanceClock(900_000);
    expect(await poll(String(late.device_code))).toMatchObject({ error: 'expired_token' });
    expect(
      await tokenRequest({
        client_id: 'other',
        device_code: String(late.device_code),
        grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
      }),
    ).toMatchObject({ error: 'incorrect_client_credentials' });
    expect(
      await tokenRequest({ client_id: CLIENT.clientId, code: 'x', grant_type: 'password' }),
    ).toMatchObject({ error: 'unsupported_grant_type' });
    emulator.configureOAuth({ deviceFlow: false });
    expect(await deviceCode()).toMatchObject({ error: 'device_flow_disabled' });
    expect(emulator.approveDevice('NOPE-NOPE')).toBeNull();
  });

  it('approves at once with autoApproveDevice', async () => {
    await start({ autoApproveDevice: true, deviceIntervalSeconds: 0 });
    const device = await deviceCode();
    expect(await poll(String(device.device_code))).toMatchObject({ token_type: 'bearer' });
  });
});

describe('issued tokens and the admin API', () => {
  it('works where only the configured tokens are accepted', async () => {
    await start({}, { requireToken: true, tokens: ['configured'] });
    const token = await tokenRequest({
      client_id: CLIENT.clientId,
      client_secret: CLIENT.clientSecret,
      code: await codeFor(),
    });
    const get = (t: string) =>
      fetch(`${emulator!.url}/repos/${TEST_REPO}`, { headers: { authorization: `token ${t}` } }).then(
        (r) => r.status,
      );
    expect(await get(token.access_token!)).toBe(200);
    expect(await get('configured')).toBe(200);
    expect(await get('gho_made_up')).toBe(401);
  });

  it('shows and changes the OAuth app, listing every problem with a bad change', async () => {
    await start();
    const admin = async (method: string, body?: unknown) => {
      const res = await fetch(`${emulator!.url}/_emulator/oauth`, {
        method,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    expect((await admin('GET')).body).toMatchObject({
      oauth: {
        ...CLIENT,
        login: 'alice',
        callbackUrl: CALLBACK,
        deviceFlow: true,
        autoApproveDevice: false,
        deviceIntervalSeconds: 5,
      },
      issuedTokens: [],
      devices: [],
    });
    expect((await admin('POST', { login: 'newbie', autoApproveDevice: true })).body).toMatchObject({
      oauth: { login: 'newbie', autoApproveDevice: true },
    });
    const bad = await admin('POST', { clientId: '', deviceIntervalSeconds: -1, colour: 'red' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toHaveLength(3);
    const token = await tokenRequest({
      client_id: CLIENT.clientId,
      client_secret: CLIENT.clientSecret,
      code: await codeFor(),
    });
    const me = (await (
      await fetch(`${emulator!.url}/user`, { headers: { authorization: `token ${token.access_token}` } })
    ).json()) as Record<string, unknown>;
    expect(me).toMatchObject({ login: 'newbie', type: 'User' });
    expect((await admin('GET')).body.issuedTokens).toEqual([
      { login: 'newbie', scopes: ['repo', 'user'], clientId: CLIENT.clientId },
    ]);
  });
});
