import { ApiError, asApiError } from '../errors.js';

export type Reconcile = (key: string) => void;

export interface WorkQueueOptions {
  /** Keys handled per macrotask before yielding to I/O (keeps the HTTP server responsive). */
  batchSize?: number;
  /** First retry delay after a failed reconcile; doubles per consecutive failure up to `maxRetryMs`. */
  baseRetryMs?: number;
  maxRetryMs?: number;
}

/**
 * A de-duplicating work queue: a key added many times before it is handled is reconciled once. Keys run in a
 * later macrotask (never inside the store write that queued them). A reconcile that throws is retried with
 * exponential backoff (`base × 2^failures`, capped), except for 404 NotFound (the object is gone: nothing to do).
 * `addAfter` is the requeue timer controllers use for readiness, minReadySeconds and TTLs.
 */
export class WorkQueue {
  readonly #reconcile: Reconcile;
  readonly #batchSize: number;
  readonly #baseRetryMs: number;
  readonly #maxRetryMs: number;
  readonly #pending = new Set<string>();
  readonly #timers = new Map<string, { at: number; timer: NodeJS.Timeout }>();
  readonly #failures = new Map<string, number>();
  #scheduled: NodeJS.Immediate | undefined;
  #stopped = false;
  #paused = false;

  constructor(reconcile: Reconcile, opts: WorkQueueOptions = {}) {
    this.#reconcile = reconcile;
    this.#batchSize = opts.batchSize ?? 500;
    this.#baseRetryMs = opts.baseRetryMs ?? 5;
    this.#maxRetryMs = opts.maxRetryMs ?? 2000;
  }

  add(key: string): void {
    if (this.#stopped) return;
    this.#pending.add(key);
    this.#schedule();
  }

  /** Adds `key` after `ms`; an earlier pending timer for the same key wins. */
  addAfter(key: string, ms: number): void {
    if (this.#stopped) return;
    if (ms <= 0) return this.add(key);
    const at = performance.now() + ms;
    const existing = this.#timers.get(key);
    if (existing !== undefined && existing.at <= at) return;
    if (existing !== undefined) clearTimeout(existing.timer);
    const timer = setTimeout(() => {
      this.#timers.delete(key);
      this.add(key);
    }, ms);
    timer.unref();
    this.#timers.set(key, { at, timer });
  }

  /** Keys wait while paused; `resume` handles them. */
  pause(): void {
    this.#paused = true;
  }

  resume(): void {
    this.#paused = false;
    this.#schedule();
  }

  get paused(): boolean {
    return this.#paused;
  }

  get length(): number {
    return this.#pending.size;
  }

  stop(): void {
    this.#stopped = true;
    this.#pending.clear();
    for (const { timer } of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
    if (this.#scheduled !== undefined) clearImmediate(this.#scheduled);
  }

  #schedule(): void {
    if (this.#scheduled !== undefined || this.#paused || this.#stopped || this.#pending.size === 0) return;
    this.#scheduled = setImmediate(() => {
      this.#scheduled = undefined;
      this.#drain();
    });
  }

  #drain(): void {
    let handled = 0;
    for (const key of this.#pending) {
      if (this.#paused || this.#stopped || handled >= this.#batchSize) break;
      this.#pending.delete(key);
      handled++;
      try {
        this.#reconcile(key);
        this.#failures.delete(key);
      } catch (err) {
        if (asApiError(err).code === 404) {
          this.#failures.delete(key);
          continue;
        }
        if (!(err instanceof ApiError)) process.stderr.write(`serin-sandbox: controller ${key}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
        const failures = (this.#failures.get(key) ?? 0) + 1;
        this.#failures.set(key, failures);
        this.addAfter(key, Math.min(this.#maxRetryMs, this.#baseRetryMs * 2 ** (failures - 1)));
      }
    }
    this.#schedule();
  }
}
