import { z } from 'zod';

/** Headers GitHub sends with every delivery; extra headers pass through untouched. */
export const githubWebhookHeadersSchema = z.looseObject({
  'x-github-event': z.string({ message: 'X-GitHub-Event header is required (GitHub sends it with every delivery)' }).min(1, 'X-GitHub-Event header is empty'),
  'x-github-delivery': z.string({ message: 'X-GitHub-Delivery header is required (GitHub sends it with every delivery)' }).min(1, 'X-GitHub-Delivery header is empty'),
  'x-hub-signature-256': z.string().optional(),
});
