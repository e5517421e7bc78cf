import { describe, expect, it } from 'vitest';
import { issueQueryParams } from './api-client.ts';

describe('issueQueryParams', () => {
  it('repeats labels and drops empty values', () => {
    const params = issueQueryParams({
      q: '  crash  ',
      labels: ['bug', 'good first issue'],
      author: '',
      state: 'open',
      limit: 25,
    });
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

describe('issueQueryParams with analysis filters', () => {
  it('writes type, difficulty, score, concept and duplicates after the date filters', () => {
    const params = issueQueryParams({
      hasDuplicates: false,
      concept: 'memory-leaks',
      minGfi: 0.6,
      difficulty: 'easy',
      issueType: 'bug',
      updatedTo: '2025-01-01',
    });
    expect(params.toString()).toBe(
      'updatedTo=2025-01-01&issueType=bug&difficulty=easy&minGfi=0.6&concept=memory-leaks&hasDuplicates=false',
    );
  });

  it('keeps a minimum score of 0 (a real bound, not an empty value)', () => {
    expect(issueQueryParams({ minGfi: 0 }).get('minGfi')).toBe('0');
  });
});
