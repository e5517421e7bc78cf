import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { runLoupeServer, type RunningLoupe } from './run-server.ts';
import { startFakeLlmServer } from '../guidance/providers/testing/fake-llm-server.ts';
import { openAiCompletionReply } from '../guidance/providers/testing/openai-wire.ts';

/** Polls until every repository's sync has finished (the demo is loaded by real sync jobs). */
async function waitForSyncs(
  url: string,
  timeoutMs = 90_000,
): Promise<{ repos: { fullName: string; issueCount: number; sync: { status: string } }[] }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const body = (await (await fetch(`${url}/api/repos`)).json()) as {
      repos: { fullName: string; issueCount: number; sync: { status: string } }[];
    };
    if (
      body.repos.length > 0 &&
      body.repos.every((r) => r.sync.status === 'succeeded' || r.sync.status === 'failed')
    )
      return body;
    if (Date.now() > deadline)
      throw new Error(`syncs did not finish: ${JSON.stringify(body.repos.map((r) => r.sync))}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

describe('Loupe server on the demo workspace (PGlite, pg-boss, emulator)', () => {
  let loupe: RunningLoupe;
  let dataDir: string;
  let url: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'loupe-app-'));
    const config = loadConfig({ LOUPE_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn' });
    loupe = await runLoupeServer({
      config,
      demo: 'auto',
      demoSize: { repos: 2, issuesPerRepo: 120 },
      serveWeb: false,
    });
    url = loupe.url;
    await waitForSyncs(url);
  }, 120_000);
  afterAll(async () => {
    await loupe?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('health reports the engine', async () => {
    const response = await fetch(`${url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', engine: 'pglite' });
  });

  it('lists demo repositories filled by the sync job', async () => {
    const { repos } = await waitForSyncs(url);
    expect(repos).toHaveLength(2);
    for (const repo of repos) {
      expect(repo.sync.status).toBe('succeeded');
      expect(repo.issueCount).toBeGreaterThan(0);
    }
    const workspace = await (await fetch(`${url}/api/workspace`)).json();
    expect(workspace).toMatchObject({ demo: true });
  });

  it('lists, filters, searches and opens issues', async () => {
    const list = (await (await fetch(`${url}/api/issues?limit=5&state=open&type=issue`)).json()) as {
      issues: { id: string; state: string; isPullRequest: boolean }[];
      total: number;
      nextCursor: string | null;
      facets: { state: { value: string }[] };
    };
    expect(list.issues.length).toBe(5);
    expect(list.issues.every((i) => i.state === 'open' && !i.isPullRequest)).toBe(true);
    expect(list.nextCursor).not.toBeNull();
    const next = (await (
      await fetch(`${url}/api/issues?limit=5&state=open&type=issue&cursor=${list.nextCursor}`)
    ).json()) as { issues: { id: string }[] };
    expect(next.issues.map((i) => i.id)).not.toContain(list.issues[0]!.id);

    const first = list.issues[0]!;
    const detail = (await (await fetch(`${url}/api/issues/${first.id}`)).json()) as {
      issue: { id: string; body: string; number: number; key: string; source: string };
      comments: unknown[];
    };
    expect(detail.issue.id).toBe(first.id);
    // The item key as the source shows it, stored with the issue (not rebuilt by the presenter).
    expect(detail.issue).toMatchObject({ source: 'github', key: `#${detail.issue.number}` });
    expect(Array.isArray(detail.comments)).toBe(true);

    const word = (
      (await (await fetch(`${url}/api/issues/${first.id}`)).json()) as { issue: { title: string } }
    ).issue.title
      .split(/\W+/)
      .find((w) => w.length > 4)!;
    const search = (await (await fetch(`${url}/api/search?q=${encodeURIComponent(word)}`)).json()) as {
      issues: { snippetHtml: string | null }[];
      total: number;
    };
    expect(search.total).toBeGreaterThan(0);
    expect(search.issues.some((i) => i.snippetHtml?.includes('<mark>'))).toBe(true);
  });

  it('rejects bad input with 400 and a message, unknown ids with 404', async () => {
    const bad = await fetch(`${url}/api/issues?state=maybe`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/state/);
    const noQuery = await fetch(`${url}/api/search`);
    expect(noQuery.status).toBe(400);
    const badRepo = await fetch(`${url}/api/repos`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ fullName: 'not a repo' }),
    });
    expect(badRepo.status).toBe(400);
    expect(((await badRepo.json()) as { error: { message: string } }).error.message).toMatch(/owner\/name/);
    const missing = await fetch(`${url}/api/issues/999999`);
    expect(missing.status).toBe(404);
    const badCursor = await fetch(`${url}/api/issues?cursor=garbage`);
    expect(badCursor.status).toBe(400);
  });

  it('adding a repository twice is a 409; a new one is queued', async () => {
    const { repos } = await waitForSyncs(url);
    const again = await fetch(`${url}/api/repos`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ fullName: repos[0]!.fullName }),
    });
    expect(again.status).toBe(409);
  });

  it('serves OpenAPI and Prometheus metrics', async () => {
    const openapi = (await (await fetch(`${url}/api/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(openapi.openapi).toMatch(/^3\./);
    expect(Object.keys(openapi.paths)).toEqual(
      expect.arrayContaining(['/api/repos', '/api/issues', '/api/issues/{id}', '/api/search', '/health']),
    );
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(/loupe_http_requests_total\{.*route="\/api\/issues".*\} \d+/);
  });

  it('records the demo syncs as events and jobs: GET /api/events, GET /api/jobs, per-job metrics', async () => {
    const { repos } = await waitForSyncs(url);
    type EventsBody = {
      events: { type: string; repoId: number; payload: Record<string, unknown> }[];
      next: number;
    };
    const syncs = (await (
      await fetch(`${url}/api/events?type=sync.started,sync.finished&limit=1000`)
    ).json()) as EventsBody;
    for (const repo of repos as unknown as { id: string }[]) {
      const ofRepo = syncs.events.filter((e) => String(e.repoId) === repo.id).map((e) => e.type);
      expect(ofRepo.slice(0, 2)).toEqual(['sync.started', 'sync.finished']);
    }
    const items = (await (
      await fetch(`${url}/api/events?type=item.created&limit=1000`)
    ).json()) as EventsBody;
    expect(items.events.length).toBeGreaterThan(0);
    expect(
      items.events.every((e) => e.payload.origin === 'sync' && typeof e.payload.number === 'number'),
    ).toBe(true);
    const jobs = (await (await fetch(`${url}/api/jobs`)).json()) as {
      queues: { queue: string; jobs: { state: string; durationMs: number | null }[] }[];
    };
    const syncJobs = jobs.queues.find((q) => q.queue === 'sync-repo')!.jobs;
    expect(syncJobs.filter((j) => j.state === 'completed')).toHaveLength(repos.length);
    // The analysis-enqueue consumer queued analysis when each sync finished.
    expect(jobs.queues.find((q) => q.queue === 'analyze-repo')!.jobs.length).toBeGreaterThan(0);
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(
      new RegExp(`loupe_job_runs_total\\{queue="sync-repo",outcome="succeeded"\\} ${repos.length}`),
    );
    expect(metrics).toMatch(
      /loupe_job_duration_seconds_bucket\{le="[\d.+Inf]+",queue="sync-repo",outcome="succeeded"\}/,
    );
    expect(metrics).toMatch(/loupe_jobs\{queue="sync-repo",state="completed"\} \d+/);
  });
});

describe('understanding: analysis job, filters, duplicates, concepts', () => {
  let loupe: RunningLoupe;
  let dataDir: string;
  let url: string;
  type Summary = {
    id: string;
    number: number;
    repo: string;
    stateReason: string | null;
    isPullRequest: boolean;
    analysis?: {
      type: string;
      difficulty: string;
      gfiScore: number;
      typeReasons: string[];
      difficultyReasons: string[];
      concepts: { id: string }[];
      duplicateCount: number;
    };
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'loupe-analysis-'));
    loupe = await runLoupeServer({
      config: loadConfig({ LOUPE_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn' }),
      demo: 'auto',
      demoSize: { repos: 1, issuesPerRepo: 160 },
      serveWeb: false,
    });
    url = loupe.url;
    await waitForSyncs(url);
    const deadline = Date.now() + 120_000;
    for (;;) {
      const page = (await (await fetch(`${url}/api/issues?limit=100&facets=false`)).json()) as {
        issues: Summary[];
      };
      const total = (
        (await (await fetch(`${url}/api/repos`)).json()) as {
          repos: { issueCount: number; pullRequestCount: number }[];
        }
      ).repos[0]!;
      const analysed = (await (await fetch(`${url}/api/issues?limit=1&issueType=bug`)).json()) as {
        total: number;
        totalCapped: boolean;
      };
      if (page.issues.every((i) => i.analysis) && analysed.total > 0 && total.issueCount > 0) break;
      if (Date.now() > deadline) throw new Error('analysis did not finish');
      await new Promise((r) => setTimeout(r, 500));
    }
  }, 200_000);
  afterAll(async () => {
    await loupe?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('every issue gets a type, difficulty and concepts with reasons', async () => {
    const page = (await (await fetch(`${url}/api/issues?limit=50`)).json()) as {
      issues: Summary[];
      facets: { issueType: { value: string; count: number }[] };
    };
    for (const issue of page.issues) {
      expect(['bug', 'feature', 'question', 'docs', 'chore']).toContain(issue.analysis!.type);
      expect(['easy', 'medium', 'hard']).toContain(issue.analysis!.difficulty);
      expect(issue.analysis!.gfiScore).toBeGreaterThanOrEqual(0);
      expect(issue.analysis!.gfiScore).toBeLessThanOrEqual(1);
      expect(issue.analysis!.typeReasons.length).toBeGreaterThan(0);
      expect(issue.analysis!.difficultyReasons.length).toBeGreaterThan(0);
    }
    expect(page.facets.issueType.length).toBeGreaterThan(1);
    const { repos } = (await (await fetch(`${url}/api/repos`)).json()) as {
      repos: {
        issueCount: number;
        pullRequestCount: number;
        analysis: { analyzed: number; total: number };
      }[];
    };
    expect(repos[0]!.analysis.total).toBe(repos[0]!.issueCount + repos[0]!.pullRequestCount);
    expect(repos[0]!.analysis.analyzed).toBeGreaterThan(0);
  });

  it('tags the repository itself with concepts, each with its evidence', async () => {
    const { repos } = (await (await fetch(`${url}/api/repos`)).json()) as {
      repos: { concepts: { id: string; name: string; score: number; evidence: string[] }[] }[];
    };
    const concepts = repos[0]!.concepts;
    expect(concepts.length).toBeGreaterThan(0);
    for (const c of concepts) {
      expect(c.score).toBeGreaterThan(0);
      expect(c.score).toBeLessThanOrEqual(1);
      expect(c.evidence.length).toBeGreaterThan(0);
    }
    // The concepts it knows are real taxonomy entries, browsable under /api/concepts.
    const { concepts: all } = (await (await fetch(`${url}/api/concepts`)).json()) as {
      concepts: { id: string }[];
    };
    const known = new Set(all.map((c) => c.id));
    expect(concepts.every((c) => known.has(c.id))).toBe(true);
  });

  it('filters by type, difficulty, gfi score and concept', async () => {
    const bugs = (await (await fetch(`${url}/api/issues?issueType=bug&limit=20`)).json()) as {
      issues: Summary[];
    };
    expect(bugs.issues.length).toBeGreaterThan(0);
    expect(bugs.issues.every((i) => i.analysis?.type === 'bug')).toBe(true);
    const easy = (await (await fetch(`${url}/api/issues?minGfi=0.5&limit=20`)).json()) as {
      issues: Summary[];
    };
    expect(easy.issues.every((i) => i.analysis!.gfiScore >= 0.5)).toBe(true);
    // A good first issue is an issue: pull requests come only when asked for.
    expect(easy.issues.some((i) => i.isPullRequest)).toBe(false);
    const prs = (await (await fetch(`${url}/api/issues?minGfi=0&type=pr&limit=20`)).json()) as {
      issues: Summary[];
    };
    expect(prs.issues.length).toBeGreaterThan(0);
    expect(prs.issues.every((i) => i.isPullRequest)).toBe(true);
    const { concepts } = (await (await fetch(`${url}/api/concepts`)).json()) as {
      concepts: { id: string; issueCount: number }[];
    };
    const used = concepts.find((c) => c.issueCount > 0)!;
    const tagged = (await (await fetch(`${url}/api/issues?concept=${used.id}&limit=100`)).json()) as {
      issues: Summary[];
      total: number;
    };
    expect(tagged.total).toBe(Math.min(used.issueCount, 500));
    expect(tagged.issues.every((i) => i.analysis!.concepts.some((c) => c.id === used.id))).toBe(true);
    expect((await fetch(`${url}/api/issues?minGfi=2`)).status).toBe(400);
  });

  it('records confirmed duplicates from the source and takes a maintainer decision', async () => {
    const withDupes = (await (await fetch(`${url}/api/issues?hasDuplicates=true&limit=50`)).json()) as {
      issues: Summary[];
    };
    expect(withDupes.issues.length).toBeGreaterThan(0);
    const closedAsDuplicate = withDupes.issues.find((i) => i.stateReason === 'duplicate');
    expect(closedAsDuplicate).toBeDefined();
    const detail = (await (await fetch(`${url}/api/issues/${closedAsDuplicate!.id}`)).json()) as {
      duplicates: { id: string; number: number; status: string; evidence: string[] }[];
      comments: { body: string }[];
      mentions: { id: string; number: number }[];
    };
    expect(detail.duplicates.some((d) => d.status === 'confirmed')).toBe(true);
    // "Duplicate of #N" in a comment: the page gets the issue it names, to link it.
    const confirmed = detail.duplicates.find((d) => d.status === 'confirmed')!;
    const named = detail.comments.some((c) => c.body.includes(`#${confirmed.number}`));
    expect(named).toBe(true);
    expect(detail.mentions).toContainEqual(
      expect.objectContaining({ id: confirmed.id, number: confirmed.number }),
    );

    const target = detail.duplicates[0]!;
    const rejected = await fetch(`${url}/api/issues/${closedAsDuplicate!.id}/duplicates/${target.id}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ decision: 'reject', by: 'maintainer-a' }),
    });
    expect(rejected.status).toBe(200);
    const after = (await rejected.json()) as { duplicates: { id: string; status: string }[] };
    expect(after.duplicates.find((d) => d.id === target.id)?.status).toBe('rejected');
    const bad = await fetch(`${url}/api/issues/${closedAsDuplicate!.id}/duplicates/${target.id}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ decision: 'maybe' }),
    });
    expect(bad.status).toBe(400);
  });
});

describe('workspace concepts: an extension re-analyses and tags issues', () => {
  let loupe: RunningLoupe;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'loupe-concepts-'));
    loupe = await runLoupeServer({
      config: loadConfig({ LOUPE_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn' }),
      demo: 'auto',
      demoSize: { repos: 1, issuesPerRepo: 80 },
      serveWeb: false,
    });
    await waitForSyncs(loupe.url);
  }, 120_000);
  afterAll(async () => {
    await loupe?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('tags issues with a concept added by the workspace', async () => {
    const { issues } = (await (await fetch(`${loupe.url}/api/issues?type=issue&limit=1`)).json()) as {
      issues: { id: string; title: string }[];
    };
    // A made-up concept whose alias is a word of a real issue title.
    const word = issues[0]!.title.toLowerCase().match(/[a-z]{6,}/)![0];
    // A second alias from the repository's description: repositories are tagged with workspace concepts too.
    const { repos } = (await (await fetch(`${loupe.url}/api/repos`)).json()) as {
      repos: { description: string; concepts: { id: string }[] }[];
    };
    const described = repos[0]!.description.toLowerCase().match(/[a-z]{4,}/)![0];
    const put = await fetch(`${loupe.url}/api/concepts/extensions`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        extensions: [
          {
            id: 'workspace-topic',
            name: 'Workspace topic',
            parent: null,
            kind: 'domain',
            aliases: [word, described],
          },
        ],
      }),
    });
    expect(put.status).toBe(200);
    const deadline = Date.now() + 90_000;
    let tagged = 0;
    while (Date.now() < deadline) {
      const body = (await (
        await fetch(`${loupe.url}/api/issues?concept=workspace-topic&limit=5`)
      ).json()) as { total: number };
      tagged = body.total;
      if (tagged > 0) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(tagged).toBeGreaterThan(0);
    let repoTagged = false;
    while (!repoTagged && Date.now() < deadline) {
      const after = (await (await fetch(`${loupe.url}/api/repos`)).json()) as {
        repos: { concepts: { id: string }[] }[];
      };
      repoTagged = after.repos[0]!.concepts.some((c) => c.id === 'workspace-topic');
      if (!repoTagged) await new Promise((r) => setTimeout(r, 500));
    }
    expect(repoTagged).toBe(true);
    const { concepts } = (await (await fetch(`${loupe.url}/api/concepts`)).json()) as {
      concepts: { id: string; custom: boolean }[];
    };
    expect(concepts.find((c) => c.id === 'workspace-topic')?.custom).toBe(true);
  });
});

describe('optional LLM second opinion on issue types (OpenAI-compatible server on 127.0.0.1)', () => {
  let loupe: RunningLoupe;
  let dataDir: string;
  let llm: Awaited<ReturnType<typeof startFakeLlmServer>>;

  beforeAll(async () => {
    llm = await startFakeLlmServer({ path: '/v1/chat/completions' });
    llm.reply(
      openAiCompletionReply(
        JSON.stringify({
          type: 'question',
          confidence: 0.8,
          rationale: 'The reporter asks how to do something.',
        }),
      ),
    );
    dataDir = await mkdtemp(path.join(tmpdir(), 'loupe-llm-'));
    const config = loadConfig({
      LOUPE_DATA_DIR: dataDir,
      PORT: '0',
      LOG_LEVEL: 'warn',
      LOUPE_LLM_PROVIDER: 'openai-compatible',
      LOUPE_LLM_MODEL: 'test-model',
      LOUPE_LLM_BASE_URL: `${llm.origin}/v1`,
    });
    loupe = await runLoupeServer({
      config,
      demo: 'auto',
      demoSize: { repos: 1, issuesPerRepo: 20 },
      serveWeb: false,
    });
    await waitForSyncs(loupe.url);
  }, 120_000);
  afterAll(async () => {
    await loupe?.close();
    await llm?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('stores the LLM opinion beside the offline type, which stays the answer', async () => {
    const deadline = Date.now() + 90_000;
    let issue:
      { analysis?: { type: string; llm?: { type: string; model: string; rationale: string } } } | undefined;
    while (Date.now() < deadline) {
      const page = (await (await fetch(`${loupe.url}/api/issues?limit=1&type=issue`)).json()) as {
        issues: { id: string }[];
      };
      issue = (
        (await (await fetch(`${loupe.url}/api/issues/${page.issues[0]!.id}`)).json()) as {
          issue: typeof issue;
        }
      ).issue;
      if (issue?.analysis?.llm) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(issue?.analysis?.llm).toMatchObject({
      type: 'question',
      model: 'test-model',
      rationale: 'The reporter asks how to do something.',
    });
    expect(['bug', 'feature', 'question', 'docs', 'chore']).toContain(issue!.analysis!.type);
    expect(llm.requests.length).toBeGreaterThan(0);
    expect(JSON.stringify(llm.requests[0]!.body)).toContain('<issue>');
    expect(llm.unexpected).toEqual([]);
  });
});
