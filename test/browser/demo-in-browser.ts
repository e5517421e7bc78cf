import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadConfig } from '../../src/config.ts';
import { runLoupeServer, type RunningLoupe } from '../../src/server/run-server.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumAvailable = existsSync(CHROMIUM);

export interface DemoInBrowser {
  loupe: RunningLoupe;
  browser: Browser;
  page: Page;
  /** Saves a screenshot when LOUPE_SCREENSHOTS_DIR is set (for people to look at). */
  shot(name: string, fullPage?: boolean): Promise<void>;
  close(): Promise<void>;
}

/** Polls `done` every 300 ms until it holds, or fails after `timeoutMs` saying what did not happen. */
export async function waitFor(what: string, done: () => Promise<boolean>, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs / 1000}s`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** A headless Chromium with one 1280×900 page. */
export async function launchChromium(): Promise<{ browser: Browser; page: Page }> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // As root (CI) Chromium needs --no-sandbox; the rest stop it calling out to a network we do not have.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  return { browser, page };
}

/**
 * The real server on a fresh data dir with a small demo workspace, synced (and, when asked, analysed)
 * by its real jobs, and a headless Chromium page on it.
 */
export async function startDemoInBrowser(options: {
  repos: number;
  issuesPerRepo: number;
  waitForAnalysis?: boolean;
  screenshotPrefix: string;
  /** More environment for the server's config (e.g. GITHUB_API_URL for repositories added in the UI). */
  env?: Record<string, string>;
}): Promise<DemoInBrowser> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'loupe-browser-'));
  const loupe = await runLoupeServer({
    config: loadConfig({ ...options.env, LOUPE_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn' }),
    demo: 'auto',
    demoSize: { repos: options.repos, issuesPerRepo: options.issuesPerRepo },
  });
  const json = async <T>(route: string): Promise<T> =>
    (await (await fetch(`${loupe.url}${route}`)).json()) as T;
  await waitFor('demo sync', async () => {
    const { repos } = await json<{ repos: { sync: { status: string } }[] }>('/api/repos');
    return repos.length > 0 && repos.every((r) => r.sync.status === 'succeeded');
  });
  if (options.waitForAnalysis) {
    // Analysis runs in the background after each sync: wait until the first page is analysed.
    await waitFor('analysis of the first page', async () => {
      const { issues } = await json<{ issues: { analysis?: unknown }[] }>('/api/issues?limit=25');
      return issues.length > 0 && issues.every((issue) => issue.analysis !== undefined);
    });
  }
  const { browser, page } = await launchChromium();
  const screenshots = process.env.LOUPE_SCREENSHOTS_DIR;
  return {
    loupe,
    browser,
    page,
    async shot(name, fullPage = false) {
      if (screenshots)
        await page.screenshot({
          path: path.join(screenshots, `${options.screenshotPrefix}-${name}.png`),
          fullPage,
        });
    },
    async close() {
      await browser.close();
      await loupe.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
