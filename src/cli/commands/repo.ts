import { analysisVersionFor, loadEffectiveTaxonomy } from '../../services/concepts.service.ts';
import type { Command } from 'commander';
import { LoupeError, parseRepoFullName } from '../../core/errors.ts';
import { createReposService } from '../../services/repos.service.ts';
import { createRepoRepository } from '../../store/repo.repository.ts';
import { openWorkspace } from '../../services/workspace.ts';
import { action } from '../cli-error.ts';

export function registerRepoCommand(program: Command): void {
  const repo = program.command('repo').description('Manage the repositories Loupe follows');
  repo
    .command('add')
    .description('Follow a GitHub repository, once GitHub says it exists and is readable (sync it with `loupe sync owner/name`)')
    .argument('<owner/name>', 'e.g. octocat/hello-world')
    .option('--api-url <url>', 'GitHub API URL (default: GITHUB_API_URL or https://api.github.com)')
    .option('--token <token>', 'GitHub token (default: GITHUB_TOKEN)')
    .action(action(async (fullName: string, options: { apiUrl?: string; token?: string }) => {
      parseRepoFullName(fullName);
      const workspace = await openWorkspace({ purpose: 'loupe repo add', token: options.token ?? null });
      try {
        // No job queue here: the repository is synced by `loupe sync` (or by a running server's next sync).
        const repos = createReposService({ db: workspace.db, sources: workspace.sources, githubApiUrl: workspace.config.github.apiUrl });
        const { repo: added } = await repos.add(fullName, options.apiUrl ? { apiUrl: options.apiUrl } : {});
        process.stdout.write(`Added ${added.fullName} (${added.apiUrl}). Sync it now with: loupe sync ${added.fullName}\n`);
      } finally {
        await workspace.close();
      }
    }));
  repo
    .command('remove')
    .description('Stop following a repository and delete everything stored for it (issues, comments, analyses, sync state)')
    .argument('<owner/name>', 'e.g. octocat/hello-world')
    .option('--yes', 'remove it (without --yes, only says what would be removed)')
    .action(action(async (fullName: string, options: { yes?: boolean }) => {
      parseRepoFullName(fullName);
      const workspace = await openWorkspace({ purpose: 'loupe repo remove' });
      try {
        const repos = createReposService({ db: workspace.db, sources: workspace.sources, githubApiUrl: workspace.config.github.apiUrl });
        const target = await repos.findByFullName(fullName);
        if (!options.yes) {
          const overview = await repos.get(target.id);
          throw new LoupeError(
            'INVALID_INPUT',
            `This would delete ${target.fullName} with its ${overview.issueCount} issues and ${overview.pullRequestCount} pull requests, their comments and analyses. Run \`loupe repo remove ${target.fullName} --yes\` to remove it.`,
          );
        }
        const removed = await repos.remove(target.id);
        process.stdout.write(`Removed ${removed.repo.fullName}: ${removed.issues} issues and pull requests, ${removed.comments} comments.\n`);
      } finally {
        await workspace.close();
      }
    }));
  repo
    .command('list')
    .description('List followed repositories with their last sync')
    .option('--json', 'print JSON')
    .action(action(async (options: { json?: boolean }) => {
      const workspace = await openWorkspace({ purpose: 'loupe repo list' });
      try {
        const repos = await createRepoRepository(workspace.db).listOverview(analysisVersionFor((await loadEffectiveTaxonomy(workspace.db)).revision));
        if (options.json) {
          process.stdout.write(`${JSON.stringify(repos, null, 2)}\n`);
          return;
        }
        if (repos.length === 0) process.stdout.write('No repositories yet: add one with `loupe repo add owner/name`.\n');
        for (const r of repos) {
          process.stdout.write(`${r.fullName.padEnd(40)} ${String(r.issueCount).padStart(7)} issues ${String(r.pullRequestCount).padStart(7)} PRs  ${r.sync.status}${r.sync.lastSyncedAt ? ` (last ok ${r.sync.lastSyncedAt})` : ''}${r.sync.lastError ? `: ${r.sync.lastError}` : ''}\n`);
        }
      } finally {
        await workspace.close();
      }
    }));
}
