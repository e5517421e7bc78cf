/**
 * Good-first-issue benchmark: ROC AUC of gfiScore on huggingface/datasets issues (pull requests
 * excluded). Positives carry "good first issue"; that label and its synonyms are hidden from the
 * model (the scorer strips them). Learned weights are measured out of sample by stratified k-fold
 * cross-validation (seeded), fitting everything on the training folds only: feature weights, and
 * the text model's vocabulary, idf, weights and L2 (chosen by inner CV within the training folds).
 *
 *   npx tsx bench/gfi.bench.ts [--adaptation-only]
 *
 * Repository adaptation (fitGfiAdaptation) is measured on held-out time: the shipped recipe fitted
 * before the temporal cut, each later issue scored with and without the adjustment fitted, as the job
 * would, on the issues created before its month (with the fold model's effects, never the shipped ones).
 */
import { FEATURE_SPECS, type FeatureSpec } from '../src/core/difficulty/difficulty-features.ts';
import { DEFAULT_L2, LABELLING_TIME_SPECS, fitGfiWeights } from '../src/core/difficulty/gfi-model.ts';
import { fitStackedGfi, type StackedGfiFit } from '../src/core/difficulty/gfi-stacked-fit.ts';
import { buildGfiTrainingSet, type GfiTrainingSet } from '../src/core/difficulty/gfi-training-set.ts';
import { fitLogistic, predictLogit } from '../src/core/learn/logistic-regression.ts';
import { stratifiedFoldOf } from '../src/core/learn/stratified-folds.ts';
import { rocAuc } from '../src/core/difficulty/roc-auc.ts';
import { fitGfiAdaptation } from '../src/core/difficulty/fit-gfi-adaptation.ts';
import { historyAsOf } from '../src/core/difficulty/repo-history.ts';
import {
  createDifficultyEvidence,
  createDifficultyScorer,
  scoreIssueDifficulty,
} from '../src/core/difficulty/score-issue-difficulty.ts';
import { INNER_FOLDS, TEXT_L2_GRID } from '../src/core/difficulty/text-model-selection.ts';
import { encodeTerms, textLogit, type TermCorpus } from '../src/core/difficulty/text-model.ts';
import { issueTerms, type IssueTerms } from '../src/core/difficulty/text-terms.ts';
import { GITHUB_ISSUES_FILE, githubIssuesDataPath, loadPlainGithubIssues } from './github-issues-data.ts';
import { exitWithUsageOnHelp } from './bench-support.ts';

exitWithUsageOnHelp();

const FOLDS = 5;
const SEED = 42;
const REPEAT_SEEDS = [42, 43, 44, 45, 46];
const RECGFI_AUC = 0.853;
const GOAL_AUC = 0.85;
const TEMPORAL_CUT = '2022-07-01T00:00:00Z';
/** The recent good-first-issue activity signals (RepoHistory.gfiActivity). */
const GFI_ACTIVITY = /^history\.(?:gfi|daysSinceGfi)/;

interface CvResult {
  pooled: number;
  foldMean: number;
  foldSd: number;
}

/** Pooled out-of-fold AUC and per-fold AUCs for one way of fitting-and-scoring. */
function crossValidate(
  labels: readonly number[],
  seed: number,
  fitAndScore: (train: number[], test: number[]) => number[],
): CvResult {
  const fold = stratifiedFoldOf(labels, FOLDS, seed);
  const oof = new Array<number>(labels.length).fill(0);
  const foldAucs: number[] = [];
  for (let f = 0; f < FOLDS; f++) {
    const train = fold.flatMap((k, i) => (k !== f ? [i] : []));
    const test = fold.flatMap((k, i) => (k === f ? [i] : []));
    const scores = fitAndScore(train, test);
    test.forEach((i, k) => {
      oof[i] = scores[k]!;
    });
    foldAucs.push(
      rocAuc(
        scores,
        test.map((i) => labels[i]!),
      ),
    );
  }
  const foldMean = foldAucs.reduce((a, b) => a + b, 0) / FOLDS;
  const foldSd = Math.sqrt(foldAucs.reduce((a, b) => a + (b - foldMean) ** 2, 0) / (FOLDS - 1));
  return { pooled: rocAuc(oof, labels), foldMean, foldSd };
}

/** Learned-only logistic model over a subset of features (no hand-set priors). */
function logisticVariant(set: GfiTrainingSet, specs: readonly FeatureSpec[], signs: boolean) {
  const cols = specs.map((spec) => FEATURE_SPECS.indexOf(spec));
  const rows = set.rows.map((row) => cols.map((c) => row[c]!));
  const signVector = specs.map((spec) => (signs ? spec.direction : 0));
  return (train: number[], test: number[]): number[] => {
    const x = train.map((i) => rows[i]!);
    const y = train.map((i) => set.labels[i]!);
    const model = fitLogistic({ x, y, l2: DEFAULT_L2, signs: signVector });
    return test.map((i) => predictLogit(model, rows[i]!));
  };
}

/** Shared inputs of the text variants: encoded terms, and one stacked fit per training fold. */
interface TextContext {
  set: GfiTrainingSet;
  docs: IssueTerms[];
  corpus: TermCorpus;
  fits: Map<string, StackedGfiFit>;
}

const LABELLING_COLS = LABELLING_TIME_SPECS.map((spec) => FEATURE_SPECS.indexOf(spec));

/** The stacked fit (text + features) on one training fold, computed once and shared by variants. */
function stackedFit(ctx: TextContext, train: number[]): StackedGfiFit {
  const key = train.join(',');
  let fit = ctx.fits.get(key);
  if (!fit) {
    fit = fitStackedGfi({
      rows: train.map((i) => LABELLING_COLS.map((c) => ctx.set.rows[i]![c]!)),
      labels: train.map((i) => ctx.set.labels[i]!),
      corpus: ctx.corpus,
      members: train,
    });
    ctx.fits.set(key, fit);
  }
  return fit;
}

/**
 * The shipped recipe end to end: stacked fit on train folds, then the production scorer. With
 * `withoutHistory`, test issues are scored with no RepoHistory, as `loupe eval gfi` does today.
 */
function shippedRecipe(ctx: TextContext, priors: boolean, withoutHistory = false) {
  return (train: number[], test: number[]): number[] => {
    const { weights, textModel } = stackedFit(ctx, train);
    const score = createDifficultyScorer({ weights, priors, textModel });
    return test.map(
      (i) =>
        score(ctx.set.examples[i]!.input, withoutHistory ? undefined : ctx.set.examples[i]!.history).gfiScore,
    );
  };
}

/** The text model alone (L2 by inner CV on the train fold). */
function textOnly(ctx: TextContext) {
  return (train: number[], test: number[]): number[] => {
    const { textModel } = stackedFit(ctx, train);
    return test.map((i) => textLogit(textModel, ctx.docs[i]!));
  };
}

/** Feature model (no text) and, optionally, the text logit added with a fixed weight of 1. */
function featureRecipe(ctx: TextContext, options: { priors: boolean; addText: boolean }) {
  return (train: number[], test: number[]): number[] => {
    const weights = fitGfiWeights({
      rows: train.map((i) => LABELLING_COLS.map((c) => ctx.set.rows[i]![c]!)),
      labels: train.map((i) => ctx.set.labels[i]!),
    });
    const score = createDifficultyScorer({ weights, priors: options.priors });
    const textModel = options.addText ? stackedFit(ctx, train).textModel : undefined;
    return test.map((i) => {
      const p = Math.min(
        Math.max(score(ctx.set.examples[i]!.input, ctx.set.examples[i]!.history).gfiScore, 1e-12),
        1 - 1e-12,
      );
      const logit = Math.log(p / (1 - p));
      return textModel ? logit + textLogit(textModel, ctx.docs[i]!) : logit;
    });
  };
}

const fmt = (x: number): string => x.toFixed(3);

type Variant = { key: string; name: string; run: (train: number[], test: number[]) => number[] };
type Results = Record<string, CvResult & { repeatMean: number }>;

function variantsOf(ctx: TextContext): Variant[] {
  const noHistory = LABELLING_TIME_SPECS.filter((spec) => !spec.signal.startsWith('history.'));
  const noActivity = LABELLING_TIME_SPECS.filter((spec) => !GFI_ACTIVITY.test(spec.signal));
  return [
    {
      key: 'shipped_recipe',
      name: 'shipped recipe: sign-constrained LR + stacked text model + hand-set priors',
      run: shippedRecipe(ctx, true),
    },
    {
      key: 'shipped_scored_without_history',
      name: 'shipped recipe, test issues scored WITHOUT RepoHistory (what `loupe eval gfi` sees)',
      run: shippedRecipe(ctx, true, true),
    },
    {
      key: 'learned_only',
      name: 'sign-constrained LR + stacked text model, no priors',
      run: shippedRecipe(ctx, false),
    },
    {
      key: 'text_only',
      name: 'text model alone (TF-IDF uni+bigrams, L2 LR, L2 by inner CV)',
      run: textOnly(ctx),
    },
    {
      key: 'features_plus_text_sum',
      name: 'feature recipe + priors, plus text logit with fixed weight 1 (no stacking)',
      run: featureRecipe(ctx, { priors: true, addText: true }),
    },
    {
      key: 'features_only',
      name: 'previous recipe: sign-constrained LR + priors, no text',
      run: featureRecipe(ctx, { priors: true, addText: false }),
    },
    {
      key: 'unconstrained',
      name: 'unconstrained LR, labelling-time features',
      run: logisticVariant(ctx.set, LABELLING_TIME_SPECS, false),
    },
    {
      key: 'no_history',
      name: 'sign-constrained LR without RepoHistory features',
      run: logisticVariant(ctx.set, noHistory, true),
    },
    {
      key: 'no_gfi_activity',
      name: 'sign-constrained LR without the recent good-first-issue activity features',
      run: logisticVariant(ctx.set, noActivity, true),
    },
    {
      key: 'with_gfi_activity',
      name: 'sign-constrained LR with them (same features, no text, no priors)',
      run: logisticVariant(ctx.set, LABELLING_TIME_SPECS, true),
    },
    {
      key: 'with_posthoc',
      name: 'unconstrained LR + post-hoc features (comments, reactions, assignees, milestone, resolution labels)',
      run: logisticVariant(ctx.set, FEATURE_SPECS, false),
    },
  ];
}

/** Fit on issues opened before the cut, score those opened after: with and without text. */
function temporalHoldout(ctx: TextContext) {
  const cutMs = Date.parse(TEMPORAL_CUT);
  const before = ctx.set.examples.flatMap((e, i) => (Date.parse(e.input.createdAt) < cutMs ? [i] : []));
  const after = ctx.set.examples.flatMap((e, i) => (Date.parse(e.input.createdAt) >= cutMs ? [i] : []));
  const labels = after.map((i) => ctx.set.labels[i]!);
  return {
    after: after.length,
    positives: labels.filter((y) => y === 1).length,
    auc: rocAuc(shippedRecipe(ctx, true)(before, after), labels),
    featuresOnly: rocAuc(featureRecipe(ctx, { priors: true, addText: false })(before, after), labels),
    stackWeight: ctx.fits.get(before.join(','))!.weights.text?.coef ?? 0,
  };
}

/** Prior strengths reported besides the product's (ADAPTATION_PRIOR_STRENGTH); none is chosen from these figures. */
const PRIOR_STRENGTHS = [3, 10, 30];

/** Temporal hold-out with and without the repository adjustment, each issue as of its month. */
function temporalAdaptation(ctx: TextContext) {
  const cutMs = Date.parse(TEMPORAL_CUT);
  const before = ctx.set.examples.flatMap((e, i) => (Date.parse(e.input.createdAt) < cutMs ? [i] : []));
  const after = ctx.set.examples.flatMap((e, i) => (Date.parse(e.input.createdAt) >= cutMs ? [i] : []));
  const labels = after.map((i) => ctx.set.labels[i]!);
  const { weights, textModel } = stackedFit(ctx, before);
  const evidence = createDifficultyEvidence({ weights, textModel });
  const score = createDifficultyScorer({ weights, textModel });
  const past = ctx.set.examples.map((e) => e.input);
  const shipped = after.map((i) => score(ctx.set.examples[i]!.input, ctx.set.examples[i]!.history).gfiScore);
  const byPrior = PRIOR_STRENGTHS.map((priorStrength) => {
    const fits = new Map<string, ReturnType<typeof fitGfiAdaptation>>();
    const scores = after.map((i) => {
      const { input, history } = ctx.set.examples[i]!;
      const asOf = historyAsOf(input.createdAt);
      if (!fits.has(asOf)) fits.set(asOf, fitGfiAdaptation(past, { asOf, evidence, priorStrength }));
      const adaptation = fits.get(asOf);
      return score(input, adaptation ? { ...history, gfiAdaptation: adaptation } : history).gfiScore;
    });
    return { priorStrength, auc: rocAuc(scores, labels), last: [...fits.values()].at(-1) };
  });
  return {
    after: after.length,
    positives: labels.filter((y) => y === 1).length,
    shipped: rocAuc(shipped, labels),
    byPrior,
  };
}

function printAdaptation(a: ReturnType<typeof temporalAdaptation>): void {
  console.log(
    row(
      `temporal hold-out (${a.after} issues, ${a.positives} positives), shipped recipe, no repository adjustment`,
      a.shipped,
    ),
  );
  for (const p of a.byPrior)
    console.log(row(`  with the repository adjustment, prior strength ${p.priorStrength}`, p.auc));
  const last = a.byPrior.find((p) => p.priorStrength === 10)?.last;
  if (last)
    console.log(
      `  last adjustment (prior 10): shifts ${JSON.stringify(last.groupShifts, (_, v: unknown) => (typeof v === 'number' ? round3(v) : v))}, label weight ${fmt(last.labelWeight)}`,
    );
}

const row = (name: string, value: number): string => `${name.padEnd(104)} ${fmt(value).padStart(8)}`;

function printTable(
  ctx: TextContext,
  variants: Variant[],
  results: Results,
  temporal: ReturnType<typeof temporalHoldout>,
): void {
  console.log(
    `Stratified ${FOLDS}-fold CV, seed ${SEED}; repeat mean over seeds ${REPEAT_SEEDS.join(',')}; feature L2 ${DEFAULT_L2} (fixed a priori); ` +
      `text L2 from {${TEXT_L2_GRID.join(', ')}} by inner ${INNER_FOLDS}-fold CV inside each training fold\n`,
  );
  console.log(
    `${'variant'.padEnd(104)} ${'OOF AUC'.padStart(8)} ${'fold mean±sd'.padStart(13)} ${'5-seed'.padStart(7)}`,
  );
  for (const v of variants) {
    const r = results[v.key]!;
    console.log(
      `${row(v.name, r.pooled)} ${`${fmt(r.foldMean)}±${fmt(r.foldSd)}`.padStart(13)} ${fmt(r.repeatMean).padStart(7)}`,
    );
  }
  console.log(
    row(
      `temporal hold-out: shipped recipe fit < ${TEMPORAL_CUT.slice(0, 10)}, test after (${temporal.after} issues, ${temporal.positives} positives)`,
      temporal.auc,
    ),
  );
  console.log(row('temporal hold-out: previous recipe (no text), same split', temporal.featuresOnly));
  console.log(
    `  (temporal fit's stacked text weight: ${fmt(temporal.stackWeight)}; 0 means the stack found no use for the text)`,
  );
  const chosen = [...ctx.fits.values()].slice(0, FOLDS).map((fit) => {
    const best = fit.textAucByL2.find((e) => e.l2 === fit.textModel.training.l2)!;
    return `${fit.textModel.training.l2} (inner AUC ${fmt(best.auc)}, stack weight ${fmt(fit.weights.text?.coef ?? 0)})`;
  });
  console.log(
    `\ntext L2 chosen by inner ${INNER_FOLDS}-fold CV per outer fold (seed ${SEED}): ${chosen.join('; ')}`,
  );
}

async function main(): Promise<void> {
  if (!githubIssuesDataPath()) {
    console.log(`gfi bench skipped: data not found at ${GITHUB_ISSUES_FILE} (it lives in ../shared/data).`);
    console.log(JSON.stringify({ bench: 'gfi', skipped: true, reason: 'data absent' }));
    return;
  }
  const started = Date.now();
  const set = buildGfiTrainingSet(await loadPlainGithubIssues());
  const docs = set.examples.map((e) => issueTerms(e.input));
  const ctx: TextContext = { set, docs, corpus: encodeTerms(docs), fits: new Map() };
  const adaptation = temporalAdaptation(ctx);
  if (process.argv.includes('--adaptation-only')) {
    printAdaptation(adaptation);
    console.log(
      JSON.stringify({
        bench: 'gfi',
        auc_temporal_holdout: round3(adaptation.shipped),
        ...Object.fromEntries(
          adaptation.byPrior.map((p) => [
            `auc_temporal_holdout_adapted_prior_${p.priorStrength}`,
            round3(p.auc),
          ]),
        ),
        runtime_s: round3((Date.now() - started) / 1000),
      }),
    );
    return;
  }
  const positives = set.labels.filter((y) => y === 1).length;
  const negatives = set.labels.length - positives;
  const variants = variantsOf(ctx);
  const results: Results = {};
  for (const v of variants) {
    const main = crossValidate(set.labels, SEED, v.run);
    const repeats = REPEAT_SEEDS.map((seed) =>
      seed === SEED ? main.pooled : crossValidate(set.labels, seed, v.run).pooled,
    );
    results[v.key] = { ...main, repeatMean: repeats.reduce((a, b) => a + b, 0) / repeats.length };
  }
  const temporal = temporalHoldout(ctx);

  // The shipped weights as used in production; they were fitted on this very data: in-sample.
  const shipped = set.examples.map((e) => scoreIssueDifficulty(e.input, e.history));
  const shippedAuc = rocAuc(
    shipped.map((s) => s.gfiScore),
    set.labels,
  );
  const levels = (cls: number) =>
    ['easy', 'medium', 'hard']
      .map((lvl) => shipped.filter((s, i) => set.labels[i] === cls && s.level === lvl).length)
      .join('/');

  console.log(
    `GFI benchmark — huggingface/datasets issues: ${set.labels.length} (${positives} "good first issue", ${negatives} others)`,
  );
  printTable(ctx, variants, results, temporal);
  printAdaptation(adaptation);
  console.log(
    row(
      'shipped weights (features + text) + priors, IN-SAMPLE: fitted on this data, not a quality figure',
      shippedAuc,
    ),
  );
  console.log(`shipped levels easy/medium/hard (in-sample): positives ${levels(1)}, negatives ${levels(0)}`);
  console.log(
    `published anchor: RecGFI AUC ${RECGFI_AUC} (53,510 issues of 100 projects, ICSE 2022); goal >= ${GOAL_AUC}`,
  );
  const primary = results.shipped_recipe!;
  console.log(
    `goal ${primary.pooled >= GOAL_AUC ? 'met' : 'not met'} by the shipped recipe out of fold (${fmt(primary.pooled)})`,
  );
  const oof = (key: string): number => round3(results[key]!.pooled);
  console.log(
    JSON.stringify({
      bench: 'gfi',
      auc_oof: round3(primary.pooled),
      auc_fold_mean: round3(primary.foldMean),
      auc_fold_sd: round3(primary.foldSd),
      auc_oof_5seed_mean: round3(primary.repeatMean),
      auc_oof_learned_only: oof('learned_only'),
      auc_oof_text_only: oof('text_only'),
      auc_oof_features_plus_text_sum: oof('features_plus_text_sum'),
      auc_oof_features_only: oof('features_only'),
      auc_oof_features_only_5seed_mean: round3(results.features_only!.repeatMean),
      auc_oof_unconstrained: oof('unconstrained'),
      auc_oof_no_history: oof('no_history'),
      auc_oof_no_gfi_activity: oof('no_gfi_activity'),
      auc_oof_with_gfi_activity: oof('with_gfi_activity'),
      auc_oof_scored_without_history: oof('shipped_scored_without_history'),
      auc_oof_with_posthoc: oof('with_posthoc'),
      auc_temporal_holdout: round3(temporal.auc),
      auc_temporal_holdout_features_only: round3(temporal.featuresOnly),
      ...Object.fromEntries(
        adaptation.byPrior.map((p) => [
          `auc_temporal_holdout_adapted_prior_${p.priorStrength}`,
          round3(p.auc),
        ]),
      ),
      temporal_text_stack_weight: round3(temporal.stackWeight),
      auc_shipped_in_sample: round3(shippedAuc),
      positives,
      negatives,
      folds: FOLDS,
      seed: SEED,
      recgfi_auc_anchor: RECGFI_AUC,
      goal_auc: GOAL_AUC,
      runtime_s: round3((Date.now() - started) / 1000),
    }),
  );
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

await main();
