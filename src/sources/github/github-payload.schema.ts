import { z } from 'zod';

/**
 * The parts of GitHub's REST answers that Loupe stores, checked before anything is written (STYLE
 * habit 16): a body cut short, an HTML error page from a proxy or a renamed field is a retryable
 * fault, never a row of `undefined`. Fields not listed here are ignored; the shapes follow
 * generated/github-openapi-subset.json (issue, issue-comment, full-repository).
 */
const timestamp = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'is not a timestamp');
const login = z.object({ login: z.string() });

export const gitHubRepositorySchema = z.object({
  id: z.number().int().positive(),
  full_name: z.string().min(3),
  description: z.string().nullable().optional(),
  html_url: z.string().optional(),
  default_branch: z.string().optional(),
  language: z.string().nullable().optional(),
  topics: z.array(z.string()).optional(),
  stargazers_count: z.number().int().nonnegative().optional(),
});

export const gitHubIssueSchema = z.object({
  id: z.number().int().positive(),
  node_id: z.string().optional(),
  number: z.number().int().positive(),
  html_url: z.string().optional(),
  title: z.string(),
  body: z.string().nullable().optional(),
  state: z.string(),
  state_reason: z.string().nullable().optional(),
  labels: z.array(
    z.union([
      z.string(),
      z.object({
        name: z.string().optional(),
        color: z.string().nullable().optional(),
        description: z.string().nullable().optional(),
      }),
    ]),
  ),
  user: login.nullable().optional(),
  author_association: z.string().optional(),
  assignees: z.array(login).nullable().optional(),
  milestone: z.object({ title: z.string() }).nullable().optional(),
  comments: z.number().int().nonnegative(),
  reactions: z.object({ total_count: z.number().int() }).nullable().optional(),
  created_at: timestamp,
  updated_at: timestamp,
  closed_at: timestamp.nullable().optional(),
  pull_request: z.object({ merged_at: timestamp.nullable().optional() }).nullable().optional(),
});

export const gitHubCommentSchema = z.object({
  id: z.number().int().positive(),
  issue_url: z.string().regex(/\/issues\/\d+$/, 'does not end in /issues/<number>'),
  body: z.string().nullable().optional(),
  user: login.nullable().optional(),
  author_association: z.string().optional(),
  created_at: timestamp,
  updated_at: timestamp,
});

/** The labels of an issue, as adding or removing one answers them. */
export const gitHubLabelsSchema = z.array(
  z.object({
    name: z.string(),
    color: z.string().nullable().optional(),
    description: z.string().nullable().optional(),
  }),
);

export type GitHubRepositoryPayload = z.infer<typeof gitHubRepositorySchema>;
export type GitHubIssuePayload = z.infer<typeof gitHubIssueSchema>;
export type GitHubCommentPayload = z.infer<typeof gitHubCommentSchema>;

/** The first problem of a failed parse, as "where: what" for an error message. */
export function describeSchemaProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'unexpected shape';
  const where = issue.path.length > 0 ? issue.path.join('.') : 'body';
  return `${where}: ${issue.message}`;
}
