/**
 * The emulator's control plane under /_emulator/, for tests and benchmarks that run it in another
 * process: fault rules, the request log, the true state, the clock and mutations (webhooks and OAuth:
 * admin-integrations.routes.ts). JSON in and out;
 * bad input answers 400 {"message"}. These requests bypass auth, rate limits, faults and the
 * request log, and are not GitHub API routes (nothing here is checked against OpenAPI).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { INTEGRATION_ROUTES } from './admin-integrations.routes.ts';
import { applyAdminMutation, parseAdminMutation } from './admin-mutations.ts';
import { BadRequest } from './admin-request.ts';
import type { AdminAnswer, AdminDeps, AdminHandler, AdminMethod } from './admin-request.ts';
import type { EmulatorClock } from './emulator-clock.ts';
import { EmulatorTargetNotFoundError } from './emulator-mutations.ts';
import { liveFaultRuleToJson, parseFaultRulesJson } from './fault-rule.schema.ts';
import type { FaultRulesResult } from './fault-rule.schema.ts';
import { parseFaultSpec } from './fault-spec.parse.ts';
import { snapshotStateJson } from './state-snapshot.ts';

export type { AdminDeps } from './admin-request.ts';

export const ADMIN_PREFIX = '/_emulator';

const MAX_BODY_BYTES = 1_000_000;

export function isAdminPath(target: string): boolean {
  return (
    target === ADMIN_PREFIX || target.startsWith(`${ADMIN_PREFIX}/`) || target.startsWith(`${ADMIN_PREFIX}?`)
  );
}

function faultsOf(body: unknown): FaultRulesResult {
  if (typeof body === 'object' && body !== null && !Array.isArray(body) && 'spec' in body) {
    const { spec, ...rest } = body as { spec: unknown };
    if (typeof spec !== 'string')
      throw new BadRequest('"spec" must be a string (the compact or JSON fault spec)');
    if (Object.keys(rest).length > 0)
      throw new BadRequest(`{"spec"} takes no other fields (got ${Object.keys(rest).join(', ')})`);
    return parseFaultSpec(spec);
  }
  return parseFaultRulesJson(body);
}

function clockAnswer(clock: EmulatorClock): AdminAnswer {
  return { status: 200, body: { now: clock.nowIso(), nowMs: clock.nowMs(), frozen: clock.frozen } };
}

function setClock(clock: EmulatorClock, body: unknown): AdminAnswer {
  const keys = typeof body === 'object' && body !== null && !Array.isArray(body) ? Object.keys(body) : [];
  if (keys.length !== 1)
    throw new BadRequest(
      'body must have exactly one of "set" (ISO time), "advanceMs" (ms >= 0) or "real" (true)',
    );
  const { set, advanceMs, real } = body as { set?: unknown; advanceMs?: unknown; real?: unknown };
  if (keys[0] === 'set') {
    if (typeof set !== 'string' || Number.isNaN(Date.parse(set)))
      throw new BadRequest(`"set" must be an ISO-8601 time (got ${JSON.stringify(set)})`);
    clock.set(set);
  } else if (keys[0] === 'advanceMs') {
    if (typeof advanceMs !== 'number' || !Number.isInteger(advanceMs) || advanceMs < 0)
      throw new BadRequest(`"advanceMs" must be an integer >= 0 (got ${JSON.stringify(advanceMs)})`);
    clock.advance(advanceMs);
  } else if (keys[0] === 'real') {
    if (real !== true) throw new BadRequest('"real" must be true');
    clock.useRealTime();
  } else {
    throw new BadRequest(`unknown field "${keys[0]}": use "set", "advanceMs" or "real"`);
  }
  return clockAnswer(clock);
}

const ROUTES: Record<string, Partial<Record<AdminMethod, AdminHandler>>> = {
  [`${ADMIN_PREFIX}/faults`]: {
    GET: ({ deps }) => ({
      status: 200,
      body: { seed: deps.faultSeed, faults: deps.faults.list().map(liveFaultRuleToJson) },
    }),
    POST: ({ deps, body }) => {
      const { rules, errors } = faultsOf(body);
      if (errors.length > 0) throw new BadRequest(`Invalid fault rules: ${errors.join('; ')}`, errors);
      const ids = new Set(rules.map((rule) => deps.faults.add(rule)));
      return {
        status: 201,
        body: {
          added: deps.faults
            .list()
            .filter((l) => ids.has(l.id))
            .map(liveFaultRuleToJson),
        },
      };
    },
    DELETE: ({ deps }) => {
      const removed = deps.faults.list().length;
      deps.faults.clear();
      return { status: 200, body: { removed } };
    },
  },
  [`${ADMIN_PREFIX}/requests`]: {
    GET: ({ deps, url }) => {
      const after = url.searchParams.get('after') ?? '0';
      if (!/^\d+$/.test(after))
        throw new BadRequest(`"after" must be a request seq, an integer >= 0 (got "${after}")`);
      return { status: 200, body: { requests: deps.log.after(Number(after)) } };
    },
    DELETE: ({ deps }) => {
      const removed = deps.log.entries.length;
      deps.log.clear();
      return { status: 200, body: { removed } };
    },
  },
  [`${ADMIN_PREFIX}/state`]: {
    GET: ({ deps, url }) => {
      const repo = url.searchParams.get('repo') ?? undefined;
      const bodies = url.searchParams.get('bodies') ?? 'true';
      if (bodies !== 'true' && bodies !== 'false')
        throw new BadRequest(`"bodies" must be true or false (got "${bodies}")`);
      const json = snapshotStateJson(deps.state, {
        clock: deps.clock.nowIso(),
        bodies: bodies === 'true',
        ...(repo === undefined ? {} : { repo }),
      });
      if (json === undefined) throw new EmulatorTargetNotFoundError(`Emulator: no repository ${repo}`);
      return { status: 200, json };
    },
  },
  [`${ADMIN_PREFIX}/clock`]: {
    GET: ({ deps }) => clockAnswer(deps.clock),
    POST: ({ deps, body }) => setClock(deps.clock, body),
  },
  [`${ADMIN_PREFIX}/mutations`]: {
    POST: ({ deps, body }) => {
      const parsed = parseAdminMutation(body);
      if ('errors' in parsed)
        throw new BadRequest(`Invalid mutation: ${parsed.errors.join('; ')}`, parsed.errors);
      const changed = applyAdminMutation(deps, parsed.mutation);
      const created = parsed.mutation.op === 'createIssue' || parsed.mutation.op === 'addComment';
      return { status: created ? 201 : 200, body: changed };
    },
  },
  ...INTEGRATION_ROUTES,
};

function write(res: ServerResponse, answer: AdminAnswer & { headers?: Record<string, string> }): void {
  const text = answer.json ?? JSON.stringify(answer.body);
  res.writeHead(answer.status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    'cache-control': 'no-store',
    ...answer.headers,
  });
  res.end(text);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new BadRequest(`body larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') throw new BadRequest('a JSON body is required');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new BadRequest(`body is not valid JSON: ${(error as Error).message}`);
  }
}

/** Answers one /_emulator request. Never rejects: every failure becomes a JSON answer. */
export async function serveAdminRequest(
  req: IncomingMessage,
  res: ServerResponse,
  deps: AdminDeps,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://emulator.invalid');
  const route = ROUTES[url.pathname.replace(/\/+$/, '')];
  if (!route) {
    return write(res, {
      status: 404,
      body: {
        message: `No emulator admin route ${url.pathname}; there are ${Object.keys(ROUTES).join(', ')}`,
      },
    });
  }
  const handler = route[(req.method ?? 'GET') as AdminMethod];
  if (!handler) {
    const allow = Object.keys(route).join(', ');
    return write(res, {
      status: 405,
      body: { message: `${req.method} not allowed on ${url.pathname}; use ${allow}` },
      headers: { allow },
    });
  }
  try {
    const body = req.method === 'POST' || req.method === 'PUT' ? await readJson(req) : undefined;
    write(res, await handler({ url, body, deps }));
  } catch (error) {
    if (error instanceof BadRequest)
      write(res, {
        status: 400,
        body: { message: error.message, ...(error.errors ? { errors: error.errors } : {}) },
      });
    else if (error instanceof EmulatorTargetNotFoundError)
      write(res, { status: 404, body: { message: error.message } });
    else write(res, { status: 500, body: { message: `Emulator admin error: ${(error as Error).message}` } });
  }
}
