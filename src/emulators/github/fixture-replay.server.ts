/**
 * Replays a recorded api.github.com scenario (the normalized-fixture.json files of
 * @octokit/fixtures) over node:http: the recorded status, headers and body for each expected
 * request, in order. Anything else is answered 500 and recorded, so a client test can assert it
 * made exactly the recorded requests (`assertDone()`).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One recorded exchange, as in @octokit/fixtures' normalized fixtures. */
export interface RecordedRequest {
  method: string;
  /** Path with query, e.g. /repos/o/r/issues?per_page=3 */
  path: string;
  status: number;
  headers?: Record<string, string | number | string[]>;
  response?: unknown;
  body?: unknown;
  scope?: string;
}

export interface FixtureReplayServer {
  url: string;
  /** Requests that did not match the next recorded one. */
  unexpected: { method: string; path: string; expected: string | null }[];
  /** Number of recorded requests not yet served. */
  pending(): number;
  /** Throws unless every recorded request was served and nothing unexpected arrived. */
  assertDone(): void;
  close(): Promise<void>;
}

const DROPPED = new Set(['content-length', 'connection', 'transfer-encoding', 'keep-alive']);

function queryKey(path: string): { pathname: string; query: string } {
  const url = new URL(path, 'http://replay.invalid');
  const pairs = [...url.searchParams.entries()].map(([k, v]) => `${k}=${v}`).sort();
  return { pathname: url.pathname, query: pairs.join('&') };
}

function sameRequest(rec: RecordedRequest, method: string, path: string): boolean {
  if (rec.method.toUpperCase() !== method.toUpperCase()) return false;
  const a = queryKey(rec.path);
  const b = queryKey(path);
  return a.pathname === b.pathname && a.query === b.query;
}

function asRecorded(entry: unknown, index: number): RecordedRequest {
  const e = entry as Partial<RecordedRequest>;
  if (typeof e?.method !== 'string' || typeof e.path !== 'string' || typeof e.status !== 'number') {
    throw new Error(`Fixture entry ${index} is not a recorded request (method, path, status required)`);
  }
  return e as RecordedRequest;
}

/** Starts a replay server for `scenario` on 127.0.0.1 and a free port. */
export async function startFixtureReplayServer(
  scenario: unknown[],
  options: { host?: string } = {},
): Promise<FixtureReplayServer> {
  const recorded = scenario.map(asRecorded);
  const unexpected: FixtureReplayServer['unexpected'] = [];
  let next = 0;
  let baseUrl = '';

  const server = createServer((req, res) => {
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    req.resume();
    const rec = recorded[next];
    if (!rec || !sameRequest(rec, method, path)) {
      const expected = rec ? `${rec.method.toUpperCase()} ${rec.path}` : null;
      unexpected.push({ method, path, expected });
      const message = `Unexpected request ${method} ${path}; expected ${expected ?? 'no more requests'}`;
      res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ message }));
      return;
    }
    next += 1;
    const body =
      rec.response === undefined || rec.response === ''
        ? ''
        : typeof rec.response === 'string'
          ? rec.response
          : JSON.stringify(rec.response);
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(rec.headers ?? {})) {
      if (DROPPED.has(name.toLowerCase())) continue;
      const text = Array.isArray(value) ? value.map(String) : String(value);
      // Recorded Link headers point at api.github.com; point them here so clients can follow them.
      headers[name] =
        name.toLowerCase() === 'link' && typeof text === 'string'
          ? text.replaceAll('https://api.github.com', baseUrl)
          : text;
    }
    headers['content-length'] = String(Buffer.byteLength(body));
    res.writeHead(rec.status, headers);
    res.end(body);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  baseUrl = `http://${address.address}:${address.port}`;
  return {
    url: baseUrl,
    unexpected,
    pending: () => recorded.length - next,
    assertDone() {
      const problems: string[] = unexpected.map(
        (u) => `unexpected ${u.method} ${u.path} (expected ${u.expected ?? 'nothing'})`,
      );
      for (const rec of recorded.slice(next))
        problems.push(`not requested: ${rec.method.toUpperCase()} ${rec.path}`);
      if (problems.length > 0) throw new Error(`Fixture replay mismatch:\n- ${problems.join('\n- ')}`);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
