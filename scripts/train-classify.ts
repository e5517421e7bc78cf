/**
 * Trains Loupe's shipped global issue-type model (run: npx tsx scripts/train-classify.ts) from
 * ../shared/data: all 1,500 NLBSE'24 issues plus the huggingface/datasets issues whose labels map
 * to bug / feature / question. Writes src/core/classify/global-model.json deterministically (fixed
 * seed, fixed order: re-running produces the same bytes). Options are the library defaults, which
 * bench/classify.bench.ts's nested cross-validation supports.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  hfIssuesPath,
  loadHfIssues,
  loadNlbseIssues,
  nlbseCsvPath,
  sharedDataAvailable,
  toLabelled,
} from '../bench/nlbse-data.ts';
import { classifyText, trainTextClassifier } from '../src/core/classify/index.ts';

const out = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../src/core/classify/global-model.json',
);

async function main(): Promise<void> {
  if (!sharedDataAvailable([nlbseCsvPath, hfIssuesPath])) {
    console.error('Cannot train the global classifier without ../shared/data.');
    process.exit(1);
  }
  const nlbse = toLabelled(await loadNlbseIssues());
  const hf = await loadHfIssues({ types: ['bug', 'feature', 'question'] });
  const examples = [...nlbse, ...hf];
  const started = performance.now();
  const model = trainTextClassifier(examples);
  const json = `${JSON.stringify(model)}\n`;
  writeFileSync(out, json);
  const counts = Object.fromEntries(
    model.classes.map((c) => [c, examples.filter((e) => e.label === c).length]),
  );
  const correct = examples.filter((e) => classifyText(model, e.text).type === e.label).length;
  console.log(
    `trained on ${examples.length} issues (${nlbse.length} NLBSE'24, ${hf.length} huggingface/datasets): ${JSON.stringify(counts)}`,
  );
  console.log(
    `training accuracy ${(correct / examples.length).toFixed(3)} (not a quality figure: see bench/classify.bench.ts)`,
  );
  console.log(
    `wrote ${path.relative(process.cwd(), out)} (${(json.length / 1024).toFixed(0)} KiB) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}

await main();
