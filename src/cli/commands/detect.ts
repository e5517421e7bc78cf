import type { Command } from 'commander';
import type { DetectVerdict } from '../../core/detect/detect.types.ts';
import { LoupeError } from '../../core/errors.ts';
import type { DetectRun, IssueForDetect } from '../../services/detect.service.ts';
import { action } from '../cli-error.ts';
import { withLoupe } from '../open-loupe.ts';

const HELP = `
Judges whether what the issue asks for already exists in the repository at --at (default HEAD): commits
and merged pull requests that reference it ("fixes #123"), changes since the issue was opened whose
added lines hold the issue's terms (identifiers, quoted names, flags, title words), tests and docs among
them, and code that already declared those names before the issue (the report may have missed an
existing feature). Prints the confidence and every piece of evidence with its weight.

The issue comes from Loupe's store (after \`loupe sync owner/name\`) or, with --issue-file, from a
GitHub REST issue object saved as JSON (then no store is opened). --repo-dir is a checkout or a bare
clone; its history is read with the git CLI.`;

const STATUS_TEXT: Record<DetectVerdict['status'], string> = {
  'implemented-after-issue': 'implemented after the issue was opened',
  'existed-before-issue': 'existed before the issue was opened (the report may have missed it)',
  'not-found': 'not found',
};

function formatVerdict(ref: string, run: DetectRun): string[] {
  const v = run.verdict;
  return [
    `${ref} at ${run.commit.slice(0, 12)}: ${STATUS_TEXT[v.status]} — confidence ${v.confidence.toFixed(3)} (threshold ${v.threshold})`,
    `terms: ${v.terms.slice(0, 12).join(', ')}`,
    ...(v.evidence.length ? ['evidence (weight, when, what):'] : ['no evidence found']),
    ...v.evidence.map(
      (e) => `  ${e.weight >= 0 ? '+' : ''}${e.weight.toFixed(2)}  ${e.timing.padEnd(12)}  ${e.summary}`,
    ),
    `indexed ${run.commitsIndexed} commits in ${(run.indexMs / 1000).toFixed(1)} s; judged in ${run.judgeMs.toFixed(0)} ms`,
  ];
}

/** Registers `loupe detect owner/name#123 --repo-dir DIR`. */
export function registerDetectCommand(program: Command): void {
  program
    .command('detect')
    .description("Already implemented? Evidence and a confidence that an issue's ask exists in a repository")
    .argument('<issue>', 'owner/name#123')
    .requiredOption('--repo-dir <dir>', 'a checkout or bare clone of the repository')
    .option('--at <commit>', 'judge the repository as of this commit', 'HEAD')
    .option('--issue-file <file>', 'the issue as a GitHub REST issue object (JSON) instead of the store')
    .option('--hide-references', 'leave out commit messages and pull requests that name the issue')
    .option('--json', 'print one JSON object')
    .addHelpText('after', HELP)
    .action(
      action(
        async (
          ref: string,
          options: {
            repoDir: string;
            at: string;
            issueFile?: string;
            hideReferences?: boolean;
            json?: boolean;
          },
        ) => {
          // Loaded on use: the detector pulls in the TypeScript compiler, which other commands need not wait for.
          const { detectInRepository, parseIssueRef } = await import('../../services/detect.service.ts');
          const parsed = parseIssueRef(ref);
          let input: IssueForDetect;
          if (options.issueFile) {
            const { readIssueFile } = await import('../../eval/detect-inputs.ts');
            const issue = await readIssueFile(options.issueFile);
            if (issue.number !== parsed.number)
              throw new LoupeError(
                'INVALID_INPUT',
                `${options.issueFile} holds issue #${issue.number}, not #${parsed.number}`,
              );
            input = { issue: { ...issue, repo: issue.repo ?? parsed.repo }, pullRequests: [] };
          } else {
            input = await withLoupe({ purpose: 'loupe detect', sources: false, shortLived: true }, (loupe) =>
              loupe.detect.loadIssue(parsed),
            );
          }
          const run = await detectInRepository({
            ...input,
            repoDir: options.repoDir,
            at: options.at,
            hideReferences: options.hideReferences ?? false,
          });
          const out = options.json
            ? JSON.stringify({
                issue: `${parsed.repo}#${parsed.number}`,
                commit: run.commit,
                ...run.verdict,
                index_ms: Math.round(run.indexMs),
                judge_ms: Math.round(run.judgeMs),
                commits_indexed: run.commitsIndexed,
              })
            : formatVerdict(`${parsed.repo}#${parsed.number}`, run).join('\n');
          process.stdout.write(`${out}\n`);
        },
      ),
    );
}
