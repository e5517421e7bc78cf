/**
 * The demo's "already implemented?" in the browser: the demo repository loupe-demo/lumen gets a
 * small git history at start (src/server/demo-clone.ts), the analysis judges its issues, and the
 * issue page shows a verdict with its evidence.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, startDemoInBrowser, waitFor, type DemoInBrowser } from './demo-in-browser.ts';

interface Detail {
  issue: { id: string; number: number };
  implemented: { status: string; confidence: number; evidence: { commit: string | null }[] } | null;
}

describe.skipIf(!chromiumAvailable)('already implemented? in the web UI (headless Chromium)', () => {
  let demo: DemoInBrowser;

  beforeAll(async () => {
    demo = await startDemoInBrowser({ repos: 1, issuesPerRepo: 100, screenshotPrefix: 'loupe-implemented' });
  }, 180_000);
  afterAll(async () => demo?.close());

  it('shows a demo issue as likely already implemented, with the commit that did it', async () => {
    const json = async <T>(route: string): Promise<T> =>
      (await (await fetch(`${demo.loupe.url}${route}`)).json()) as T;
    const { issues } = await json<{ issues: { id: string }[] }>(
      '/api/issues?repo=loupe-demo/lumen&type=issue&limit=100&sort=created',
    );
    let found: Detail | null = null;
    await waitFor(
      'a verdict of "implemented" on a demo issue',
      async () => {
        for (const { id } of issues) {
          const detail = await json<Detail>(`/api/issues/${id}`);
          if (detail.implemented?.status === 'implemented-after-issue') {
            found = detail;
            return true;
          }
        }
        return false;
      },
      120_000,
    );
    const detail = found as unknown as Detail;
    await demo.page.goto(`${demo.loupe.url}/issues/${detail.issue.id}`);
    const panel = demo.page.getByTestId('implemented-panel');
    await panel.waitFor();
    expect(await demo.page.getByTestId('implemented-headline').textContent()).toBe(
      `Likely already implemented (${detail.implemented!.confidence.toFixed(2)})`,
    );
    const sha = detail.implemented!.evidence.find((e) => e.commit)!.commit!;
    expect(await panel.textContent()).toContain(sha.slice(0, 7));
    expect(await panel.textContent()).toContain('after the issue was opened');
    await demo.shot('issue', true);
  });
});
