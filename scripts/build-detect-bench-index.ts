/**
 * Cuts the history index bench:detect reads from a clone (see src/eval/detect-index-file.ts): the
 * commits from shortly before the earliest measured issue was opened up to the judged commits, and
 * the trees of the judged commits, each kept only for the tokens the measured issues' texts hold.
 *
 *   npx tsx scripts/build-detect-bench-index.ts --repo-dir /work/.mirror/huggingface+datasets/repo \
 *     --data bench/data/detect/hf-datasets [--cases cases-test.csv]
 */
import path from 'node:path';
import { issueVocabulary } from '../src/core/detect/issue-terms.ts';
import { readDetectCorpus } from '../src/eval/detect-inputs.ts';
import { writeDetectIndexFile } from '../src/eval/detect-index-file.ts';
import { readDetectCases } from '../src/sources/files/read-detect-cases.ts';
import { indexGitHistory, indexTree } from '../src/sources/git/git-history.index.ts';
import { benchArgs } from '../bench/bench-support.ts';

/** Must cover the detector's walk, which looks this far past the issue's date for out-of-order commits. */
const MARGIN_SECONDS = 60 * 86_400;

const args = benchArgs();
const repoDir = args.get('repo-dir');
const data = args.get('data');
if (!repoDir || !data)
  throw new Error('usage: --repo-dir DIR --data bench/data/detect/NAME [--cases cases-test.csv]');
const corpus = await readDetectCorpus(path.join(data, 'issues.jsonl.gz'));
const cases = (await readDetectCases(path.join(data, args.get('cases') ?? 'cases-test.csv'))).filter((c) =>
  corpus.issues.has(c.issue),
);
const judged = [...new Set(cases.map((c) => c.commit))];
const target = await indexGitHistory(repoDir, judged);
for (const sha of judged) await indexTree(target, sha);
const vocabulary = new Set<string>();
let earliest = Number.POSITIVE_INFINITY;
for (const c of cases) {
  const issue = corpus.issues.get(c.issue)!;
  issueVocabulary(issue, vocabulary);
  earliest = Math.min(earliest, Date.parse(issue.createdAt) / 1000);
}
const commits = [...target.index.commits.values()]
  .filter((c) => c.time >= earliest - MARGIN_SECONDS)
  .map((c) => c.sha);
const out = path.join(data, 'index.json.gz');
await writeDetectIndexFile(out, { index: target.index, commits, trees: judged, vocabulary });
console.log(
  `${out}: ${commits.length} commits, ${judged.length} trees, ${vocabulary.size} vocabulary tokens; full index built in ${(target.buildMs / 1000).toFixed(1)} s`,
);
