import { afterEach, describe, expect, it } from 'vitest';
import {
  ApiError,
  CSRF_HEADER,
  isAbortError,
  parseErrorResponse,
  requestHeaders,
  requestJson,
  setRequestContext,
  toError,
  WORKSPACE_HEADER,
} from './http.ts';

describe('parseErrorResponse', () => {
  it('keeps the server code and message', () => {
    const error = parseErrorResponse({
      status: 400,
      statusText: 'Bad Request',
      bodyText: JSON.stringify({
        error: { code: 'INVALID_REPO', message: 'fullName must look like owner/name' },
      }),
    });
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(400);
    expect(error.code).toBe('INVALID_REPO');
    expect(error.message).toBe('fullName must look like owner/name');
  });

  it('falls back to the status line when the body is not the error shape', () => {
    const error = parseErrorResponse({
      status: 502,
      statusText: 'Bad Gateway',
      bodyText: '<html>proxy</html>',
    });
    expect(error.code).toBe('HTTP_502');
    expect(error.message).toBe('The server answered 502 Bad Gateway.');
  });

  it('falls back when JSON lacks a message', () => {
    const error = parseErrorResponse({ status: 500, statusText: '', bodyText: '{"error":{"code":"X"}}' });
    expect(error.message).toBe('The server answered 500.');
  });
});

describe('isAbortError', () => {
  it('recognises an aborted fetch and nothing else', () => {
    const controller = new AbortController();
    controller.abort();
    expect(isAbortError(controller.signal.reason)).toBe(true);
    expect(isAbortError(new Error('boom'))).toBe(false);
    expect(isAbortError(null)).toBe(false);
  });
});

describe('toError', () => {
  it('keeps an Error as it is and wraps anything else', () => {
    const error = new ApiError({ status: 404, code: 'NOT_FOUND', message: 'no such issue' });
    expect(toError(error)).toBe(error);
    expect(toError('offline')).toEqual(new Error('offline'));
  });
});

describe('requestJson', () => {
  const realFetch = globalThis.fetch;
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  it('sends DELETE and resolves with nothing on 204 No Content', async () => {
    const calls: { url: string; method: string | undefined }[] = [];
    globalThis.fetch = (async (url: string, init?: RequestInit) => {
      calls.push({ url, method: init?.method });
      return new Response(null, { status: 204 });
    }) as typeof fetch;
    await expect(requestJson('/api/repos/7', { method: 'DELETE' })).resolves.toBeUndefined();
    expect(calls).toEqual([{ url: '/api/repos/7', method: 'DELETE' }]);
  });

  it("rejects with the server's message when the answer is an error", async () => {
    globalThis.fetch = (async () =>
      new Response(
        JSON.stringify({
          error: { code: 'NOT_FOUND', message: 'No repository with id 7 in this workspace.' },
        }),
        { status: 404 },
      )) as typeof fetch;
    await expect(requestJson('/api/repos/7', { method: 'DELETE' })).rejects.toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
      message: 'No repository with id 7 in this workspace.',
    });
  });
});

describe('requestHeaders', () => {
  const none = { workspace: null, csrfToken: null };
  const both = { workspace: 'team', csrfToken: 'csrf-1' };

  it('asks for JSON and names no workspace until one is chosen', () => {
    expect(requestHeaders({ method: 'GET', hasBody: false, context: none })).toEqual({
      accept: 'application/json',
    });
    expect(requestHeaders({ method: 'POST', hasBody: true, context: none })).toEqual({
      accept: 'application/json',
      'content-type': 'application/json',
    });
  });

  it('sends the chosen workspace on every request', () => {
    for (const method of ['GET', 'POST', 'PUT', 'DELETE']) {
      expect(requestHeaders({ method, hasBody: false, context: both })[WORKSPACE_HEADER]).toBe('team');
    }
  });

  it('sends the CSRF token on writes only', () => {
    expect(requestHeaders({ method: 'GET', hasBody: false, context: both })).not.toHaveProperty(CSRF_HEADER);
    expect(requestHeaders({ method: 'HEAD', hasBody: false, context: both })).not.toHaveProperty(CSRF_HEADER);
    for (const method of ['POST', 'PUT', 'DELETE', 'delete']) {
      expect(requestHeaders({ method, hasBody: false, context: both })[CSRF_HEADER]).toBe('csrf-1');
    }
    expect(
      requestHeaders({ method: 'POST', hasBody: true, context: { workspace: null, csrfToken: null } }),
    ).not.toHaveProperty(CSRF_HEADER);
  });
});

describe('requestJson with a request context', () => {
  const realFetch = globalThis.fetch;
  afterEach(() => {
    globalThis.fetch = realFetch;
    setRequestContext({ workspace: null, csrfToken: null });
  });

  it('carries the workspace and, on writes, the CSRF token set by the session', async () => {
    const sent: Headers[] = [];
    globalThis.fetch = (async (_url: string, init?: RequestInit) => {
      sent.push(new Headers(init?.headers));
      return new Response('{}', { status: 200 });
    }) as typeof fetch;
    setRequestContext({ workspace: 'team', csrfToken: 'csrf-1' });
    await requestJson('/api/repos');
    await requestJson('/api/tokens', { method: 'POST', body: { name: 'ci', scopes: ['read'] } });
    expect(sent.map((h) => [h.get(WORKSPACE_HEADER), h.get(CSRF_HEADER)])).toEqual([
      ['team', null],
      ['team', 'csrf-1'],
    ]);

    setRequestContext({ workspace: 'demo' });
    await requestJson('/api/repos');
    expect(sent[2]!.get(WORKSPACE_HEADER)).toBe('demo');
  });
});
