/**
 * Drives the built UI in headless Chromium and saves a screenshot of each page to
 * /tmp/loupe-ui-*.png, failing loudly if a main flow breaks. Start the mock API and
 * `npm start` (the real server on the demo) and `vite preview` or `npm run dev:web` first, then:
 *
 *   LOUPE_UI_URL=http://127.0.0.1:4927 npx tsx web/dev/screenshot.ts
 */
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { Page } from 'playwright-core';

const baseUrl = process.env.LOUPE_UI_URL ?? 'http://127.0.0.1:4173';
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function check(condition: boolean, what: string): void {
  if (!condition) throw new Error(`check failed: ${what}`);
  console.log(`ok  ${what}`);
}

async function shoot(page: Page, name: string): Promise<void> {
  const path = `/tmp/loupe-ui-${name}.png`;
  await page.screenshot({ path, fullPage: true });
  console.log(`png ${path}`);
}

async function issuesFlow(page: Page): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.getByTestId('issue-row').first().waitFor();
  check(await page.getByTestId('demo-badge').isVisible(), 'demo badge visible');
  await shoot(page, 'issues');

  await page.keyboard.press('/');
  check(
    await page.getByTestId('search-input').evaluate((el) => el === document.activeElement),
    '"/" focuses the search box',
  );
  await page.keyboard.type('crash');
  await page.waitForURL(/q=crash/);
  await page.getByTestId('facet-state-open').click();
  await page.waitForURL(/state=open/);
  await page.waitForFunction(
    () =>
      !document.querySelector('.issue-list.stale') && document.querySelector('[data-testid="result-count"]'),
  );
  check(/\d+ results?/.test(await page.getByTestId('result-count').innerText()), 'result count shown');
  check((await page.locator('mark').count()) > 0, 'snippets highlight hits');
  await shoot(page, 'search');

  await page.getByTestId('issue-row').first().focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('issue-detail').waitFor();
  check(await page.getByTestId('issue-body').isVisible(), 'issue body rendered');
  await shoot(page, 'issue');
  await page.goBack();
  await page.getByTestId('issue-row').first().waitFor();
  check((await page.getByTestId('search-input').inputValue()) === 'crash', 'back button restores the search');
}

async function reposFlow(page: Page): Promise<void> {
  await page.goto(`${baseUrl}/repos`);
  await page.getByTestId('repo-row').first().waitFor();
  await page.getByTestId('add-repo-input').fill('not a repo');
  await page.getByTestId('add-repo-submit').click();
  check(await page.getByRole('alert').isVisible(), 'invalid name rejected client-side');
  await page.getByTestId('add-repo-input').fill('octo-org/widgets');
  await page.getByTestId('add-repo-submit').click();
  await page.getByText('already added').waitFor();
  check(true, '409 message from the server shown');
  await page.getByTestId('add-repo-input').fill(`octo-org/new-${Date.now() % 1000}`);
  await page.getByTestId('add-repo-submit').click();
  await page.getByText('first sync is queued').waitFor();
  await shoot(page, 'repos');
}

async function main(): Promise<void> {
  if (!existsSync(executablePath)) {
    console.error(
      `No Chromium at ${executablePath}: set CHROMIUM_PATH or install Chromium to take screenshots.`,
    );
    process.exit(2);
  }
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await issuesFlow(page);
    await reposFlow(page);
    const mobile = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await mobile.goto(`${baseUrl}/?q=config`);
    await mobile.getByTestId('issue-row').first().waitFor();
    await shoot(mobile, 'mobile');
    check(errors.length === 0, `no console errors${errors.length ? `: ${errors.join(' | ')}` : ''}`);
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
