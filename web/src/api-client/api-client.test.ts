import { describe, expect, it } from 'vitest';
import { issueQueryParams } from './api-client.ts';

describe('issueQueryParams', () => {
  it('repeats labels and drops empty values', () => {
    const params = issueQueryParams({ q: '  crash  ', labels: ['bug', 'good first issue'], author: '', state: 'open', limit: 25 });
    expect(params.toString()).toBe('q=crash&state=open&label=bug&label=good+first+issue&limit=25');
  });

  it('is empty for an empty query', () => {
    expect(issueQueryParams({}).toString()).toBe('');
  });

  it('keeps a fixed key order whatever the object order', () => {
    const a = issueQueryParams({ sort: 'created', repo: 'a/b', cursor: 'c1' }).toString();
    const b = issueQueryParams({ cursor: 'c1', repo: 'a/b', sort: 'created' }).toString();
    expect(a).toBe(b);
    expect(a).toBe('repo=a%2Fb&sort=created&cursor=c1');
  });
});
