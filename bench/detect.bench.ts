/**
 * "Already implemented?" benchmark on real histories: huggingface/datasets issues closed by a merged
 * pull request, judged at the commit that landed it (implemented) and at its parent (not yet). Only
 * the cases fixed from 2023 on are measured (cases-test.csv); the weights and threshold were fitted
 * on the cases fixed before 2023 (cases-dev.csv, scripts/fit-detect-weights.ts). Runs twice: with all
 * evidence, and with every commit message and pull request naming the issue hidden (code alone).
 * Reads the cut history index committed under bench/data/detect (no clone, no network); with
 * --repo-dir it indexes a clone instead (the same figures: the cut keeps all the detector reads).
 *
 *   npm run bench:detect [-- --repo-dir /work/.mirror/huggingface+datasets/repo] [--cases cases-dev.csv]
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { HistoryIndex } from '../src/core/detect/history-index.ts';
import { readDetectCorpus } from '../src/eval/detect-inputs.ts';
import { readDetectIndexFile } from '../src/eval/detect-index-file.ts';
import { judgeCases, summariseJudged, type EvalDetectResult } from '../src/eval/eval-detect.ts';
import { detectScoreRows } from '../src/eval/eval-detect.report.ts';
import { readDetectCases } from '../src/sources/files/read-detect-cases.ts';
import { indexGitHistory, indexTree } from '../src/sources/git/git-history.index.ts';
import { defaultWeights } from '../src/core/detect/detect-confidence.ts';
import { benchArgs } from './bench-support.ts';

const GOAL = { precision: 0.9, recall: 0.6 };
const DATA = fileURLToPath(new URL('./data/detect/hf-datasets/', import.meta.url));
const args = benchArgs();
const casesFile = args.get('cases') ?? 'cases-test.csv';

async function loadTarget(commits: string[]): Promise<{
  index: HistoryIndex;
  addTree: (sha: string) => Promise<void>;
  indexMs: number;
  source: string;
}> {
  const repoDir = args.get('repo-dir');
  if (repoDir) {
    const target = await indexGitHistory(repoDir, commits);
    return {
      index: target.index,
      addTree: (sha) => indexTree(target, sha),
      indexMs: target.buildMs,
      source: `clone ${repoDir}`,
    };
  }
  const started = performance.now();
  const index = await readDetectIndexFile(`${DATA}index.json.gz`);
  const addTree = async (sha: string) => {
    if (!index.trees.has(sha))
      throw new Error(
        `${sha} is not in the committed index: rebuild it (scripts/build-detect-bench-index.ts) or pass --repo-dir`,
      );
  };
  return {
    index,
    addTree,
    indexMs: performance.now() - started,
    source: 'bench/data/detect/hf-datasets/index.json.gz (cut index)',
  };
}

const r4 = (x: number): number | null => (Number.isNaN(x) ? null : Math.round(x * 1e4) / 1e4);

async function main(): Promise<void> {
  if (!existsSync(`${DATA}issues.jsonl.gz`)) {
    console.log(
      JSON.stringify({ bench: 'detect', skipped: true, reason: 'bench/data/detect/hf-datasets absent' }),
    );
    return;
  }
  const corpus = await readDetectCorpus(`${DATA}issues.jsonl.gz`);
  const cases = await readDetectCases(`${DATA}${casesFile}`);
  const target = await loadTarget([...new Set(cases.map((c) => c.commit))]);
  console.log(
    `bench:detect — huggingface/datasets, ${casesFile} (${cases.length} cases, ${cases.filter((c) => c.implemented).length} implemented); history from ${target.source}, loaded in ${(target.indexMs / 1000).toFixed(1)} s`,
  );
  console.log(
    `weights fitted on cases-dev.csv (fixed before 2023); threshold ${defaultWeights.threshold}; goal precision >= ${GOAL.precision} at recall >= ${GOAL.recall}\n`,
  );
  const results: Record<string, ReturnType<typeof summariseJudged>> = {};
  for (const hideReferences of [false, true]) {
    const judged = await judgeCases({
      target,
      cases: cases.map((c) => ({ ...c, sha: c.commit })),
      issues: corpus.issues,
      pullRequests: corpus.pullRequests,
      hideReferences,
    });
    const summary = summariseJudged(judged);
    results[hideReferences ? 'hidden' : 'all'] = summary;
    console.log(hideReferences ? 'references hidden (code evidence alone):' : 'all evidence:');
    printTable(summary);
    console.log(`  ${summary.msPerCase.toFixed(1)} ms per case (history already indexed)\n`);
  }
  const all = results.all!.overall;
  const hidden = results.hidden!.overall;
  const met = (s: typeof all) => s.precision >= GOAL.precision && s.recall >= GOAL.recall;
  console.log(
    `goal met: all evidence ${met(all) ? 'yes' : 'no'}; references hidden ${met(hidden) ? 'yes' : 'no'}`,
  );
  console.log(
    JSON.stringify({
      bench: 'detect',
      cases: all.cases,
      implemented: all.positives,
      threshold: defaultWeights.threshold,
      all_precision_ratio: r4(all.precision),
      all_recall_ratio: r4(all.recall),
      all_roc_auc_ratio: r4(all.auc),
      hidden_precision_ratio: r4(hidden.precision),
      hidden_recall_ratio: r4(hidden.recall),
      hidden_roc_auc_ratio: r4(hidden.auc),
      ...Object.fromEntries(
        Object.entries(results.hidden!.byKind).flatMap(([kind, s]) => [
          [`hidden_${kind}_precision_ratio`, r4(s.precision)],
          [`hidden_${kind}_recall_ratio`, r4(s.recall)],
        ]),
      ),
      ...Object.fromEntries(
        Object.entries(results.all!.byKind).flatMap(([kind, s]) => [
          [`all_${kind}_precision_ratio`, r4(s.precision)],
          [`all_${kind}_recall_ratio`, r4(s.recall)],
        ]),
      ),
      all_ms_per_case_ms: Number(results.all!.msPerCase.toFixed(1)),
      hidden_ms_per_case_ms: Number(results.hidden!.msPerCase.toFixed(1)),
      index_load_ms: Math.round(target.indexMs),
    }),
  );
}

function printTable(summary: Pick<EvalDetectResult, 'overall' | 'byKind'>): void {
  const header = ['kind', 'cases', 'implemented', 'precision', 'recall', 'ROC-AUC'];
  const rows = detectScoreRows(summary);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  for (const row of [header, ...rows])
    console.log(
      `  ${row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ')}`,
    );
}

await main();
