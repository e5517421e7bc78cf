import { describe, expect, it } from 'vitest';
import { syntheticIssues } from './classify.fixtures.ts';
import {
  adaptToRepository,
  adaptToRepositorySteps,
  classifyText,
  DEFAULT_ADAPT,
  trainTextClassifier,
} from './text-classifier.ts';
import type { LabelledText, TrainOptions } from './text-classifier.ts';
import { clusterWords } from './word-clusters.ts';
import { learnWordVectors } from './word-vectors.ts';

// A small hash space keeps these tests fast; the algorithm is the same at 2^17.
const SMALL: TrainOptions = { features: { dim: 1 << 14 } };
const train = syntheticIssues(20, 1);
const heldOut = syntheticIssues(10, 2);
const model = trainTextClassifier(train, SMALL);

function accuracy(m: ReturnType<typeof trainTextClassifier>, data: LabelledText[]): number {
  return data.filter((d) => classifyText(m, d.text).type === d.label).length / data.length;
}

describe('trainTextClassifier / classifyText', () => {
  it('separates the classes of held-out synthetic issues', () => {
    expect(model.classes).toEqual(['bug', 'feature', 'question']);
    expect(accuracy(model, heldOut)).toBeGreaterThanOrEqual(0.9);
  });

  it('returns probabilities over the trained classes that sum to 1', () => {
    const c = classifyText(model, { title: 'Crash when saving', body: 'It throws an exception' });
    expect(Object.keys(c.probabilities)).toEqual(['bug', 'feature', 'question']);
    const sum = Object.values(c.probabilities).reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(1, 10);
    expect(c.type).toBe('bug');
    expect(c.probabilities.bug).toBeGreaterThan(0.5);
  });

  it('gives reasons that are features of the input, strongest first', () => {
    const text = {
      title: 'How do I configure the proxy?',
      body: 'Is there a way to do this? Any help appreciated',
    };
    const c = classifyText(model, text);
    expect(c.type).toBe('question');
    expect(c.reasons.length).toBeGreaterThan(0);
    const input = `${text.title} ${text.body}`.toLowerCase();
    for (const r of c.reasons) {
      const value = /"(.*)"$/.exec(r.feature)?.[1];
      expect(value, r.feature).toBeDefined();
      if (!value?.includes('<')) expect(input).toContain((value as string).trim());
      expect(r.weight).toBeGreaterThan(0);
    }
    const weights = c.reasons.map((r) => r.weight);
    expect(weights).toEqual([...weights].sort((a, b) => b - a));
  });

  it('is deterministic and survives a JSON round trip', () => {
    const again = trainTextClassifier(train, SMALL);
    expect(JSON.stringify(again)).toBe(JSON.stringify(model));
    const copy = JSON.parse(JSON.stringify(model)) as typeof model;
    for (const d of heldOut.slice(0, 6))
      expect(classifyText(copy, d.text)).toEqual(classifyText(model, d.text));
  });

  it('predicts docs only when trained with docs examples', () => {
    expect(classifyText(model, { title: 'Typo in README', body: 'docs' }).probabilities).not.toHaveProperty(
      'docs',
    );
    const docs: LabelledText[] = Array.from({ length: 20 }, (_, n) => ({
      label: 'docs',
      text: {
        title: `Typo in the README section ${n}`,
        body: 'The documentation page has a broken link and a typo.',
      },
    }));
    const withDocs = trainTextClassifier([...train, ...docs], SMALL);
    expect(withDocs.classes).toEqual(['bug', 'feature', 'question', 'docs']);
    expect(
      classifyText(withDocs, { title: 'Typo in the README', body: 'The documentation has a typo.' }).type,
    ).toBe('docs');
  });

  it('combines an NB-SVM component with the softmax one unless told not to', () => {
    expect(model.version).toBe(2);
    expect(model.nbSvm?.mix).toBeGreaterThan(0);
    const softmaxOnly = trainTextClassifier(train, { ...SMALL, nbSvm: false });
    expect(softmaxOnly.version).toBe(1);
    expect(softmaxOnly.nbSvm).toBeUndefined();
    expect(accuracy(softmaxOnly, heldOut)).toBeGreaterThanOrEqual(0.9);
  });

  it('reads the meaning vector when given word vectors, and keeps it through JSON and adaptation', () => {
    const texts = [...syntheticIssues(30, 5), ...syntheticIssues(30, 6)].map((e) => e.text);
    const wordVectors = learnWordVectors(texts, { dims: 8, minCount: 2 });
    const dense = trainTextClassifier(train, { ...SMALL, wordVectors, embeddingWeight: 2 });
    expect(dense.version).toBe(3);
    expect(dense.embedding?.dims).toBe(8);
    expect(dense.embedding?.weight).toBe(2);
    expect(accuracy(dense, heldOut)).toBeGreaterThanOrEqual(0.9);
    // The dense weights take part in the score: the model differs from the lexical one.
    expect(classifyText(dense, heldOut[0]!.text).probabilities).not.toEqual(
      classifyText(model, heldOut[0]!.text).probabilities,
    );
    const copy = JSON.parse(JSON.stringify(dense)) as typeof dense;
    for (const d of heldOut.slice(0, 6))
      expect(classifyText(copy, d.text)).toEqual(classifyText(dense, d.text));
    const adapted = adaptToRepository(dense, syntheticIssues(12, 7));
    expect(adapted.embedding?.vocab).toBe(dense.embedding?.vocab);
    expect(adapted.embedding?.weights.data).not.toBe(dense.embedding?.weights.data);
    expect(accuracy(adapted, heldOut)).toBeGreaterThanOrEqual(0.9);
  });

  it('adds word-cluster features that carry a label to words no labelled issue used', () => {
    // Unlabelled text teaches that "segfault" is used like "crash"; the labelled issues never say it.
    const unlabelled = Array.from({ length: 40 }, (_, n) => ({
      title: `editor ${n % 2 ? 'segfault' : 'crash'} at startup`,
      body: `the editor ${n % 2 ? 'segfault' : 'crash'} at startup every time`,
    }));
    const wordVectors = learnWordVectors([...unlabelled, ...train.map((e) => e.text)], {
      dims: 6,
      minCount: 2,
    });
    const wordClusters = clusterWords(wordVectors, { k: 12, seed: 1 });
    const withClusters = trainTextClassifier(train, { ...SMALL, wordClusters });
    expect(withClusters.version).toBe(3);
    expect(withClusters.clusters?.k).toBe(12);
    const probe = { title: 'segfault', body: 'segfault' };
    expect(classifyText(withClusters, probe).probabilities.bug).toBeGreaterThan(
      classifyText(model, probe).probabilities.bug as number,
    );
    const copy = JSON.parse(JSON.stringify(withClusters)) as typeof withClusters;
    expect(classifyText(copy, probe)).toEqual(classifyText(withClusters, probe));
    expect(adaptToRepository(withClusters, syntheticIssues(12, 7)).clusters).toEqual(withClusters.clusters);
  });

  it('rejects an empty training set', () => {
    expect(() => trainTextClassifier([])).toThrow(/at least one/);
  });
});

describe('adaptToRepository', () => {
  // This repository files "how do I…" questions under "feature" (its own convention).
  const repoOwn: LabelledText[] = [
    ...syntheticIssues(15, 3, ['question']).map((e) => ({ ...e, label: 'feature' })),
    ...syntheticIssues(10, 4, ['bug']),
  ];
  const probe = {
    title: 'How to use the CLI with Docker?',
    body: 'Is there a way to do this? What am I missing?',
  };

  it('shifts predictions toward the repository labelling', () => {
    const before = classifyText(model, probe);
    const adapted = adaptToRepository(model, repoOwn);
    const after = classifyText(adapted, probe);
    expect(before.type).toBe('question');
    expect(after.probabilities.feature).toBeGreaterThan(before.probabilities.feature as number);
    expect(after.type).toBe('feature');
    // Bug reports, which the repository did not relabel, stay bugs.
    expect(
      classifyText(adapted, { title: 'App crashes when opening settings', body: 'crash with exception' })
        .type,
    ).toBe('bug');
  });

  it('retrains the NB-SVM component on a history of nbSvmMinExamples issues, else keeps the global one', () => {
    const kept = adaptToRepository(model, repoOwn, { nbSvmMinExamples: repoOwn.length + 1 });
    const retrained = adaptToRepository(model, repoOwn, { nbSvmMinExamples: repoOwn.length });
    expect(kept.nbSvm?.weights.data).toBe(model.nbSvm?.weights.data);
    expect(retrained.nbSvm?.weights.data).not.toBe(model.nbSvm?.weights.data);
    // The repository's own NB-SVM has learnt its convention, so it is at least as sure of it.
    expect(classifyText(retrained, probe).probabilities.feature).toBeGreaterThanOrEqual(
      classifyText(kept, probe).probabilities.feature as number,
    );
  });

  it('adds classes the repository labels provide and keeps the global model for no examples', () => {
    expect(adaptToRepository(model, [])).toBe(model);
    const chores: LabelledText[] = Array.from({ length: 12 }, (_, n) => ({
      label: 'chore',
      text: {
        title: `Bump dependency versions (${n})`,
        body: 'Update CI workflow and refactor the build scripts.',
      },
    }));
    const adapted = adaptToRepository(model, chores);
    expect(adapted.classes).toEqual(['bug', 'feature', 'question', 'chore']);
    expect(
      classifyText(adapted, { title: 'Bump dependency versions', body: 'Update CI workflow' }).type,
    ).toBe('chore');
  });

  // The analysis job runs these steps with pauses for the HTTP server in between (jobs/cooperative-steps.ts).
  it('comes in steps of at most one training epoch', () => {
    const steps = adaptToRepositorySteps(model, repoOwn, { nbSvmMinExamples: repoOwn.length });
    let count = 0;
    let next = steps.next();
    for (; !next.done; next = steps.next()) count++;
    // A step per softmax epoch, plus at least one per NB-SVM class.
    expect(count).toBeGreaterThan(DEFAULT_ADAPT.epochs + model.classes.length);
  });
});
