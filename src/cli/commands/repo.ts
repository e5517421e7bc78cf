import type { Command } from 'commander';
import { WORKSPACE_HELP, WORKSPACE_OPTION } from '../workspace-option.ts';
import { LoupeError, parseRepoFullName } from '../../core/errors.ts';
import { action } from '../cli-error.ts';
import { withLoupe } from '../open-loupe.ts';

export function registerRepoCommand(program: Command): void {
  const repo = program.command('repo').description('Manage the repositories Loupe follows');
  repo
    .command('add')
    .description(
      'Follow a GitHub repository, once GitHub says it exists and is readable (sync it with `loupe sync owner/name`)',
    )
    .argument('<owner/name>', 'e.g. octocat/hello-world')
    .option('--api-url <url>', 'GitHub API URL (default: GITHUB_API_URL or https://api.github.com)')
    .option('--token <token>', 'GitHub token (default: GITHUB_TOKEN)')
    .option(
      '--connection <name>',
      'read it through this connection of the workspace (`loupe connection list`)',
    )
    .option(WORKSPACE_OPTION, WORKSPACE_HELP, 'default')
    .action(
      action(
        async (
          fullName: string,
          options: { apiUrl?: string; token?: string; connection?: string; workspace: string },
        ) => {
          parseRepoFullName(fullName);
          await withLoupe(
            { purpose: 'loupe repo add', token: options.token ?? null, shortLived: true },
            async (loupe) => {
              const workspaceId = (await loupe.access.localPrincipal(options.workspace, null)).workspace.id;
              const connectionId = options.connection
                ? (await loupe.connections.findByName(workspaceId, options.connection)).id
                : undefined;
              // No job queue here: the repository is synced by `loupe sync` (or by a running server's next sync).
              const { repo: added } = await loupe.repos.add(workspaceId, fullName, {
                ...(options.apiUrl ? { apiUrl: options.apiUrl } : {}),
                ...(connectionId !== undefined ? { connectionId } : {}),
              });
              process.stdout.write(
                `Added ${added.fullName} (${added.apiUrl}). Sync it now with: loupe sync ${added.fullName}\n`,
              );
            },
          );
        },
      ),
    );
  repo
    .command('remove')
    .description(
      'Stop following a repository and delete everything stored for it (issues, comments, analyses, sync state)',
    )
    .argument('<owner/name>', 'e.g. octocat/hello-world')
    .option('--yes', 'remove it (without --yes, only says what would be removed)')
    .option(WORKSPACE_OPTION, WORKSPACE_HELP, 'default')
    .action(
      action(async (fullName: string, options: { yes?: boolean; workspace: string }) => {
        parseRepoFullName(fullName);
        await withLoupe(
          { purpose: 'loupe repo remove', sources: false, shortLived: true },
          async ({ access, repos }) => {
            const workspaceId = (await access.localPrincipal(options.workspace, null)).workspace.id;
            const target = await repos.findByFullName(workspaceId, fullName);
            if (!options.yes) {
              const overview = await repos.get(workspaceId, target.id);
              throw new LoupeError(
                'INVALID_INPUT',
                `This would delete ${target.fullName} with its ${overview.issueCount} issues and ${overview.pullRequestCount} pull requests, their comments and analyses. Run \`loupe repo remove ${target.fullName} --yes\` to remove it.`,
              );
            }
            const removed = await repos.remove(workspaceId, target.id);
            process.stdout.write(
              `Removed ${removed.repo.fullName}: ${removed.issues} issues and pull requests, ${removed.comments} comments.\n`,
            );
          },
        );
      }),
    );
  repo
    .command('clone')
    .description(
      'Keep a git clone of a followed repository, so its issues are judged "already implemented?" by the analysis',
    )
    .argument('<owner/name>', 'e.g. octocat/hello-world')
    .option('--dir <dir>', 'where the (bare) clone goes (default: <data dir>/clones/owner/name.git)')
    .option(
      '--from <url-or-path>',
      'clone from this URL or local path (default: the web host of its API, e.g. https://github.com/owner/name.git)',
    )
    .option(WORKSPACE_OPTION, WORKSPACE_HELP, 'default')
    .addHelpText(
      'after',
      `
The clone is fetched after each sync of the repository (the fetch-clone job of a running server or
worker; \`loupe sync\` fetches it too), and the analysis judges each issue at its head. Run again to
fetch now. Needs the git command line.`,
    )
    .action(
      action(async (fullName: string, options: { dir?: string; from?: string; workspace: string }) => {
        parseRepoFullName(fullName);
        await withLoupe(
          { purpose: 'loupe repo clone', sources: false, shortLived: true },
          async ({ access, clones }) => {
            const workspaceId = (await access.localPrincipal(options.workspace, null)).workspace.id;
            const clone = await clones.clone(workspaceId, fullName, {
              ...(options.dir ? { dir: options.dir } : {}),
              ...(options.from ? { from: options.from } : {}),
            });
            process.stdout.write(
              `${clone.fetched ? 'Fetched' : 'Cloned'} ${fullName} from ${clone.sourceUrl} into ${clone.path} (head ${clone.headCommit?.slice(0, 12) ?? 'none'}). Issues are judged at the next analysis: \`loupe sync ${fullName}\`.\n`,
            );
          },
        );
      }),
    );
  repo
    .command('list')
    .description('List followed repositories with their last sync')
    .option('--json', 'print JSON')
    .action(
      action(async (options: { json?: boolean }) => {
        await withLoupe({ purpose: 'loupe repo list', sources: false, shortLived: true }, async (loupe) => {
          // The local user owns every local workspace: list them all.
          const repos = await loupe.repos.listAcrossWorkspaces();
          if (options.json) {
            process.stdout.write(`${JSON.stringify(repos, null, 2)}\n`);
            return;
          }
          if (repos.length === 0)
            process.stdout.write('No repositories yet: add one with `loupe repo add owner/name`.\n');
          for (const r of repos) {
            process.stdout.write(
              `${r.fullName.padEnd(40)} ${String(r.issueCount).padStart(7)} issues ${String(r.pullRequestCount).padStart(7)} PRs  ${r.sync.status}${r.sync.lastSyncedAt ? ` (last ok ${r.sync.lastSyncedAt})` : ''}${r.sync.lastError ? `: ${r.sync.lastError}` : ''}\n`,
            );
          }
        });
      }),
    );
}
