import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectImplemented } from '../core/detect/detect-implemented.ts';
import type { DetectIssue } from '../core/detect/detect.types.ts';
import { issueVocabulary } from '../core/detect/issue-terms.ts';
import { indexGitHistory, indexTree } from '../sources/git/git-history.index.ts';
import { createGitFixture, type GitFixture } from '../../test/git-fixture.ts';
import { readDetectIndexFile, writeDetectIndexFile } from './detect-index-file.ts';
import { kindOf, scoreDetect } from './eval-detect.ts';

describe('scoreDetect', () => {
  it('computes precision and recall at the threshold and ROC AUC of the confidence', () => {
    const scores = scoreDetect([
      { gold: true, confidence: 0.95, predicted: true },
      { gold: true, confidence: 0.4, predicted: false },
      { gold: false, confidence: 0.92, predicted: true },
      { gold: false, confidence: 0.1, predicted: false },
    ]);
    expect(scores).toMatchObject({
      cases: 4,
      positives: 2,
      tp: 1,
      fp: 1,
      fn: 1,
      precision: 0.5,
      recall: 0.5,
    });
    expect(scores.auc).toBeCloseTo(0.75, 10);
  });

  it('leaves undefined figures as NaN instead of inventing them', () => {
    const scores = scoreDetect([{ gold: false, confidence: 0.1, predicted: false }]);
    expect(scores.precision).toBeNaN();
    expect(scores.recall).toBeNaN();
    expect(scores.auc).toBeNaN();
  });
});

describe('kindOf', () => {
  it('takes the kind from labels first, else from the classifier', () => {
    expect(kindOf({ title: 'x', body: '', labels: ['documentation'] })).toBe('docs');
    expect(['bug', 'feature', 'docs', 'other']).toContain(
      kindOf({ title: 'Crash with TypeError when loading', body: 'Traceback …', labels: [] }),
    );
  });
});

describe('detect index file', () => {
  let fixture: GitFixture;
  let dir: string;
  beforeAll(async () => {
    fixture = await createGitFixture();
    dir = await mkdtemp(path.join(tmpdir(), 'loupe-index-file-'));
  });
  afterAll(async () => {
    await rm(fixture.dir, { recursive: true, force: true });
    await rm(dir, { recursive: true, force: true });
  });

  it('gives the same verdicts after the cut to the issues vocabulary', async () => {
    const issue: DetectIssue = {
      number: 42,
      repo: 'octo/client',
      title: String(fixture.issue.title),
      body: String(fixture.issue.body),
      labels: [],
      createdAt: String(fixture.issue.created_at),
    };
    const target = await indexGitHistory(fixture.dir);
    const judged = [fixture.commits.fix, fixture.commits.docs];
    for (const sha of judged) await indexTree(target, sha);
    const file = path.join(dir, 'index.json.gz');
    await writeDetectIndexFile(file, {
      index: target.index,
      commits: target.index.commits.keys(),
      trees: judged,
      vocabulary: issueVocabulary(issue),
    });
    const cut = await readDetectIndexFile(file);
    expect(cut.table.tokens.length).toBeLessThan(target.index.table.tokens.length);
    for (const commit of judged) {
      for (const hideReferences of [false, true]) {
        const full = detectImplemented({ issue, commit, index: target.index, options: { hideReferences } });
        const again = detectImplemented({ issue, commit, index: cut, options: { hideReferences } });
        expect(again.confidence).toBe(full.confidence);
        expect(again.features).toEqual(full.features);
      }
    }
  });
});
