/**
 * GitHub's qualifiers in the search box, in the real UI on the demo: typed qualifiers become chips,
 * a misspelt word with swapped letters gets a fix that keeps them, removing a chip re-runs the
 * search, a facet click replaces a typed qualifier, and an empty result still shows its filters and
 * offers to remove the one that emptied it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, startDemoInBrowser, type DemoInBrowser } from './demo-in-browser.ts';

describe.skipIf(!chromiumAvailable)('search qualifiers in the web UI (headless Chromium)', () => {
  let demo: DemoInBrowser;
  const query = () => new URL(demo.page.url()).searchParams;

  beforeAll(async () => {
    demo = await startDemoInBrowser({ repos: 2, issuesPerRepo: 60, screenshotPrefix: 'loupe-qualifiers' });
  }, 180_000);
  afterAll(async () => demo?.close());

  it('shows typed qualifiers as chips, fixes "memroy" keeping them, and re-searches when a chip is removed', async () => {
    const { page } = demo;
    await page.goto(demo.loupe.url);
    await page.getByTestId('issue-row').first().waitFor();
    await page.getByTestId('search-input').fill('is:open label:bug memroy');
    await page.getByTestId('filter-chip-typed-is-open').waitFor();
    expect(await page.getByTestId('filter-chip-typed-label-bug').innerText()).toContain('label: bug');
    const fix = page.locator('.did-you-mean button');
    await fix.waitFor();
    expect(await fix.innerText()).toBe('is:open label:bug memory');
    await fix.click();
    await expect.poll(() => query().get('q')).toBe('is:open label:bug memory');
    await expect.poll(() => page.getByTestId('result-count').innerText()).toMatch(/^\d+ results?$/);
    const narrow = await page.getByTestId('issue-row').count();
    expect(narrow).toBeGreaterThan(0);
    for (const row of await page.getByTestId('issue-row').all()) {
      expect(await row.innerText()).toMatch(/memory/i);
      expect(await row.innerText()).toMatch(/bug/i);
    }
    await demo.shot('chips');

    // Only one of the bug-labelled issues about memory is open: without is:open, more match.
    await page.getByTestId('filter-chip-typed-is-open').click();
    await expect.poll(() => query().get('q')).toBe('label:bug memory');
    expect(await page.getByTestId('search-input').inputValue()).toBe('label:bug memory');
    await expect.poll(() => page.getByTestId('filter-chip-typed-is-open').count()).toBe(0);
    expect(await page.getByTestId('filter-chip-typed-label-bug').count()).toBe(1);
    await expect.poll(() => page.getByTestId('issue-row').count()).toBeGreaterThan(narrow);
  });

  it('adds a chip for a clicked facet, and a click on the facet value of a typed qualifier clears it', async () => {
    const { page } = demo;
    await page.getByTestId('facet-state-closed').click();
    await page.getByTestId('filter-chip-state').waitFor();
    expect(query().get('state')).toBe('closed');
    expect(query().get('q')).toBe('label:bug memory');
    const label = page.getByTestId('facet-labels-bug');
    expect(await label.getAttribute('aria-pressed')).toBe('true');
    await label.click();
    await expect.poll(() => query().get('q')).toBe('memory');
    expect(query().getAll('label')).toEqual([]);
    await expect.poll(() => page.getByTestId('filter-chip-typed-label-bug').count()).toBe(0);
    await expect.poll(() => label.getAttribute('aria-pressed')).toBe('false');
  });

  it('keeps the filters of an empty result on screen and offers to remove the one that emptied it', async () => {
    const { page } = demo;
    await page.goto(`${demo.loupe.url}/?q=${encodeURIComponent('is:open label:no-such-label memory')}`);
    await page.getByText('No issues match this search').waitFor();
    await page.getByTestId('filter-chip-typed-label-no-such-label').waitFor();
    expect(await page.getByTestId('filter-chip-typed-is-open').count()).toBe(1);
    expect(await page.getByTestId('match-mode-hint').count()).toBe(0);
    // The facets keep the typed label, pressed, so it can be cleared there too.
    expect(await page.getByTestId('facet-labels-no-such-label').getAttribute('aria-pressed')).toBe('true');
    const offer = page.getByTestId('relax-q:label:no-such-label');
    await offer.waitFor();
    const offered = Number(/\((\d+) results?\)/.exec(await offer.innerText())?.[1]);
    expect(await offer.innerText()).toMatch(/^Remove label: no-such-label \(\d+ results?\)$/);
    expect(offered).toBeGreaterThan(0);
    await demo.shot('empty');
    await offer.click();
    await expect.poll(() => query().get('q')).toBe('is:open memory');
    await expect.poll(() => page.getByTestId('issue-row').count()).toBe(offered);
  });
});
