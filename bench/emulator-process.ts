// Runs the GitHub emulator in its own process for benchmarks, so the sync's peak RSS is Loupe's alone.
// Prints one line `{"url": …, "issues": n, "comments": n, "repos": [...]}` then serves until killed.
import { generateDemoDataset, startGitHubEmulator } from '../src/sources/github/emulator/index.ts';

const [repos, issuesPerRepo, commentsPerIssue, seed] = process.argv.slice(2).map(Number);
const dataset = generateDemoDataset({ seed: seed ?? 1, repos: repos ?? 5, issuesPerRepo: issuesPerRepo ?? 10_000, commentsPerIssue: commentsPerIssue ?? 3 });
const emulator = await startGitHubEmulator({ dataset, rateLimit: { limit: 10_000_000 } });
process.stdout.write(`${JSON.stringify({ url: emulator.url, issues: dataset.issues.length, comments: dataset.comments.length, repos: dataset.repos.map((r) => `${r.owner}/${r.name}`) })}\n`);
process.on('SIGTERM', () => void emulator.close().then(() => process.exit(0)));
