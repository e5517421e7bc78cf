import type { EventType, LoupeEvent } from '../core/event.ts';
import type { Database } from '../store/db.ts';
import { createEventRepository, EVENTS_CHANNEL } from '../store/event.repository.ts';

/**
 * A durable subscriber to events of some types. Its cursor is kept in the database under `name`,
 * so a consumer that was down (or whose process died) catches up from where it stopped. Delivery
 * is at least once: after a crash between `handle` and the cursor's save, a batch comes again, so
 * `handle` must be idempotent. Events arrive in id order, which is commit order.
 */
export interface EventConsumer {
  /** The cursor's key; renaming a consumer starts it afresh. */
  name: string;
  types: readonly EventType[];
  /** Where a consumer seen for the first time starts: the oldest kept event, or the newest. */
  from: 'earliest' | 'latest';
  /** Events per `handle` call (default 500). */
  batchSize?: number;
  handle(events: LoupeEvent[]): Promise<void>;
}

export interface EventDispatcherOptions {
  /** Who holds the consumers' leases: this process's liveness id. */
  holder: string;
  /** Wake-up without a NOTIFY (a dropped LISTEN connection loses notifications); default 5 s. */
  pollSeconds?: number;
  log?: (message: string) => void;
}

export interface EventDispatcher {
  /** Delivers what is pending to every consumer now and resolves once each has caught up (or another process holds it). */
  drain(): Promise<void>;
  /** Stops after the batches in flight and gives the leases back. */
  stop(): Promise<void>;
}

/** A wake-up signal: `wait` resolves on `wake`, on timeout or on stop; a wake during work is not lost. */
function createWakeup() {
  let pending = false;
  const waiters = new Set<() => void>();
  return {
    wake() {
      pending = true;
      for (const resolve of waiters) resolve();
      waiters.clear();
    },
    async wait(ms: number) {
      if (pending) {
        pending = false;
        return;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, ms);
        function done() {
          clearTimeout(timer);
          waiters.delete(done);
          resolve();
        }
        waiters.add(done);
      });
      pending = false;
    },
  };
}

/**
 * Runs durable event consumers in this process. Every process that runs workers may start one: a
 * lease in `event_consumers` lets one process at a time deliver to a consumer; if that process dies,
 * its lease runs out (60 s) and another takes over from the saved cursor. A NOTIFY on loupe_events
 * (sent by every append, from any process, after commit) wakes the consumers at once; they also
 * look every `pollSeconds`.
 */
export async function startEventDispatcher(
  db: Database,
  consumers: readonly EventConsumer[],
  options: EventDispatcherOptions,
): Promise<EventDispatcher> {
  const events = createEventRepository(db);
  const log = options.log ?? (() => undefined);
  const pollMs = (options.pollSeconds ?? 5) * 1000;
  const wakeup = createWakeup();
  let stopped = false;

  /** Delivers to one consumer until it has caught up; false when another process holds it. */
  async function deliver(consumer: EventConsumer): Promise<boolean> {
    const batch = consumer.batchSize ?? 500;
    const claimed = await events.claimConsumer(consumer.name, options.holder, consumer.from);
    if (claimed === null) return false;
    let position: number = claimed;
    while (!stopped) {
      const page = await events.list({ after: position, limit: batch, types: consumer.types });
      if (page.events.length > 0) await consumer.handle(page.events);
      // A short page saw every event of its types up to the head: the cursor moves past the others too.
      const next: number =
        page.events.length === batch ? page.events.at(-1)!.id : Math.max(position, page.head);
      if (next !== position) {
        if (!(await events.advanceConsumer(consumer.name, options.holder, next))) return false;
        position = next;
      }
      if (page.events.length < batch) break;
    }
    return true;
  }

  const failures = new Map<string, number>();
  async function deliverSafely(consumer: EventConsumer): Promise<void> {
    try {
      await deliver(consumer);
      failures.delete(consumer.name);
    } catch (error) {
      // The cursor stays before the failed batch: it is delivered again on the next wake-up.
      const count = (failures.get(consumer.name) ?? 0) + 1;
      failures.set(consumer.name, count);
      if (!stopped && (count === 1 || count % 20 === 0))
        log(
          `event consumer ${consumer.name} failed (${count}x), retrying: ${error instanceof Error ? error.message : String(error)}`,
        );
    }
  }

  let round: Promise<void> | null = null;
  const runRound = (): Promise<void> => {
    round ??= (async () => {
      for (const consumer of consumers) if (!stopped) await deliverSafely(consumer);
    })().finally(() => {
      round = null;
    });
    return round;
  };

  const unlisten = await db.listen(EVENTS_CHANNEL, () => wakeup.wake());
  const loop = (async () => {
    while (!stopped) {
      await runRound();
      await wakeup.wait(pollMs);
    }
  })();

  return {
    async drain() {
      // A round already running may have read before the newest events: run one more after it.
      await round;
      await runRound();
    },
    async stop() {
      stopped = true;
      wakeup.wake();
      await loop;
      await unlisten().catch(() => undefined);
      for (const consumer of consumers)
        await events.releaseConsumer(consumer.name, options.holder).catch(() => undefined);
    },
  };
}
