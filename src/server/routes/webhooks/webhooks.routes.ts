import { Webhooks } from '@octokit/webhooks';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { LoupeError } from '../../../core/errors.ts';
import type { WebhooksService } from '../../../services/webhooks.service.ts';
import { errorResponses } from '../common.schema.ts';
import { githubWebhookHeadersSchema, githubWebhookResponseSchema } from './schema.ts';

/** GitHub caps webhook payloads at 25 MB; Fastify's 1 MiB default would refuse large issue bodies. */
const GITHUB_MAX_PAYLOAD_BYTES = 25 * 1024 * 1024;

export interface WebhooksRoutesOptions {
  service: WebhooksService;
  /** GITHUB_WEBHOOK_SECRET; null disables the endpoint (unsigned payloads are never accepted). */
  secret: string | null;
}

/**
 * POST /api/webhooks/github. Within this plugin JSON bodies are kept as the exact text received:
 * X-Hub-Signature-256 is an HMAC of those bytes, and a re-serialised object would not match it.
 */
export const webhooksRoutes =
  (options: WebhooksRoutesOptions): FastifyPluginAsyncZod =>
  async (app) => {
    const webhooks = options.secret ? new Webhooks({ secret: options.secret }) : null;

    // Content-type parsers are encapsulated: this replaces JSON parsing for this plugin's routes only.
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser(
      ['application/json', 'application/x-www-form-urlencoded'],
      { parseAs: 'string', bodyLimit: GITHUB_MAX_PAYLOAD_BYTES },
      (_request, body, done) => {
        done(null, body);
      },
    );

    async function refuseWhenDisabled() {
      if (!webhooks) {
        throw new LoupeError(
          'WEBHOOKS_DISABLED',
          'webhooks are disabled: set GITHUB_WEBHOOK_SECRET to the secret configured on the GitHub webhook',
        );
      }
    }

    async function verifySignature(request: FastifyRequest) {
      const raw = typeof request.body === 'string' ? request.body : '';
      const signature = request.headers['x-hub-signature-256'];
      if (typeof signature !== 'string' || signature === '') {
        throw new LoupeError(
          'WEBHOOK_SIGNATURE_MISSING',
          'X-Hub-Signature-256 header is missing: give the GitHub webhook the same secret as GITHUB_WEBHOOK_SECRET',
        );
      }
      if (raw === '') throw new LoupeError('INVALID_INPUT', 'the delivery has an empty body');
      if (!(await webhooks!.verify(raw, signature))) {
        throw new LoupeError(
          'WEBHOOK_SIGNATURE_INVALID',
          'X-Hub-Signature-256 does not match the body: check that the GitHub webhook secret equals GITHUB_WEBHOOK_SECRET',
        );
      }
    }

    app.post(
      '/api/webhooks/github',
      {
        // GitHub signs deliveries (X-Hub-Signature-256); it has no Loupe session or token.
        config: { access: 'public' },
        bodyLimit: GITHUB_MAX_PAYLOAD_BYTES,
        schema: {
          summary: 'Receive a signed GitHub webhook delivery (issues, issue_comment, pull_request, ping)',
          tags: ['webhooks'],
          headers: githubWebhookHeadersSchema,
          response: { 200: githubWebhookResponseSchema, 202: githubWebhookResponseSchema, ...errorResponses },
        },
        onRequest: refuseWhenDisabled,
        preHandler: verifySignature,
      },
      async (request, reply) => {
        const event = request.headers['x-github-event'];
        const delivery = request.headers['x-github-delivery'];
        const payload = decodePayload(request.body as string, request.headers['content-type'] ?? '');
        const result = await options.service.ingestGitHub({ event, deliveryId: delivery, payload });
        if (result.outcome === 'stored') {
          for (const note of result.notes) request.log.info({ delivery, event }, note);
        }
        const action =
          typeof (payload as { action?: unknown }).action === 'string'
            ? (payload as { action: string }).action
            : null;
        return reply
          .status(result.outcome === 'ignored' ? 202 : 200)
          .send({ delivery, event, action, ...result });
      },
    );
  };

/** GitHub sends JSON as is, or (content type "application/x-www-form-urlencoded") in a `payload` field. */
function decodePayload(raw: string, contentType: string): unknown {
  const text = contentType.startsWith('application/x-www-form-urlencoded')
    ? (new URLSearchParams(raw).get('payload') ?? '')
    : raw;
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch (error) {
    throw new LoupeError('INVALID_INPUT', `the delivery body is not JSON: ${(error as Error).message}`);
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw new LoupeError('INVALID_INPUT', 'the delivery body must be a JSON object');
  }
  return payload;
}
