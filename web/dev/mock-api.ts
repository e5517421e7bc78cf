/**
 * A stand-in for Loupe's API while developing the web UI: canned but realistic answers that
 * follow the contract, with a little latency so loading states and request aborts are exercised.
 *
 *   LOUPE_API_PORT=3917 npx tsx web/dev/mock-api.ts
 *   LOUPE_API_PORT=3917 npx vite --config web/vite.config.ts
 *
 * MOCK_LATENCY_MS (default 120) sets the delay; MOCK_DEMO=0 turns the demo banner off.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Repo } from '../src/api-client/api-types.ts';
import { buildIssues, initialRepos, mockConcepts } from './mock-data.ts';
import { searchMockIssues } from './mock-search.ts';

const port = Number(process.env.LOUPE_API_PORT ?? 3000);
const latencyMs = Number(process.env.MOCK_LATENCY_MS ?? 120);
const REPO_PATTERN = /^[A-Za-z0-9-]{1,39}\/[A-Za-z0-9._-]{1,100}$/;

const issues = buildIssues();
const repos = initialRepos();
let jobCounter = 0;

function withCounts(repo: Repo): Repo {
  const own = issues.filter((issue) => issue.repo === repo.fullName);
  return {
    ...repo,
    issueCount: own.filter((i) => !i.isPullRequest).length,
    openIssueCount: own.filter((i) => !i.isPullRequest && i.state === 'open').length,
    pullRequestCount: own.filter((i) => i.isPullRequest).length,
  };
}

/** Walks a repository through queued → running → succeeded (or failed for names containing "fail"). */
function queueSync(repo: Repo): string {
  repo.sync = { ...repo.sync, status: 'queued', startedAt: null };
  setTimeout(() => {
    repo.sync = { ...repo.sync, status: 'running', startedAt: new Date().toISOString() };
  }, 1500).unref();
  setTimeout(() => {
    const failed = repo.fullName.includes('fail');
    repo.sync = {
      ...repo.sync,
      status: failed ? 'failed' : 'succeeded',
      lastSyncedAt: new Date().toISOString(),
      lastError: failed ? `GitHub answered 404: repository ${repo.fullName} not found or not visible to this token.` : null,
      issuesSynced: failed ? 0 : repo.sync.issuesSynced + 7,
      commentsSynced: failed ? 0 : repo.sync.commentsSynced + 15,
    };
  }, 4500).unref();
  jobCounter += 1;
  return `job-${jobCounter}`;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

const fail = (res: ServerResponse, status: number, code: string, message: string): void => send(res, status, { error: { code, message } });

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString() || '{}');
  } catch {
    return undefined;
  }
}

function issueDetail(id: string) {
  const issue = issues.find((candidate) => candidate.id === id);
  if (!issue) return null;
  const { comments, ...rest } = issue;
  // The two startup-crash reports point at each other as duplicates.
  const isStartupCrash = (title: string): boolean => /startup/i.test(title);
  const twins = isStartupCrash(issue.title) ? issues.filter((other) => other.id !== id && isStartupCrash(other.title)) : [];
  return {
    issue: { ...rest, snippetHtml: null },
    comments,
    duplicates: twins.slice(0, 2).map((other, index) => ({
      id: other.id, repo: other.repo, number: other.number, title: other.title, state: other.state,
      status: 'suggested' as const, origin: 'detector' as const, direction: index === 0 ? 'duplicate-of' as const : 'duplicated-by' as const, score: 0.91 - index * 0.17,
      evidence: ['same stack trace: TypeError reading "port"', 'titles share "crash" and "startup"', 'both mention a missing config file'],
    })),
  };
}

async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://mock');
  const path = url.pathname;
  if (req.method === 'GET' && path === '/api/workspace') {
    return send(res, 200, { demo: process.env.MOCK_DEMO !== '0', githubApiUrl: 'http://127.0.0.1:4010', version: '0.1.0-mock' });
  }
  if (req.method === 'GET' && path === '/api/repos') return send(res, 200, { repos: repos.map(withCounts) });
  if (req.method === 'POST' && path === '/api/repos') {
    const body = (await readJson(req)) as { fullName?: unknown } | undefined;
    const fullName = typeof body?.fullName === 'string' ? body.fullName : '';
    if (!REPO_PATTERN.test(fullName)) return fail(res, 400, 'INVALID_REPO', `"${fullName}" is not a repository name: use owner/name.`);
    if (repos.some((repo) => repo.fullName.toLowerCase() === fullName.toLowerCase())) {
      return fail(res, 409, 'REPO_EXISTS', `${fullName} is already added. Use "Sync now" to fetch its latest issues.`);
    }
    const repo: Repo = {
      id: `r${repos.length + 1}`, fullName, source: 'github', description: null, htmlUrl: `https://github.com/${fullName}`, isDemo: false,
      issueCount: 0, openIssueCount: 0, pullRequestCount: 0,
      sync: { status: 'never', lastSyncedAt: null, lastError: null, startedAt: null, issuesSynced: 0, commentsSynced: 0 },
      analysis: { analyzed: 0, total: 0 }, concepts: [],
    };
    repos.push(repo);
    return send(res, 202, { repo: withCounts(repo), jobId: queueSync(repo) });
  }
  const syncMatch = /^\/api\/repos\/([^/]+)\/sync$/.exec(path);
  if (req.method === 'POST' && syncMatch) {
    const repo = repos.find((candidate) => candidate.id === decodeURIComponent(syncMatch[1]!));
    if (!repo) return fail(res, 404, 'NOT_FOUND', 'No repository with this id.');
    return send(res, 202, { jobId: queueSync(repo) });
  }
  if (req.method === 'GET' && path === '/api/issues') return send(res, 200, searchMockIssues(issues, url.searchParams));
  if (req.method === 'GET' && path === '/api/search') {
    if (!url.searchParams.get('q')?.trim()) return fail(res, 400, 'INVALID_QUERY', 'q is required.');
    return send(res, 200, searchMockIssues(issues, url.searchParams));
  }
  if (req.method === 'GET' && path === '/api/concepts') return send(res, 200, { concepts: mockConcepts(issues) });
  const decisionMatch = /^\/api\/issues\/([^/]+)\/duplicates\/([^/]+)$/.exec(path);
  if (req.method === 'POST' && decisionMatch) {
    // Decisions are not remembered by the mock: it answers the (unchanged) links of :id.
    const detail = issueDetail(decodeURIComponent(decisionMatch[1]!));
    return detail ? send(res, 200, { duplicates: detail.duplicates }) : fail(res, 404, 'NOT_FOUND', 'No issue with this id.');
  }
  const issueMatch = /^\/api\/issues\/([^/]+)$/.exec(path);
  if (req.method === 'GET' && issueMatch) {
    const detail = issueDetail(decodeURIComponent(issueMatch[1]!));
    return detail ? send(res, 200, detail) : fail(res, 404, 'NOT_FOUND', `No issue with id ${issueMatch[1]}.`);
  }
  return fail(res, 404, 'NOT_FOUND', `No route ${req.method} ${path}.`);
}

const server = createServer((req, res) => {
  setTimeout(() => {
    route(req, res).catch((error: unknown) => fail(res, 500, 'INTERNAL', error instanceof Error ? error.message : String(error)));
  }, latencyMs);
});

server.listen(port, '127.0.0.1', () => {
  console.log(`mock Loupe API on http://127.0.0.1:${port} (${issues.length} issues, ${repos.length} repos)`);
});
