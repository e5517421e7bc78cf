// Runs the GitHub emulator in its own process for benchmarks, so the sync's peak RSS is Loupe's alone.
//   emulator-process.ts [repos] [issuesPerRepo] [commentsPerIssue] [seed] [--faults SPEC] [--fault-seed N]
// Prints one line `{"url": …, "issues": n, "comments": n, "repos": [...], "faults": n}` then serves
// until killed. SPEC is `loupe emulator --faults`'s (compact or JSON); a bad one exits 2.
import {
  DEFAULT_FAULT_SEED,
  generateDemoDataset,
  parseFaultSpec,
  startGitHubEmulator,
} from '../src/emulators/github/index.ts';

/** Positional numbers plus the two optional flags, in any order. */
function parseArgs(argv: string[]): {
  positional: number[];
  faults: string | undefined;
  faultSeed: string | undefined;
} {
  const positional: number[] = [];
  let faults: string | undefined;
  let faultSeed: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--faults') faults = argv[++i];
    else if (arg === '--fault-seed') faultSeed = argv[++i];
    else positional.push(Number(arg));
  }
  return { positional, faults, faultSeed };
}

const { positional, faults: spec, faultSeed: seedText } = parseArgs(process.argv.slice(2));
const [repos, issuesPerRepo, commentsPerIssue, seed] = positional;
const parsed = spec === undefined ? { rules: [], errors: [] } : parseFaultSpec(spec);
const rules = parsed.rules;
const errors = parsed.errors.map((e) => `--faults: ${e}`);
const faultSeed = seedText === undefined ? DEFAULT_FAULT_SEED : Number(seedText);
if (seedText !== undefined && !(/^\d+$/.test(seedText) && faultSeed < 2 ** 32))
  errors.push(`--fault-seed must be an integer from 0 to 4294967295 (got "${seedText}")`);
if (errors.length > 0) {
  process.stderr.write(`emulator-process: invalid options:\n  ${errors.join('\n  ')}\n`);
  process.exit(2);
}
const dataset = generateDemoDataset({
  seed: seed ?? 1,
  repos: repos ?? 5,
  issuesPerRepo: issuesPerRepo ?? 10_000,
  commentsPerIssue: commentsPerIssue ?? 3,
});
const emulator = await startGitHubEmulator({
  dataset,
  rateLimit: { limit: 10_000_000 },
  faults: rules,
  faultSeed,
});
process.stdout.write(
  `${JSON.stringify({ url: emulator.url, issues: dataset.issues.length, comments: dataset.comments.length, repos: dataset.repos.map((r) => `${r.owner}/${r.name}`), faults: rules.length })}\n`,
);
process.on('SIGTERM', () => void emulator.close().then(() => process.exit(0)));
