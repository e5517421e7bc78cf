import type { Command } from 'commander';
import { LoupeError } from '../../core/errors.ts';
import { action } from '../cli-error.ts';
import { withLoupe } from '../open-loupe.ts';

export function registerSearchCommand(program: Command): void {
  program
    .command('search')
    .description('Full-text search over synced issues (websearch syntax: "exact phrase", -exclude, or)')
    .argument('<query>', 'search text')
    .option('--repo <owner/name>', 'only this repository')
    .option('--state <state>', 'open or closed')
    .option('--label <label...>', 'issues with all these labels')
    .option('--type <type>', 'issue or pr')
    .option('--sort <sort>', 'relevance, updated or created', 'relevance')
    .option('--limit <n>', 'results to show', '10')
    .option('--json', 'print JSON')
    .action(
      action(
        async (
          query: string,
          options: {
            repo?: string;
            state?: string;
            label?: string[];
            type?: string;
            sort: string;
            limit: string;
            json?: boolean;
          },
        ) => {
          if (!query.trim())
            throw new LoupeError('INVALID_INPUT', 'the search text is empty: loupe search "memory leak"');
          const limit = Number(options.limit);
          if (!Number.isInteger(limit) || limit < 1 || limit > 100)
            throw new LoupeError('INVALID_INPUT', `--limit must be 1 to 100 (got "${options.limit}")`);
          if (options.state && !['open', 'closed'].includes(options.state))
            throw new LoupeError('INVALID_INPUT', '--state must be open or closed');
          if (options.type && !['issue', 'pr'].includes(options.type))
            throw new LoupeError('INVALID_INPUT', '--type must be issue or pr');
          if (!['relevance', 'updated', 'created'].includes(options.sort))
            throw new LoupeError('INVALID_INPUT', '--sort must be relevance, updated or created');
          await withLoupe(
            { purpose: 'loupe search', sources: false, shortLived: true },
            async ({ issues }) => {
              const { MARK_END, MARK_START } = await import('../../services/search-marks.ts');
              const result = await issues.search(null, {
                q: query,
                limit,
                facets: false,
                sort: options.sort as 'relevance',
                ...(options.repo ? { repo: options.repo } : {}),
                ...(options.state ? { state: options.state as 'open' } : {}),
                ...(options.label ? { labels: options.label } : {}),
                ...(options.type ? { type: options.type as 'pr' } : {}),
              });
              if (options.json) {
                process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
                return;
              }
              if (result.didYouMean) process.stdout.write(`Showing results for "${result.didYouMean}"\n`);
              if (result.matchMode === 'any-word')
                process.stdout.write('No issue has all the words; showing issues with any of them.\n');
              if (result.matchMode === 'fuzzy-title')
                process.stdout.write('No exact matches; showing titles that look similar.\n');
              const bold = process.stdout.isTTY ? ['\x1b[1m', '\x1b[22m'] : ['[', ']'];
              for (const issue of result.issues) {
                const snippet = (issue.snippet ?? '')
                  .replace(/\s+/g, ' ')
                  .replaceAll(MARK_START, bold[0]!)
                  .replaceAll(MARK_END, bold[1]!);
                process.stdout.write(
                  `${issue.repo}#${issue.number} [${issue.isPullRequest ? 'PR' : 'issue'}, ${issue.state}] ${issue.title}\n  ${snippet}\n`,
                );
              }
              process.stdout.write(
                `${result.total}${result.totalCapped ? '+' : ''} match${result.total === 1 && !result.totalCapped ? '' : 'es'}\n`,
              );
            },
          );
        },
      ),
    );
}
