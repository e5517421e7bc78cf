import type { FastifyInstance, FastifyRequest } from 'fastify';
import { LoupeError } from '../core/errors.ts';

/**
 * JSON is the only body the API reads. Fastify's text/plain parser is removed, so a text body is a
 * 415 that says to send JSON instead of a 400 about a string where an object was expected. Plugins
 * that need the raw text (the webhook route, for its signature) install their own parsers.
 */
export function acceptOnlyJsonBodies(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseJsonBody(body as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}

/**
 * Parses a JSON request body. Keys that could reach Object.prototype when a body is merged into
 * another object (`__proto__`, `constructor.prototype`) are refused, as Fastify's own parser does,
 * but with a message that names them instead of "not valid JSON".
 */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') {
    throw new LoupeError(
      'INVALID_INPUT',
      'the body is empty but Content-Type is application/json: send a JSON object, or no Content-Type',
    );
  }
  try {
    return JSON.parse(text, (key: string, value: unknown) => {
      if (key === '__proto__') throw new ForbiddenKey('__proto__');
      if (
        key === 'constructor' &&
        value !== null &&
        typeof value === 'object' &&
        Object.hasOwn(value, 'prototype')
      )
        throw new ForbiddenKey('constructor.prototype');
      return value;
    });
  } catch (error) {
    if (error instanceof ForbiddenKey) {
      throw new LoupeError(
        'INVALID_INPUT',
        `the body has a "${error.key}" key, which is never accepted: remove it`,
      );
    }
    throw new LoupeError('INVALID_INPUT', `the body is not valid JSON: ${(error as Error).message}`);
  }
}

class ForbiddenKey extends Error {
  constructor(readonly key: string) {
    super(`forbidden key ${key}`);
  }
}

/**
 * onRequest hook: a query string that is not valid percent-encoded UTF-8 (`q=%`, `q=%FF`, a lone
 * surrogate) is a 400. Fastify's parser would otherwise pass such bytes on half-decoded.
 */
export async function refuseMalformedQueryString(request: FastifyRequest): Promise<void> {
  const start = request.url.indexOf('?');
  if (start < 0) return;
  for (const part of request.url.slice(start + 1).split('&')) {
    try {
      decodeURIComponent(part.replaceAll('+', ' '));
    } catch {
      throw new LoupeError(
        'INVALID_INPUT',
        `the query string is not valid percent-encoded UTF-8 near ${JSON.stringify(part.slice(0, 60))}: encode "%" as %25`,
      );
    }
  }
}
