/**
 * Carries out an injected fault on one request. Faults that replace the answer send it here;
 * 'timeout' with a delay and 'truncate' tell the server to answer normally, later or cut short.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RouteResponse } from './emulator-routes.ts';
import type { FaultRule } from './fault-injector.ts';
import { DOCS_URL } from './request-params.ts';

/** How to cut a normal answer short: `bytes` of the body, or half of it when null. */
export interface Truncation {
  bytes: number | null;
}

export type FaultOutcome =
  { action: 'handled' } | { action: 'respond'; delayMs: number; truncate: Truncation | null };

export interface FaultIo {
  req: IncomingMessage;
  res: ServerResponse;
  send(r: RouteResponse & { headers?: Record<string, string> }): void;
}

const SECONDARY_MESSAGE =
  'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID E0E0:0000.';
const SECONDARY_DOCS =
  'https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits';

function sendSecondaryLimit(io: FaultIo, status: 403 | 429, retryAfterSeconds = 60): FaultOutcome {
  const body = { message: SECONDARY_MESSAGE, documentation_url: SECONDARY_DOCS };
  io.send({ status, body: JSON.stringify(body), headers: { 'retry-after': String(retryAfterSeconds) } });
  return { action: 'handled' };
}

export function applyFault(rule: FaultRule, io: FaultIo): FaultOutcome {
  switch (rule.kind) {
    case 'status': {
      const body = rule.body ?? { message: statusMessage(rule.status), documentation_url: DOCS_URL };
      io.send({ status: rule.status, body: typeof body === 'string' ? body : JSON.stringify(body) });
      return { action: 'handled' };
    }
    case 'secondary-rate-limit':
      return sendSecondaryLimit(io, 403, rule.retryAfterSeconds);
    case 'rate-limit-429':
      return sendSecondaryLimit(io, 429, rule.retryAfterSeconds);
    case 'timeout':
      // No delay: leave the request hanging; close() tears the socket down.
      if (rule.delayMs === undefined) return { action: 'handled' };
      return { action: 'respond', delayMs: rule.delayMs, truncate: null };
    case 'truncate':
      return { action: 'respond', delayMs: 0, truncate: { bytes: rule.bytes ?? null } };
    case 'reset':
      io.req.socket.destroy();
      return { action: 'handled' };
    case 'empty-body':
      // What a misbehaving proxy sends: success, JSON content type, nothing in it.
      io.send({ status: 200, body: '' });
      return { action: 'handled' };
  }
}

function statusMessage(status: number): string {
  if (status === 500) return 'Server Error';
  if (status === 502) return 'Server Error';
  if (status === 503) return 'Service Unavailable';
  if (status === 504)
    return "We couldn't respond to your request in time. Sorry about that. Please try resubmitting your request and contact us if the problem persists.";
  return `Emulated fault (${status})`;
}
