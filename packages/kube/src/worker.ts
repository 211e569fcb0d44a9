/**
 * Worker loops over a WorkQueue (`--rollout-threads` of them). Outcome of one reconcile:
 *   success                → forget(key); `requeueAfterMs > 0` → addAfter(key, requeueAfterMs)
 *   StaleCacheError        → addAfter(key, 100 ms) (not counted as an error)
 *   NotFound error         → forget(key) (the object is gone; nothing to retry)
 *   any other error        → addRateLimited(key)  (1 ms → 10 s per key)
 * and always done(key), so a key re-added during the reconcile runs again afterwards.
 * parity: argo-rollouts utils/controller/controller.go processNextWorkItem
 */
import type { Clock } from './clock.js';
import { isNotFound } from './errors.js';
import { type Logger, silentLogger } from './logger.js';
import { splitKey } from './object.js';
import type { WorkQueue } from './work-queue.js';

export const StaleCacheRequeueDelayMs = 100;

/** Throw from a reconcile when the cache is behind a write we made; the key is retried in 100 ms. */
export class StaleCacheError extends Error {
  override readonly name = 'StaleCacheError';
  constructor(message = 'stale cache, requeuing item') {
    super(message);
  }
}

export type ReconcileResult = void | { readonly requeueAfterMs?: number };
export type SyncHandler = (key: string) => Promise<ReconcileResult>;

export interface ReconcileOutcome {
  readonly key: string;
  readonly durationMs: number;
  readonly error?: unknown;
}

export interface WorkerOptions {
  readonly clock: Clock;
  readonly logger?: Logger;
  /** `objType` in log lines (`rollout`, `analysisrun`, `experiment`). */
  readonly objType?: string;
  /** Called after every reconcile (feeds `rollout_reconcile` / `rollout_reconcile_error`). */
  readonly onReconciled?: (outcome: ReconcileOutcome) => void;
}

/** Process one key; false once the queue is shut down and empty. */
export async function processNextWorkItem(queue: WorkQueue, sync: SyncHandler, options: WorkerOptions): Promise<boolean> {
  const key = await queue.get();
  if (key === undefined) return false;
  const { namespace, name } = splitKey(key);
  const log = (options.logger ?? silentLogger).child({ [options.objType ?? 'key']: name, namespace });
  const started = options.clock.now();
  let error: unknown;
  try {
    const result = await sync(key);
    queue.forget(key);
    const after = result?.requeueAfterMs;
    if (after !== undefined && after > 0) queue.addAfter(key, after);
  } catch (err) {
    error = err instanceof StaleCacheError ? undefined : err;
    if (err instanceof StaleCacheError) {
      queue.addAfter(key, StaleCacheRequeueDelayMs);
      log.info('requeuing due to stale cache', { delayMs: StaleCacheRequeueDelayMs });
    } else if (isNotFound(err)) {
      log.error('syncHandler error', { err });
      queue.forget(key);
    } else {
      log.error('syncHandler error', { err });
      queue.addRateLimited(key);
      log.info('syncHandler queue retries', { retries: queue.numRequeues(key) });
    }
  } finally {
    queue.done(key);
  }
  options.onReconciled?.({ key, durationMs: options.clock.now() - started, ...(error === undefined ? {} : { error }) });
  return true;
}

/** Run `threads` workers until the queue is shut down and drained. */
export async function runWorkers(queue: WorkQueue, threads: number, sync: SyncHandler, options: WorkerOptions): Promise<void> {
  const worker = async (): Promise<void> => {
    while (await processNextWorkItem(queue, sync, options)) {
      // keep pulling
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, threads) }, worker));
}
