import { describe, expect, it } from 'vitest';
import { splitMarkdown, pathCandidates } from './issue-text.split.ts';
import { followedByVersion, inTitleCaseLine, lookupKey, tokenize } from './text.tokenize.ts';

describe('tokenize', () => {
  it('keeps language-like tokens whole and splits on hyphens and slashes', () => {
    const tokens = tokenize('Use Node.js, C++ and .NET; see react-dom and CI/CD with utf-8.');
    expect(tokens.map((t) => t.norm)).toEqual([
      'use',
      'node.js',
      'c++',
      'and',
      '.net',
      'see',
      'react',
      'dom',
      'and',
      'ci',
      'cd',
      'with',
      'utf',
      '8',
    ]);
    expect(tokens[1]?.raw).toBe('Node.js');
  });

  it('marks sentence and line starts', () => {
    const tokens = tokenize('I use Go. Go is fine\nGo: yes');
    expect(tokens.filter((t) => t.raw === 'Go').map((t) => t.initial)).toEqual([false, true, true]);
  });

  it('does not glue a sentence dot onto the next word', () => {
    expect(tokenize('done..Go').map((t) => t.raw)).toEqual(['done', 'Go']);
  });

  it('builds lookup keys and recognises versions and Title Case', () => {
    expect(lookupKey('Apache-Spark')).toBe('apache spark');
    const text = 'Upgrade to Go 1.22 soon';
    const tokens = tokenize(text);
    expect(followedByVersion(text, tokens, 2)).toBe(true);
    expect(followedByVersion(text, tokens, 0)).toBe(false);
    expect(inTitleCaseLine('Add Support For Go Modules', 8)).toBe(true);
    expect(inTitleCaseLine('add support for Go modules here', 16)).toBe(false);
  });
});

describe('splitMarkdown and pathCandidates', () => {
  it('separates prose, code, fence languages and template boilerplate', () => {
    const body = [
      '<!-- template hint: mention Kafka -->',
      '### Environment',
      '- **Python version**: 3.11',
      '- [x] I read the FAQ',
      '| GPU | none |',
      'It fails, see https://example.com/kafka',
      '```python',
      'import torch',
      '```',
    ].join('\n');
    const split = splitMarkdown(body);
    expect(split.fences).toEqual(['python']);
    expect(split.code).toContain('import torch');
    expect(split.prose).toContain('3.11');
    expect(split.prose).toContain('It fails');
    expect(split.prose).not.toMatch(/Kafka|kafka|Python version|FAQ|GPU|example\.com/);
    expect(split.boilerplate).toMatch(/Environment[\s\S]*Python version[\s\S]*FAQ[\s\S]*GPU/);
  });

  it('finds file paths, dropping line numbers and sentence dots', () => {
    expect(pathCandidates('Error in src/app.ts:10:5 and Cargo.toml. Version 1.2.3 is fine.')).toEqual([
      'src/app.ts',
      'Cargo.toml',
    ]);
  });
});
