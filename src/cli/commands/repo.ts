import { analysisVersionFor, loadEffectiveTaxonomy } from '../../services/concepts.service.ts';
import type { Command } from 'commander';
import { LoupeError, parseRepoFullName } from '../../core/errors.ts';
import { createRepoRepository } from '../../store/repo.repository.ts';
import { openWorkspace } from '../../services/workspace.ts';
import { action } from '../cli-error.ts';

export function registerRepoCommand(program: Command): void {
  const repo = program.command('repo').description('Manage the repositories Loupe follows');
  repo
    .command('add')
    .description('Follow a GitHub repository (sync it with `loupe sync owner/name`)')
    .argument('<owner/name>', 'e.g. octocat/hello-world')
    .option('--api-url <url>', 'GitHub API URL (default: GITHUB_API_URL or https://api.github.com)')
    .action(action(async (fullName: string, options: { apiUrl?: string }) => {
      const { owner, name } = parseRepoFullName(fullName);
      const workspace = await openWorkspace({ purpose: 'loupe repo add' });
      try {
        const apiUrl = (options.apiUrl ?? workspace.config.github.apiUrl).replace(/\/+$/, '');
        const { repo: added, created } = await createRepoRepository(workspace.db).add({ owner, name, apiUrl });
        if (!created) throw new LoupeError('ALREADY_EXISTS', `${added.fullName} is already followed; sync it with \`loupe sync ${added.fullName}\`.`);
        process.stdout.write(`Added ${added.fullName} (${apiUrl}). Sync it now with: loupe sync ${added.fullName}\n`);
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
        const store = createRepoRepository(workspace.db);
        const workspaceIds = [...new Set((await store.list()).map((r) => r.workspaceId))];
        const repos = [];
        for (const id of workspaceIds) repos.push(...(await store.listOverview(analysisVersionFor((await loadEffectiveTaxonomy(workspace.db, id)).revision), id)));
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
