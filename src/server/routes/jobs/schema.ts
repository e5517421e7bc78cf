import { z } from 'zod';

export const JOB_STATES = ['created', 'retry', 'active', 'completed', 'cancelled', 'failed'] as const;

export const jobsQuerySchema = z.object({
  queue: z.string().max(100).optional(),
  state: z.enum(JOB_STATES, { message: `state must be one of ${JOB_STATES.join(', ')}` }).optional(),
  limit: z
    .string()
    .regex(/^\d{1,4}$/, 'limit must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(1, 'limit must be at least 1').max(200, 'limit must be at most 200'))
    .default(20),
});

export const jobParamsSchema = z.object({
  queue: z.string().max(100),
  id: z
    .string()
    .regex(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
      'id must be a job id (a UUID, as GET /api/jobs lists them)',
    ),
});

const jobSchema = z.object({
  id: z.string(),
  queue: z.string(),
  state: z.enum(JOB_STATES),
  payload: z.unknown(),
  attempts: z.number().int(),
  retryLimit: z.number().int(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  durationMs: z.number().nullable(),
  error: z.string().nullable().describe('The failure message of a failed job'),
  retryable: z.boolean().describe('Failed and still in the queue: POST …/retry sends it back'),
});

export const jobsResponseSchema = z.object({
  queues: z.array(
    z.object({
      queue: z.string(),
      counts: z
        .record(z.string(), z.number().int())
        .describe('Current jobs by state (finished jobs are archived after 12 hours)'),
      jobs: z.array(jobSchema),
    }),
  ),
});

export const retryResponseSchema = z.object({ queue: z.string(), id: z.string(), state: z.literal('retry') });
