import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, startDemoInBrowser, type DemoInBrowser } from './demo-in-browser.ts';

describe.skipIf(!chromiumAvailable)('web UI in headless Chromium', () => {
  let demo: DemoInBrowser;
  let loupe: DemoInBrowser['loupe'];
  let page: DemoInBrowser['page'];

  beforeAll(async () => {
    demo = await startDemoInBrowser({ repos: 2, issuesPerRepo: 150, screenshotPrefix: 'loupe' });
    ({ loupe, page } = demo);
  }, 150_000);
  afterAll(async () => demo?.close());
  const shot = (name: string) => demo.shot(name);

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
