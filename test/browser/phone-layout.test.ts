/**
 * Every main page on a 390 px wide phone (an iPhone 12 to 15), in headless Chromium against the real
 * server: nothing makes the page scroll sideways. A table, a long repository name or a URL that does
 * not wrap widens the whole document, and the reader then pans to find the content.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, startDemoInBrowser, type DemoInBrowser } from './demo-in-browser.ts';

const PHONE = { width: 390, height: 844 };

describe.skipIf(!chromiumAvailable)('main pages on a 390 px phone', () => {
  let demo: DemoInBrowser;
  let page: DemoInBrowser['page'];
  let url: string;

  beforeAll(async () => {
    demo = await startDemoInBrowser({
      repos: 2,
      issuesPerRepo: 60,
      waitForAnalysis: true,
      screenshotPrefix: 'phone',
      env: { LOUPE_SECRET_KEY: 'b'.repeat(64) },
    });
    ({ page } = demo);
    url = demo.loupe.url;
    await page.setViewportSize(PHONE);
  }, 180_000);
  afterAll(async () => demo?.close());

  /**
   * How wide the document is against the viewport, and the elements that stick out (by tag, class and
   * test id, so a failure names what to fix): past the right edge of the page's content, inside
   * `main`, or of the viewport, outside it. An element sticking out inside a table that scrolls in its
   * own box does not widen the document, yet the reader still pans: it counts too. Only what people
   * wrote (a code block, a Markdown table) may scroll inside its box.
   */
  const sideways = () =>
    page.evaluate(() => {
      const root = document.documentElement;
      const main = document.querySelector('main')!;
      const contentRight =
        main.getBoundingClientRect().right - Number.parseFloat(getComputedStyle(main).paddingRight);
      const sticking = [...document.body.querySelectorAll('*')]
        .filter((el) => !el.closest('.markdown'))
        .filter((el) => {
          const edge = el !== main && main.contains(el) ? contentRight : root.clientWidth;
          return el.getBoundingClientRect().right > edge + 0.5;
        })
        .slice(0, 8)
        .map((el) => `${el.tagName.toLowerCase()}.${el.className}[${el.getAttribute('data-testid') ?? ''}]`);
      return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, sticking };
    });

  async function expectNoSidewaysScroll(name: string): Promise<void> {
    await demo.shot(name, true);
    const measured = await sideways();
    expect(measured.clientWidth).toBe(PHONE.width);
    expect(measured, `${name} is wider than the phone`).toMatchObject({ sticking: [] });
    expect(measured.scrollWidth).toBeLessThanOrEqual(measured.clientWidth);
  }

  it('the issues list', async () => {
    await page.goto(url);
    await page.getByTestId('issue-row').first().waitFor();
    await expectNoSidewaysScroll('issues');
  });

  it('an issue with duplicates, preferably with code or a link in its body', async () => {
    const { issues } = (await (await fetch(`${url}/api/issues?hasDuplicates=true&limit=30`)).json()) as {
      issues: { id: string }[];
    };
    expect(issues.length).toBeGreaterThan(0);
    let chosen = issues[0]!.id;
    for (const { id } of issues) {
      const { issue } = (await (await fetch(`${url}/api/issues/${id}`)).json()) as {
        issue: { body: string };
      };
      if (/```|https?:\/\//.test(issue.body)) {
        chosen = id;
        break;
      }
    }
    await page.goto(`${url}/issues/${chosen}`);
    await page.getByTestId('understanding-panel').waitFor();
    await page.getByTestId('duplicate-cluster').waitFor();
    await expectNoSidewaysScroll('issue');
  });

  it('the repositories', async () => {
    await page.goto(`${url}/repos`);
    await page.getByTestId('repo-row').first().waitFor();
    await expectNoSidewaysScroll('repos');
  });

  it('the concepts, with a branch open', async () => {
    await page.goto(`${url}/concepts`);
    await page.getByTestId('concept-toggle').first().click();
    await page.locator('.concept-children').first().waitFor();
    await expectNoSidewaysScroll('concepts');
  });

  it('the jobs', async () => {
    await page.goto(`${url}/jobs`);
    await page.getByTestId('job-row').first().waitFor();
    await expectNoSidewaysScroll('jobs');
  });

  it('the settings, with a connection and an API token listed', async () => {
    await page.goto(`${url}/settings`);
    await page.getByTestId('connection-form').waitFor();
    await page.getByTestId('connection-name').fill('enterprise');
    await page.getByTestId('connection-base-url').fill('https://github.enterprise.example.test/api/v3');
    await page.getByTestId('connection-token').fill('ghp_phoneLayout0123456789abcdef');
    await page.getByTestId('connection-add').click();
    await page.getByTestId('connection-row').first().waitFor();
    await page.getByTestId('token-name').fill('phone-layout-check');
    await page.getByTestId('token-create').click();
    // The secret, one long word, is on screen now too.
    await page.getByTestId('new-token-secret').waitFor();
    await page.getByTestId('token-row').first().waitFor();
    await expectNoSidewaysScroll('settings');
  });
});
