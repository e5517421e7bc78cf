/**
 * `loupe emulator` (src/cli/commands/emulator.ts): option validation, the printed instructions,
 * and a served demo organisation. Lives here because the command's folder is shared by the CLI.
 */
import { Command, CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { parseEmulatorOptions, registerEmulatorCommand, runEmulator } from '../../../cli/commands/emulator.ts';

describe('loupe emulator options', () => {
  it('uses the documented defaults', () => {
    expect(parseEmulatorOptions({})).toEqual({
      options: { port: 3001, host: '127.0.0.1', seed: 42, repos: 6, issuesPerRepo: 800, dataset: null, rateLimit: null },
      errors: [],
    });
  });

  it('lists every bad option at once', () => {
    const { errors } = parseEmulatorOptions({ port: '70000', repos: 'many', rateLimit: '0', seed: '-1' });
    expect(errors).toHaveLength(4);
    expect(errors.join('\n')).toMatch(/--port must be an integer from 0 to 65535 \(got "70000"\)/);
    expect(parseEmulatorOptions({ dataset: 'x.json', seed: '3' }).errors.join()).toMatch(/--dataset cannot be combined/);
  });

  it('exits non-zero with a clear message on bad options', async () => {
    const program = new Command().exitOverride();
    let stderr = '';
    program.configureOutput({ writeErr: (s) => (stderr += s), writeOut: () => undefined });
    registerEmulatorCommand(program);
    const run = program.parseAsync(['node', 'loupe', 'emulator', '--port', 'abc'], { from: 'node' });
    await expect(run).rejects.toBeInstanceOf(CommanderError);
    await run.catch((error: CommanderError) => expect(error.exitCode).toBe(2));
    expect(stderr).toMatch(/--port must be an integer/);
  });
});

describe('runEmulator', () => {
  it('serves the demo organisation and prints how to use it', async () => {
    const lines: string[] = [];
    const emulator = await runEmulator({ ...parseEmulatorOptions({ port: '0', repos: '2', issuesPerRepo: '20' }).options }, (l) => lines.push(l));
    try {
      expect(lines[0]).toBe(`GitHub API emulator listening on ${emulator.url}`);
      expect(lines).toContain(`  GITHUB_API_URL=${emulator.url} loupe repo add loupe-demo/lumen`);
      const repos = (await (await fetch(`${emulator.url}/orgs/loupe-demo/repos`)).json()) as { name: string }[];
      expect(repos.map((r) => r.name).sort()).toEqual(['lumen', 'quill']);
    } finally {
      await emulator.close();
    }
  });
});
