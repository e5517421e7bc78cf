import { Webhooks } from '@octokit/webhooks';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { createRequire } from 'node:module';
import { handleError } from '../src/server/http-errors.ts';
import { webhooksRoutes } from '../src/server/routes/webhooks/webhooks.routes.ts';
import { createWebhooksService } from '../src/services/webhooks.service.ts';
import type { Database } from '../src/store/db.ts';
import { createEventRepository } from '../src/store/event.repository.ts';

/** Signed GitHub webhook deliveries built from the official examples, for route and service tests. */

export type WebhookPayload = Record<string, unknown> & { action?: string };
export type WebhookDefinition = { name: string; examples: WebhookPayload[] };
export const requireJson = createRequire(import.meta.url);
/** The package's main export: api.github.com examples, one {name, examples[]} per event. */
export const webhookDefinitions = requireJson('@octokit/webhooks-examples') as WebhookDefinition[];
export const WEBHOOK_SECRET = 'It’s a Secret to Everybody';
export const webhookSigner = new Webhooks({ secret: WEBHOOK_SECRET });

/** A deep copy of the index-th example of event.action, safe to edit. */
export function webhookExample(event: string, action: string, index = 0): WebhookPayload {
  const found = webhookDefinitions
    .find((d) => d.name === event)
    ?.examples.filter((e) => (e.action ?? '') === action)[index];
  if (!found) throw new Error(`no ${event}.${action} example #${index}`);
  return structuredClone(found);
}

/** A Fastify app set up like server/app.ts, with only the webhook route, on a real database. */
export async function buildWebhookApp(db: Database, secret: string | null): Promise<FastifyInstance> {
  const app = Fastify({ logger: false }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  const service = createWebhooksService({ db });
  await app.register(webhooksRoutes({ service, secret }));
  return app;
}

export interface DeliverOptions {
  /** X-GitHub-Delivery; a fresh id when omitted. */
  delivery?: string;
  /** The exact body to send instead of JSON.stringify(payload). */
  body?: string;
  /** X-Hub-Signature-256; null sends none; omitted signs the body with WEBHOOK_SECRET. */
  signature?: string | null;
}

let deliveries = 0;
/** POSTs one delivery to /api/webhooks/github through app.inject. */
export async function deliverWebhook(
  app: FastifyInstance,
  event: string,
  payload: unknown,
  options: DeliverOptions = {},
) {
  const body = options.body ?? JSON.stringify(payload);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-github-event': event,
    'x-github-delivery': options.delivery ?? `delivery-${++deliveries}`,
  };
  const signature = options.signature === undefined ? await webhookSigner.sign(body) : options.signature;
  if (signature !== null) headers['x-hub-signature-256'] = signature;
  const response = await app.inject({ method: 'POST', url: '/api/webhooks/github', headers, payload: body });
  return {
    status: response.statusCode,
    json: response.json() as Record<string, unknown> & { error?: { code: string; message: string } },
  };
}

/** The item events stored so far, in order, as {type, repoId, number, origin}. */
export async function itemEventsOf(
  db: Database,
): Promise<{ type: string; repoId: number | null; number: number; origin: string }[]> {
  const { events } = await createEventRepository(db).list({
    after: 0,
    limit: 10_000,
    types: ['item.created', 'item.changed', 'item.deleted'],
  });
  return events.map((e) => {
    const payload = e.payload as { number: number; origin: string };
    return { type: e.type, repoId: e.repoId, number: payload.number, origin: payload.origin };
  });
}
