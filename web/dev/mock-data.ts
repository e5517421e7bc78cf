import type { Analysis, Concept, IssueComment, IssueDetail, Label, Repo } from '../src/api-client/api-types.ts';

/** Canned data for the mock API: deterministic, relative to the time the mock started. */
export interface MockIssue extends IssueDetail {
  comments: IssueComment[];
}

const LABELS: Record<string, Label> = {
  bug: { name: 'bug', color: 'd73a4a' },
  enhancement: { name: 'enhancement', color: 'a2eeef' },
  documentation: { name: 'documentation', color: '0075ca' },
  gfi: { name: 'good first issue', color: '7057ff' },
  help: { name: 'help wanted', color: '008672' },
  question: { name: 'question', color: 'd876e3' },
  duplicate: { name: 'duplicate', color: 'cfd3d7' },
  wontfix: { name: 'wontfix', color: 'ffffff' },
  perf: { name: 'performance', color: 'fbca04' },
  nocolor: { name: 'needs triage', color: null },
};

const NOW = Date.now();
const hoursAgo = (hours: number): string => new Date(NOW - hours * 3600_000).toISOString();

/** Repositories as the mock starts; the API mutates sync state in memory. */
export function initialRepos(): Repo[] {
  const sync = (status: Repo['sync']['status'], extra: Partial<Repo['sync']> = {}): Repo['sync'] => ({
    status, lastSyncedAt: hoursAgo(2), lastError: null, startedAt: null, issuesSynced: 0, commentsSynced: 0, ...extra,
  });
  return [
    { id: 'r1', fullName: 'octo-org/hello-world', source: 'github', description: 'A friendly demo repository for Loupe.', htmlUrl: 'https://github.com/octo-org/hello-world', isDemo: true, issueCount: 0, openIssueCount: 0, pullRequestCount: 0, analysis: { analyzed: 0, total: 0 }, concepts: [], sync: sync('succeeded', { issuesSynced: 18, commentsSynced: 41 }) },
    { id: 'r2', fullName: 'octo-org/widgets', source: 'github', description: 'Reusable UI widgets.', htmlUrl: 'https://github.com/octo-org/widgets', isDemo: true, issueCount: 0, openIssueCount: 0, pullRequestCount: 0, analysis: { analyzed: 0, total: 0 }, concepts: [], sync: sync('succeeded', { lastSyncedAt: hoursAgo(30), issuesSynced: 12, commentsSynced: 20 }) },
    { id: 'r3', fullName: 'acme/rocket-engine', source: 'github', description: null, htmlUrl: 'https://github.com/acme/rocket-engine', isDemo: false, issueCount: 0, openIssueCount: 0, pullRequestCount: 0, analysis: { analyzed: 0, total: 0 }, concepts: [], sync: sync('failed', { lastSyncedAt: hoursAgo(240), lastError: 'GitHub answered 403: API rate limit exceeded for installation. Retry after 12:40 UTC.', issuesSynced: 3, commentsSynced: 0 }) },
  ];
}

const TITLES: [string, (keyof typeof LABELS)[], string][] = [
  ['App crashes on startup when config file is missing', ['bug'], 'Running `widgets start` without `widgets.config.json` throws `TypeError: Cannot read properties of undefined (reading \'port\')`.'],
  ['Add dark mode to the settings page', ['enhancement', 'gfi'], 'It would be great to have a dark theme toggle. The CSS variables already exist, we only need a switch.'],
  ['Typo in README installation section', ['documentation', 'gfi'], 'The README says `npm instal` instead of `npm install`.'],
  ['Memory leak when streaming large files', ['bug', 'perf'], 'Heap grows by ~40 MB per upload and never shrinks. Reproduced with a 2 GB file on Node 20.'],
  ['How do I configure a proxy?', ['question'], 'We are behind a corporate proxy. Is there a `HTTPS_PROXY` setting?'],
  ['Crash on startup with empty config', ['bug', 'duplicate'], 'Same stack trace as the startup crash: `Cannot read properties of undefined (reading \'port\')`.'],
  ['Support pagination in the list endpoint', ['enhancement', 'help'], 'The list endpoint returns everything at once. Add `cursor` and `limit` parameters.'],
  ['Button focus ring is invisible in Safari', ['bug', 'nocolor'], 'Keyboard users cannot see which button has focus in Safari 17.'],
  ['Document the plugin API', ['documentation', 'help'], 'There is no page describing `registerPlugin()` and its hooks.'],
  ['Rewrite the build in Rust', ['wontfix'], 'Proposal to rewrite the whole toolchain in Rust for speed.'],
  ['Slow search on repositories with 10k issues', ['perf'], 'Search takes 4 seconds when the repository has more than 10,000 issues.'],
  ['Fix flaky test in date parser', ['bug', 'gfi'], 'The `parseDate` test fails around midnight UTC because it uses the local time zone.'],
  ['Tooltip overflows the viewport on mobile', ['bug'], 'On narrow screens the tooltip is cut off at the right edge.'],
  ['Add keyboard shortcut to focus search', ['enhancement', 'gfi'], 'Pressing `/` should focus the search box like on GitHub.'],
  ['Upgrade to React 19', [], 'Bump react and react-dom, fix the `ref` as prop changes.'],
];

const AUTHORS = ['mona', 'hubot', 'octocat', 'defunkt', 'alice-dev', 'bob_the_builder'];
const REPO_NAMES = ['octo-org/hello-world', 'octo-org/widgets', 'acme/rocket-engine'];

function analysisFor(index: number, labels: string[]): Analysis | undefined {
  if (index % 3 === 2) return undefined; // analysis arrives later for some issues
  const type = labels.includes('bug') ? 'bug' : labels.includes('documentation') ? 'docs' : labels.includes('question') ? 'question' : 'feature';
  const easy = labels.includes('good first issue');
  const typeConfidence = 0.62 + ((index * 7) % 30) / 100;
  return {
    type,
    typeConfidence,
    // The rest of the probability goes to the runner-up so the detail page has bars to draw.
    typeProbabilities: { question: 0, docs: 0, [type === 'bug' ? 'feature' : 'bug']: 1 - typeConfidence, [type]: typeConfidence },
    typeReasons: [`title mentions "${type === 'bug' ? 'crash' : type}"`, 'label set by a maintainer', 'similar to 12 issues classified the same way'],
    difficulty: easy ? 'easy' : index % 2 === 0 ? 'medium' : 'hard',
    gfiScore: easy ? 0.81 : 0.2 + (index % 5) / 10,
    difficultyReasons: easy ? ['labelled good first issue', 'touches one file', 'clear reproduction steps'] : ['touches several modules', 'no reproduction steps'],
    concepts: [
      { id: 'configuration', name: 'Configuration', score: 0.8, path: ['software-engineering', 'configuration'], evidence: ['title mentions "config"'] },
      { id: 'user-interfaces', name: 'User interfaces', score: 0.55, path: ['user-interfaces'], evidence: ['label "ui"'] },
    ].slice(0, 1 + (index % 2)),
    duplicateCount: labels.includes('duplicate') || index === 0 ? 1 : 0,
    version: 'mock',
  };
}

const RICH_BODY = [
  '### Steps to reproduce',
  '',
  '1. Delete `widgets.config.json`',
  '2. Run `widgets start`',
  '',
  '```ts',
  "const config = loadConfig('widgets.config.json');",
  'server.listen(config.port); // TypeError here',
  '```',
  '',
  '| Version | Works |',
  '| --- | --- |',
  '| 1.2.0 | ✅ |',
  '| 1.3.0 | ❌ |',
  '',
  '- [x] Searched existing issues',
  '- [ ] Tried the nightly build',
  '',
  'Raw HTML stays text: <script>alert("xss")</script> <img src=x onerror=alert(1)>',
  '',
  '[a javascript: link](javascript:alert(1)) and [the docs](https://example.com/docs).',
].join('\n');

/** Builds ~45 issues and pull requests across the three repositories. */
export function buildIssues(): MockIssue[] {
  const issues: MockIssue[] = [];
  for (let i = 0; i < 45; i++) {
    const [title, labelKeys, summary] = TITLES[i % TITLES.length]!;
    const repo = REPO_NAMES[i % 3]!;
    const number = 100 + i;
    const isPullRequest = i % 7 === 6;
    const closed = i % 4 === 3 || labelKeys.includes('duplicate') || labelKeys.includes('wontfix');
    const labels = labelKeys.map((key) => LABELS[key]!);
    const analysis = analysisFor(i, labels.map((l) => l.name));
    const updatedHours = 1 + i * 17;
    const comments: IssueComment[] = Array.from({ length: i % 5 }, (_, c) => ({
      id: `c${i}-${c}`,
      author: AUTHORS[(i + c + 1) % AUTHORS.length]!,
      authorAssociation: c === 0 ? 'MEMBER' : 'NONE',
      body: c === 0 ? `Thanks for the report! Can you share the output of \`widgets --version\`?` : `+1, seeing this on **${repo}** too.\n\n> ${summary}`,
      createdAt: hoursAgo(updatedHours + 5 - c),
    }));
    issues.push({
      id: `i${number}${repo.length}`,
      repo, number,
      title: i >= TITLES.length ? `${title} (${repo.split('/')[1]})` : title,
      state: closed ? 'closed' : 'open',
      stateReason: closed && !isPullRequest ? (labelKeys.includes('duplicate') ? 'duplicate' : labelKeys.includes('wontfix') ? 'not_planned' : 'completed') : null,
      isPullRequest,
      mergedAt: isPullRequest && closed ? hoursAgo(updatedHours) : null,
      labels,
      author: i === 10 ? null : AUTHORS[i % AUTHORS.length]!,
      commentsCount: comments.length,
      createdAt: hoursAgo(updatedHours + 24 * (1 + (i % 9))),
      updatedAt: hoursAgo(updatedHours),
      url: `https://github.com/${repo}/${isPullRequest ? 'pull' : 'issues'}/${number}`,
      isDemo: true,
      snippetHtml: null,
      ...(analysis ? { analysis } : {}),
      body: i === 0 ? `${summary}\n\n${RICH_BODY}` : `${summary}\n\nEnvironment: Node 20, ${repo}.`,
      assignees: i % 2 === 0 ? [AUTHORS[(i + 2) % AUTHORS.length]!] : [],
      milestone: i % 5 === 0 ? 'v2.0' : null,
      reactionsCount: (i * 3) % 11,
      closedAt: closed ? hoursAgo(updatedHours) : null,
      authorAssociation: i % 3 === 0 ? 'CONTRIBUTOR' : 'NONE',
      comments,
    });
  }
  return issues;
}

/** A small taxonomy for GET /api/concepts, with counts from the canned analyses. */
export function mockConcepts(issues: MockIssue[]): Concept[] {
  const count = (id: string): number => issues.filter((i) => i.analysis?.concepts.some((c) => c.id === id)).length;
  return [
    { id: 'software-engineering', name: 'Software engineering', parent: null, kind: 'domain', issueCount: 0, custom: false },
    { id: 'configuration', name: 'Configuration', parent: 'software-engineering', kind: 'skill', issueCount: count('configuration'), custom: false },
    { id: 'user-interfaces', name: 'User interfaces', parent: null, kind: 'domain', issueCount: count('user-interfaces'), custom: false },
    { id: 'quantum', name: 'Quantum computing', parent: null, kind: 'domain', issueCount: 0, custom: false },
  ];
}
