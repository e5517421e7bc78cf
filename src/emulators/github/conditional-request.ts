/**
 * Conditional GETs as GitHub answers them: weak ETags over the body and Last-Modified from the
 * newest updated_at in it. A client that already has the answer gets 304 (which, like on GitHub,
 * costs no rate limit).
 */
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** Weak ETag of a body, GitHub style: W/"<sha256 hex>". */
export function weakEtag(body: string): string {
  return `W/"${createHash('sha256').update(body).digest('hex')}"`;
}

/** An HTTP-date (RFC 9110 IMF-fixdate), e.g. "Sat, 01 Jun 2024 00:00:00 GMT". */
export function httpDate(ms: number): string {
  return new Date(ms).toUTCString();
}

function etagMatches(header: string, etag: string): boolean {
  const strip = (t: string): string => t.trim().replace(/^W\//, '');
  return header.split(',').some((t) => t.trim() === '*' || strip(t) === strip(etag));
}

/**
 * Whether the client's copy is current (RFC 9110 §13.2.2): If-None-Match decides when present,
 * otherwise If-Modified-Since compared at whole seconds, the resolution of an HTTP-date.
 */
export function isNotModified(
  headers: IncomingHttpHeaders,
  current: { etag: string; lastModifiedMs: number | null },
): boolean {
  const ifNoneMatch = headers['if-none-match'];
  if (ifNoneMatch !== undefined) return etagMatches(ifNoneMatch, current.etag);
  const ifModifiedSince = headers['if-modified-since'];
  if (ifModifiedSince === undefined || current.lastModifiedMs === null) return false;
  const sinceMs = Date.parse(ifModifiedSince);
  if (Number.isNaN(sinceMs)) return false;
  return Math.floor(current.lastModifiedMs / 1000) <= Math.floor(sinceMs / 1000);
}

/** The validator headers of a 200 or 304 answer. */
export function validatorHeaders(current: {
  etag: string;
  lastModifiedMs: number | null;
}): Record<string, string> {
  return current.lastModifiedMs === null
    ? { etag: current.etag }
    : { etag: current.etag, 'last-modified': httpDate(current.lastModifiedMs) };
}
