/**
 * Fits the shipped good-first-issue model on the shared huggingface/datasets issues:
 * src/core/difficulty/gfi-weights.json (feature weights + the text model's stacked weight) and
 * src/core/difficulty/gfi-text-weights.json (text model: vocabulary, idf, word weights).
 * Deterministic: same data, same files. Only labelling-time features are fitted; post-hoc ones
 * (comments, reactions, assignees…) are left out on purpose.
 *
 *   npx tsx scripts/train-gfi.ts
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  GITHUB_ISSUES_FILE,
  githubIssuesDataPath,
  loadPlainGithubIssues,
} from '../bench/github-issues-data.ts';
import { LABELLING_TIME_SPECS, type GfiWeights } from '../src/core/difficulty/gfi-model.ts';
import { fitStackedGfi } from '../src/core/difficulty/gfi-stacked-fit.ts';
import { buildGfiTrainingSet } from '../src/core/difficulty/gfi-training-set.ts';
import { encodeTerms, type TextModel } from '../src/core/difficulty/text-model.ts';
import { issueTerms } from '../src/core/difficulty/text-terms.ts';

const DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src/core/difficulty');
const OUT = path.join(DIR, 'gfi-weights.json');
const TEXT_OUT = path.join(DIR, 'gfi-text-weights.json');
const SOURCE = 'huggingface/datasets issues (shared/data/github), pull requests excluded';

const round = (x: number, digits: number): number => Math.round(x * 10 ** digits) / 10 ** digits;

function rounded(weights: GfiWeights): GfiWeights {
  return {
    ...weights,
    baseline: round(weights.baseline, 6),
    features: weights.features.map((f) => ({
      ...f,
      coef: round(f.coef, 6),
      reference: round(f.reference, 6),
    })),
    ...(weights.text
      ? { text: { coef: round(weights.text.coef, 6), reference: round(weights.text.reference, 6) } }
      : {}),
  };
}

/**
 * Text model quantised for shipping (idf to 3 decimals, weights to 5) and written one term per
 * line, sorted, so the file stays small and its diffs readable. Every term is kept, zero weights
 * too: their idf takes part in each field's normalisation.
 */
function textModelJson(model: TextModel): string {
  const terms = Object.entries(model.terms).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  // `terms` goes last so that its entries can follow the head one per line.
  const { model: kind, version, training } = model;
  const head = JSON.stringify({
    model: kind,
    version,
    intercept: round(model.intercept, 6),
    training,
    terms: {},
  }).slice(0, -3);
  const lines = terms.map(
    ([term, [idf, weight]]) => `${JSON.stringify(term)}:[${round(idf, 3)},${round(weight, 5)}]`,
  );
  return `${head}{\n${lines.join(',\n')}\n}}\n`;
}

async function main(): Promise<void> {
  if (!githubIssuesDataPath()) {
    console.error(
      `train-gfi: training data not found at ${GITHUB_ISSUES_FILE}\n` +
        'It lives in ../shared/data beside the repository; without it the shipped weights cannot be refitted.',
    );
    process.exit(1);
  }
  const set = buildGfiTrainingSet(await loadPlainGithubIssues(), { specs: LABELLING_TIME_SPECS });
  const corpus = encodeTerms(set.examples.map((e) => issueTerms(e.input)));
  const fit = fitStackedGfi({
    rows: set.rows,
    labels: set.labels,
    corpus,
    members: set.examples.map((_, i) => i),
    source: SOURCE,
  });
  const weights = rounded(fit.weights);
  writeFileSync(OUT, `${JSON.stringify(weights, null, 2)}\n`);
  writeFileSync(TEXT_OUT, textModelJson(fit.textModel));
  console.log(
    `train-gfi: ${weights.training.issues} issues, ${weights.training.positives} good first issues`,
  );
  console.log(
    `text model: ${Object.keys(fit.textModel.terms).length} terms, L2 ${fit.textModel.training.l2} chosen by inner CV ` +
      `(${fit.textAucByL2.map((e) => `${e.l2}: AUC ${e.auc.toFixed(3)}`).join(', ')})`,
  );
  console.log(`baseline log-odds ${weights.baseline.toFixed(3)}; coefficients (log-odds per unit):`);
  const rows = [
    ...weights.features,
    ...(weights.text ? [{ signal: 'text.words (text-model logit)', ...weights.text }] : []),
  ];
  for (const f of rows.sort((a, b) => Math.abs(b.coef) - Math.abs(a.coef))) {
    console.log(
      `  ${f.signal.padEnd(30)} ${f.coef.toFixed(3).padStart(8)}  (reference ${f.reference.toFixed(2)})`,
    );
  }
  const byWeight = Object.entries(fit.textModel.terms).sort((a, b) => b[1][1] - a[1][1]);
  const show = (list: typeof byWeight): string =>
    list.map(([term, [, w]]) => `${term} ${w.toFixed(2)}`).join(', ');
  console.log(`text terms most for: ${show(byWeight.slice(0, 15))}`);
  console.log(`text terms most against: ${show(byWeight.slice(-15).reverse())}`);
  console.log(`wrote ${path.relative(process.cwd(), OUT)} and ${path.relative(process.cwd(), TEXT_OUT)}`);
}

await main();
