/**
 * Second check of the GitHub client, on recorded real traffic: @octokit/fixtures' paginate-issues
 * scenario is replayed (any request it did not record fails), read with Loupe's own client
 * (throttling + retry plugins) by following Link headers, and every real issue object is mapped.
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureReplayServer, type FixtureReplayServer } from '../../emulators/github/index.ts';
import { createGitHubClient } from './github-client.ts';
import { mapGitHubIssue, type GitHubIssuePayload } from './map-github-issue.ts';

const require = createRequire(import.meta.url);
const scenario =
  require('@octokit/fixtures/scenarios/api.github.com/paginate-issues/normalized-fixture.json') as {
    response: unknown;
  }[];
const recorded = scenario.flatMap((s) => s.response as GitHubIssuePayload[]);

function nextLink(link: string | undefined): string | null {
  return (
    link
      ?.split(',')
      .map((part) => /<([^>]+)>;\s*rel="next"/.exec(part)?.[1])
      .find(Boolean) ?? null
  );
}

describe('Loupe GitHub client on recorded api.github.com traffic', () => {
  let server: FixtureReplayServer;
  beforeAll(async () => {
    server = await startFixtureReplayServer(scenario);
  });
  afterAll(async () => server.close());

  it('pages through the recorded issues and maps each real payload', async () => {
    const client = createGitHubClient({ token: 'recorded', apiUrl: server.url, retryBaseMs: 5 });
    const payloads: GitHubIssuePayload[] = [];
    let response: { data: unknown; headers: { link?: string } } = await client.request(
      'GET /repos/{owner}/{repo}/issues',
      { owner: 'octokit-fixture-org', repo: 'paginate-issues', per_page: 3 },
    );
    payloads.push(...(response.data as unknown as GitHubIssuePayload[]));
    for (let next = nextLink(response.headers.link); next; next = nextLink(response.headers.link)) {
      response = await client.request(`GET ${next}`);
      payloads.push(...(response.data as unknown as GitHubIssuePayload[]));
    }
    expect(() => server.assertDone()).not.toThrow();
    expect(payloads.map((p) => p.number)).toEqual(recorded.map((p) => p.number));

    for (const [i, payload] of payloads.entries()) {
      const issue = mapGitHubIssue('octokit-fixture-org/paginate-issues', payload);
      const real = recorded[i]!;
      expect(issue.number).toBe(real.number);
      expect(issue.externalId).toBe(String(real.id));
      expect(issue.title).toBe(real.title);
      expect(issue.state).toBe(real.state);
      expect(issue.author).toBe(real.user?.login ?? null);
      expect(issue.createdAt).toBe(real.created_at);
      expect(issue.labels.map((l) => l.name)).toEqual(
        real.labels.map((l) => (typeof l === 'string' ? l : l.name)),
      );
      expect(issue.isPullRequest).toBe(real.pull_request != null);
    }
  });
});
