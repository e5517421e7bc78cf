import type { Octokit } from '@octokit/core';
import { startSpan, tracingEnabled } from '../../tracing/tracing.ts';

type Fetch = (url: string | URL, init?: RequestInit) => Promise<Response>;

/**
 * One span per Octokit call (`GitHub GET /repos/{owner}/{repo}/issues`), around the throttling
 * and retry plugins, so that its children are the HTTP attempts (traceFetch) and any waits between
 * them. Installed last: Octokit runs the hook added last outermost. A 304 Not Modified is an answer,
 * not a failure, though Octokit throws it.
 */
export function traceOctokitRequests(octokit: Octokit): void {
  octokit.hook.wrap('request', async (request, options) => {
    if (!tracingEnabled()) return request(options);
    const template = String(options.url);
    const span = startSpan(`GitHub ${options.method} ${template.split('?')[0]}`, {
      attributes: {
        'http.request.method': options.method,
        'url.template': template.includes('{') ? template : undefined,
        'server.address': hostOf(String(options.baseUrl)),
      },
    });
    try {
      const response = await span.run(() => request(options));
      span.setAttributes({ 'http.response.status_code': response.status });
      return response;
    } catch (error) {
      const status = (error as { status?: unknown }).status;
      if (typeof status === 'number') span.setAttributes({ 'http.response.status_code': status });
      if (status !== 304) span.fail(error);
      throw error;
    } finally {
      span.end();
    }
  });
}

/**
 * One client span per HTTP request sent (each retry is its own), named after the method as the HTTP
 * semantic conventions ask, with the full URL and the status. No traceparent header is sent: GitHub
 * has no use for it, and requests stay byte-for-byte what they are with tracing off.
 */
export function traceFetch(fetchFn: Fetch): Fetch {
  return async (url, init) => {
    if (!tracingEnabled()) return fetchFn(url, init);
    const method = init?.method ?? 'GET';
    const target = new URL(String(url));
    const span = startSpan(method, {
      kind: 'client',
      attributes: {
        'http.request.method': method,
        'url.full': target.href,
        'server.address': target.hostname,
        'server.port': Number(target.port || (target.protocol === 'https:' ? 443 : 80)),
      },
    });
    try {
      const response = await fetchFn(url, init);
      span.setAttributes({ 'http.response.status_code': response.status });
      // HTTP conventions: a client span is an error for 4xx and 5xx (304 and other 3xx are answers).
      if (response.status >= 400)
        span.fail(
          Object.assign(new Error(`GitHub answered ${response.status}`), { code: String(response.status) }),
        );
      return response;
    } catch (error) {
      span.fail(error);
      throw error;
    } finally {
      span.end();
    }
  };
}

function hostOf(baseUrl: string): string | undefined {
  try {
    return new URL(baseUrl).hostname;
  } catch {
    return undefined;
  }
}
