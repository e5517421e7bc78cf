/**
 * Sends webhook deliveries the way GitHub's Hookshot does: a JSON POST per event to the configured
 * URL with `X-GitHub-Delivery` (a UUID), `X-GitHub-Event`, `X-GitHub-Hook-ID`,
 * `X-Hub-Signature-256` (HMAC-SHA256 of the body with the secret; also the legacy SHA-1
 * `X-Hub-Signature`), `User-Agent: GitHub-Hookshot/…` and `Content-Type: application/json`.
 * Deliveries leave asynchronously, one at a time in the order of the changes (so a receiver that
 * keeps the newer `updated_at` ends with the last state even when several changes share a second);
 * a failed attempt (no answer, or not 2xx) is retried after `retryDelaysMs`, then marked failed.
 * Every delivery is recorded with its outcome for the admin API.
 */
import { createHmac, randomUUID } from 'node:crypto';
import type { WebhookMessage } from './webhook-payload.ts';

export interface WebhookConfig {
  url: string;
  /** Signs each body; null sends no signature headers (a hook without a secret). */
  secret: string | null;
  /** Events to send (default issues and issue_comment; "*" for all). */
  events?: string[];
}

export interface WebhookRetryOptions {
  /** Attempts per delivery, the first included (default 4). */
  maxAttempts?: number;
  /** Waits before the 2nd, 3rd… attempt; the last one repeats (default 1 s, 5 s, 15 s). */
  retryDelaysMs?: number[];
  /** How long an attempt may take (GitHub: 10 s). */
  timeoutMs?: number;
}

export interface WebhookDelivery {
  /** 1, 2, 3… in the order of the changes; never reused. */
  id: number;
  /** X-GitHub-Delivery. */
  guid: string;
  event: string;
  action: string | null;
  repo: string | null;
  url: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  /** The last attempt's HTTP status; null when it got no answer. */
  statusCode: number | null;
  /** Why the last attempt failed. */
  error: string | null;
  /** Real time, ISO-8601 with milliseconds. */
  createdAt: string;
  deliveredAt: string | null;
  /** The last attempt's duration. */
  durationMs: number | null;
  payload: Record<string, unknown>;
}

export const DEFAULT_WEBHOOK_EVENTS = ['issues', 'issue_comment'];

interface Queued {
  delivery: WebhookDelivery;
  body: string;
  headers: Record<string, string>;
}

/** The signature header GitHub sends: "sha256=" + hex HMAC of the exact body. */
export function signWebhookBody(
  secret: string,
  body: string,
  algorithm: 'sha256' | 'sha1' = 'sha256',
): string {
  return `${algorithm}=${createHmac(algorithm, secret).update(body).digest('hex')}`;
}

export class WebhookDeliverer {
  private hook: (WebhookConfig & { id: number; events: string[] }) | null = null;
  private hookCount = 0;
  private lastId = 0;
  private readonly records: WebhookDelivery[] = [];
  private readonly queue: Queued[] = [];
  private pumping = false;
  private closed = false;
  private timer: { handle: NodeJS.Timeout; wake: () => void } | null = null;
  private readonly aborts = new Set<AbortController>();
  private idleWaiters: (() => void)[] = [];
  private readonly retry: Required<WebhookRetryOptions>;

  constructor(retry: WebhookRetryOptions = {}) {
    this.retry = {
      maxAttempts: retry.maxAttempts ?? 4,
      retryDelaysMs: retry.retryDelaysMs ?? [1000, 5000, 15_000],
      timeoutMs: retry.timeoutMs ?? 10_000,
    };
  }

  /** Sets (or with null removes) the hook. Returns the new hook's id, for its ping. */
  configure(config: WebhookConfig | null): number | null {
    if (config === null) {
      this.hook = null;
      return null;
    }
    this.hookCount += 1;
    this.hook = { ...config, id: this.hookCount, events: config.events ?? DEFAULT_WEBHOOK_EVENTS };
    return this.hook.id;
  }

  /** The hook as the admin API shows it (the secret is never shown). */
  config(): { id: number; url: string; events: string[]; hasSecret: boolean } | null {
    return this.hook
      ? {
          id: this.hook.id,
          url: this.hook.url,
          events: this.hook.events,
          hasSecret: this.hook.secret !== null,
        }
      : null;
  }

  wants(event: string): boolean {
    return (
      this.hook !== null &&
      (event === 'ping' || this.hook.events.includes('*') || this.hook.events.includes(event))
    );
  }

  /** Queues a delivery of `message` to the current hook (nothing when none wants it). */
  enqueue(message: WebhookMessage): WebhookDelivery | null {
    const hook = this.hook;
    if (!hook || this.closed || !this.wants(message.event)) return null;
    const body = JSON.stringify(message.payload);
    const delivery: WebhookDelivery = {
      id: ++this.lastId,
      guid: randomUUID(),
      event: message.event,
      action: message.action,
      repo: message.repo,
      url: hook.url,
      status: 'pending',
      attempts: 0,
      statusCode: null,
      error: null,
      createdAt: new Date().toISOString(),
      deliveredAt: null,
      durationMs: null,
      payload: message.payload,
    };
    const headers: Record<string, string> = {
      accept: '*/*',
      'content-type': 'application/json',
      'user-agent': 'GitHub-Hookshot/emulator',
      'x-github-delivery': delivery.guid,
      'x-github-event': message.event,
      'x-github-hook-id': String(hook.id),
      'x-github-hook-installation-target-type': 'organization',
      'x-github-hook-installation-target-id': '1',
    };
    if (hook.secret !== null) {
      headers['x-hub-signature'] = signWebhookBody(hook.secret, body, 'sha1');
      headers['x-hub-signature-256'] = signWebhookBody(hook.secret, body);
    }
    this.records.push(delivery);
    this.queue.push({ delivery, body, headers });
    void this.pump();
    return delivery;
  }

  /** Deliveries with id > `after`, oldest first. */
  list(after = 0): WebhookDelivery[] {
    return this.records.filter((d) => d.id > after);
  }

  pending(): number {
    return this.queue.length;
  }

  /** Forgets finished deliveries (pending ones stay); ids keep counting. Returns how many went. */
  clear(): number {
    const keep = this.records.filter((d) => d.status === 'pending');
    const removed = this.records.length - keep.length;
    this.records.splice(0, this.records.length, ...keep);
    return removed;
  }

  /** Resolves once nothing is pending (every delivery delivered or failed), or rejects after timeoutMs. */
  idle(timeoutMs = 30_000): Promise<void> {
    if (this.queue.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.idleWaiters = this.idleWaiters.filter((w) => w !== done);
        reject(
          new Error(
            `webhook deliveries still pending after ${timeoutMs} ms: ${this.queue.map((q) => `#${q.delivery.id} ${q.delivery.event}.${q.delivery.action ?? ''} (${q.delivery.attempts} attempts, ${q.delivery.error ?? q.delivery.statusCode})`).join(', ')}`,
          ),
        );
      }, timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        resolve();
      };
      this.idleWaiters.push(done);
    });
  }

  /** Stops sending: in-flight attempts are aborted, queued deliveries are marked failed. */
  close(): void {
    this.closed = true;
    for (const controller of this.aborts) controller.abort();
    if (this.timer) {
      clearTimeout(this.timer.handle);
      this.timer.wake();
    }
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.queue.length > 0) {
        const next = this.queue[0]!;
        if (this.closed) {
          this.finish(next, 'failed', 'the emulator closed before the delivery succeeded');
          continue;
        }
        const ok = await this.attempt(next);
        if (ok) this.finish(next, 'delivered', null);
        else if (next.delivery.attempts >= this.retry.maxAttempts)
          this.finish(next, 'failed', next.delivery.error);
        // Once closed, the loop's next turn fails what is left instead of waiting to retry it.
        else if (!this.closed)
          await this.sleep(
            this.retry.retryDelaysMs[
              Math.min(next.delivery.attempts - 1, this.retry.retryDelaysMs.length - 1)
            ] ?? 0,
          );
      }
    } finally {
      this.pumping = false;
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const w of waiters) w();
    }
  }

  private finish(item: Queued, status: 'delivered' | 'failed', error: string | null): void {
    this.queue.shift();
    item.delivery.status = status;
    item.delivery.error = error;
    if (status === 'delivered') item.delivery.deliveredAt = new Date().toISOString();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = (): void => {
        this.timer = null;
        resolve();
      };
      this.timer = { handle: setTimeout(wake, ms), wake };
    });
  }

  private async attempt(item: Queued): Promise<boolean> {
    const { delivery } = item;
    delivery.attempts += 1;
    const controller = new AbortController();
    this.aborts.add(controller);
    const timeout = setTimeout(() => controller.abort(), this.retry.timeoutMs);
    const started = performance.now();
    try {
      const response = await fetch(delivery.url, {
        method: 'POST',
        headers: item.headers,
        body: item.body,
        signal: controller.signal,
      });
      await response.arrayBuffer().catch(() => undefined);
      delivery.statusCode = response.status;
      delivery.error = response.ok ? null : `the receiver answered ${response.status}`;
      return response.ok;
    } catch (error) {
      delivery.statusCode = null;
      delivery.error = controller.signal.aborted
        ? `no answer within ${this.retry.timeoutMs} ms`
        : `could not deliver: ${(error as Error).message}`;
      return false;
    } finally {
      clearTimeout(timeout);
      this.aborts.delete(controller);
      delivery.durationMs = Math.round((performance.now() - started) * 10) / 10;
    }
  }
}
