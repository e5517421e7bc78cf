/**
 * Conversation on each demo issue: maintainer triage, "+1"s, author follow-ups, answers, reviews,
 * and the closing remarks GitHub users write ("Duplicate of #N", "Fixed in #N").
 */
import type { DatasetComment } from './dataset.types.ts';
import { association, communityUser, reactions } from './demo-issues.generator.ts';
import type { Draft, IssueKind, RepoContext } from './demo-issues.generator.ts';
import { COMMENTS } from './demo-text.ts';
import { toGitHubTime } from './emulator-clock.ts';

const DAY = 86_400_000;

const FACTOR: Record<IssueKind, number> = { bug: 1.3, feature: 1.4, question: 1, docs: 0.5, pr: 0.7 };

function say(ctx: RepoContext, list: readonly string[], d: Draft): string {
  const env = `${ctx.flavour.runtime.name} ${ctx.rng.pick(ctx.flavour.runtime.versions)}`;
  return ctx.rng.pick(list).replace('{env}', env).replace('{n}', String(d.issue.number));
}

/** Who speaks at position i and what they say. */
function turn(ctx: RepoContext, d: Draft, i: number): { user: string; body: string } {
  const { rng } = ctx;
  const kind = d.meta.kind;
  const maintainer = (): string => rng.pick(ctx.maintainers);
  if (kind === 'pr')
    return {
      user: i % 2 === 0 ? maintainer() : d.issue.user,
      body: i % 2 === 0 ? say(ctx, COMMENTS.review, d) : 'Thanks, updated.',
    };
  if (i === 0 && kind === 'question') return { user: maintainer(), body: say(ctx, COMMENTS.answer, d) };
  if (i === 0 && kind === 'bug') return { user: maintainer(), body: say(ctx, COMMENTS.triage, d) };
  const roll = rng.next();
  if (roll < 0.3) return { user: d.issue.user, body: say(ctx, COMMENTS.author, d) };
  if (roll < 0.55)
    return { user: maintainer(), body: say(ctx, kind === 'feature' ? COMMENTS.feature : COMMENTS.triage, d) };
  return {
    user: communityUser(ctx),
    body: say(ctx, kind === 'feature' ? COMMENTS.feature : COMMENTS.metoo, d),
  };
}

function closingRemark(ctx: RepoContext, d: Draft): string | null {
  if (d.meta.duplicateOf !== null) return `Duplicate of #${d.meta.duplicateOf}`;
  if (d.meta.fixedBy !== null && ctx.rng.chance(0.5)) return `Fixed in #${d.meta.fixedBy}.`;
  if (d.issue.stateReason === 'not_planned' && ctx.rng.chance(0.6)) {
    return ctx.rng.pick([
      'Closing as not planned for now, thanks for the suggestion.',
      'Closing: this is out of scope for the project.',
      "Closing since we couldn't reproduce. Please reopen with a reproduction.",
    ]);
  }
  return null;
}

/** Comments of one issue in time order; ids are assigned later in global creation order. */
export function generateComments(
  ctx: RepoContext,
  d: Draft,
  mean: number,
): { comments: DatasetComment[]; lastMs: number } {
  const { rng } = ctx;
  const out: DatasetComment[] = [];
  let lastMs = d.meta.createdMs;
  const limit = d.meta.closedMs ?? ctx.endMs;
  const count = rng.geometric(mean * FACTOR[d.meta.kind]);
  let t = d.meta.createdMs;
  const add = (user: string, body: string, atMs: number): void => {
    const edited = Math.min(
      ctx.endMs,
      rng.chance(0.08) ? atMs + Math.floor(rng.exponential(2 * 3_600_000) / 1000) * 1000 : atMs,
    );
    lastMs = Math.max(lastMs, edited);
    const createdAt = toGitHubTime(atMs);
    out.push({
      id: 0,
      repo: ctx.repo,
      issueNumber: d.issue.number,
      user,
      authorAssociation: user === d.issue.user ? d.issue.authorAssociation : association(ctx, user, atMs),
      body,
      createdAt,
      updatedAt: edited === atMs ? createdAt : toGitHubTime(edited),
      reactions: rng.chance(0.15) ? reactions(rng, 1) : {},
    });
  };
  for (let i = 0; i < count; i++) {
    t += Math.floor((rng.exponential(1.5 * DAY) + 600_000) / 1000) * 1000;
    if (t >= limit) break;
    const { user, body } = turn(ctx, d, i);
    add(user, body, t);
  }
  const remark = d.meta.closedMs === null ? null : closingRemark(ctx, d);
  if (remark) add(d.issue.closedBy ?? rng.pick(ctx.maintainers), remark, d.meta.closedMs as number);
  return { comments: out, lastMs };
}
