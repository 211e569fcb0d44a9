/**
 * Rate-limited work queue with client-go's guarantees:
 *  - a key is never processed by two workers at once (`processing`);
 *  - adds of a key that is already waiting are dropped (`dirty`); a key added while it is being
 *    processed is queued again once `done(key)` is called — so no change is lost;
 *  - `addAfter(key, ms)` (requeue-after) keeps only the earliest pending due time per key;
 *  - `addRateLimited(key)` waits the per-key exponential backoff (1 ms → 10 s); `forget` resets it;
 *  - after `shutDown()` no adds are accepted, delayed adds are dropped, and `get()` hands out the
 *    keys still queued, then `undefined`.
 * parity: client-go util/workqueue (queue.go, delaying_queue.go, rate_limiting_queue.go)
 */
import { ItemExponentialBackoff } from './backoff.js';
import type { Clock, TimerHandle } from './clock.js';

export interface WorkQueueOptions {
  readonly clock: Clock;
  /** Queue name, for logs and metrics (`Rollouts`, `Experiments`, `AnalysisRuns`, …). */
  readonly name?: string;
  readonly backoff?: ItemExponentialBackoff<string>;
}

export class WorkQueue {
  readonly name: string;
  private readonly clock: Clock;
  private readonly backoff: ItemExponentialBackoff<string>;
  private readonly queue: string[] = [];
  private readonly dirty = new Set<string>();
  private readonly processing = new Set<string>();
  private readonly waiting = new Map<string, { dueMs: number; timer: TimerHandle }>();
  private readonly getters: Array<(key: string | undefined) => void> = [];
  private drainers: Array<() => void> = [];
  private shuttingDown = false;
  /** Total keys handed to workers (for tests and the work-queue metrics). */
  private handedOut = 0;
  private adds = 0;
  private retries = 0;

  constructor(options: WorkQueueOptions) {
    this.clock = options.clock;
    this.name = options.name ?? 'queue';
    this.backoff = options.backoff ?? new ItemExponentialBackoff<string>();
  }

  add(key: string): void {
    if (this.shuttingDown || this.dirty.has(key)) return;
    this.adds++;
    this.dirty.add(key);
    if (this.processing.has(key)) return;
    this.enqueue(key);
  }

  /** Add after `delayMs` (≤ 0: now). A pending earlier due time for the key wins. */
  addAfter(key: string, delayMs: number): void {
    if (this.shuttingDown) return;
    if (delayMs <= 0) {
      this.add(key);
      return;
    }
    const dueMs = this.clock.now() + delayMs;
    const existing = this.waiting.get(key);
    if (existing !== undefined) {
      if (existing.dueMs <= dueMs) return;
      this.clock.clearTimeout(existing.timer);
    }
    const timer = this.clock.setTimeout(() => {
      this.waiting.delete(key);
      this.add(key);
    }, delayMs);
    this.waiting.set(key, { dueMs, timer });
  }

  addRateLimited(key: string): void {
    this.retries++;
    this.addAfter(key, this.backoff.when(key));
  }

  forget(key: string): void {
    this.backoff.forget(key);
  }

  numRequeues(key: string): number {
    return this.backoff.numRequeues(key);
  }

  /** Next key to process; `undefined` once shut down and empty. Pair every key with `done(key)`. */
  get(): Promise<string | undefined> {
    const key = this.queue.shift();
    if (key !== undefined) return Promise.resolve(this.take(key));
    if (this.shuttingDown) return Promise.resolve(undefined);
    return new Promise((resolve) => this.getters.push(resolve));
  }

  done(key: string): void {
    this.processing.delete(key);
    if (this.dirty.has(key)) this.enqueue(key);
    this.maybeDrained();
  }

  /** Keys waiting to be handed out (not counting delayed or in-flight ones). */
  len(): number {
    return this.queue.length;
  }

  /** Keys currently being processed. */
  inFlight(): number {
    return this.processing.size;
  }

  /** Keys scheduled by addAfter/addRateLimited and not yet due. */
  delayed(): number {
    return this.waiting.size;
  }

  get totalHandedOut(): number {
    return this.handedOut;
  }

  /** client-go work-queue metric values: `workqueue_depth`, `_adds_total` (after dedup), `_retries_total`. */
  metrics(): { name: string; depth: number; adds: number; retries: number; inFlight: number } {
    return { name: this.name, depth: this.queue.length, adds: this.adds, retries: this.retries, inFlight: this.processing.size };
  }

  get isShuttingDown(): boolean {
    return this.shuttingDown;
  }

  /** Stop accepting work; waiting workers get `undefined` once the queue is empty. */
  shutDown(): void {
    if (this.shuttingDown) return;
    this.shuttingDown = true;
    for (const { timer } of this.waiting.values()) this.clock.clearTimeout(timer);
    this.waiting.clear();
    if (this.queue.length === 0) for (const g of this.getters.splice(0)) g(undefined);
    this.maybeDrained();
  }

  /** Shut down and resolve when every queued and in-flight key is done. */
  shutDownWithDrain(): Promise<void> {
    this.shutDown();
    if (this.isDrained()) return Promise.resolve();
    return new Promise((resolve) => this.drainers.push(resolve));
  }

  private enqueue(key: string): void {
    const getter = this.getters.shift();
    if (getter !== undefined) getter(this.take(key));
    else this.queue.push(key);
  }

  private take(key: string): string {
    this.dirty.delete(key);
    this.processing.add(key);
    this.handedOut++;
    return key;
  }

  private isDrained(): boolean {
    return this.processing.size === 0 && this.queue.length === 0;
  }

  private maybeDrained(): void {
    if (!this.shuttingDown) return;
    if (this.queue.length === 0) for (const g of this.getters.splice(0)) g(undefined);
    if (this.isDrained()) for (const d of this.drainers.splice(0)) d();
  }
}
