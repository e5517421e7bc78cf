import { z } from 'zod';
import { REPO_FULL_NAME } from '../../../core/errors.ts';

const isoDate = z.string().refine((v) => !Number.isNaN(Date.parse(v)), { message: 'must be an ISO-8601 date or date-time, e.g. 2024-05-01' });
const toArray = (v: unknown) => (v === undefined ? undefined : Array.isArray(v) ? v : [v]);

/** Query string of GET /api/issues and GET /api/search. */
export const issueQuerySchema = z.object({
  q: z.string().max(500, 'q is at most 500 characters').optional(),
  repo: z.string().regex(REPO_FULL_NAME, 'repo must be owner/name').optional(),
  state: z.enum(['open', 'closed']).optional(),
  label: z.preprocess(toArray, z.array(z.string().min(1).max(100)).max(10)).optional(),
  author: z.string().min(1).max(100).optional(),
  type: z.enum(['issue', 'pr']).optional(),
  createdFrom: isoDate.optional(),
  createdTo: isoDate.optional(),
  updatedFrom: isoDate.optional(),
  updatedTo: isoDate.optional(),
  sort: z.enum(['relevance', 'updated', 'created']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(500).optional(),
  facets: z.enum(['true', 'false']).default('true'),
  issueType: z.enum(['bug', 'feature', 'question', 'docs', 'chore']).optional(),
  difficulty: z.enum(['easy', 'medium', 'hard']).optional(),
  minGfi: z.coerce.number().min(0, 'minGfi is between 0 and 1').max(1, 'minGfi is between 0 and 1').optional(),
  concept: z.string().regex(/^[a-z0-9][a-z0-9-]{0,80}$/, 'concept is a concept id such as "message-queues"').optional(),
  hasDuplicates: z.enum(['true', 'false']).optional(),
});

export const searchQuerySchema = issueQuerySchema.extend({
  q: z.string().trim().min(1, 'q (the search text) is required').max(500, 'q is at most 500 characters'),
});

export const issueIdParamsSchema = z.object({
  id: z.coerce.number({ message: 'id must be a number' }).int().positive('id must be a positive integer'),
});

export const duplicateDecisionParamsSchema = z.object({
  id: z.coerce.number({ message: 'id must be a number' }).int().positive(),
  otherId: z.coerce.number({ message: 'otherId must be a number' }).int().positive(),
});

export const duplicateDecisionBodySchema = z.object({
  decision: z.enum(['confirm', 'reject'], { message: 'decision must be "confirm" or "reject"' }),
  by: z.string().max(100).optional(),
});

export type IssueQueryInput = z.infer<typeof issueQuerySchema>;
