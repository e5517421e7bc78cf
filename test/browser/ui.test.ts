import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { runLoupeServer, type RunningLoupe } from '../../src/server/run-server.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = process.env.LOUPE_SCREENSHOTS_DIR;

async function waitForDemoSync(url: string): Promise<void> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const { repos } = (await (await fetch(`${url}/api/repos`)).json()) as { repos: { sync: { status: string } }[] };
    if (repos.length > 0 && repos.every((r) => r.sync.status === 'succeeded')) return;
    if (Date.now() > deadline) throw new Error('demo sync did not finish');
    await new Promise((r) => setTimeout(r, 300));
  }
}

describe.skipIf(!existsSync(CHROMIUM))('web UI in headless Chromium', () => {
  let loupe: RunningLoupe;
  let dataDir: string;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'loupe-ui-'));
    loupe = await runLoupeServer({
      config: loadConfig({ LOUPE_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn' }),
      demo: 'auto',
      demoSize: { repos: 2, issuesPerRepo: 150 },
    });
    await waitForDemoSync(loupe.url);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      // As root in CI Chromium needs --no-sandbox; the rest stop it calling out to a network we do not have.
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  }, 150_000);

  afterAll(async () => {
    await browser?.close();
    await loupe?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const shot = async (name: string) => {
    if (SCREENSHOTS) await page.screenshot({ path: path.join(SCREENSHOTS, `loupe-${name}.png`), fullPage: false });
  };

  it('shows the demo workspace and its issues', async () => {
    await page.goto(loupe.url);
    await expect.poll(() => page.getByTestId('demo-badge').count()).toBeGreaterThan(0);
    await page.getByTestId('issue-row').first().waitFor();
    expect(await page.getByTestId('issue-row').count()).toBeGreaterThan(5);
    await shot('issues');
  });

  it('searches as you type and highlights matches', async () => {
    const { issues } = (await (await fetch(`${loupe.url}/api/issues?type=issue&limit=1`)).json()) as { issues: { title: string }[] };
    const word = issues[0]!.title.split(/\W+/).find((w) => w.length > 5)!.toLowerCase();
    await page.getByTestId('search-input').fill(word);
    await expect.poll(() => page.url()).toContain(`q=${encodeURIComponent(word)}`);
    await page.locator('[data-testid="issue-row"] mark').first().waitFor();
    const marked = (await page.locator('[data-testid="issue-row"] mark').first().innerText()).toLowerCase();
    expect(marked.startsWith(word.slice(0, 4))).toBe(true);
    await shot('search');
  });

  it('opens an issue with its comments rendered from Markdown', async () => {
    const { issues } = (await (await fetch(`${loupe.url}/api/issues?type=issue&limit=50`)).json()) as { issues: { id: string; commentsCount: number }[] };
    const withComments = issues.find((i) => i.commentsCount > 0)!;
    await page.goto(`${loupe.url}/issues/${withComments.id}`);
    await page.getByTestId('issue-detail').waitFor();
    expect((await page.getByTestId('issue-body').innerText()).length).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('comment').count()).toBe(withComments.commentsCount);
    expect(await page.locator('[data-testid="issue-detail"] script').count()).toBe(0);
    await shot('issue');
  });

  it('clicking a result from the list opens it', async () => {
    await page.goto(loupe.url);
    const title = page.getByTestId('issue-title').first();
    const text = await title.innerText();
    await title.click();
    await page.getByTestId('issue-detail').waitFor();
    expect(await page.getByTestId('issue-detail').innerText()).toContain(text.trim());
  });

  it('lists repositories with their sync status', async () => {
    await page.goto(`${loupe.url}/repos`);
    await page.getByTestId('repo-row').first().waitFor();
    expect(await page.getByTestId('repo-row').count()).toBe(2);
    expect(await page.getByTestId('repo-row').first().innerText()).toMatch(/succeeded|synced/i);
    await shot('repos');
  });
});
