/**
 * The request bodies of the REST write routes, as GitHub's OpenAPI description defines them
 * (generated/github-openapi-subset.json, `requestBodies`; emulator.write-conformance.test.ts checks
 * that these accept exactly what those schemas accept), and GitHub's answers to bodies that break
 * them: 400 "Problems parsing JSON" for text that is not JSON, 422 "Invalid request" naming the
 * field otherwise. Unknown fields are ignored, as GitHub ignores them.
 */
import { z } from 'zod';
import { DOCS_URL } from './request-params.ts';

const titleValue = z.union([z.string(), z.number().int()]);
const milestoneValue = z.union([z.string(), z.number().int()]).nullable();
const confidence = z.enum(['low', 'medium', 'high']);
const suggestion = {
  rationale: z.string().optional(),
  suggest: z.boolean().optional(),
  confidence: confidence.optional(),
};
const fieldValues = z.array(
  z.strictObject({
    field_id: z.number().int(),
    value: z.union([z.string(), z.number(), z.array(z.string())]),
    ...suggestion,
  }),
);

export const createIssueBodySchema = z.object({
  title: titleValue,
  body: z.string().optional(),
  assignee: z.string().nullable().optional(),
  milestone: milestoneValue.optional(),
  labels: z
    .array(
      z.union([
        z.string(),
        z.object({
          id: z.number().int().optional(),
          name: z.string().optional(),
          description: z.string().nullable().optional(),
          color: z.string().nullable().optional(),
        }),
      ]),
    )
    .optional(),
  assignees: z.array(z.string()).optional(),
  issue_field_values: fieldValues.optional(),
  type: z.string().nullable().optional(),
});

export const updateIssueBodySchema = z.object({
  title: titleValue.nullable().optional(),
  body: z.string().nullable().optional(),
  assignee: z.string().nullable().optional(),
  state: z.enum(['open', 'closed']).optional(),
  state_reason: z.enum(['completed', 'not_planned', 'duplicate', 'reopened']).nullable().optional(),
  duplicate_issue_id: z.number().int().optional(),
  milestone: milestoneValue.optional(),
  labels: z
    .array(
      z.union([
        z.string(),
        z.object({
          id: z.number().int().optional(),
          name: z.string().optional(),
          description: z.string().nullable().optional(),
          color: z.string().nullable().optional(),
          ...suggestion,
        }),
      ]),
    )
    .optional(),
  assignees: z
    .array(z.union([z.string(), z.object({ login: z.string().optional(), ...suggestion })]))
    .optional(),
  issue_field_values: fieldValues.optional(),
  type: z
    .union([z.string(), z.object({ value: z.string().nullable().optional(), ...suggestion })])
    .nullable()
    .optional(),
});

/** GitHub's description leaves `labels` optional: a body without it adds nothing. */
export const addLabelsBodySchema = z.object({
  labels: z
    .array(z.union([z.string(), z.object({ name: z.string(), ...suggestion })]))
    .min(1)
    .optional(),
});

export const commentBodySchema = z.object({ body: z.string() });

export const lockBodySchema = z
  .object({ lock_reason: z.enum(['off-topic', 'too heated', 'resolved', 'spam']).optional() })
  .nullable();

/** A write GitHub refuses: the status and body to answer with. */
export class WriteRequestError extends Error {
  readonly status: number;
  readonly body: Record<string, unknown>;
  constructor(status: number, body: Record<string, unknown>) {
    super(String(body.message));
    this.status = status;
    this.body = body;
  }

  /** 422 "Validation Failed" with GitHub's error items, for values that parse but make no sense. */
  static validation(error: {
    resource: string;
    field: string;
    code: string;
    value?: unknown;
  }): WriteRequestError {
    return new WriteRequestError(422, {
      message: 'Validation Failed',
      errors: [error],
      documentation_url: DOCS_URL,
    });
  }
}

function describeIssue(issue: z.core.$ZodIssue, input: unknown): string {
  const path = issue.path.map(String);
  let value: unknown = input;
  for (const key of path)
    value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  if (value === undefined && path.length > 0) return `"${path[path.length - 1]}" wasn't supplied.`;
  const where = path.length === 0 ? 'the request body' : `'properties/${path.join('/')}'`;
  if (issue.code === 'invalid_value')
    return `For ${where}, ${JSON.stringify(value)} is not a member of ${JSON.stringify(issue.values)}.`;
  if (issue.code === 'too_small') return `For ${where}, ${JSON.stringify(value)} has too few items.`;
  return `For ${where}, ${JSON.stringify(value)} is not valid (${issue.message}).`;
}

/**
 * A write's body as `schema` describes it. Text that is not JSON answers 400; a body that breaks
 * the schema 422 with GitHub's "Invalid request" message. An empty body is `emptyAs`.
 */
export function parseWriteBody<T>(text: string, schema: z.ZodType<T>, emptyAs: unknown = {}): T {
  let input: unknown = emptyAs;
  if (text.trim() !== '') {
    try {
      input = JSON.parse(text) as unknown;
    } catch {
      throw new WriteRequestError(400, { message: 'Problems parsing JSON', documentation_url: DOCS_URL });
    }
  }
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues.map((i) => describeIssue(i, input)).join('\n');
  throw new WriteRequestError(422, {
    message: `Invalid request.\n\n${details}`,
    documentation_url: DOCS_URL,
  });
}
