/**
 * Server mode (LOUPE_AUTH=github) in headless Chromium: signed out, the app is a sign-in screen; "Sign
 * in with GitHub" goes through the bundled GitHub emulator's OAuth web flow (it approves at once) and
 * lands back signed in; a write made with the session carries the CSRF token; Sign out ends it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { startGitHubEmulator, type GitHubEmulator } from '../../src/emulators/github/index.ts';
import { testDataset } from '../../src/emulators/github/test-dataset.fixture.ts';
import { runLoupeServer, type RunningLoupe } from '../../src/server/run-server.ts';
import { refusedPort } from '../refused-port.ts';
import { chromiumAvailable, launchChromium } from './demo-in-browser.ts';

const CLIENT_ID = 'Iv1.browsertest0000';
const CLIENT_SECRET = 'browser-test-client-secret';

describe.skipIf(!chromiumAvailable)('sign-in with GitHub (server mode)', () => {
  let emulator: GitHubEmulator;
  let loupe: RunningLoupe;
  let browser: Browser;
  let page: Page;
  let dataDir: string;

  beforeAll(async () => {
    emulator = await startGitHubEmulator({
      dataset: testDataset(),
      oauth: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, login: 'alice' },
    });
    dataDir = await mkdtemp(path.join(tmpdir(), 'loupe-sign-in-'));
    // The OAuth callback must name Loupe's address before it listens: take a free port first.
    const port = await refusedPort();
    const config = loadConfig({
      LOUPE_DATA_DIR: dataDir,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      LOUPE_AUTH: 'github',
      LOUPE_GITHUB_CLIENT_ID: CLIENT_ID,
      LOUPE_GITHUB_CLIENT_SECRET: CLIENT_SECRET,
      LOUPE_GITHUB_WEB_URL: emulator.url,
      GITHUB_API_URL: emulator.url,
      LOUPE_PUBLIC_URL: `http://127.0.0.1:${port}`,
    });
    loupe = await runLoupeServer({ config, demo: 'off' });
    ({ browser, page } = await launchChromium());
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await loupe?.close();
    await emulator?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('shows only the sign-in screen while signed out', async () => {
    await page.goto(`${loupe.url}/repos`);
    await page.getByTestId('sign-in-screen').waitFor();
    expect(await page.getByTestId('sign-in').innerText()).toBe('Sign in with GitHub');
    expect(await page.getByTestId('sign-in').getAttribute('href')).toBe('/auth/github/login');
    expect(await page.locator('nav[aria-label="Main"]').count()).toBe(0);
  });

  it('signs in through GitHub and lands in the app as that person', async () => {
    await page.getByTestId('sign-in').click();
    await page.getByTestId('account-login').waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await page.getByTestId('account-login').innerText()).toBe('alice');
    expect(await page.getByTestId('local-mode').count()).toBe(0);
  });

  it('writes with the session and its CSRF token: makes an API token in Settings', async () => {
    await page.goto(`${loupe.url}/settings`);
    await expect.poll(() => page.getByTestId('settings-workspace').innerText()).toContain('you are owner');
    await page.getByTestId('token-name').fill('laptop');
    await page.getByTestId('token-create').click();
    await expect.poll(() => page.getByTestId('new-token-secret').count()).toBe(1);
    expect(await page.getByTestId('new-token-secret').innerText()).toMatch(/^loupe_/);
    expect(await page.getByTestId('tokens-feedback').innerText()).toBe('');
  });

  it('signs out back to the sign-in screen', async () => {
    await page.getByTestId('sign-out').click();
    await page.getByTestId('sign-in-screen').waitFor();
    const me = await page.evaluate(async () => (await fetch('/api/me')).status);
    expect(me).toBe(401);
  });
});
