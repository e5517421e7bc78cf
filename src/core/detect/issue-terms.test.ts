import { describe, expect, it } from 'vitest';
import { extractIssueTerms, issueVocabulary } from './issue-terms.ts';

const issue = {
  title: 'Support `num_proc` in Dataset.map for streaming',
  body: 'It would help to pass --max-workers too. Today `map` ignores it.\n```python\nds = load_dataset("x")\nds.map(fn)\n```',
};

describe('extractIssueTerms', () => {
  it('finds quoted and code-style identifiers, flags and title words', () => {
    const terms = new Map(extractIssueTerms(issue).map((t) => [t.token, t]));
    expect(terms.get('num_proc')).toMatchObject({ kind: 'identifier', place: 'title' });
    expect(terms.get('--max-workers')).toMatchObject({ kind: 'flag', place: 'body' });
    expect(terms.get('map')).toMatchObject({ kind: 'identifier', place: 'quoted' });
    expect(terms.get('streaming')).toMatchObject({ kind: 'word', place: 'title' });
    expect(terms.get('load_dataset')).toMatchObject({ kind: 'identifier', place: 'block' });
  });

  it('weighs title identifiers over body words and drops stopwords', () => {
    const terms = extractIssueTerms(issue);
    const weight = (token: string) => terms.find((t) => t.token === token)?.weight ?? 0;
    expect(weight('num_proc')).toBeGreaterThan(weight('help'));
    expect(weight('load_dataset')).toBeLessThan(weight('num_proc'));
    expect(terms.some((t) => t.token === 'would' || t.token === 'the')).toBe(false);
  });

  it('yields only tokens its vocabulary holds', () => {
    const vocabulary = issueVocabulary(issue);
    for (const term of extractIssueTerms(issue)) expect(vocabulary.has(term.token)).toBe(true);
  });
});

describe('extractIssueTerms on environment reports', () => {
  it('leaves out the environment section, version lines and platform strings', () => {
    const terms = extractIssueTerms({
      title: 'Datasets.from_sql() generates a deprecation warning',
      body: 'Calling `from_sql` warns.\n\n### Environment info\n- Platform: Linux-5.15.0-generic-x86_64-with-glibc2.35\n- `pyarrow` version: 10.0.1\n\n### Notes\nsee `use_auth_token`',
    }).map((t) => t.token);
    expect(terms).toContain('from_sql');
    expect(terms).toContain('use_auth_token');
    expect(terms.some((t) => /glibc|x86|pyarrow|_64/.test(t))).toBe(false);
  });
});
