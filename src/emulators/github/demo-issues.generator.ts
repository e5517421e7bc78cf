/**
 * Issues and pull requests of one demo repository, generated in creation order so that numbers,
 * author associations (first-time contributor → contributor), duplicates (always of an earlier
 * issue) and "Fixes #N" links are consistent with time.
 */
import type { AuthorAssociation, DatasetIssue, DatasetMilestone, ReactionCounts } from './dataset.types.ts';
import type { BugTopic } from './demo-text.ts';
import * as text from './demo-text.ts';
import type { RepoFlavour } from './demo-vocabulary.ts';
import { toGitHubTime } from './emulator-clock.ts';
import type { SeededRandom } from './seeded-random.ts';

const DAY = 86_400_000;

export type IssueKind = 'bug' | 'feature' | 'question' | 'docs' | 'pr';

/** Generation facts kept beside each issue for the comment pass. */
export interface IssueMeta {
  kind: IssueKind;
  duplicateOf: number | null;
  fixedBy: number | null;
  createdMs: number;
  closedMs: number | null;
  isBot: boolean;
}

export interface RepoContext {
  rng: SeededRandom;
  flavour: RepoFlavour;
  repo: string;
  startMs: number;
  endMs: number;
  maintainers: string[];
  collaborators: string[];
  community: string[];
  bot: string;
  milestones: DatasetMilestone[];
  /** First time each login had a pull request merged here. */
  firstMerge: Map<string, number>;
  prAuthors: Set<string>;
}

interface Original {
  number: number;
  createdMs: number;
  topic?: BugTopic;
  feature?: number;
}

interface Draft {
  issue: DatasetIssue;
  meta: IssueMeta;
}

const CLOSING: Record<Exclude<IssueKind, 'pr'>, { p: number; meanDays: number; notPlanned: number }> = {
  bug: { p: 0.72, meanDays: 25, notPlanned: 0.15 },
  feature: { p: 0.5, meanDays: 90, notPlanned: 0.35 },
  question: { p: 0.88, meanDays: 6, notPlanned: 0.1 },
  docs: { p: 0.8, meanDays: 14, notPlanned: 0.08 },
};

/** Creation times with steady growth plus bursts around releases, ascending. */
export function creationTimes(
  rng: SeededRandom,
  n: number,
  range: { startMs: number; endMs: number },
): number[] {
  const span = range.endMs - range.startMs;
  const bursts = Array.from({ length: rng.int(3, 7) }, () => range.startMs + rng.next() * span);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const t = rng.chance(0.28)
      ? rng.pick(bursts) + rng.exponential(4 * DAY)
      : range.startMs + span * Math.pow(rng.next(), 0.75);
    out[i] = Math.min(range.endMs - 60_000, Math.floor(t / 1000) * 1000);
  }
  return out.sort((a, b) => a - b);
}

export function association(ctx: RepoContext, login: string, atMs: number): AuthorAssociation {
  if (ctx.maintainers.includes(login)) return 'MEMBER';
  if (ctx.collaborators.includes(login)) return 'COLLABORATOR';
  const merged = ctx.firstMerge.get(login);
  return merged !== undefined && merged < atMs ? 'CONTRIBUTOR' : 'NONE';
}

/** Frequent reporters exist: pick community members with a skew towards the head of the list. */
function communityUser(ctx: RepoContext): string {
  const i = Math.floor(ctx.community.length * Math.pow(ctx.rng.next(), 2.2));
  return ctx.community[Math.min(i, ctx.community.length - 1)] as string;
}

function reactions(rng: SeededRandom, plusOneMean: number): ReactionCounts {
  const out: ReactionCounts = {};
  const plus = rng.geometric(plusOneMean);
  if (plus > 0) out['+1'] = plus;
  if (rng.chance(0.08)) out.heart = rng.int(1, 4);
  if (rng.chance(0.05)) out.eyes = rng.int(1, 3);
  if (rng.chance(0.03)) out.rocket = rng.int(1, 3);
  if (rng.chance(0.02)) out.confused = 1;
  if (rng.chance(0.02)) out['-1'] = rng.int(1, 2);
  if (rng.chance(0.02)) out.laugh = 1;
  if (rng.chance(0.02)) out.hooray = rng.int(1, 2);
  return out;
}

function baseIssue(
  ctx: RepoContext,
  o: { number: number; createdMs: number; user: string; title: string; body: string },
): DatasetIssue {
  const created = toGitHubTime(o.createdMs);
  return {
    id: 0,
    repo: ctx.repo,
    number: o.number,
    title: o.title,
    body: o.body,
    user: o.user,
    authorAssociation: association(ctx, o.user, o.createdMs),
    state: 'open',
    stateReason: null,
    labels: [],
    assignees: [],
    milestone: null,
    locked: false,
    activeLockReason: null,
    createdAt: created,
    updatedAt: created,
    closedAt: null,
    closedBy: null,
    reactions: {},
  };
}

function close(d: Draft, o: { atMs: number; reason: DatasetIssue['stateReason']; by: string }): void {
  d.issue.state = 'closed';
  d.issue.stateReason = o.reason;
  d.issue.closedAt = toGitHubTime(o.atMs);
  d.issue.closedBy = o.by;
  d.meta.closedMs = o.atMs;
}

function pickKind(ctx: RepoContext): Exclude<IssueKind, 'pr'> {
  const kinds = ['bug', 'feature', 'question', 'docs'] as const;
  const weights = ctx.flavour.trace === 'none' ? [0.15, 0.15, 0.1, 0.6] : [0.45, 0.25, 0.15, 0.15];
  return kinds[ctx.rng.weighted(weights)] as Exclude<IssueKind, 'pr'>;
}

function milestoneAfter(ctx: RepoContext, ms: number): number | null {
  for (const m of ctx.milestones) if (m.dueOn && Date.parse(m.dueOn) >= ms) return m.number;
  return null;
}

/** Labels, closure, milestone, assignees and reactions of a plain issue. */
function finishIssue(ctx: RepoContext, d: Draft, o: { area: number; goodFirst: boolean }): void {
  const { rng, flavour } = ctx;
  const kind = d.meta.kind as Exclude<IssueKind, 'pr'>;
  const label = { bug: 'bug', feature: 'enhancement', question: 'question', docs: 'documentation' }[kind];
  const labels = [label];
  if (kind !== 'question' && rng.chance(0.7))
    labels.push(flavour.areas[o.area % flavour.areas.length]!.label);
  if (o.goodFirst) labels.push('good first issue');
  if (kind === 'feature' && rng.chance(0.2)) labels.push('help wanted');
  const rule = CLOSING[kind];
  if (d.meta.duplicateOf !== null) {
    labels.push('duplicate');
    close(d, {
      atMs: d.meta.createdMs + rng.exponential(3 * DAY) + 3_600_000,
      reason: 'duplicate',
      by: rng.pick(ctx.maintainers),
    });
  } else if (rng.chance(o.goodFirst ? rule.p * 0.5 : rule.p)) {
    const notPlanned = rng.chance(rule.notPlanned);
    const by = kind === 'question' && rng.chance(0.3) ? d.issue.user : rng.pick(ctx.maintainers);
    close(d, {
      atMs: d.meta.createdMs + rng.exponential(rule.meanDays * DAY) + 3_600_000,
      reason: notPlanned ? 'not_planned' : 'completed',
      by,
    });
    if (notPlanned && kind === 'feature' && rng.chance(0.4)) labels.push('wontfix');
  }
  if (d.meta.closedMs !== null && d.meta.closedMs >= ctx.endMs) reopenDraft(d);
  if (d.issue.state === 'open' && ctx.endMs - d.meta.createdMs < 30 * DAY && rng.chance(0.6))
    labels.push('needs triage');
  d.issue.labels = labels;
  if ((kind === 'bug' || kind === 'feature') && rng.chance(0.3))
    d.issue.assignees = [rng.pick(ctx.maintainers)];
  if (d.issue.stateReason === 'completed' && rng.chance(0.35))
    d.issue.milestone = milestoneAfter(ctx, d.meta.closedMs ?? 0);
  if (d.issue.state === 'open' && kind !== 'question' && rng.chance(0.15))
    d.issue.milestone = milestoneAfter(ctx, ctx.endMs);
  if (d.issue.state === 'closed' && ctx.endMs - (d.meta.closedMs ?? 0) > 365 * DAY && rng.chance(0.03)) {
    d.issue.locked = true;
    d.issue.activeLockReason = 'resolved';
  }
  d.issue.reactions = reactions(rng, kind === 'feature' ? 4 : kind === 'bug' ? 1.5 : 0.3);
}

function reopenDraft(d: Draft): void {
  d.issue.state = 'open';
  d.issue.stateReason = null;
  d.issue.closedAt = null;
  d.issue.closedBy = null;
  d.meta.closedMs = null;
}

/** A bug, feature, question or docs issue; bugs and features may re-report an earlier issue. */
function makeIssue(
  ctx: RepoContext,
  o: { number: number; createdMs: number; originals: { bug: Original[]; feature: Original[] } },
): Draft {
  const { rng, flavour: f } = ctx;
  const kind = pickKind(ctx);
  const user = rng.chance(0.15) ? rng.pick(ctx.maintainers) : communityUser(ctx);
  const env = text.pickEnv(
    rng,
    f,
    Math.floor(((o.createdMs - ctx.startMs) / (ctx.endMs - ctx.startMs + 1)) * f.releases.length),
  );
  const pool = kind === 'bug' ? o.originals.bug : kind === 'feature' ? o.originals.feature : [];
  const eligible = pool.length > 0 && (pool[0] as Original).createdMs < o.createdMs - 2 * DAY;
  const original = eligible && rng.chance(0.07) ? pickOriginal(rng, pool, o.createdMs) : undefined;
  let title: string;
  let body: string;
  let area = rng.int(0, f.areas.length - 1);
  if (kind === 'bug') {
    const topic = original?.topic ?? text.randomBugTopic(rng, f);
    area = topic.area;
    const v = { template: rng.int(0, 4), synonym: rng.int(0, 2), env };
    title = text.bugTitle(f, topic, v);
    body = text.bugBody(rng, f, { topic, synonym: v.synonym, env, paraphrase: original !== undefined });
    if (!original) o.originals.bug.push({ number: o.number, createdMs: o.createdMs, topic });
  } else if (kind === 'feature') {
    const feature = original?.feature ?? rng.int(0, f.features.length - 1);
    title = text.featureTitle(f, feature, rng.int(0, 4));
    body = text.featureBody(rng, f, { feature, paraphrase: original !== undefined });
    if (!original) o.originals.feature.push({ number: o.number, createdMs: o.createdMs, feature });
  } else if (kind === 'question') {
    const task = rng.int(0, f.tasks.length - 1);
    title = text.questionTitle(f, task, rng.int(0, 2));
    body = text.questionBody(rng, f, { task, env });
  } else {
    title = text.docsTitle(f, area, rng.int(0, 3));
    body = '';
  }
  const goodFirst = (kind === 'docs' && rng.chance(0.4)) || (kind === 'bug' && !original && rng.chance(0.06));
  if (kind === 'docs') body = text.docsBody(rng, f, { area, goodFirst });
  const issue = baseIssue(ctx, { number: o.number, createdMs: o.createdMs, user, title, body });
  const d: Draft = {
    issue,
    meta: {
      kind,
      duplicateOf: original?.number ?? null,
      fixedBy: null,
      createdMs: o.createdMs,
      closedMs: null,
      isBot: false,
    },
  };
  finishIssue(ctx, d, { area, goodFirst });
  return d;
}

/** Duplicates usually re-report something recent; older reports are found less often. */
function pickOriginal(rng: SeededRandom, pool: Original[], beforeMs: number): Original | undefined {
  let hi = pool.length;
  while (hi > 0 && (pool[hi - 1] as Original).createdMs >= beforeMs - 2 * DAY) hi--;
  if (hi === 0) return undefined;
  const back = Math.min(hi - 1, Math.floor(rng.exponential(hi / 4)));
  return pool[hi - 1 - back];
}

export { makeIssue, baseIssue, close, reopenDraft, communityUser, reactions, milestoneAfter };
export type { Draft, Original };
