/**
 * A local HTTP server on 127.0.0.1 for provider tests: it records every request the real SDK sends and
 * answers from a queue of scripted replies. Requests to any other path are recorded as unexpected and
 * answered 404, so tests can fail on calls they did not plan for (STYLE habit 5).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  /** Parsed JSON body (the SDKs always send JSON here). */
  body: unknown;
}

export interface ScriptedReply {
  status: number;
  /** Serialised as JSON unless `raw` is given. */
  json?: unknown;
  /** Sent as-is with content-type application/json, to script malformed bodies. */
  raw?: string;
  headers?: Record<string, string>;
  /** Wait before answering, to script a slow server. */
  delayMs?: number;
}

export interface FakeLlmServer {
  /** http://127.0.0.1:<port> */
  origin: string;
  requests: RecordedRequest[];
  unexpected: RecordedRequest[];
  /** Queues replies, answered in order; the last one repeats when the queue runs dry. */
  reply(...replies: ScriptedReply[]): void;
  close(): Promise<void>;
}

/** Starts a fake server answering POSTs to `path` (e.g. /v1/chat/completions) on an ephemeral port. */
export async function startFakeLlmServer(options: { path: string }): Promise<FakeLlmServer> {
  const requests: RecordedRequest[] = [];
  const unexpected: RecordedRequest[] = [];
  const queue: ScriptedReply[] = [];
  let last: ScriptedReply = { status: 500, json: { error: 'no reply scripted' } };
  const timers = new Set<NodeJS.Timeout>();

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: text ? safeJson(text) : null,
      };
      if (req.method !== 'POST' || new URL(req.url ?? '/', 'http://x').pathname !== options.path) {
        unexpected.push(recorded);
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"unexpected request"}');
        return;
      }
      requests.push(recorded);
      const reply = queue.shift() ?? last;
      last = reply;
      const send = () => {
        if (res.destroyed) return;
        res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
        res.end(reply.raw ?? JSON.stringify(reply.json ?? null));
      };
      if (!reply.delayMs) return send();
      const timer = setTimeout(() => {
        timers.delete(timer);
        send();
      }, reply.delayMs);
      timers.add(timer);
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    unexpected,
    reply: (...replies) => queue.push(...replies),
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
