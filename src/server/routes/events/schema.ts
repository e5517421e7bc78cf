import { z } from 'zod';
import { EVENT_TYPES, type EventType } from '../../../core/event.ts';

const wholeNumber = (name: string) =>
  z
    .string()
    .regex(/^\d{1,15}$/, `${name} must be a whole number`)
    .transform(Number);

export const eventsQuerySchema = z.object({
  after: wholeNumber('after (an event id; 0 for the oldest kept)').default(0),
  limit: wholeNumber('limit')
    .pipe(z.number().int().min(1, 'limit must be at least 1').max(1000, 'limit must be at most 1000'))
    .default(100),
  type: z
    .string()
    .transform((value, ctx) => {
      const types = value
        .split(',')
        .map((t) => t.trim())
        .filter((t) => t !== '');
      const unknown = types.filter((t) => !(EVENT_TYPES as readonly string[]).includes(t));
      if (unknown.length > 0 || types.length === 0) {
        ctx.addIssue({
          code: 'custom',
          message: `type must be one or more of ${EVENT_TYPES.join(', ')}, comma-separated (got "${unknown.join(',') || value}")`,
        });
        return z.NEVER;
      }
      return types as EventType[];
    })
    .optional(),
});

const eventSchema = z.object({
  id: z.number().int(),
  type: z.enum(EVENT_TYPES),
  repoId: z.number().int().nullable(),
  payload: z.record(z.string(), z.unknown()).describe('Depends on the type; see README, Events'),
  createdAt: z.string(),
});

export const eventsResponseSchema = z.object({
  events: z.array(eventSchema),
  next: z.number().int().describe('Pass as `after` to read on'),
  head: z.number().int().describe('The newest event id when this page was read'),
  oldest: z
    .number()
    .int()
    .nullable()
    .describe('The oldest event still kept (retention: 7 days, 1,000,000 events)'),
  mayHaveMissed: z
    .boolean()
    .describe('`after` is older than the oldest kept event: some events in between were pruned'),
});

export const eventStreamQuerySchema = z.object({
  after: wholeNumber('after (an event id)')
    .optional()
    .describe('Start after this event id; the Last-Event-ID header wins; neither: from now on'),
  type: eventsQuerySchema.shape.type,
});

export const eventStreamHeadersSchema = z.object({
  'last-event-id': z
    .string()
    .regex(/^\d{1,15}$/, 'Last-Event-ID must be a whole number (an event id this server sent)')
    .transform(Number)
    .optional()
    .describe('Sent by EventSource on reconnecting: the stream resumes after it'),
});
