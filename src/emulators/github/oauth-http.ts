/**
 * The HTTP side of GitHub's OAuth endpoints (oauth.routes.ts): parameters as a form, JSON or the
 * query; answers as JSON when asked for, else form-encoded; errors as status 200 with `error`,
 * `error_description` and `error_uri`, as GitHub sends them.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { RouteResponse } from './emulator-routes.ts';

export const DOCS = {
  token:
    'https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors',
  authorize: 'https://docs.github.com/apps/managing-oauth-apps/troubleshooting-authorization-request-errors',
  device: 'https://docs.github.com/developers/apps/authorizing-oauth-apps#error-codes-for-the-device-flow',
};
export const ERRORS: Record<string, string> = {
  incorrect_client_credentials: 'The client_id and/or client_secret passed are incorrect.',
  redirect_uri_mismatch: 'The redirect_uri MUST match the registered callback URL for this application.',
  bad_verification_code: 'The code passed is incorrect or expired.',
  unsupported_grant_type: 'The grant type must be urn:ietf:params:oauth:grant-type:device_code or omitted.',
  authorization_pending: 'The authorization request is still pending.',
  slow_down: 'Too many requests have been made in the same timeframe.',
  expired_token: 'The device code has expired.',
  incorrect_device_code: 'The device_code provided is not valid.',
  access_denied: 'The authorization request was denied.',
  device_flow_disabled: 'Device Flow must be explicitly enabled for this App',
};

/** Form, JSON or query parameters, as GitHub takes them on its OAuth POSTs. */
export function oauthParams(url: URL, headers: IncomingHttpHeaders, body: string): Map<string, string> {
  const out = new Map<string, string>(url.searchParams);
  const type = String(headers['content-type'] ?? '');
  if (body.trim() === '') return out;
  if (/json/i.test(type)) {
    try {
      const parsed = JSON.parse(body) as unknown;
      if (typeof parsed === 'object' && parsed !== null) {
        for (const [k, v] of Object.entries(parsed))
          if (typeof v === 'string' || typeof v === 'number') out.set(k, String(v));
      }
    } catch {
      // Unparseable JSON carries no parameters; the missing ones are reported as such.
    }
    return out;
  }
  for (const [k, v] of new URLSearchParams(body)) out.set(k, v);
  return out;
}

/** JSON when the client accepts it, else GitHub's default form encoding. */
export function answer(headers: IncomingHttpHeaders, fields: Record<string, string | number>): RouteResponse {
  if (/application\/json/i.test(String(headers.accept ?? '')))
    return { status: 200, body: JSON.stringify(fields) };
  const form = new URLSearchParams(Object.entries(fields).map(([k, v]) => [k, String(v)])).toString();
  return {
    status: 200,
    body: form,
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
  };
}

export function errorAnswer(
  headers: IncomingHttpHeaders,
  error: string,
  extra: Record<string, string | number> = {},
): RouteResponse {
  const uri =
    error === 'redirect_uri_mismatch' ||
    error === 'incorrect_client_credentials' ||
    error === 'bad_verification_code'
      ? DOCS.token
      : DOCS.device;
  return answer(headers, { error, error_description: ERRORS[error] ?? error, error_uri: uri, ...extra });
}

export function redirect(location: string): RouteResponse {
  return { status: 302, body: '', headers: { location, 'content-type': 'text/html; charset=utf-8' } };
}

export function withQuery(base: string, fields: Record<string, string | null>): string {
  const url = new URL(base);
  for (const [k, v] of Object.entries(fields)) if (v !== null) url.searchParams.set(k, v);
  return url.toString();
}
