import { z } from 'zod';

/** Headers GitHub sends with every delivery; extra headers pass through untouched. */
export const githubWebhookHeadersSchema = z.looseObject({
  'x-github-event': z
    .string({ message: 'X-GitHub-Event header is required (GitHub sends it with every delivery)' })
    .min(1, 'X-GitHub-Event header is empty'),
  'x-github-delivery': z
    .string({ message: 'X-GitHub-Delivery header is required (GitHub sends it with every delivery)' })
    .min(1, 'X-GitHub-Delivery header is empty'),
  'x-hub-signature-256': z.string().optional(),
});

const answered = {
  delivery: z.string().describe('X-GitHub-Delivery, echoed'),
  event: z.string().describe('X-GitHub-Event, echoed'),
  action: z.string().nullable().describe("The payload's action, when it has one"),
};

/** The 200 and 202 answers (services/webhooks.service.ts WebhookResult, with the delivery's headers). */
export const githubWebhookResponseSchema = z.discriminatedUnion('outcome', [
  z.object({ ...answered, outcome: z.literal('pong'), zen: z.string().nullable() }).describe('200: a ping'),
  z
    .object({ ...answered, outcome: z.literal('ignored'), reason: z.string(), repo: z.string().nullable() })
    .describe('202: an event Loupe does not ingest, or a repository it does not follow'),
  z
    .object({ ...answered, outcome: z.literal('duplicate'), firstReceivedAt: z.string().nullable() })
    .describe(
      '200: this X-GitHub-Delivery was applied before (a redelivery); nothing changed. Ids are remembered for 30 days',
    ),
  z
    .object({
      ...answered,
      outcome: z.literal('stored'),
      repo: z.string(),
      repoId: z.number().int(),
      issuesWritten: z
        .number()
        .int()
        .describe('Rows written; copies older than the stored row or than a deletion are not'),
      commentsWritten: z.number().int(),
      issuesSkipped: z
        .array(z.number().int())
        .describe('Issues too thinly described to insert; the next sync brings them'),
      issuesDeleted: z.number().int(),
      commentsDeleted: z.number().int(),
      lastEventId: z
        .number()
        .int()
        .nullable()
        .describe('The last event this delivery wrote (GET /api/events); null when it changed nothing'),
      notes: z.array(z.string()),
    })
    .describe('200: the delivery was applied (in one transaction with its delivery id)'),
]);
