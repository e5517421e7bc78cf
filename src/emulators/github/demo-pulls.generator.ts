/**
 * Pull requests of a demo repository and the per-repository loop that interleaves them with
 * issues. A merged "Fixes #N" pull request closes bug N at merge time, as GitHub does.
 */
import {
  baseIssue,
  close,
  communityUser,
  creationTimes,
  makeIssue,
  milestoneAfter,
  reactions,
  reopenDraft,
} from './demo-issues.generator.ts';
import type { Draft, IssueMeta, Original, RepoContext } from './demo-issues.generator.ts';
import * as text from './demo-text.ts';

const DAY = 86_400_000;

function prAuthor(ctx: RepoContext): { user: string; isBot: boolean } {
  const { rng } = ctx;
  if (ctx.flavour.trace !== 'none' && rng.chance(0.1)) return { user: ctx.bot, isBot: true };
  if (rng.chance(0.35)) return { user: rng.pick(ctx.maintainers), isBot: false };
  return { user: communityUser(ctx), isBot: false };
}

/** An open bug created before `beforeMs` that a fix could reference. */
function openBug(ctx: RepoContext, drafts: Draft[], beforeMs: number): Draft | undefined {
  for (let tries = 0; tries < 6 && drafts.length > 0; tries++) {
    const d = drafts[Math.max(0, drafts.length - 1 - Math.floor(ctx.rng.exponential(40)))] as Draft;
    const openThen = d.meta.closedMs === null || d.meta.closedMs > beforeMs;
    if (d.meta.kind === 'bug' && d.meta.duplicateOf === null && openThen && d.meta.fixedBy === null) return d;
  }
  return undefined;
}

function makePullRequest(ctx: RepoContext, o: { number: number; createdMs: number; drafts: Draft[] }): Draft {
  const { rng, flavour: f } = ctx;
  const { user, isBot } = prAuthor(ctx);
  const area = rng.int(0, f.areas.length - 1);
  const kind = (['fix', 'feat', 'docs', 'chore'] as const)[rng.weighted([0.45, 0.25, 0.15, 0.15])] ?? 'fix';
  const fixes = !isBot && kind === 'fix' && rng.chance(0.6) ? openBug(ctx, o.drafts, o.createdMs) : undefined;
  const bump = isBot ? text.bumpTitle(rng, f) : undefined;
  const title = bump?.title ?? text.prTitle(rng, f, { area, kind });
  const body = bump?.body ?? text.prBody(rng, { fixes: fixes?.issue.number ?? null });
  const issue = baseIssue(ctx, { number: o.number, createdMs: o.createdMs, user, title, body });
  if (!ctx.maintainers.includes(user) && !ctx.prAuthors.has(user) && issue.authorAssociation === 'NONE') {
    issue.authorAssociation = rng.chance(0.1) ? 'FIRST_TIMER' : 'FIRST_TIME_CONTRIBUTOR';
  }
  ctx.prAuthors.add(user);
  const meta: IssueMeta = {
    kind: 'pr',
    duplicateOf: null,
    fixedBy: null,
    createdMs: o.createdMs,
    closedMs: null,
    isBot,
  };
  const d: Draft = { issue, meta };
  settlePullRequest(ctx, d, { fixes, area, isBot });
  return d;
}

function settlePullRequest(
  ctx: RepoContext,
  d: Draft,
  o: { fixes: Draft | undefined; area: number; isBot: boolean },
): void {
  const { rng, flavour: f } = ctx;
  const outcome = rng.weighted([0.62, 0.16, 0.22]);
  const merger = rng.pick(ctx.maintainers);
  let mergedMs: number | null = null;
  if (outcome === 0) {
    mergedMs = d.meta.createdMs + rng.exponential(4 * DAY) + 1_800_000;
    close(d, { atMs: mergedMs, reason: null, by: merger });
  } else if (outcome === 1) {
    close(d, {
      atMs: d.meta.createdMs + rng.exponential(20 * DAY) + 3_600_000,
      reason: null,
      by: rng.chance(0.5) ? merger : d.issue.user,
    });
  }
  if (d.meta.closedMs !== null && d.meta.closedMs >= ctx.endMs) {
    reopenDraft(d);
    mergedMs = null;
  }
  d.issue.pullRequest = {
    mergedAt: mergedMs === null ? null : d.issue.closedAt,
    draft: d.issue.state === 'open' && rng.chance(0.25),
  };
  const labels = o.isBot ? ['dependencies'] : rng.chance(0.5) ? [f.areas[o.area]!.label] : [];
  if (rng.chance(0.05) && !o.isBot) labels.push('breaking change');
  d.issue.labels = labels;
  if (mergedMs !== null) {
    const login = d.issue.user;
    if (!ctx.firstMerge.has(login)) ctx.firstMerge.set(login, mergedMs);
    if (rng.chance(0.3)) d.issue.milestone = milestoneAfter(ctx, mergedMs);
    if (o.fixes) closeFixedBug(o.fixes, { pr: d, atMs: mergedMs, by: merger });
  }
  if (ctx.maintainers.includes(d.issue.user) && rng.chance(0.4)) d.issue.assignees = [d.issue.user];
  d.issue.reactions = reactions(rng, 0.2);
}

function closeFixedBug(bug: Draft, o: { pr: Draft; atMs: number; by: string }): void {
  bug.meta.fixedBy = o.pr.issue.number;
  if (bug.meta.closedMs !== null && bug.meta.closedMs <= o.atMs) return;
  close(bug, { atMs: o.atMs, reason: 'completed', by: o.by });
  bug.issue.labels = bug.issue.labels.filter((l) => l !== 'needs triage');
}

/** All issues and pull requests of one repository, numbered in creation order. */
export function generateRepoIssues(ctx: RepoContext, count: number): Draft[] {
  const times = creationTimes(ctx.rng, count, { startMs: ctx.startMs, endMs: ctx.endMs });
  const drafts: Draft[] = [];
  const originals = { bug: [] as Original[], feature: [] as Original[] };
  for (let i = 0; i < count; i++) {
    const createdMs = times[i] as number;
    const number = i + 1;
    const d = ctx.rng.chance(0.3)
      ? makePullRequest(ctx, { number, createdMs, drafts })
      : makeIssue(ctx, { number, createdMs, originals });
    drafts.push(d);
  }
  return drafts;
}
