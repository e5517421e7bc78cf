/**
 * Loaders for the issue-classification data under ../shared/data (NLBSE'24 CSV and the
 * huggingface/datasets issue dump). Benches and scripts do I/O; src/core never does.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LabelledText, TrainOptions } from '../src/core/classify/index.ts';
import { clusterWords } from '../src/core/classify/word-clusters.ts';
import { learnWordVectors } from '../src/core/classify/word-vectors.ts';
import type { IssueText } from '../src/core/issue.ts';
import { typeFromLabels } from '../src/core/classify/index.ts';
import { readIssueRecords } from '../src/sources/files/index.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** ../shared/data relative to the project root (absent in a user's fresh clone). */
export const sharedDataDir = path.resolve(repoRoot, '../shared/data');
export const nlbseCsvPath = path.join(sharedDataDir, 'nlbse24/issues_train.csv');
export const hfIssuesPath = path.join(sharedDataDir, 'github/huggingface-datasets-issues.jsonl.gz');

export interface NlbseIssue {
  repo: string;
  createdAt: string;
  label: string;
  title: string;
  body: string;
}

/** Streams the NLBSE'24 CSV through Loupe's own file reader (the one `loupe eval` uses). */
export async function loadNlbseIssues(file = nlbseCsvPath): Promise<NlbseIssue[]> {
  const issues: NlbseIssue[] = [];
  for await (const record of readIssueRecords(file, { format: 'csv' })) {
    if (!record.repo || !record.label)
      throw new Error(`${file} line ${record.line}: a record without repo or label`);
    issues.push({
      repo: record.repo,
      createdAt: record.createdAt ?? '',
      label: record.label,
      title: record.title,
      body: record.body,
    });
  }
  return issues;
}

/** NLBSE issues as classifier examples (labels are already bug / feature / question). */
export function toLabelled(issues: NlbseIssue[]): LabelledText[] {
  return issues.map((i) => ({ text: { title: i.title, body: i.body }, label: i.label, repo: i.repo }));
}

/**
 * Issues (not pull requests) of huggingface/datasets whose labels map to one of `types`
 * through typeFromLabels, as extra cross-repository training data.
 */
export async function loadHfIssues(
  options: { file?: string; types?: string[] } = {},
): Promise<LabelledText[]> {
  const file = options.file ?? hfIssuesPath;
  const types = new Set(options.types ?? ['bug', 'feature', 'question']);
  const out: LabelledText[] = [];
  for await (const issue of readIssueRecords(file, { format: 'jsonl' })) {
    if (issue.isPullRequest) continue;
    const type = typeFromLabels(issue.labels);
    if (!type || !types.has(type)) continue;
    out.push({ text: { title: issue.title, body: issue.body }, label: type, repo: 'huggingface/datasets' });
  }
  return out;
}

/** True when the shared data folder is present; otherwise prints why and returns false. */
export function sharedDataAvailable(files: string[] = [nlbseCsvPath]): boolean {
  const missing = files.filter((f) => !existsSync(f));
  if (missing.length === 0) return true;
  console.error(
    `Shared data not found (${missing.join(', ')}); it lives in ../shared/data beside the project.`,
  );
  return false;
}

export const gitbugsPaths = ['hadoop_bugs.csv', 'SeaMonkey_bugs.csv'].map((f) =>
  path.join(sharedDataDir, 'gitbugs', f),
);

/**
 * Unlabelled issue texts for learning word vectors (labels are never read): the NLBSE'24 training
 * issues' texts, every huggingface/datasets issue and pull request, and the gitbugs Jira reports,
 * each file only when present. Never the NLBSE'24 test split (reserved for measuring).
 */
export async function loadUnlabelledTexts(): Promise<IssueText[]> {
  const texts: IssueText[] = [];
  const files: [string, 'csv' | 'jsonl'][] = [
    [nlbseCsvPath, 'csv'],
    [hfIssuesPath, 'jsonl'],
    ...gitbugsPaths.map((f): [string, 'csv'] => [f, 'csv']),
  ];
  for (const [file, format] of files) {
    if (!existsSync(file)) continue;
    for await (const r of readIssueRecords(file, { format })) texts.push({ title: r.title, body: r.body });
  }
  return texts;
}

/** How `bench:classify -- --unlabelled` learns from unlabelled text (not used by the shipped model). */
export const UNLABELLED_LEARNING = { clusters: 300, seed: 7 };

/**
 * Word vectors learned from loadUnlabelledTexts, clustered into the word-cluster features that
 * `bench:classify -- --unlabelled` measures (a minute or so of CPU).
 */
export async function learnFromUnlabelled(): Promise<Pick<TrainOptions, 'wordClusters'>> {
  const vectors = learnWordVectors(await loadUnlabelledTexts(), { seed: UNLABELLED_LEARNING.seed });
  return {
    wordClusters: clusterWords(vectors, { k: UNLABELLED_LEARNING.clusters, seed: UNLABELLED_LEARNING.seed }),
  };
}
