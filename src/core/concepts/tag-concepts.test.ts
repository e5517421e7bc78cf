import { describe, expect, it } from 'vitest';
import { tagConcepts } from './index.ts';
import type { ConceptTag } from './index.ts';
import type { TagConceptsInput } from './tag-concepts.ts';

const ids = (input: TagConceptsInput) => tagConcepts(input).map((t) => t.id);
const find = (tags: ConceptTag[], id: string) => tags.find((t) => t.id === id);

describe('tagConcepts: hand-written issues', () => {
  it('tags a Kafka issue and credits its parents with lower scores', () => {
    const tags = tagConcepts({
      title: 'Kafka consumer stops after broker restart',
      body: 'Offsets are not committed.',
    });
    const kafka = find(tags, 'kafka');
    const queues = find(tags, 'message-queues');
    const distributed = find(tags, 'distributed-systems');
    expect(tags[0]?.id).toBe('kafka');
    expect(kafka?.evidence[0]).toMatch(/^title mentions "Kafka/);
    expect(kafka?.path).toEqual(['distributed-systems', 'message-queues', 'kafka']);
    expect(queues && distributed).toBeTruthy();
    expect(queues!.score).toBeLessThan(kafka!.score);
    expect(distributed!.score).toBeLessThan(queues!.score);
    expect(queues!.evidence).toContain('implied by kafka');
  });

  it('does not read the verb "go" or a sentence-initial "Go" as the Go language', () => {
    expect(
      ids({
        title: 'Question about the store',
        body: 'I will go to the store. Go to Settings and click Save, then go ahead.',
      }),
    ).not.toContain('go');
    expect(ids({ title: 'Go To Definition Is Broken In Markdown Files', body: '' })).not.toContain('go');
  });

  it('tags Go from golang vocabulary, a version, a fence or a mid-sentence mention with context', () => {
    expect(ids({ title: 'Goroutine leak in the HTTP client', body: '' })).toContain('go');
    expect(ids({ title: 'Build fails with Go 1.22', body: '' })).toContain('go');
    expect(ids({ title: 'Wrong output', body: '```go\nfunc main() {}\n```' })).toContain('go');
    expect(
      ids({
        title: 'Port the CLI',
        body: 'We rewrote the tool in Go last year and the Python bindings broke.',
      }),
    ).toContain('go');
  });

  it('does not read rust on metal as Rust, but finds the language', () => {
    expect(
      ids({ title: 'Photo tagging', body: 'There is rust on the metal frame in this picture.' }),
    ).not.toContain('rust');
    expect(
      ids({ title: 'Rust on the metal', body: 'The classifier labels rust on the metal as dirt.' }),
    ).not.toContain('rust');
    expect(ids({ title: 'Segfault when compiling with Rust 1.79', body: '' })).toContain('rust');
    const viaCargo = tagConcepts({
      title: 'cargo build fails on Windows',
      body: 'The Rust toolchain cannot find the linker.',
    });
    expect(find(viaCargo, 'cargo')).toBeDefined();
    expect(find(viaCargo, 'rust')?.evidence.join(' ')).toMatch(/Rust toolchain|implied by cargo/);
  });

  it('reads "Spark" in a Python data issue as Apache Spark, but not the verb', () => {
    const tags = tagConcepts({
      title: 'Converting a large DataFrame to pandas runs out of memory',
      body: 'We read the parquet files with Spark and then call toPandas().\n\n```python\ndf = spark.read.parquet(path)\n```',
    });
    expect(find(tags, 'apache-spark')?.evidence).toContain('body mentions "Spark"');
    expect(find(tags, 'python')?.evidence).toContain('code block in python');
    expect(
      ids({ title: 'Naming discussion', body: 'This change could spark a long discussion about pandas.' }),
    ).not.toContain('apache-spark');
    expect(
      ids({ title: 'Naming discussion', body: 'This could be the Spark that starts a long discussion.' }),
    ).not.toContain('apache-spark');
  });

  it('does not read "react" as a verb', () => {
    expect(ids({ title: 'How should the UI react to a slow network?', body: '' })).not.toContain('react');
    expect(ids({ title: 'Hydration mismatch in React 18', body: '' })).toContain('react');
    expect(
      ids({ title: 'Effect runs twice', body: 'My component calls useEffect twice in strict mode.' }),
    ).toContain('react');
  });

  it('uses fence languages but not terminal-session fences', () => {
    const tags = tagConcepts({
      title: 'Error on import',
      body: '```python\nimport foo\n```\n```bash\npip install foo\n```',
    });
    expect(find(tags, 'python')?.evidence).toContain('code block in python');
    expect(find(tags, 'shell-scripting')).toBeUndefined();
  });

  it('uses file names and paths mentioned in the text', () => {
    const tags = tagConcepts({
      title: 'Crash on start',
      body: 'The stack points at src/server/index.ts:42:7, and our Dockerfile uses node:20.',
    });
    expect(find(tags, 'typescript')?.evidence).toContain('file "src/server/index.ts"');
    expect(find(tags, 'docker')).toBeDefined();
    expect(ids({ title: 'Workspace member missing from Cargo.toml', body: '' })).toContain('rust');
  });

  it('uses labels: indicators, concept names and aliases inside labels', () => {
    const tags = tagConcepts({
      title: 'Typo',
      body: '',
      labels: ['area: docs', 'component: kafka-connect', 'good first issue'],
    });
    expect(find(tags, 'documentation')?.evidence).toContain('label "area: docs"');
    expect(find(tags, 'kafka')?.evidence).toContain('label "component: kafka-connect"');
    expect(ids({ title: 'Slow page', body: '', labels: ['dataset request'] })).toContain('ml-datasets');
  });

  it('treats repository languages as a weak prior that also confirms ambiguous mentions', () => {
    expect(
      ids({ title: 'Wrong total', body: 'The report sums the wrong column.', repoLanguages: ['Go'] }),
    ).not.toContain('go');
    const withPrior = tagConcepts(
      { title: 'Wrong total', body: 'The report sums the wrong column.', repoLanguages: ['Go'] },
      undefined,
      { minScore: 0 },
    );
    expect(find(withPrior, 'go')?.score).toBeLessThan(0.1);
    expect(
      ids({
        title: 'Wrong total',
        body: 'Since moving the report to Go the totals are wrong.',
        repoLanguages: ['Go'],
      }),
    ).toContain('go');
  });

  it('ignores URLs, HTML comments and sentence-spanning phrases', () => {
    expect(
      ids({ title: 'Broken link', body: 'See https://github.com/apache/kafka/issues/1 for details.' }),
    ).not.toContain('kafka');
    expect(
      ids({ title: 'Bug', body: '<!-- Please mention if you use Kafka or Redis -->\nThe button is grey.' }),
    ).not.toContain('kafka');
    const tags = tagConcepts({
      title: 'Wrong output',
      body: 'I ran the sample code. Example output is below.',
    });
    expect(find(tags, 'documentation')?.evidence ?? []).not.toContain('body mentions "code. Example"');
  });

  it('keeps issue-template text weak: labels of form fields, checklists and headings', () => {
    const template =
      '- **CUDA/cuDNN version**: N/A\n- **GPU model and memory**: N/A\n- [x] I checked the documentation and FAQ\n### Bazel version\n_No response_';
    const tags = tagConcepts({ title: 'Model.fit raises a shape error', body: template }, undefined, {
      minScore: 0,
    });
    expect(find(tags, 'gpu-computing')?.score ?? 0).toBeLessThan(0.2);
    expect(find(tags, 'bazel')?.score ?? 0).toBeLessThan(0.2);
    const answered = tagConcepts({
      title: 'Model.fit raises a shape error',
      body: '- **GPU model and memory**: A100, CUDA out of memory after two epochs',
    });
    expect(find(answered, 'gpu-computing')?.score ?? 0).toBeGreaterThan(0.2);
  });
});

describe('tagConcepts: output contract', () => {
  const input: TagConceptsInput = {
    title: 'Flaky e2e test: Playwright times out on Safari in CI',
    body: 'The GitHub Actions job fails intermittently.\n```ts\nawait page.goto(url)\n```',
    labels: ['area/testing', 'flaky'],
    repoLanguages: ['TypeScript'],
  };

  it('is deterministic and sorted by score', () => {
    const first = tagConcepts(input);
    expect(tagConcepts(input)).toEqual(first);
    expect(
      tagConcepts({ ...input, labels: [...(input.labels ?? [])].reverse() }).map((t) => [t.id, t.score]),
    ).toEqual(first.map((t) => [t.id, t.score]));
    for (let i = 1; i < first.length; i++)
      expect(first[i - 1]!.score).toBeGreaterThanOrEqual(first[i]!.score);
    expect(first.map((t) => t.id)).toEqual(
      expect.arrayContaining(['flaky-tests', 'e2e-testing', 'safari', 'github-actions', 'typescript']),
    );
  });

  it('returns well-formed tags and honours limit and minScore', () => {
    const tags = tagConcepts(input);
    expect(tags.length).toBeLessThanOrEqual(10);
    for (const tag of tags) {
      expect(tag.score).toBeGreaterThanOrEqual(0.1);
      expect(tag.score).toBeLessThanOrEqual(1);
      expect(tag.path.at(-1)).toBe(tag.id);
      expect(tag.evidence.length).toBeGreaterThan(0);
    }
    expect(tagConcepts(input, undefined, { limit: 3 })).toHaveLength(3);
    expect(tagConcepts(input, undefined, { minScore: 0.6 }).every((t) => t.score >= 0.6)).toBe(true);
    expect(tagConcepts({ title: '', body: '' })).toEqual([]);
  });

  it('handles a large pasted log without error and still finds the title concept', () => {
    const log = 'INFO worker started at 12:00:01 processing batch 42 of 1000 rows\n'.repeat(3000);
    const tags = tagConcepts({ title: 'Redis connection pool exhausted', body: '```\n' + log + '```' });
    expect(
      tags
        .slice(0, 2)
        .map((t) => t.id)
        .sort(),
    ).toEqual(['connection-pooling', 'redis']);
  });
});
