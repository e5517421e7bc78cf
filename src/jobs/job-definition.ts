import type { z } from 'zod';
import type { LlmProvider } from '../guidance/providers/llm-provider.ts';
import type { SecretBox } from '../services/secret-box.ts';
import type { SourceRegistry } from '../sources/source-registry.ts';
import type { Database } from '../store/db.ts';
import type { JobQueue } from './job-queue.ts';

/** What every job handler may use; built once by the process that runs workers (register-workers.ts). */
export interface JobDeps {
  db: Database;
  /** The configured sources (a repository's own kind is used). */
  sources: SourceRegistry;
  /** Opens connection credentials (services/secret-box.ts); null when this process has no key. */
  secrets?: SecretBox | null;
  /** The configured LLM for a second opinion on types, or null (offline only). */
  llm: LlmProvider | null;
  /** Aborted when the process shuts down: handlers stop at their next safe point. */
  signal?: AbortSignal;
  /** This process's liveness id (process-liveness.ts). */
  workerId?: string;
  log: (message: string) => void;
  /** Queues another job (generic: any name in job-registry.ts, payload checked by its schema). */
  enqueue: JobQueue['enqueue'];
}

/** The job being run, as the handler sees it. */
export interface JobContext extends JobDeps {
  jobId: string;
}

/**
 * How pg-boss treats a queue. `stately` keeps at most one job per singleton key waiting and one
 * running (a sync asked for ten times runs once more); `standard` keeps every job.
 */
export interface JobPolicy {
  policy: 'stately' | 'standard';
  retry: { limit: number; delaySeconds: number; backoff: boolean };
  /** Bounds a handler that hangs in a live process; a dead process's job is freed by process-liveness.ts. */
  expireInSeconds: number;
}

/**
 * A durable job, defined once: its queue name, the payload it accepts (validated on enqueue and
 * again before the handler runs), the queue policy and the handler. Listed in job-registry.ts.
 */
export interface JobDefinition<Name extends string = string, Payload = unknown> extends JobPolicy {
  name: Name;
  payload: z.ZodType<Payload>;
  /** Jobs with the same key share the stately slots; none: every job is on its own. */
  // Method syntax on purpose: a list of definitions with different payloads is then a list of
  // JobDefinition<string, unknown> (job-registry.ts) without casts.
  singletonKey?(payload: Payload): string;
  /** Worker slots per process when the caller does not say. */
  concurrency: number;
  handler(payload: Payload, context: JobContext): Promise<void>;
}

/** Identity helper that keeps a definition's name and payload types precise. */
export function defineJob<const Name extends string, Payload>(
  definition: JobDefinition<Name, Payload>,
): JobDefinition<Name, Payload> {
  return definition;
}
