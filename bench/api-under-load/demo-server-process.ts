// Loupe as `npm start` runs it (src/cli/commands/start.ts), in a process of its own: embedded PGlite in
// LOUPE_DATA_DIR, in-process job workers, the demo workspace synced from the bundled emulator. The one
// difference is the size of the demo organisation, which `loupe start` does not let a user choose.
//   demo-server-process.ts <repos> <issuesPerRepo>
// Prints one line `{"url": …}` once the server listens, then serves until SIGTERM.
import { loadConfig } from '../../src/config.ts';
import { runLoupeServer } from '../../src/server/run-server.ts';

const [repos, issuesPerRepo] = process.argv.slice(2).map(Number);
if (!Number.isInteger(repos) || !Number.isInteger(issuesPerRepo)) {
  process.stderr.write('usage: demo-server-process.ts <repos> <issuesPerRepo>\n');
  process.exit(2);
}
const loupe = await runLoupeServer({
  config: loadConfig(),
  demo: 'auto',
  demoSize: { repos: repos!, issuesPerRepo: issuesPerRepo! },
});
process.stdout.write(`${JSON.stringify({ url: loupe.url, demo: loupe.demo })}\n`);
process.once('SIGTERM', () => void loupe.close().then(() => process.exit(0)));
