import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, startDemoInBrowser, waitFor, type DemoInBrowser } from './demo-in-browser.ts';
import { refusedPort } from '../refused-port.ts';
import { createEventRepository } from '../../src/store/event.repository.ts';

/** Whether the page's live event stream (GET /api/events/stream) has opened since this was called. */
function watchEventStream(page: DemoInBrowser['page']): () => boolean {
  let open = false;
  page.on('response', (response) => {
    if (response.url().includes('/api/events/stream') && response.status() === 200) open = true;
  });
  return () => open;
}

describe.skipIf(!chromiumAvailable)('web UI in headless Chromium', () => {
  let demo: DemoInBrowser;
  let loupe: DemoInBrowser['loupe'];
  let page: DemoInBrowser['page'];

  let unreachableApi: string;

  beforeAll(async () => {
    // Repositories added in the UI are checked with this "GitHub": a port that refuses connections.
    unreachableApi = `http://127.0.0.1:${await refusedPort()}`;
    demo = await startDemoInBrowser({
      repos: 2,
      issuesPerRepo: 150,
      screenshotPrefix: 'loupe',
      env: { GITHUB_API_URL: unreachableApi },
    });
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
    const { issues } = (await (await fetch(`${loupe.url}/api/issues?type=issue&limit=1`)).json()) as {
      issues: { title: string }[];
    };
    const word = issues[0]!.title
      .split(/\W+/)
      .find((w) => w.length > 5)!
      .toLowerCase();
    await page.getByTestId('search-input').fill(word);
    await expect.poll(() => page.url()).toContain(`q=${encodeURIComponent(word)}`);
    await page.locator('[data-testid="issue-row"] mark').first().waitFor();
    const marked = (await page.locator('[data-testid="issue-row"] mark').first().innerText()).toLowerCase();
    expect(marked.startsWith(word.slice(0, 4))).toBe(true);
    await shot('search');
  });

  it('opens an issue with its comments rendered from Markdown', async () => {
    const { issues } = (await (await fetch(`${loupe.url}/api/issues?type=issue&limit=50`)).json()) as {
      issues: { id: string; commentsCount: number }[];
    };
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

  it('says how many issues changed since the list was read, live, and refreshes on request', async () => {
    // The demo's own analysis writes events too: it must be done for the count below to be ours alone.
    await waitFor('the demo analysis to finish', async () => {
      const { repos } = (await (await fetch(`${loupe.url}/api/repos`)).json()) as {
        repos: { analysis: { analyzed: number; total: number } }[];
      };
      return repos.every((r) => r.analysis.analyzed === r.analysis.total);
    });
    const streamOpen = watchEventStream(page);
    await page.goto(loupe.url);
    await page.getByTestId('issue-row').first().waitFor();
    await expect.poll(streamOpen, { timeout: 10_000 }).toBe(true);
    expect(await page.getByTestId('live-changes').count()).toBe(0);
    // What a sync page or a webhook delivery commits beside its writes: two issues, one of them twice.
    const { repos } = (await (await fetch(`${loupe.url}/api/repos`)).json()) as { repos: { id: string }[] };
    const repoId = Number(repos[0]!.id);
    const changed = (number: number) => ({
      type: 'item.changed' as const,
      repoId,
      payload: { key: `#${number}`, number, origin: 'webhook' as const },
    });
    await loupe.loupe.db.transaction((tx) =>
      createEventRepository(tx).append([changed(1), changed(2), changed(1)]),
    );
    await expect
      .poll(() => page.getByTestId('live-changes').innerText(), { timeout: 10_000 })
      .toMatch(/^2 issues changed since this list was read\. Refresh$/);
    await page.getByTestId('live-changes').getByRole('button', { name: 'Refresh' }).click();
    await expect.poll(() => page.getByTestId('live-changes').count()).toBe(0);
  });

  it('lists repositories with their sync status', async () => {
    await page.goto(`${loupe.url}/repos`);
    await page.getByTestId('repo-row').first().waitFor();
    expect(await page.getByTestId('repo-row').count()).toBe(2);
    expect(await page.getByTestId('repo-row').first().innerText()).toMatch(/succeeded|synced/i);
    await shot('repos');
  });

  it('adding a repository GitHub cannot confirm shows why, at once, and adds nothing', async () => {
    await page.goto(`${loupe.url}/repos`);
    await page.getByTestId('repo-row').first().waitFor();
    await page.getByTestId('add-repo-input').fill('octo/not-checkable');
    const started = Date.now();
    await page.getByTestId('add-repo-submit').click();
    const feedback = page.locator('#add-repo-feedback');
    await expect
      .poll(() => feedback.innerText(), { timeout: 10_000 })
      .toMatch(/Could not reach 127\.0\.0\.1:\d+ while reading octo\/not-checkable/);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await feedback.getAttribute('role')).toBe('alert');
    expect(await page.getByTestId('repo-row').count()).toBe(2);
    await shot('repos-add-error');
  });

  it('removes a repository only after its confirmation', async () => {
    await page.goto(`${loupe.url}/repos`);
    await page.getByTestId('repo-row').first().waitFor();
    const first = page.getByTestId('repo-row').first();
    const fullName = (await first.locator('th.repo-name a').first().innerText()).trim();
    await first.getByTestId('repo-remove').click();
    await expect
      .poll(() => first.innerText())
      .toMatch(new RegExp(`Remove ${fullName} and its \\d+ issues and pull requests`));
    await shot('repos-remove-confirm');
    await first.getByTestId('repo-remove-cancel').click();
    expect(await page.getByTestId('repo-row').count()).toBe(2);

    await first.getByTestId('repo-remove').click();
    await first.getByTestId('repo-remove-confirm').click();
    await expect
      .poll(() => page.getByTestId('repo-remove-feedback').innerText())
      .toBe(`Removed ${fullName} and everything Loupe stored for it.`);
    await expect.poll(() => page.getByTestId('repo-row').count()).toBe(1);
    const { repos } = (await (await fetch(`${loupe.url}/api/repos`)).json()) as {
      repos: { fullName: string }[];
    };
    expect(repos.map((r) => r.fullName)).not.toContain(fullName);
    const issues = (await (
      await fetch(`${loupe.url}/api/issues?repo=${encodeURIComponent(fullName)}`)
    ).json()) as { total: number };
    expect(issues.total).toBe(0);
  });

  it('shows a change made elsewhere (the API, the CLI, another tab) live, without reloading', async () => {
    const streamOpen = watchEventStream(page);
    await page.goto(`${loupe.url}/repos`);
    await page.getByTestId('repo-row').first().waitFor();
    const { repos } = (await (await fetch(`${loupe.url}/api/repos`)).json()) as { repos: { id: string }[] };
    expect(await page.getByTestId('repo-row').count()).toBe(repos.length);
    // The change comes after the page's stream opened: only an event can bring it to the page.
    await expect.poll(streamOpen, { timeout: 10_000 }).toBe(true);
    const removed = await fetch(`${loupe.url}/api/repos/${repos[0]!.id}`, { method: 'DELETE' });
    expect(removed.ok).toBe(true);
    await expect.poll(() => page.getByTestId('repo-row').count(), { timeout: 10_000 }).toBe(repos.length - 1);
  });
});
