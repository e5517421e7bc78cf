/**
 * `loupe emulator` (src/cli/commands/emulator.ts): option validation, the printed instructions,
 * and a served demo organisation. Lives here because the command's folder is shared by the CLI.
 */
import { Command, CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerEmulatorCommand } from '../../cli/commands/emulator.ts';
import { parseEmulatorOptions, runEmulator } from '../../cli/commands/run-emulator.ts';

describe('loupe emulator options', () => {
  it('uses the documented defaults', () => {
    expect(parseEmulatorOptions({})).toEqual({
      options: {
        port: 3001,
        host: '127.0.0.1',
        seed: 42,
        repos: 6,
        issuesPerRepo: 800,
        dataset: null,
        rateLimit: null,
        faults: [],
        faultSeed: 1,
        webhook: null,
        oauth: {},
        contentLimits: null,
      },
      errors: [],
    });
  });

  it('lists every bad option at once', () => {
    const { errors } = parseEmulatorOptions({ port: '70000', repos: 'many', rateLimit: '0', seed: '-1' });
    expect(errors).toHaveLength(4);
    expect(errors.join('\n')).toMatch(/--port must be an integer from 0 to 65535 \(got "70000"\)/);
    expect(parseEmulatorOptions({ dataset: 'x.json', seed: '3' }).errors.join()).toMatch(
      /--dataset cannot be combined/,
    );
  });

  it('parses --faults (compact or JSON) and --fault-seed', () => {
    const compact = parseEmulatorOptions({ faults: 'status=502:10%,reset@/issues:x2', faultSeed: '7' });
    expect(compact.errors).toEqual([]);
    expect(compact.options.faults).toEqual([
      { kind: 'status', status: 502, probability: 0.1 },
      { kind: 'reset', path: /\/issues/, times: 2 },
    ]);
    expect(compact.options.faultSeed).toBe(7);
    const json = parseEmulatorOptions({ faults: '[{"kind":"empty-body","path":"^/repos/[^/]+/[^/]+$"}]' });
    expect(json.options.faults).toEqual([{ kind: 'empty-body', path: /^\/repos\/[^/]+\/[^/]+$/ }]);
  });

  it('parses the webhook, OAuth and content-limit options, listing every problem', () => {
    const good = parseEmulatorOptions({
      webhookUrl: 'http://127.0.0.1:3000/api/webhooks/github',
      webhookSecret: 's3cret',
      oauthClientId: 'Iv1.abc',
      oauthClientSecret: 'shh',
      oauthLogin: 'octocat',
      oauthCallbackUrl: 'http://127.0.0.1:3000/auth/callback',
      deviceAutoApprove: true,
      contentLimits: '3/10',
    });
    expect(good.errors).toEqual([]);
    expect(good.options).toMatchObject({
      webhook: { url: 'http://127.0.0.1:3000/api/webhooks/github', secret: 's3cret' },
      oauth: {
        clientId: 'Iv1.abc',
        clientSecret: 'shh',
        login: 'octocat',
        callbackUrl: 'http://127.0.0.1:3000/auth/callback',
        autoApproveDevice: true,
      },
      contentLimits: { perMinute: 3, perHour: 10 },
    });
    expect(parseEmulatorOptions({ webhookSecret: 'x' }).errors).toEqual([
      '--webhook-secret needs --webhook-url (where to deliver)',
    ]);
    expect(
      parseEmulatorOptions({
        webhookUrl: 'ftp://x',
        oauthCallbackUrl: 'nope',
        oauthLogin: ' ',
        contentLimits: '80',
      }).errors,
    ).toEqual([
      '--webhook-url must be an http(s) URL (got "ftp://x")',
      '--oauth-login must not be empty',
      '--oauth-callback-url must be an http(s) URL (got "nope")',
      '--content-limits must be PER_MINUTE/PER_HOUR, both at least 1 (got "80"; GitHub: 80/500)',
    ]);
  });

  it('lists every fault spec problem beside the other bad options', () => {
    const { errors } = parseEmulatorOptions({ faults: 'status,reset:200%', faultSeed: 'x', port: '-3' });
    expect(errors).toEqual([
      '--port must be an integer from 0 to 65535 (got "-3")',
      '--fault-seed must be an integer from 0 to 4294967295 (got "x")',
      '--faults: item 1 "status": status: needs =N, an HTTP status code',
      '--faults: item 2 "reset:200%": probability must be more than 0% and at most 100%, got 200%',
    ]);
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
    stderr = '';
    const badFaults = program.parseAsync(['node', 'loupe', 'emulator', '--faults', 'explode:5%'], {
      from: 'node',
    });
    await badFaults.catch((error: CommanderError) => expect(error.exitCode).toBe(2));
    expect(stderr).toMatch(/--faults: item 1 "explode:5%": unknown kind "explode"/);
  });

  it('documents the fault spec in its help', () => {
    const program = new Command();
    registerEmulatorCommand(program);
    let help = '';
    const command = program.commands.find((c) => c.name() === 'emulator')!;
    command.configureOutput({ writeOut: (s) => (help += s) });
    command.outputHelp();
    expect(help).toMatch(/--faults <spec>/);
    expect(help).toMatch(/--fault-seed <n>/);
    for (const kind of [
      'status=CODE',
      'secondary[=S]',
      '429[=S]',
      'timeout[=MS]',
      'truncate[=BYTES]',
      'reset',
      'empty-body',
      ':P%',
      ':xN',
    ])
      expect(help).toContain(kind);
  });
});

describe('runEmulator', () => {
  it('serves the demo organisation and prints how to use it', async () => {
    const lines: string[] = [];
    const emulator = await runEmulator(
      { ...parseEmulatorOptions({ port: '0', repos: '2', issuesPerRepo: '20' }).options },
      (l) => lines.push(l),
    );
    try {
      expect(lines[0]).toBe(`GitHub API emulator listening on ${emulator.url}`);
      expect(lines).toContain(`  GITHUB_API_URL=${emulator.url} loupe repo add loupe-demo/lumen`);
      const repos = (await (await fetch(`${emulator.url}/orgs/loupe-demo/repos`)).json()) as {
        name: string;
      }[];
      expect(repos.map((r) => r.name).sort()).toEqual(['lumen', 'quill']);
    } finally {
      await emulator.close();
    }
  });

  it('delivers signed webhooks to --webhook-url and signs in with the --oauth-* app', async () => {
    const received: { event: string | undefined; signature: string | undefined }[] = [];
    const { createServer } = await import('node:http');
    const hook = createServer((req, res) => {
      received.push({
        event: req.headers['x-github-event'] as string | undefined,
        signature: req.headers['x-hub-signature-256'] as string | undefined,
      });
      req.resume().on('end', () => res.end());
    });
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    const hookUrl = `http://127.0.0.1:${(hook.address() as { port: number }).port}/`;
    const lines: string[] = [];
    const { options } = parseEmulatorOptions({
      port: '0',
      repos: '1',
      issuesPerRepo: '5',
      webhookUrl: hookUrl,
      webhookSecret: 's',
      oauthClientId: 'Iv1.cli',
      deviceAutoApprove: true,
    });
    const emulator = await runEmulator(options, (l) => lines.push(l));
    try {
      expect(lines).toContain(
        `Delivering signed webhooks to ${hookUrl}: GET ${emulator.url}/_emulator/deliveries lists them.`,
      );
      const plain = emulator
        .snapshotState('loupe-demo/lumen')!
        .repos[0]!.issues.find((i) => !i.isPullRequest)!;
      emulator.updateIssue('loupe-demo/lumen', plain.number, { title: 'Changed' });
      await emulator.settleWebhooks(10_000);
      expect(received.map((r) => r.event)).toEqual(['ping', 'issues']);
      expect(received.every((r) => r.signature?.startsWith('sha256='))).toBe(true);
      const device = await fetch(`${emulator.url}/login/device/code`, {
        method: 'POST',
        headers: { accept: 'application/json' },
        body: new URLSearchParams({ client_id: 'Iv1.cli' }),
      });
      expect(await device.json()).toMatchObject({ user_code: expect.any(String) });
    } finally {
      await emulator.close();
      await new Promise((resolve) => hook.close(resolve));
    }
  });

  it('starts with the --faults rules in place, drawn with --fault-seed', async () => {
    const lines: string[] = [];
    const { options } = parseEmulatorOptions({
      port: '0',
      repos: '1',
      issuesPerRepo: '5',
      faults: 'status=503@^/orgs/:x1',
      faultSeed: '3',
    });
    const emulator = await runEmulator(options, (l) => lines.push(l));
    try {
      expect(lines).toContain(
        `Injecting 1 fault rule(s), seed 3: GET ${emulator.url}/_emulator/faults lists them.`,
      );
      expect((await fetch(`${emulator.url}/orgs/loupe-demo/repos`)).status).toBe(503);
      expect((await fetch(`${emulator.url}/orgs/loupe-demo/repos`)).status).toBe(200);
      const faults = (await (await fetch(`${emulator.url}/_emulator/faults`)).json()) as {
        seed: number;
        faults: unknown[];
      };
      expect(faults).toEqual({ seed: 3, faults: [] });
    } finally {
      await emulator.close();
    }
  });
});
