import { describe, expect, it } from 'vitest';
import { tagRepository } from './index.ts';

describe('tagRepository', () => {
  it('weights languages by their share of the code', () => {
    const tags = tagRepository({ languages: { TypeScript: 900_000, CSS: 90_000, Shell: 10_000 } });
    const typescript = tags.find((t) => t.id === 'typescript');
    const css = tags.find((t) => t.id === 'css');
    expect(tags[0]?.id).toBe('typescript');
    expect(typescript?.evidence).toContain('repo language TypeScript (90%)');
    expect(css).toBeDefined();
    expect(css!.score).toBeLessThan(typescript!.score);
    // TypeScript implies JavaScript.
    expect(tags.find((t) => t.id === 'javascript')?.evidence.join(' ')).toContain('implied by typescript');
  });

  it('accepts a language list, most used first', () => {
    const tags = tagRepository({ languages: ['Rust', 'Python'] });
    const rust = tags.find((t) => t.id === 'rust');
    const python = tags.find((t) => t.id === 'python');
    expect(rust && python).toBeTruthy();
    expect(rust!.score).toBeGreaterThan(python!.score);
  });

  it('reads manifests and well-known files', () => {
    const ids = tagRepository({
      files: [
        'package.json',
        'crates/core/Cargo.toml',
        'go.mod',
        'Dockerfile',
        '.github/workflows/ci.yml',
        'pyproject.toml',
        'docs/index.md',
        'CMakeLists.txt',
      ],
    }).map((t) => t.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'nodejs',
        'rust',
        'go-modules',
        'docker',
        'github-actions',
        'python',
        'documentation',
        'cmake',
      ]),
    );
    // package.json names Node.js, not "a JSON file".
    expect(ids).not.toContain('json');
  });

  it('reads topics and the description', () => {
    const tags = tagRepository({
      topics: ['machine-learning', 'kubernetes', 'kafka-streams'],
      description: 'Fast ETL on Spark for Scala and Python teams',
      languages: { Scala: 1000 },
    });
    const ids = tags.map((t) => t.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'machine-learning',
        'kubernetes',
        'stream-processing',
        'apache-spark',
        'scala',
      ]),
    );
    expect(tags.find((t) => t.id === 'apache-spark')?.evidence).toContain('description mentions "Spark"');
    expect(tags.find((t) => t.id === 'kubernetes')?.evidence).toContain('topic "kubernetes"');
  });

  it('does not tag ambiguous words in a description without support', () => {
    const ids = tagRepository({ description: 'Notes to go with the talk; may it spark ideas.' }).map(
      (t) => t.id,
    );
    expect(ids).not.toContain('go');
    expect(ids).not.toContain('apache-spark');
  });

  it('is deterministic and empty for empty input', () => {
    const input = { languages: { Go: 10, Python: 10 }, topics: ['cli'], files: ['Makefile'] };
    expect(tagRepository(input)).toEqual(tagRepository(input));
    expect(tagRepository({})).toEqual([]);
  });
});
