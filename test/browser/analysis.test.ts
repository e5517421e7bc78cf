import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, startDemoInBrowser, type DemoInBrowser } from './demo-in-browser.ts';

interface ApiIssue {
  id: string;
  title: string;
  analysis?: {
    type: string;
    typeReasons: string[];
    difficultyReasons: string[];
    gfiScore: number;
    duplicateCount: number;
  };
}
interface ApiList {
  issues: ApiIssue[];
  total: number;
  facets: { issueType?: { value: string; count: number }[] };
}
interface ApiLink {
  id: string;
  number: number;
  status: 'suggested' | 'confirmed' | 'rejected';
  direction: 'duplicate-of' | 'duplicated-by';
}
interface ApiConcept {
  id: string;
  name: string;
  parent: string | null;
  issueCount: number;
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return (await response.json()) as T;
}

describe.skipIf(!chromiumAvailable)('understanding in the web UI (headless Chromium)', () => {
  let demo: DemoInBrowser;
  let loupe: DemoInBrowser['loupe'];
  let page: DemoInBrowser['page'];
  const api = <T>(pathAndQuery: string): Promise<T> => getJson<T>(`${loupe.url}${pathAndQuery}`);

  beforeAll(async () => {
    demo = await startDemoInBrowser({
      repos: 2,
      issuesPerRepo: 100,
      waitForAnalysis: true,
      screenshotPrefix: 'loupe-analysis',
    });
    ({ loupe, page } = demo);
  }, 180_000);
  afterAll(async () => demo?.close());
  const shot = (name: string, fullPage = false) => demo.shot(name, fullPage);

  it('shows type and difficulty badges and a keyboard-accessible "why?" popover', async () => {
    const { issues } = await api<ApiList>('/api/issues?limit=25');
    const first = issues[0]!;
    await page.goto(loupe.url);
    const row = page.getByTestId('issue-row').first();
    await row.getByTestId('analysis-type').waitFor();
    expect(await row.getByTestId('analysis-type').innerText()).toMatch(
      new RegExp(`^${first.analysis!.type} \\d+%$`),
    );
    const difficulty = await row.getByTestId('analysis-difficulty').innerText();
    if (first.analysis!.gfiScore >= 0.6) expect(difficulty).toMatch(/^good first issue 0\.\d\d$/);
    else expect(difficulty).toMatch(/^(easy|medium|hard)$/);

    await row.getByTestId('why-button').click();
    const popover = row.getByTestId('why-popover');
    await popover.waitFor();
    const text = await popover.innerText();
    for (const reason of [...first.analysis!.typeReasons, ...first.analysis!.difficultyReasons])
      expect(text).toContain(reason);
    await shot('why');
    await page.keyboard.press('Escape');
    await popover.waitFor({ state: 'detached' });
    // Focus went back to the button, so the keyboard alone reopens and closes it.
    expect(await row.getByTestId('why-button').evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await popover.waitFor();
    await page.keyboard.press('Escape');
    await popover.waitFor({ state: 'detached' });
    await shot('issues');
  });

  it('filters by issue type through its facet and removes the filter with its chip', async () => {
    const all = await api<ApiList>('/api/issues?limit=1');
    const bug = all.facets.issueType?.find((f) => f.value === 'bug');
    expect(bug?.count).toBeGreaterThan(0);
    await page.goto(loupe.url);
    await page.getByTestId('filter-issueType-bug').click();
    await expect.poll(() => page.url()).toContain('issueType=bug');
    await expect.poll(() => page.getByTestId('result-count').innerText()).toBe(`${bug!.count} results`);
    const types = await page.getByTestId('analysis-type').allInnerTexts();
    expect(types.length).toBeGreaterThan(0);
    expect(types.every((t) => t.startsWith('bug '))).toBe(true);
    expect(await page.getByTestId('filter-issueType-bug').getAttribute('aria-pressed')).toBe('true');
    await shot('filtered');
    await page.getByTestId('filter-chip-issueType').click();
    await expect.poll(() => page.url()).not.toContain('issueType=');
  });

  it('narrows to good first issues with the quick filter', async () => {
    const expected = await api<ApiList>('/api/issues?minGfi=0.6&limit=1');
    await page.goto(loupe.url);
    await page.getByTestId('filter-minGfi').click();
    await expect.poll(() => page.url()).toContain('minGfi=0.6');
    await expect
      .poll(() => page.getByTestId('result-count').innerText())
      .toBe(`${expected.total} result${expected.total === 1 ? '' : 's'}`);
    const badges = await page.getByTestId('analysis-difficulty').allInnerTexts();
    expect(badges.every((b) => b.startsWith('good first issue'))).toBe(true);
  });

  it('shows the understanding panel and the duplicate cluster, and records decisions in both directions', async () => {
    const { issues } = await api<ApiList>('/api/issues?hasDuplicates=true&limit=50');
    expect(issues.length).toBeGreaterThan(0);
    // An issue with suggestions both ways exercises the reversed POST too.
    let chosen: { id: string; links: ApiLink[] } | null = null;
    for (const issue of issues) {
      const { duplicates } = await api<{ duplicates: ApiLink[] }>(`/api/issues/${issue.id}`);
      const suggested = duplicates.filter((d) => d.status === 'suggested');
      if (
        suggested.some((d) => d.direction === 'duplicate-of') &&
        suggested.some((d) => d.direction === 'duplicated-by')
      ) {
        chosen = { id: issue.id, links: duplicates };
        break;
      }
    }
    expect(chosen).not.toBeNull();
    const { id, links } = chosen!;

    await page.goto(`${loupe.url}/issues/${id}`);
    await page.getByTestId('understanding-panel').waitFor();
    expect(await page.getByTestId('understanding-panel').innerText()).toMatch(
      /Type:[\s\S]*Difficulty:[\s\S]*Concepts/,
    );
    await expect.poll(() => page.getByTestId('duplicate-link').count()).toBe(links.length);
    const statuses = await page
      .getByTestId('duplicate-link')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status')));
    const order = { confirmed: 0, suggested: 1, rejected: 2 } as const;
    expect(statuses.map((s) => order[s as keyof typeof order])).toEqual(
      [...statuses.map((s) => order[s as keyof typeof order])].sort(),
    );
    await shot('duplicates-before', true);

    const rowFor = (otherId: string) =>
      page.locator(`[data-testid="duplicate-link"][data-issue-id="${otherId}"]`);
    const forward = links.find((l) => l.status === 'suggested' && l.direction === 'duplicate-of')!;
    const reverse = links.find((l) => l.status === 'suggested' && l.direction === 'duplicated-by')!;
    expect(await rowFor(forward.id).innerText()).toContain(`This issue duplicates #${forward.number}`);
    expect(await rowFor(reverse.id).innerText()).toContain(`#${reverse.number} duplicates this issue`);

    await rowFor(forward.id).getByTestId('duplicate-reject').click();
    await expect.poll(() => rowFor(forward.id).getAttribute('data-status')).toBe('rejected');
    await expect
      .poll(() => page.getByTestId('rejected-duplicates').locator('summary').innerText())
      .toMatch(/^Rejected \(\d+\)$/);
    await rowFor(reverse.id).getByTestId('duplicate-confirm').click();
    await expect.poll(() => rowFor(reverse.id).getAttribute('data-status')).toBe('confirmed');
    await expect.poll(() => rowFor(reverse.id).getByTestId('duplicate-confirm').count()).toBe(0);

    // The server agrees, seen from this issue and from the other side of the reversed link.
    const after = await api<{ duplicates: ApiLink[] }>(`/api/issues/${id}`);
    expect(after.duplicates.find((d) => d.id === forward.id)?.status).toBe('rejected');
    expect(after.duplicates.find((d) => d.id === reverse.id)?.status).toBe('confirmed');
    const other = await api<{ duplicates: ApiLink[] }>(`/api/issues/${reverse.id}`);
    expect(other.duplicates.find((d) => d.id === id)).toMatchObject({
      status: 'confirmed',
      direction: 'duplicate-of',
    });
    await page.getByTestId('rejected-duplicates').locator('summary').click();
    await page.getByTestId('duplicate-cluster').scrollIntoViewIfNeeded();
    await shot('duplicates-after', true);
  });

  it('shows a confirmed duplicate as confirmed, comments before the analysis, "Duplicate of #N" as a link, and fits a phone', async () => {
    const { issues } = await api<{ issues: (ApiIssue & { stateReason: string | null })[] }>(
      '/api/issues?hasDuplicates=true&state=closed&limit=100',
    );
    let chosen: { id: string; original: ApiLink } | null = null;
    for (const issue of issues.filter((i) => i.stateReason === 'duplicate')) {
      const detail = await api<{ duplicates: ApiLink[]; comments: { body: string }[] }>(
        `/api/issues/${issue.id}`,
      );
      const original = detail.duplicates.find(
        (d) => d.status === 'confirmed' && d.direction === 'duplicate-of',
      );
      if (original && detail.comments.some((c) => c.body.includes(`Duplicate of #${original.number}`))) {
        chosen = { id: issue.id, original };
        break;
      }
    }
    expect(chosen).not.toBeNull();
    const { id, original } = chosen!;
    await page.goto(`${loupe.url}/issues/${id}`);
    await page.getByTestId('understanding-panel').waitFor();

    const row = page.locator(`[data-testid="duplicate-link"][data-issue-id="${original.id}"]`);
    expect(await row.getAttribute('data-status')).toBe('confirmed');
    expect(await row.innerText()).toContain('Confirmed: closed as a duplicate on GitHub');
    expect(await row.getByTestId('duplicate-similarity').count()).toBe(0);
    const badge = page.locator('.issue-sidebar').getByTestId('analysis-duplicates');
    expect(await badge.innerText()).toBe(`Duplicate of #${original.number}`);

    // Comments come right after the body, before Loupe's panels.
    const lastComment = await page.getByTestId('comment').last().boundingBox();
    const panel = await page.getByTestId('understanding-panel').boundingBox();
    expect(lastComment!.y + lastComment!.height).toBeLessThanOrEqual(panel!.y);

    const mention = page.getByTestId('comment').locator(`a[href="/issues/${original.id}"]`).first();
    expect(await mention.innerText()).toBe(`#${original.number}`);

    await page.setViewportSize({ width: 375, height: 800 });
    try {
      await page.getByTestId('duplicate-cluster').scrollIntoViewIfNeeded();
      await shot('phone-issue', true);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(overflow).toBeLessThanOrEqual(375);
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }

    await mention.click();
    await expect.poll(() => page.url()).toBe(`${loupe.url}/issues/${original.id}`);
    await expect.poll(() => page.locator('#issue-heading').innerText()).toContain(original.number.toString());
  });

  it('links the labelled issue a reason cites ("like #N …") to its page', async () => {
    const { issues } = await api<ApiList>('/api/issues?issueType=question&type=issue&limit=100');
    const citing = issues.find((i) => i.analysis?.typeReasons.some((r) => /^like #\d+ /.test(r)));
    expect(citing, 'a demo question whose type reason cites a labelled issue').toBeDefined();
    const cited = Number(
      /^like #(\d+) /.exec(citing!.analysis!.typeReasons.find((r) => r.startsWith('like #'))!)![1],
    );
    const detail = await api<{ mentions: { id: string; number: number }[] }>(`/api/issues/${citing!.id}`);
    const target = detail.mentions.find((m) => m.number === cited);
    expect(target, `#${cited} among the page's mentions`).toBeDefined();
    await page.goto(`${loupe.url}/issues/${citing!.id}`);
    await page.getByTestId('understanding-panel').waitFor();
    const link = page.locator('.reason-list a[data-mention="loupe"]', { hasText: `#${cited}` }).first();
    expect(await link.getAttribute('href')).toBe(`/issues/${target!.id}`);
    await link.click();
    await expect.poll(() => page.url()).toBe(`${loupe.url}/issues/${target!.id}`);
  });

  it('keeps the "why?" popover on screen in the issue sidebar and on a phone', async () => {
    const { issues } = await api<ApiList>('/api/issues?limit=1');
    await page.goto(`${loupe.url}/issues/${issues[0]!.id}`);
    const sidebar = page.locator('.issue-sidebar');
    await sidebar.getByTestId('why-button').click();
    const box = await sidebar.getByTestId('why-popover').boundingBox();
    expect(box).not.toBeNull();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(1280);
    await shot('sidebar-why');
    await page.keyboard.press('Escape');

    await page.setViewportSize({ width: 390, height: 800 });
    try {
      await page.goto(loupe.url);
      const row = page.getByTestId('issue-row').first();
      await row.getByTestId('why-button').click();
      const phoneBox = await row.getByTestId('why-popover').boundingBox();
      expect(phoneBox!.x).toBeGreaterThanOrEqual(0);
      expect(phoneBox!.x + phoneBox!.width).toBeLessThanOrEqual(390);
      await shot('phone-why');
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  it('browses the concept tree and lands on the issues of a concept', async () => {
    const { concepts } = await api<{ concepts: ApiConcept[] }>('/api/concepts');
    const target = concepts
      .filter((c) => c.issueCount > 0 && c.parent !== null)
      .sort((a, b) => b.issueCount - a.issueCount)[0]!;
    await page.goto(loupe.url);
    await page.getByRole('link', { name: 'Concepts' }).click();
    await page.getByTestId('concept-tree').waitFor();
    const roots = await page.getByTestId('concept-node').count();
    // Only roots with issues somewhere below them are listed until "show all" is ticked.
    const byId = new Map(concepts.map((c) => [c.id, c]));
    const rootOf = (c: ApiConcept): string =>
      c.parent && byId.has(c.parent) ? rootOf(byId.get(c.parent)!) : c.id;
    expect(roots).toBe(new Set(concepts.filter((c) => c.issueCount > 0).map(rootOf)).size);
    await page.getByTestId('concept-show-all').check();
    await expect
      .poll(() => page.getByTestId('concept-node').count())
      .toBe(concepts.filter((c) => c.parent === null).length);
    await page.getByTestId('concept-show-all').uncheck();
    await page.getByTestId('concept-toggle').first().click();
    await expect.poll(() => page.getByTestId('concept-node').count()).toBeGreaterThan(roots);
    await shot('concepts', true);

    await page.getByTestId('concept-filter').fill(target.name);
    const node = page.locator(`[data-testid="concept-node"][data-concept-id="${target.id}"]`);
    await node.waitFor();
    await shot('concepts-filtered');
    await node.getByTestId('concept-link').first().click();
    await expect.poll(() => page.url()).toContain(`concept=${target.id}`);
    const expected = await api<ApiList>(`/api/issues?concept=${target.id}&limit=1`);
    await expect
      .poll(() => page.getByTestId('result-count').innerText())
      .toBe(`${expected.total} result${expected.total === 1 ? '' : 's'}`);
    expect(await page.getByTestId('filter-chip-concept').innerText()).toContain(target.name);
    await shot('concept-issues');
  });

  it("shows each repository's concepts and links one to that repository's issues about it", async () => {
    const { repos } = await api<{
      repos: { fullName: string; concepts: { id: string; name: string; evidence: string[] }[] }[];
    }>('/api/repos');
    const repo = repos.find((r) => r.concepts.length > 0)!;
    expect(repo).toBeDefined();
    await page.goto(`${loupe.url}/repos`);
    const row = page.getByTestId('repo-row').filter({ hasText: repo.fullName });
    const chips = row.getByTestId('repo-concepts').locator('.concept-chip');
    await expect.poll(() => chips.count()).toBe(Math.min(5, repo.concepts.length));
    expect(await chips.first().innerText()).toBe(repo.concepts[0]!.name);
    // The evidence is the tooltip.
    expect(await chips.first().getAttribute('title')).toContain(repo.concepts[0]!.evidence[0]!);
    await shot('repo-concepts');
    await chips.first().click();
    await expect.poll(() => page.url()).toContain(`concept=${repo.concepts[0]!.id}`);
    const expected = await api<ApiList>(
      `/api/issues?concept=${repo.concepts[0]!.id}&repo=${encodeURIComponent(repo.fullName)}&limit=1`,
    );
    await expect
      .poll(() => page.getByTestId('result-count').innerText())
      .toBe(`${expected.total} result${expected.total === 1 ? '' : 's'}`);
  });
});
