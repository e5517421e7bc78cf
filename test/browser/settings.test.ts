/**
 * Settings in local mode, in headless Chromium against the real server: the header says there is no
 * sign-in; a connection's token goes to the server and never comes back to the page; an API token's
 * secret is shown once; a connection is removed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, startDemoInBrowser, type DemoInBrowser } from './demo-in-browser.ts';

const SECRET_KEY = 'a'.repeat(64);
const CONNECTION_TOKEN = 'ghp_browserTestSecret0123456789abcdef';

describe.skipIf(!chromiumAvailable)('Settings in local mode', () => {
  let demo: DemoInBrowser;
  let page: DemoInBrowser['page'];
  let url: string;

  beforeAll(async () => {
    demo = await startDemoInBrowser({
      repos: 1,
      issuesPerRepo: 20,
      screenshotPrefix: 'settings',
      env: { LOUPE_SECRET_KEY: SECRET_KEY },
    });
    ({ page } = demo);
    url = demo.loupe.url;
  }, 150_000);
  afterAll(async () => demo?.close());

  const pageText = async (): Promise<string> =>
    `${await page.content()}\n${await page.locator('body').innerText()}`;

  it('says local mode in the header and offers no sign-out', async () => {
    await page.goto(`${url}/settings`);
    await expect.poll(() => page.getByTestId('local-mode').innerText()).toBe('Local mode · no sign-in');
    expect(await page.getByTestId('sign-out').count()).toBe(0);
    expect(await page.getByTestId('settings-workspace').innerText()).toContain('you are owner');
  });

  it('adds a connection with a token, lists it without the token, and never shows the token', async () => {
    await page.goto(`${url}/settings`);
    await page.getByTestId('connection-form').waitFor();
    await page.getByTestId('connection-name').fill('ghe');
    await page.getByTestId('connection-base-url').fill('https://ghe.example.test/api/v3');
    await page.getByTestId('connection-token').fill(CONNECTION_TOKEN);
    expect(await page.getByTestId('connection-token').getAttribute('type')).toBe('password');
    await page.getByTestId('connection-add').click();

    await expect
      .poll(() => page.getByTestId('connections-feedback').innerText())
      .toBe('Added connection ghe.');
    const row = page.getByTestId('connection-row').filter({ hasText: 'ghe' });
    await expect.poll(() => row.innerText()).toContain('Token stored');
    expect(await row.innerText()).toContain('https://ghe.example.test/api/v3');
    expect(await page.getByTestId('connection-token').inputValue()).toBe('');
    expect(await pageText()).not.toContain(CONNECTION_TOKEN);
    const listed = await (await fetch(`${url}/api/connections`)).text();
    expect(listed).not.toContain(CONNECTION_TOKEN);
    await demo.shot('connection-added');

    await page.reload();
    await row.waitFor();
    expect(await pageText()).not.toContain(CONNECTION_TOKEN);
  });

  it('offers the connection when adding a repository', async () => {
    await page.goto(`${url}/repos`);
    await expect
      .poll(() => page.getByTestId('add-repo-connection').locator('option').allInnerTexts())
      .toContain('Connection: ghe');
  });

  it('makes an API token and shows its secret once', async () => {
    await page.goto(`${url}/settings`);
    await page.getByTestId('token-form').waitFor();
    await page.getByTestId('token-name').fill('ci');
    await page.getByTestId('token-scope-write').check();
    await page.getByTestId('token-create').click();

    const secret = (await page.getByTestId('new-token-secret').innerText()).trim();
    expect(secret).toMatch(/^loupe_\S{20,}$/);
    expect(await page.getByTestId('new-token').innerText()).toMatch(/will not show it again/);
    const row = page.getByTestId('token-row').filter({ hasText: 'ci' });
    await expect.poll(() => row.innerText()).toContain(`${secret.slice(0, 10)}…`);
    expect(await row.innerText()).toContain('read, write');
    await demo.shot('token-made');

    await page.reload();
    await row.waitFor();
    expect(await page.getByTestId('new-token').count()).toBe(0);
    expect(await pageText()).not.toContain(secret);
  });

  it('removes the connection', async () => {
    await page.goto(`${url}/settings`);
    const row = page.getByTestId('connection-row').filter({ hasText: 'ghe' });
    await row.getByTestId('connection-remove').click();
    await expect
      .poll(() => page.getByTestId('connections-feedback').innerText())
      .toBe('Removed connection ghe.');
    await expect.poll(() => row.count()).toBe(0);
    const { connections } = (await (await fetch(`${url}/api/connections`)).json()) as {
      connections: unknown[];
    };
    expect(connections).toEqual([]);
  });

  it('creates a workspace and switches to it, empty, with its owner', async () => {
    await page.goto(`${url}/settings`);
    await page.getByTestId('workspace-name').fill('Web Team');
    expect(await page.getByTestId('workspace-slug').inputValue()).toBe('web-team');
    await page.getByTestId('workspace-create').click();
    await expect
      .poll(() => page.getByTestId('settings-workspace').innerText(), { timeout: 15_000 })
      .toBe('Web Team · you are owner');
    expect(await page.getByTestId('workspace-switcher').inputValue()).toBe('web-team');
    await page.goto(`${url}/repos`);
    const repos = (await (
      await fetch(`${url}/api/repos`, { headers: { 'x-loupe-workspace': 'web-team' } })
    ).json()) as { repos: unknown[] };
    expect(repos.repos).toEqual([]);
    // The same slug again is refused with the server's message, and nothing changes.
    await page.goto(`${url}/settings`);
    await page.getByTestId('workspace-name').fill('Web Team');
    await page.getByTestId('workspace-create').click();
    await expect
      .poll(() => page.getByTestId('workspace-feedback').innerText())
      .toContain('"web-team" is taken');
  });
});
