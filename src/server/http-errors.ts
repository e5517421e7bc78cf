import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { LoupeError, type LoupeErrorCode } from '../core/errors.ts';

/** The only place domain error codes become HTTP statuses. */
const STATUS_BY_CODE: Record<LoupeErrorCode, number> = {
  INVALID_INPUT: 400,
  NOT_FOUND: 404,
  ALREADY_EXISTS: 409,
  SOURCE_AUTH_FAILED: 502,
  SOURCE_UNAVAILABLE: 502,
  RATE_LIMITED: 503,
  SYNC_FAILED: 502,
  JOB_NOT_RETRYABLE: 409,
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

export function handleError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof LoupeError) {
    return sendError(reply, STATUS_BY_CODE[error.code], { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) });
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const problems = error.validation.map((v) => {
      const where = `${error.validationContext ?? 'input'}${v.instancePath ? v.instancePath.replaceAll('/', '.') : ''}`;
      return `${where}: ${v.message}`;
    });
    return sendError(reply, 400, { code: 'INVALID_INPUT', message: problems.join('; ') });
  }
  const fastifyError = error as FastifyError;
  if (fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return sendError(reply, fastifyError.statusCode, { code: fastifyError.code ?? 'BAD_REQUEST', message: fastifyError.message });
  }
  request.log.error({ err: error }, 'unhandled error');
  return sendError(reply, 500, { code: 'INTERNAL', message: 'Internal error; the server log has the details.' });
}
