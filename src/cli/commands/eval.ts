import path from 'node:path';
import type { Command } from 'commander';
import { DEFAULT_GFI_LABEL } from '../../eval/gfi-label.ts';
import { action } from '../cli-error.ts';

interface CommonOptions {
  json?: boolean;
  skipBad?: boolean;
  format?: string;
}

const FILE_FORMATS = `
Files: JSON Lines of GitHub REST issue objects (.jsonl, .ndjson), CSV with a header row (title/Summary,
body/Description, optional id/Issue id, repo, label, created_at …), or fastText lines
("__label__bug text"); any of them gzip-compressed (.gz). Malformed records stop the command with
their line number unless --skip-bad is given (then they are counted in the report).
The last line printed is a one-line summary; with --json a single JSON object is printed instead.`;

const CLASSIFY_HELP = `
Trains the offline issue-type classifier on --train, predicts --test, and prints per-repository
macro F1 over the classes present in that repository's test issues, their mean (the NLBSE'24
protocol), accuracy and a confusion matrix. Labels naming a Loupe type are mapped to it
("enhancement" -> feature); records without a label are left out and counted.

By default the shipped global model is adapted to the training issues (regularised toward the
global weights). The shipped model was trained on ALL of ../shared/data/nlbse24/issues_train.csv and
the huggingface/datasets issues: testing on any part of those files is in-sample. Use --no-global
to train from --train alone, e.g. for a train/test split of the NLBSE file.
${FILE_FORMATS}`;

const DUPES_HELP = `
Indexes every report of --reports into a temporary Loupe store, then, for each unique pair of
--pairs (CSV "Issue id,Duplicate id"; a cell may list several ids), queries with the later-created
report and looks for the earlier one among reports created no later than it. Prints recall-rate@1/5/10
and MAP (= mean reciprocal rank: one partner per query) for Loupe (retrieval SQL + re-ranking) and, on
the same queries, plain PostgreSQL full-text search (the title's words ORed over the same index).
Then applies the analysis job's suggestion rule to every new issue (every report in a pair's later
side, and every report in no pair and not resolved as Duplicate, up to 5,000) and prints its
precision and recall at the file's own duplicate rate and re-weighted to 5% and 10% (most new issues
of a tracker have no duplicate). Term associations are learned from the reports' text, as the
analysis job learns them from the store.
The shipped ranking weights and suggestion model were fitted on the gitbugs Hadoop and SeaMonkey pairs; for an
out-of-sample figure on those, see bench/dupes-quality.bench.ts (cross-data-set weights).
${FILE_FORMATS}`;

const GFI_HELP = `
Scores every issue (pull requests left out) with the good-first-issue scorer and prints the ROC AUC
against --label. The label and all its synonyms (good first issue, beginner, easy, starter,
first-timers-only, up-for-grabs, hacktoberfest …) are removed from the input before scoring. Issues
are judged as the analysis job would have judged them when opened: with their repository's history as
of the first day of their month (earlier issues only), including the repository's own adjustment of
the shipped model fitted on its earlier labelled issues. Both figures are printed: adapted (the
headline) and the shipped model alone (the headline with --no-adapt). The shipped weights were fitted
on the huggingface/datasets issues, so that file gives an in-sample figure for the shipped model.
${FILE_FORMATS}`;

const DETECT_HELP = `
Judges each row of --cases (CSV issue,commit,implemented: an issue number, a commit of --repo-dir, 1 or
0) with \`loupe detect\` as of that commit and prints precision and recall at the default threshold and
ROC AUC of the confidence, overall and per kind of issue (bug, feature, docs, other: from labels, else
the shipped classifier), with the time per case. The history is indexed once for all cases.
--issues holds the issues (GitHub REST objects, JSONL, .gz accepted); merged pull requests in it count
as evidence through their "fixes #N". --hide-references hides every commit message and pull request
that names the issue, so that code evidence alone is measured. The shipped weights were fitted on the
huggingface/datasets cases fixed before 2023 (bench/data/detect): figures on those are in-sample.
${FILE_FORMATS}`;

function print(lines: string[] | Record<string, unknown>): void {
  const text = Array.isArray(lines) ? lines.join('\n') : JSON.stringify(lines);
  process.stdout.write(`${text}\n`);
}

/** The evaluation's own modules and the file readers, loaded when an `eval` command runs. */
async function loadEval() {
  const [inputErrors, report] = await Promise.all([
    import('../../eval/input-errors.ts'),
    import('../../eval/eval-report.ts'),
  ]);
  const onSkip = inputErrors.createSkipReporter((line) => process.stderr.write(`${line}\n`));
  return { ...inputErrors, ...report, onSkip };
}

function withCommonOptions(command: Command): Command {
  return command
    .option('--format <format>', 'input format: auto, jsonl, csv or fasttext', 'auto')
    .option('--skip-bad', 'skip malformed records (counted in the report) instead of stopping')
    .option('--json', 'print one JSON object instead of the report');
}

/** Registers `loupe eval classify|dupes|gfi`: quality figures measured on plain files. */
export function registerEvalCommand(program: Command): void {
  const evalCommand = program
    .command('eval')
    .description(
      'Measure Loupe on your own files: classify, dupes, gfi, detect (no server or database needed)',
    );

  withCommonOptions(evalCommand.command('classify'))
    .description('Issue-type classification: per-repository macro F1, accuracy, confusion matrix')
    .requiredOption('--train <file>', 'labelled issues to train on')
    .requiredOption('--test <file>', 'labelled issues to predict and score')
    .option('--no-global', 'train from --train alone instead of adapting the shipped global model')
    .addHelpText('after', CLASSIFY_HELP)
    .action(
      action(async (options: CommonOptions & { train: string; test: string; global: boolean }) => {
        if (options.global && /issues_train|huggingface-datasets-issues/i.test(path.basename(options.test))) {
          process.stderr.write(
            'loupe: note: the shipped global model was trained on this data set; figures are in-sample (use --no-global)\n',
          );
        }
        const [
          { evalClassify },
          { classifyJson, formatClassifyReport, onSkip, parseFormat, withInputErrors },
        ] = await Promise.all([import('../../eval/eval-classify.ts'), loadEval()]);
        const result = await withInputErrors(() =>
          evalClassify({
            trainPath: options.train,
            testPath: options.test,
            useGlobal: options.global,
            format: parseFormat(options.format),
            skipBad: options.skipBad ?? false,
            onSkip,
          }),
        );
        print(options.json ? classifyJson(result) : formatClassifyReport(result));
      }),
    );

  withCommonOptions(evalCommand.command('dupes'))
    .description('Duplicate detection: recall-rate@1/5/10 and MAP, Loupe vs. plain full-text search')
    .requiredOption('--reports <file>', 'every report (CSV such as gitbugs *_bugs.csv, or JSONL issues)')
    .requiredOption('--pairs <file>', 'confirmed duplicates: CSV "Issue id,Duplicate id"')
    .addHelpText('after', DUPES_HELP)
    .action(
      action(async (options: CommonOptions & { reports: string; pairs: string }) => {
        const [{ evalDupes }, { dupesJson, formatDupesReport, onSkip, parseFormat, withInputErrors }] =
          await Promise.all([import('../../eval/eval-dupes.ts'), loadEval()]);
        const result = await withInputErrors(() =>
          evalDupes({
            reportsPath: options.reports,
            pairsPath: options.pairs,
            format: parseFormat(options.format),
            skipBad: options.skipBad ?? false,
            onSkip,
          }),
        );
        print(options.json ? dupesJson(result) : formatDupesReport(result));
      }),
    );

  withCommonOptions(evalCommand.command('detect'))
    .description(
      'Already implemented?: precision, recall and ROC AUC of the detector on (issue, commit) cases',
    )
    .requiredOption('--repo-dir <dir>', 'a checkout or bare clone of the repository')
    .requiredOption('--issues <file>', 'the issues (and pull requests), GitHub REST objects')
    .requiredOption('--cases <file>', 'CSV issue,commit,implemented')
    .option('--hide-references', 'hide commit messages and pull requests that name the issue')
    .addHelpText('after', DETECT_HELP)
    .action(
      action(
        async (
          options: CommonOptions & {
            repoDir: string;
            issues: string;
            cases: string;
            hideReferences?: boolean;
          },
        ) => {
          // Loaded on use: the detector pulls in the TypeScript compiler, which other commands need not wait for.
          const { evalDetect } = await import('../../eval/eval-detect.ts');
          const { detectJson, formatDetectReport } = await import('../../eval/eval-detect.report.ts');
          const { onSkip, parseFormat, withInputErrors } = await loadEval();
          const result = await withInputErrors(() =>
            evalDetect({
              repoDir: options.repoDir,
              issuesPath: options.issues,
              casesPath: options.cases,
              hideReferences: options.hideReferences ?? false,
              format: parseFormat(options.format),
              skipBad: options.skipBad ?? false,
              onSkip,
            }),
          );
          print(options.json ? detectJson(result) : formatDetectReport(result));
        },
      ),
    );

  withCommonOptions(evalCommand.command('gfi'))
    .description('Good-first-issue score: ROC AUC against a label, with the label hidden')
    .requiredOption('--issues <file>', 'issues with their labels (e.g. GitHub JSONL)')
    .option('--label <name>', 'the label that marks a good first issue', DEFAULT_GFI_LABEL)
    .option('--no-adapt', 'headline the shipped model alone, without the per-repository adjustment')
    .addHelpText('after', GFI_HELP)
    .action(
      action(async (options: CommonOptions & { issues: string; label: string; adapt: boolean }) => {
        const [{ evalGfi }, { formatGfiReport, gfiJson, onSkip, parseFormat, withInputErrors }] =
          await Promise.all([import('../../eval/eval-gfi.ts'), loadEval()]);
        const result = await withInputErrors(() =>
          evalGfi({
            issuesPath: options.issues,
            label: options.label,
            format: parseFormat(options.format),
            adapt: options.adapt,
            skipBad: options.skipBad ?? false,
            onSkip,
          }),
        );
        print(options.json ? gfiJson(result) : formatGfiReport(result));
      }),
    );
}
