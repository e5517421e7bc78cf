/**
 * The demo organisation ("loupe-demo"): a deterministic, realistic dataset for the emulator, the
 * demo workspace and the sync benchmarks. Same options → byte-identical dataset.
 */
import type {
  DatasetComment,
  DatasetIssue,
  DatasetLabel,
  DatasetMilestone,
  DatasetRepo,
  DatasetUser,
  EmulatorDataset,
} from './dataset.types.ts';
import { generateComments } from './demo-comments.generator.ts';
import type { Draft, RepoContext } from './demo-issues.generator.ts';
import { generateRepoIssues } from './demo-pulls.generator.ts';
import { FIRST_NAMES, FLAVOURS, LAST_NAMES } from './demo-vocabulary.ts';
import type { RepoFlavour } from './demo-vocabulary.ts';
import { toGitHubTime } from './emulator-clock.ts';
import { SeededRandom } from './seeded-random.ts';

export const DEMO_ORG = 'loupe-demo';
const DAY = 86_400_000;

/** Knobs of the demo generator; every one has a default. */
export interface DemoDatasetOptions {
  /** PRNG seed: same seed and options give the same dataset. */
  seed: number;
  /** Number of repositories (default 6: one per flavour; more cycle the flavours as "<name>-2"…). */
  repos?: number;
  /** Issues and pull requests per repository (default 800). */
  issuesPerRepo?: number;
  /** Average comments per issue (default 3; bugs and features get more, docs fewer). */
  commentsPerIssue?: number;
  /** Start of the organisation's history (default 2019-01-01T00:00:00Z). */
  startDate?: string;
  /** End of history; nothing is created or updated later (default 2025-06-30T00:00:00Z). */
  endDate?: string;
  /** Organisation login (default "loupe-demo"). */
  org?: string;
}

const DEFAULT_LABELS: [string, string, string][] = [
  ['bug', 'd73a4a', "Something isn't working"],
  ['documentation', '0075ca', 'Improvements or additions to documentation'],
  ['duplicate', 'cfd3d7', 'This issue or pull request already exists'],
  ['enhancement', 'a2eeef', 'New feature or request'],
  ['good first issue', '7057ff', 'Good for newcomers'],
  ['help wanted', '008672', 'Extra attention is needed'],
  ['invalid', 'e4e669', "This doesn't seem right"],
  ['question', 'd876e3', 'Further information is requested'],
  ['wontfix', 'ffffff', 'This will not be worked on'],
];
const EXTRA_LABELS: [string, string, string | null][] = [
  ['needs triage', 'fbca04', 'Awaiting a first look by a maintainer'],
  ['dependencies', '0366d6', 'Pull requests that update a dependency file'],
  ['breaking change', 'b60205', null],
];

function parseDate(iso: string, name: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`generateDemoDataset: ${name} is not a date: "${iso}"`);
  return ms;
}

function makeUsers(rng: SeededRandom, o: { count: number; startMs: number; endMs: number }): DatasetUser[] {
  const seen = new Set<string>();
  const users: DatasetUser[] = [];
  let id = 1_200_000 + rng.int(0, 50_000);
  while (users.length < o.count) {
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    const forms = [
      `${first}${last}`,
      `${first}-${last}`,
      `${first[0]}${last}`,
      `${first}${rng.int(1, 99)}`,
      `${first}_${last}`,
      `${last}${first[0]}`,
      `${first}-dev`,
    ];
    let login = rng.pick(forms);
    while (seen.has(login)) login = `${login}${rng.int(0, 9)}`;
    seen.add(login);
    id += rng.int(1, 9000);
    const createdMs = o.startMs - rng.next() * 8 * 365 * DAY;
    users.push({
      id,
      login,
      type: 'User',
      name: `${cap(first)} ${cap(last)}`,
      createdAt: toGitHubTime(Math.floor(createdMs / 1000) * 1000),
    });
  }
  return users;
}

function cap(s: string): string {
  return s.length === 0 ? s : s[0]!.toUpperCase() + s.slice(1);
}

function makeRepo(
  rng: SeededRandom,
  o: { flavour: RepoFlavour; index: number; org: string; startMs: number; endMs: number },
): DatasetRepo {
  const round = Math.floor(o.index / FLAVOURS.length);
  const name = round === 0 ? o.flavour.name : `${o.flavour.name}-${round + 1}`;
  const createdMs = Math.floor((o.startMs + rng.next() * 0.35 * (o.endMs - o.startMs)) / 1000) * 1000;
  return {
    id: 300_000_000 + o.index * 7919 + rng.int(0, 5000),
    owner: o.org,
    name,
    description: o.flavour.description,
    language: o.flavour.language,
    topics: o.flavour.topics,
    homepage: o.flavour.name === 'docs' ? `https://${o.org}.github.io/${name}/` : null,
    license: o.flavour.license,
    defaultBranch: 'main',
    stargazers: rng.int(150, 25_000),
    forks: rng.int(10, 2_000),
    size: rng.int(500, 60_000),
    createdAt: toGitHubTime(createdMs),
    updatedAt: toGitHubTime(createdMs),
    pushedAt: toGitHubTime(createdMs),
  };
}

function makeLabels(repo: string, f: RepoFlavour, nextId: () => number): DatasetLabel[] {
  const labels: DatasetLabel[] = DEFAULT_LABELS.map(([name, color, description]) => ({
    id: nextId(),
    repo,
    name,
    color,
    description,
    default: true,
  }));
  for (const [name, color, description] of EXTRA_LABELS)
    labels.push({ id: nextId(), repo, name, color, description, default: false });
  for (const a of f.areas)
    labels.push({ id: nextId(), repo, name: a.label, color: 'c5def5', description: null, default: false });
  return labels;
}

function makeMilestones(
  rng: SeededRandom,
  o: { repo: string; f: RepoFlavour; startMs: number; endMs: number; creator: string; nextId: () => number },
): DatasetMilestone[] {
  const span = o.endMs - o.startMs;
  const n = o.f.releases.length;
  return o.f.releases.map((release, i) => {
    // The last milestone is due after endDate: the release being worked on.
    const dueMs = o.startMs + ((i + 1) / n) * span + (i === n - 1 ? 60 * DAY : 0);
    const createdMs = Math.max(o.startMs, dueMs - rng.int(60, 200) * DAY);
    const closed = dueMs < o.endMs;
    return {
      id: o.nextId(),
      repo: o.repo,
      number: i + 1,
      title: `v${release}`,
      description: `Work planned for the ${release} release`,
      state: closed ? 'closed' : 'open',
      creator: o.creator,
      createdAt: toGitHubTime(Math.floor(createdMs / 1000) * 1000),
      updatedAt: toGitHubTime(Math.floor(Math.min(dueMs, o.endMs) / 1000) * 1000),
      dueOn: toGitHubTime(Math.floor(dueMs / DAY) * DAY),
      closedAt: closed ? toGitHubTime(Math.floor(dueMs / 1000) * 1000) : null,
    };
  });
}

/** Generates the demo organisation. 100,000 issues take a few seconds. */
export function generateDemoDataset(options: DemoDatasetOptions): EmulatorDataset {
  const rng = new SeededRandom(options.seed);
  const org = options.org ?? DEMO_ORG;
  const repoCount = options.repos ?? 6;
  const perRepo = options.issuesPerRepo ?? 800;
  const commentsMean = options.commentsPerIssue ?? 3;
  const startMs = parseDate(options.startDate ?? '2019-01-01T00:00:00Z', 'startDate');
  const endMs = parseDate(options.endDate ?? '2025-06-30T00:00:00Z', 'endDate');
  if (!(endMs > startMs)) throw new Error('generateDemoDataset: endDate must be after startDate');
  if (!Number.isInteger(repoCount) || repoCount < 1 || !Number.isInteger(perRepo) || perRepo < 0) {
    throw new Error(
      'generateDemoDataset: repos must be a positive integer and issuesPerRepo a non-negative integer',
    );
  }
  const people = makeUsers(rng, {
    count: Math.min(20_000, Math.max(80, Math.round((repoCount * perRepo) / 6))),
    startMs,
    endMs,
  });
  const team = people.slice(0, 12).map((u) => u.login);
  const community = people.slice(12).map((u) => u.login);
  const orgUser: DatasetUser = {
    id: 90_000_000 + rng.int(0, 9_999),
    login: org,
    type: 'Organization',
    name: 'Loupe Demo',
    createdAt: toGitHubTime(startMs - 30 * DAY),
  };
  const bot: DatasetUser = {
    id: 49_699_333,
    login: 'dependabot[bot]',
    type: 'Bot',
    createdAt: '2019-04-16T22:34:25Z',
  };
  let labelId = 5_000_000_000;
  let milestoneId = 9_000_000;
  const ds: EmulatorDataset = {
    version: 1,
    viewer: team[0] as string,
    users: [orgUser, bot, ...people],
    repos: [],
    labels: [],
    milestones: [],
    issues: [],
    comments: [],
  };
  for (let i = 0; i < repoCount; i++) {
    const flavour = FLAVOURS[i % FLAVOURS.length] as RepoFlavour;
    const repo = makeRepo(rng, { flavour, index: i, org, startMs, endMs });
    const full = `${org}/${repo.name}`;
    const maintainers = Array.from(new Set(Array.from({ length: rng.int(3, 5) }, () => rng.pick(team))));
    const milestones = makeMilestones(rng, {
      repo: full,
      f: flavour,
      startMs: Date.parse(repo.createdAt),
      endMs,
      creator: maintainers[0] as string,
      nextId: () => milestoneId++,
    });
    ds.repos.push(repo);
    ds.labels.push(...makeLabels(full, flavour, () => labelId++));
    ds.milestones.push(...milestones);
    const ctx: RepoContext = {
      rng,
      flavour,
      repo: full,
      startMs: Date.parse(repo.createdAt),
      endMs,
      maintainers,
      collaborators: [rng.pick(community), rng.pick(community)],
      community,
      bot: bot.login,
      milestones,
      firstMerge: new Map(),
      prAuthors: new Set(),
    };
    addRepoActivity(ds, { ctx, repo, drafts: generateRepoIssues(ctx, perRepo), commentsMean });
  }
  assignIds(ds);
  return ds;
}

function addRepoActivity(
  ds: EmulatorDataset,
  o: { ctx: RepoContext; repo: DatasetRepo; drafts: Draft[]; commentsMean: number },
): void {
  let lastMs = Date.parse(o.repo.createdAt);
  for (const d of o.drafts) {
    const { comments, lastMs: lastComment } = generateComments(o.ctx, d, o.commentsMean);
    const updated = Math.max(d.meta.createdMs, d.meta.closedMs ?? 0, lastComment);
    d.issue.updatedAt = toGitHubTime(Math.min(updated, o.ctx.endMs));
    lastMs = Math.max(lastMs, updated);
    ds.issues.push(d.issue);
    for (const c of comments) ds.comments.push(c);
  }
  o.repo.updatedAt = toGitHubTime(Math.min(lastMs, o.ctx.endMs));
  o.repo.pushedAt = o.repo.updatedAt;
}

/** Ids grow with creation time across the whole organisation, like GitHub's. */
function assignIds(ds: EmulatorDataset): void {
  // Array.prototype.sort is stable, so equal timestamps keep generation order.
  const byCreated = <T extends { createdAt: string }>(items: T[]): T[] =>
    [...items].sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
  let issueId = 1_100_000_000;
  for (const issue of byCreated<DatasetIssue>(ds.issues)) issue.id = issueId += 1 + (issue.number % 37);
  let commentId = 1_500_000_000;
  for (const c of byCreated<DatasetComment>(ds.comments)) c.id = commentId += 1 + (c.issueNumber % 53);
}
