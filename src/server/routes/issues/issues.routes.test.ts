/**
 * GET /api/issues reads GitHub's qualifiers in q: it applies them with the query parameters, says
 * which it understood, answers 400 naming the allowed values for a bad one, and offers relaxations
 * when nothing matched.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApiTestApp, type ApiTestApp } from '../../../../test/api-test-app.ts';

type ErrorJson = { error: { code: string; message: string } };
interface ListJson {
  total: number;
  issues: {
    repo: string;
    number: number;
    state: string;
    isPullRequest: boolean;
    labels: { name: string }[];
  }[];
  qualifiers: { name: string; value: string; token: string }[];
  text: string | null;
  relaxations: { without: string; total: number; totalCapped: boolean }[];
}

describe('GET /api/issues with qualifiers in q', () => {
  let api: ApiTestApp;
  const get = (query: Record<string, string>) =>
    api.app.inject({ url: `/api/issues?${new URLSearchParams(query).toString()}` });

  beforeAll(async () => {
    api = await buildApiTestApp();
  });
  afterAll(async () => api?.close());

  it('applies is:, label: and author: and lists them', async () => {
    const response = await get({ q: 'is:open is:issue label:bug crash author:alice' });
    expect(response.statusCode).toBe(200);
    const body = response.json() as ListJson;
    expect(body.text).toBe('crash');
    expect(body.qualifiers.map((q) => q.token)).toEqual(['is:open', 'is:issue', 'label:bug', 'author:alice']);
    // Issues 1 and 5 of each repository are open, bug-labelled issues (3 is closed).
    expect(body.issues.map((i) => `${i.repo}#${i.number}`).sort()).toEqual([
      'acme/docs-site#1',
      'acme/docs-site#5',
      'acme/parser#1',
      'acme/parser#5',
    ]);
    expect(body.relaxations).toEqual([]);
  });

  it('merges qualifiers with the query parameters; labels add up', async () => {
    const body = (await get({ q: 'label:bug', label: 'docs' })).json() as ListJson;
    expect(body.total).toBe(0);
    expect(body.text).toBeNull();
    const both = (await get({ q: 'is:closed crash', repo: 'acme/parser' })).json() as ListJson;
    expect(both.issues.map((i) => `${i.repo}#${i.number}`).sort()).toEqual([
      'acme/parser#3',
      'acme/parser#6',
    ]);
  });

  it('answers 400 naming the allowed values for a bad qualifier value', async () => {
    const cases: [string, RegExp][] = [
      ['is:banana', /is:banana is not a valid qualifier: is: takes open, closed, issue, pr/],
      ['crash sort:comments-desc', /Loupe does not sort that way.*updated-desc, updated, created-desc/],
      ['no:milestone', /no: takes assignee, label/],
      ['type:banana', /type: takes bug, feature/],
    ];
    for (const [q, message] of cases) {
      const response = await get({ q });
      expect(response.statusCode, q).toBe(400);
      const { error } = response.json() as ErrorJson;
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.message).toMatch(message);
    }
    const conflict = await get({ q: 'is:closed', state: 'open' });
    expect(conflict.statusCode).toBe(400);
    expect((conflict.json() as ErrorJson).error.message).toMatch(/state closed but the state filter is open/);
  });

  it('keeps unknown word:value tokens as text', async () => {
    const response = await get({ q: 'std::vector foo:bar' });
    expect(response.statusCode).toBe(200);
    expect((response.json() as ListJson).qualifiers).toEqual([]);
    expect((response.json() as ListJson).text).toBe('std::vector foo:bar');
  });

  it('when nothing matches, says how many each filter removed would match', async () => {
    const body = (await get({ q: 'crash label:wontfix', state: 'closed' })).json() as ListJson;
    expect(body.total).toBe(0);
    expect(body.relaxations).toEqual([
      // Without label:wontfix: the closed issues (3 and 6 of each repository).
      { without: 'q:label:wontfix', total: 4, totalCapped: false },
      { without: 'state', total: 0, totalCapped: false },
    ]);
  });
});
