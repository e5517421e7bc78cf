/** What every /_emulator/ route handler takes and gives (emulator-admin.routes.ts). */
import type { EmulatorClock } from './emulator-clock.ts';
import type { EmulatorState } from './emulator-state.ts';
import type { TokenRegistry } from './emulator-tokens.ts';
import type { FaultInjector } from './fault-injector.ts';
import type { OAuthServer } from './oauth.routes.ts';
import type { RequestLog } from './request-log.ts';
import type { WebhookConfig, WebhookDeliverer } from './webhook-deliverer.ts';

/** What the admin routes read and change. */
export interface AdminDeps {
  faults: FaultInjector;
  faultSeed: number;
  log: RequestLog;
  state: EmulatorState;
  clock: EmulatorClock;
  webhooks: WebhookDeliverer;
  /** Sets or removes the webhook, pinging a new one (as the JS API's setWebhook). */
  setWebhook: (config: WebhookConfig | null) => void;
  oauth: OAuthServer;
  tokens: TokenRegistry;
}

export interface AdminAnswer {
  status: number;
  /** Serialised for the answer, unless `json` is given. */
  body?: unknown;
  /** Ready JSON text (the state snapshot is cached as text). */
  json?: string;
}

export interface AdminRequest {
  url: URL;
  /** Parsed JSON body of a POST or PUT. */
  body: unknown;
  deps: AdminDeps;
}

export type AdminMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';
export type AdminHandler = (request: AdminRequest) => AdminAnswer | Promise<AdminAnswer>;

/** Input the caller must fix: answered 400. */
export class BadRequest extends Error {
  readonly errors: string[] | undefined;
  constructor(message: string, errors?: string[]) {
    super(message);
    this.errors = errors;
  }
}

/** The body's fields when it is a JSON object, else a BadRequest naming what was expected. */
export function objectBody(body: unknown, what: string): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new BadRequest(`body must be a JSON object: ${what}`);
  return body as Record<string, unknown>;
}
