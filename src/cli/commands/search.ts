import type { Command } from 'commander';
import { LoupeError } from '../../core/errors.ts';
import { parseSearchQualifiers } from '../../core/search/search-qualifiers.ts';
import type { IssueSearchResult } from '../../services/search.service.ts';
import { MARK_END, MARK_START } from '../../core/search/issue-query.ts';
import { action } from '../cli-error.ts';
import { withLoupe } from '../open-loupe.ts';

/** What `formatSearchResult` needs of a result: the search's own fields and each issue's identity. */
export type PrintableResult = Pick<
  IssueSearchResult,
  'total' | 'totalCapped' | 'didYouMean' | 'matchMode' | 'qualifiers' | 'relaxations'
> & {
  issues: {
    repo: string;
    number: number;
    title: string;
    state: string;
    isPullRequest: boolean;
    url: string | null;
    snippet: string | null;
  }[];
};

/**
 * How matched words are emphasised: bold and underlined on a terminal; not at all when the output
 * is piped or NO_COLOR is set, so the text stays what the issue says (brackets or other characters
 * would be indistinguishable from titles such as "[memory] leak").
 */
export function matchEmphasis(options: { tty: boolean; noColor: boolean }): [string, string] {
  return options.tty && !options.noColor ? ['\x1b[1;4m', '\x1b[22;24m'] : ['', ''];
}

const plural = (n: number, capped: boolean, word: string) =>
  `${n}${capped ? '+' : ''} ${word}${n === 1 && !capped ? '' : 'es'}`;

/**
 * The lines `loupe search` prints: notes on how the query was read and matched, then per issue
 * `owner/name#N  state kind  title`, its URL and its snippet (indented), then the count; an empty
 * result lists the filters whose removal would find something.
 */
export function formatSearchResult(result: PrintableResult, emphasis: [string, string]): string {
  const lines: string[] = [];
  if (result.qualifiers.length > 0)
    lines.push(`Filters: ${result.qualifiers.map((qualifier) => qualifier.token).join(' ')}`);
  if (result.didYouMean) lines.push(`Showing results for "${result.didYouMean}"`);
  if (result.issues.length > 0 && result.matchMode === 'any-word')
    lines.push('No issue has all the words; showing issues with any of them.');
  if (result.issues.length > 0 && result.matchMode === 'fuzzy-title')
    lines.push('No exact matches; showing titles that look similar.');
  for (const issue of result.issues) {
    const snippet = (issue.snippet ?? '')
      .replace(/\s+/g, ' ')
      .replaceAll(MARK_START, emphasis[0])
      .replaceAll(MARK_END, emphasis[1])
      .trim();
    lines.push(
      `${issue.repo}#${issue.number}  ${issue.state} ${issue.isPullRequest ? 'PR' : 'issue'}  ${issue.title}`,
    );
    if (issue.url) lines.push(`  ${issue.url}`);
    if (snippet) lines.push(`  ${snippet}`);
  }
  lines.push(plural(result.total, result.totalCapped, 'match'));
  for (const relaxation of result.relaxations.filter((r) => r.total > 0)) {
    const filter = relaxation.without.startsWith('q:') ? relaxation.without.slice(2) : relaxation.without;
    lines.push(`  without ${filter}: ${plural(relaxation.total, relaxation.totalCapped, 'match')}`);
  }
  return `${lines.join('\n')}\n`;
}

export function registerSearchCommand(program: Command): void {
  program
    .command('search')
    .description(
      'Full-text search over synced issues (websearch syntax: "exact phrase", -exclude, or) with GitHub qualifiers: ' +
        'is:open|closed|issue|pr, label:x, -label:x, author:, assignee:, no:assignee, no:label, repo:owner/name, ' +
        'sort:updated-desc|created-desc, type:, difficulty:, concept:. Matches are bold and underlined on a terminal, unmarked when piped.',
    )
    .argument('<query>', 'search text and qualifiers, e.g. "is:open label:bug memory leak"')
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
          // A bad qualifier is reported before the database is opened (the search reads them again).
          parseSearchQualifiers(query);
          await withLoupe(
            { purpose: 'loupe search', sources: false, shortLived: true },
            async ({ issues }) => {
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
              const emphasis = matchEmphasis({
                tty: process.stdout.isTTY === true,
                noColor: (process.env.NO_COLOR ?? '') !== '',
              });
              process.stdout.write(formatSearchResult(result, emphasis));
            },
          );
        },
      ),
    );
}
