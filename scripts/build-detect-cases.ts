/**
 * Builds the labelled cases of bench:detect from a real history: an issue closed by a merged pull
 * request ("Fixes #N" in its body) is implemented at the commit that landed the pull request (a
 * squash "Title (#M)") and not at that commit's parent. Issue texts come from a public backup of
 * the repository's GitHub issues (REST objects), never from the pull request or commit.
 *
 *   npx tsx scripts/build-detect-cases.ts --repo-dir /work/.mirror/huggingface+datasets/repo \
 *     --issues ../shared/data/github/huggingface-datasets-issues.jsonl.gz --out bench/data/detect/hf-datasets \
 *     --split 2023-01-01
 *
 * Writes issues.jsonl.gz (the cases' issues and the merged pull requests naming them, trimmed to the
 * fields Loupe reads), cases-dev.csv (fix commits before --split: for fitting) and cases-test.csv
 * (from --split on: for measuring only).
 */
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createGzip } from 'node:zlib';
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { createInterface } from 'node:readline';
import { findIssueReference, pullRequestOfCommit } from '../src/core/detect/issue-references.ts';
import { runGit } from '../src/sources/git/git-cli.ts';
import { benchArgs } from '../bench/bench-support.ts';

type Json = Record<string, unknown>;
const args = benchArgs();
const repoDir = args.get('repo-dir');
const issuesPath = args.get('issues');
const out = args.get('out');
const split = Date.parse(args.get('split') ?? '2023-01-01');
if (!repoDir || !issuesPath || !out)
  throw new Error('usage: --repo-dir DIR --issues FILE.jsonl.gz --out DIR [--split YYYY-MM-DD]');

const objects: Json[] = [];
const input = createReadStream(issuesPath);
for await (const line of createInterface({
  input: issuesPath.endsWith('.gz') ? input.pipe(createGunzip()) : input,
  crlfDelay: Infinity,
})) {
  if (line.trim()) objects.push(JSON.parse(line) as Json);
}
const repo = 'huggingface/datasets';
const issues = new Map<number, Json>();
const pulls = new Map<number, Json>();
for (const o of objects) ((o.pull_request ? pulls : issues) as Map<number, Json>).set(o.number as number, o);

const log = await runGit(repoDir, ['log', '--format=%H%x1f%P%x1f%ct%x1f%s']);
const landed = new Map<number, { sha: string; parents: string[]; time: number }>();
for (const line of log.split('\n')) {
  if (!line) continue;
  const [sha, parents, time, subject] = line.split('\x1f') as [string, string, string, string];
  const pr = pullRequestOfCommit(subject);
  if (pr !== null && !landed.has(pr))
    landed.set(pr, { sha, parents: parents.split(' ').filter(Boolean), time: Number(time) * 1000 });
}

interface Fix {
  issue: number;
  sha: string;
  parent: string;
  time: number;
  pull: number;
}
const fixes = new Map<number, Fix>();
for (const [number, pull] of pulls) {
  if (!(pull.pull_request as Json).merged_at) continue;
  const commit = landed.get(number);
  if (!commit || commit.parents.length !== 1) continue;
  const text = `${String(pull.title ?? '')}\n${String(pull.body ?? '')}`;
  for (const [issueNumber, issue] of issues) {
    if (
      text.includes(String(issueNumber)) &&
      findIssueReference(text, { number: issueNumber, repo }) === 'closes'
    ) {
      if (Date.parse(String(issue.created_at)) >= commit.time) continue;
      const seen = fixes.get(issueNumber);
      if (!seen || seen.time > commit.time)
        fixes.set(issueNumber, {
          issue: issueNumber,
          sha: commit.sha,
          parent: commit.parents[0]!,
          time: commit.time,
          pull: number,
        });
    }
  }
}

const trim = (o: Json): Json => ({
  url: o.url,
  repository_url: o.repository_url,
  html_url: o.html_url,
  number: o.number,
  title: o.title,
  body: o.body,
  labels: (o.labels as Json[]).map((l) => ({ name: l.name })),
  state: o.state,
  state_reason: o.state_reason,
  created_at: o.created_at,
  closed_at: o.closed_at,
  comments: o.comments,
  ...(o.pull_request ? { pull_request: { merged_at: (o.pull_request as Json).merged_at } } : {}),
});
const sorted = [...fixes.values()].sort((a, b) => a.time - b.time || a.issue - b.issue);
const usedPulls = new Set<number>();
for (const [number, pull] of pulls) {
  const text = `${String(pull.title ?? '')}\n${String(pull.body ?? '')}`;
  if (
    sorted.some((f) => text.includes(String(f.issue)) && findIssueReference(text, { number: f.issue, repo }))
  )
    usedPulls.add(number);
}
await mkdir(out, { recursive: true });
const gzip = createGzip({ level: 9 });
const done = new Promise<void>((resolve) =>
  gzip.pipe(createWriteStream(path.join(out, 'issues.jsonl.gz'))).on('close', () => resolve()),
);
for (const f of sorted) gzip.write(`${JSON.stringify(trim(issues.get(f.issue)!))}\n`);
for (const number of [...usedPulls].sort((a, b) => a - b))
  gzip.write(`${JSON.stringify(trim(pulls.get(number)!))}\n`);
gzip.end();
await done;
const csv = (list: Fix[]) =>
  [
    'issue,commit,implemented',
    ...list.flatMap((f) => [`${f.issue},${f.sha},1`, `${f.issue},${f.parent},0`]),
  ].join('\n') + '\n';
await writeFile(path.join(out, 'cases-dev.csv'), csv(sorted.filter((f) => f.time < split)));
await writeFile(path.join(out, 'cases-test.csv'), csv(sorted.filter((f) => f.time >= split)));
console.log(
  `${sorted.length} issues with a fix commit (${sorted.filter((f) => f.time < split).length} dev, ${sorted.filter((f) => f.time >= split).length} test); ${usedPulls.size} pull requests kept`,
);
