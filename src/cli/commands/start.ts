import type { Command } from 'commander';
import { loadConfig } from '../../config.ts';
import { action } from '../cli-error.ts';

export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('Run the Loupe server (API, web UI, in-process job workers)')
    .option('--port <port>', 'port (default: PORT or 3000)')
    .option('--host <host>', 'interface to listen on (default: HOST or 127.0.0.1)')
    .option('--no-demo', 'do not offer the demo workspace when no GitHub token is set')
    .action(
      action(async (options: { port?: string; host?: string; demo: boolean }) => {
        const config = loadConfig({
          ...process.env,
          ...(options.port ? { PORT: options.port } : {}),
          ...(options.host ? { HOST: options.host } : {}),
        });
        // Fastify, pg-boss and the web routes load with this command only.
        const { runLoupeServer } = await import('../../server/run-server.ts');
        const loupe = await runLoupeServer({ config, demo: options.demo ? 'auto' : 'off' });
        const where =
          config.database.engine === 'pglite'
            ? `embedded PGlite in ${config.database.dataDir}`
            : 'PostgreSQL';
        process.stdout.write(`Loupe is running at ${loupe.url} (${where})\n`);
        if (loupe.demo)
          process.stdout.write(
            'No GITHUB_TOKEN set: showing the demo workspace, synced from the bundled GitHub emulator.\n',
          );
        await new Promise<void>((resolve) => {
          const stop = () => resolve();
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
        process.stdout.write('Stopping Loupe…\n');
        await loupe.close();
      }),
    );
}
