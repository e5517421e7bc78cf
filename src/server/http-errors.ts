import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { LoupeError, type LoupeErrorCode } from '../core/errors.ts';

/** The only place domain error codes become HTTP statuses. */
const STATUS_BY_CODE: Record<LoupeErrorCode, number> = {
  INVALID_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CSRF_TOKEN_INVALID: 403,
  NOT_FOUND: 404,
  ALREADY_EXISTS: 409,
  // The source rejected Loupe's credentials for it (GITHUB_TOKEN): the request cannot succeed until they
  // change. Not 401, which would say the caller's own credentials for Loupe were wrong.
  SOURCE_AUTH_FAILED: 422,
  SOURCE_ACCESS_DENIED: 403,
  SOURCE_UNAVAILABLE: 502,
  SOURCE_UNREACHABLE: 503,
  RATE_LIMITED: 503,
  SYNC_FAILED: 502,
  JOB_NOT_RETRYABLE: 409,
  GIT_UNAVAILABLE: 503,
  CLONE_FAILED: 502,
  WEBHOOKS_DISABLED: 403,
  WEBHOOK_SIGNATURE_MISSING: 401,
  WEBHOOK_SIGNATURE_INVALID: 401,
};

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export function sendError(reply: FastifyReply, status: number, body: ErrorBody['error']): FastifyReply {
  return reply.status(status).send({ error: body } satisfies ErrorBody);
}

/**
 * Fastify's own request errors (raised before a handler runs) as Loupe's codes and messages: the
 * status, a stable code, and a message that says what to send instead.
 */
function describeFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
): { status: number; code: string; message: string } | null {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        status: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
        message: `Content-Type ${JSON.stringify(request.headers['content-type'] ?? '')} is not accepted by ${request.method} ${request.url.split('?')[0]}: send a JSON body with "Content-Type: application/json"`,
      };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return {
        status: 400,
        code: 'INVALID_INPUT',
        message:
          'the body is empty but Content-Type is application/json: send a JSON object, or no Content-Type',
      };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { status: 400, code: 'INVALID_INPUT', message: 'the body is not valid JSON' };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return {
        status: 413,
        code: 'PAYLOAD_TOO_LARGE',
        message: `the body is larger than this route accepts (${error.message})`,
      };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return {
        status: 400,
        code: 'INVALID_INPUT',
        message: 'Content-Length does not match the body that was sent',
      };
    case 'FST_ERR_BAD_URL':
      return {
        status: 400,
        code: 'INVALID_INPUT',
        message: 'the URL path is not valid percent-encoded UTF-8',
      };
    default:
      return null;
  }
}

/** "body.fullName: …" for a field, "body: …" for the whole body or query string. */
function describeValidation(error: FastifyError): string {
  if (!hasZodFastifySchemaValidationErrors(error)) return error.message;
  const context = error.validationContext ?? 'input';
  return error.validation
    .map((v) => {
      const path = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
      if (!path && /^Invalid input: expected object/.test(v.message ?? ''))
        return `${context}: must be a JSON object (${v.message})`;
      return `${path ? `${context}.${path}` : context}: ${v.message}`;
    })
    .join('; ');
}

export function handleError(
  error: FastifyError | Error,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  if (error instanceof LoupeError) {
    return sendError(reply, STATUS_BY_CODE[error.code], {
      code: error.code,
      message: error.message,
      ...(error.details ? { details: error.details } : {}),
    });
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    return sendError(reply, 400, { code: 'INVALID_INPUT', message: describeValidation(error) });
  }
  const fastifyError = error as FastifyError;
  const framework = describeFrameworkError(fastifyError, request);
  if (framework)
    return sendError(reply, framework.status, { code: framework.code, message: framework.message });
  if (fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return sendError(reply, fastifyError.statusCode, {
      code: fastifyError.code ?? 'BAD_REQUEST',
      message: fastifyError.message,
    });
  }
  request.log.error({ err: error }, 'unhandled error');
  return sendError(reply, 500, {
    code: 'INTERNAL',
    message: 'Internal error; the server log has the details.',
  });
}
