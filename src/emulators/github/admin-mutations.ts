/**
 * `POST /_emulator/mutations`: the JS API's mutation helpers over HTTP, for a test driving the
 * emulator in another process. The body is `{ "op", "repo", … }` with the helper's arguments as
 * flat fields; it is validated strictly (a misspelt field is an error, not ignored).
 */
import { z } from 'zod';
import type { EmulatorClock } from './emulator-clock.ts';
import {
  EmulatorTargetNotFoundError,
  addComment,
  createIssue,
  deleteComment,
  deleteIssue,
  updateIssue,
} from './emulator-mutations.ts';
import type { EmulatorState } from './emulator-state.ts';
import { commentSnapshot, issueSnapshot } from './state-snapshot.ts';
import type { CommentSnapshot, IssueSnapshot } from './state-snapshot.ts';

const association = z.enum([
  'COLLABORATOR',
  'CONTRIBUTOR',
  'FIRST_TIMER',
  'FIRST_TIME_CONTRIBUTOR',
  'MANNEQUIN',
  'MEMBER',
  'NONE',
  'OWNER',
]);
const reactions = z.partialRecord(
  z.enum(['+1', '-1', 'laugh', 'hooray', 'confused', 'heart', 'rocket', 'eyes']),
  z.number().int().nonnegative(),
);
const repo = z.string().regex(/^[^/\s]+\/[^/\s]+$/, 'owner/name');
const issueNumber = z.number().int().positive();
const logins = z.array(z.string().min(1));

const mutationSchema = z.discriminatedUnion('op', [
  z.strictObject({
    op: z.literal('updateIssue'),
    repo,
    number: issueNumber,
    title: z.string().min(1).optional(),
    body: z.string().nullable().optional(),
    state: z.enum(['open', 'closed']).optional(),
    stateReason: z.enum(['completed', 'reopened', 'not_planned', 'duplicate']).nullable().optional(),
    labels: z.array(z.string()).optional(),
    assignees: logins.optional(),
    milestone: z.number().int().positive().nullable().optional(),
    locked: z.boolean().optional(),
    activeLockReason: z.enum(['resolved', 'off-topic', 'too heated', 'spam']).nullable().optional(),
    reactions: reactions.optional(),
  }),
  z.strictObject({
    op: z.literal('addComment'),
    repo,
    number: issueNumber,
    user: z.string().min(1),
    body: z.string(),
    authorAssociation: association.optional(),
    reactions: reactions.optional(),
  }),
  z.strictObject({
    op: z.literal('createIssue'),
    repo,
    title: z.string().min(1),
    user: z.string().min(1),
    body: z.string().nullable().optional(),
    labels: z.array(z.string()).optional(),
    assignees: logins.optional(),
    milestone: z.number().int().positive().nullable().optional(),
    authorAssociation: association.optional(),
    pullRequest: z.strictObject({ draft: z.boolean().optional() }).optional(),
  }),
  z.strictObject({ op: z.literal('deleteIssue'), repo, number: issueNumber }),
  z.strictObject({
    op: z.literal('deleteComment'),
    repo,
    id: z.number().int().positive(),
    touchIssue: z.boolean().optional(),
  }),
]);

export type AdminMutation = z.infer<typeof mutationSchema>;

/** A mutation body, or every problem with it as "field: message". */
export function parseAdminMutation(value: unknown): { mutation: AdminMutation } | { errors: string[] } {
  const result = mutationSchema.safeParse(value);
  if (result.success) return { mutation: result.data };
  return {
    errors: result.error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : 'body'}: ${i.message}`),
  };
}

// Zod keeps optional keys the body left out as undefined; a patch must not overwrite with them.
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** Applies a validated mutation at the emulator clock's now; returns the object it changed. */
export function applyAdminMutation(
  deps: { state: EmulatorState; clock: EmulatorClock },
  mutation: AdminMutation,
): IssueSnapshot | CommentSnapshot {
  const { state } = deps;
  const now = deps.clock.nowIso();
  const snapshot = (repoName: string, number: number): IssueSnapshot => {
    const entry = state.requireRepo(repoName);
    return issueSnapshot(state, entry, entry.index.issues.get(number)!);
  };
  switch (mutation.op) {
    case 'updateIssue': {
      const { op: _op, repo: target, number, ...patch } = mutation;
      updateIssue(state, { repo: target, number, now }, defined(patch));
      return snapshot(target, number);
    }
    case 'addComment': {
      const { op: _op, repo: target, number, ...comment } = mutation;
      return commentSnapshot(state, addComment(state, { repo: target, number, now }, defined(comment)));
    }
    case 'createIssue': {
      const { op: _op, repo: target, ...issue } = mutation;
      return snapshot(target, createIssue(state, { repo: target, now }, defined(issue)).number);
    }
    case 'deleteIssue': {
      const entry = state.repo(mutation.repo);
      const issue = entry?.index.issues.get(mutation.number);
      if (!entry || !issue)
        throw new EmulatorTargetNotFoundError(`Emulator: no issue ${mutation.repo}#${mutation.number}`);
      // Taken before the deletion, while the issue still counts its comments.
      const before = issueSnapshot(state, entry, issue);
      deleteIssue(state, { repo: mutation.repo, number: mutation.number, now });
      return before;
    }
    case 'deleteComment':
      return commentSnapshot(
        state,
        deleteComment(state, {
          repo: mutation.repo,
          id: mutation.id,
          now,
          touchIssue: mutation.touchIssue ?? false,
        }),
      );
  }
}
