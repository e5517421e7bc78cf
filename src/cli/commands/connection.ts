import type { Command } from 'commander';
import { WORKSPACE_HELP, WORKSPACE_OPTION } from '../workspace-option.ts';
import { LoupeError } from '../../core/errors.ts';
import type { Loupe } from '../../app/create-loupe.ts';
import type { Principal } from '../../services/access.service.ts';
import { action } from '../cli-error.ts';
import { withLoupe } from '../open-loupe.ts';

/** Runs fn with Loupe open, as the local user (owner of every local workspace) in the named one. */
function asLocalOwner(
  slug: string,
  open: { purpose: string; sources?: boolean },
  fn: (loupe: Loupe, principal: Principal) => Promise<void>,
): Promise<void> {
  return withLoupe({ ...open, shortLived: true }, async (loupe) =>
    fn(loupe, await loupe.access.localPrincipal(slug, null)),
  );
}

/** `loupe connection add|list|remove`: a workspace's connections to its sources. */
export function registerConnectionCommand(program: Command): void {
  const connection = program
    .command('connection')
    .description("Manage a workspace's connections to sources (credentials are stored encrypted)");
  connection
    .command('add')
    .description('Add a connection, e.g. `loupe connection add github --token-env GITHUB_TOKEN`')
    .argument('<kind>', 'the source: github')
    .option('--name <name>', 'a name to refer to it by (default: <kind>-<host>)')
    .option('--base-url <url>', 'the API (default for github: https://api.github.com)')
    .option('--token <token>', 'the token (visible in your shell history: prefer --token-env)')
    .option('--token-env <variable>', 'read the token from this environment variable')
    .option(WORKSPACE_OPTION, WORKSPACE_HELP, 'default')
    .action(
      action(
        async (
          kind: string,
          options: { name?: string; baseUrl?: string; token?: string; tokenEnv?: string; workspace: string },
        ) => {
          if (options.token && options.tokenEnv)
            throw new LoupeError('INVALID_INPUT', 'give --token or --token-env, not both');
          const token = options.tokenEnv ? process.env[options.tokenEnv] : options.token;
          if (options.tokenEnv && !token)
            throw new LoupeError(
              'INVALID_INPUT',
              `the environment variable ${options.tokenEnv} is empty or not set`,
            );
          await asLocalOwner(
            options.workspace,
            { purpose: 'loupe connection add' },
            async ({ connections }, principal) => {
              const added = await connections.add(principal, {
                kind,
                name: options.name,
                baseUrl: options.baseUrl,
                token,
              });
              process.stdout.write(
                `Added connection ${added.name} (${added.kind}, ${added.baseUrl}${added.hasCredentials ? ', token stored encrypted' : ', no token'}) to workspace ${principal.workspace.slug}.\n`,
              );
              process.stdout.write(
                `Add repositories through it with: loupe repo add owner/name --connection ${added.name}${options.workspace !== 'default' ? ` --workspace ${options.workspace}` : ''}\n`,
              );
            },
          );
        },
      ),
    );
  connection
    .command('list')
    .description("List the workspace's connections (never their credentials)")
    .option('--json', 'print JSON')
    .option(WORKSPACE_OPTION, WORKSPACE_HELP, 'default')
    .action(
      action(async (options: { json?: boolean; workspace: string }) => {
        await asLocalOwner(
          options.workspace,
          { purpose: 'loupe connection list', sources: false },
          async ({ connections }, principal) => {
            const list = await connections.list(principal);
            if (options.json) {
              process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
              return;
            }
            if (list.length === 0)
              process.stdout.write(
                `No connections in workspace ${principal.workspace.slug}: add one with \`loupe connection add github --token-env GITHUB_TOKEN\`.\n`,
              );
            for (const c of list)
              process.stdout.write(
                `${c.name.padEnd(30)} ${c.kind.padEnd(8)} ${c.baseUrl}  ${c.hasCredentials ? 'token stored' : 'no token'}\n`,
              );
          },
        );
      }),
    );
  connection
    .command('remove')
    .description('Remove a connection no repository is read through')
    .argument('<name>', 'its name (`loupe connection list`)')
    .option(WORKSPACE_OPTION, WORKSPACE_HELP, 'default')
    .action(
      action(async (name: string, options: { workspace: string }) => {
        await asLocalOwner(
          options.workspace,
          { purpose: 'loupe connection remove', sources: false },
          async ({ connections }, principal) => {
            const found = await connections.findByName(principal.workspace.id, name);
            await connections.remove(principal, found.id);
            process.stdout.write(`Removed connection ${found.name}.\n`);
          },
        );
      }),
    );
}
