/**
 * A shared informer: LIST, then WATCH from the list's resourceVersion, keeping an `ObjectStore`
 * current and telling handlers about add / update / delete.
 *
 * Recovery (client-go reflector behaviour, fixing client-node 1.4's informer which stops on any
 * non-410 error):
 *  - watch ends normally            → re-watch from the last resourceVersion (no LIST), unless it
 *    delivered nothing and lasted under `minWatchMs` (1 s): that "very short watch" is treated as a
 *    failure, so a server or proxy that closes watches at once cannot cause a hot loop;
 *  - 410 Gone / `Expired` (HTTP status or in-stream ERROR event) → LIST again at once;
 *    objects missing from the new list get `delete`; any other in-stream ERROR ends the watch as a
 *    failure;
 *  - a WATCH refused outright (connection refused: the server is down) or answered 429 → after the
 *    backoff below, WATCH again from the last resourceVersion, without a LIST — the server most likely
 *    comes back with that history (a 410 then still forces the LIST);
 *  - any other failure (LIST or WATCH) → LIST again after a backoff
 *      delay(n) = min(maxMs, initialMs · 2^n)   (1 s, 2 s, 4 s … 30 s),
 *    n counting failures since the last quiet spell: n resets to 0 when the previous backoff began
 *    more than `restartResetMs` (2 min) ago — not on a successful LIST, so a server whose LISTs
 *    work but whose watches keep failing is retried 1, 2, 4 … 30 s apart, not every second
 *    (client-go reflector backoff manager: 800 ms → 30 s, reset after 2 min);
 *  - `stop()` aborts the watch and no callback of it restarts anything (generation guard).
 * `hasSynced()` turns true after the first successful LIST has been applied.
 * Cached objects are deep-frozen (unless `freezeObjects: false`): reconcilers must `structuredClone`
 * before changing anything, and an accidental mutation throws instead of corrupting the cache.
 */
import { backoffDelayMs } from './backoff.js';
import type { Clock, TimerHandle } from './clock.js';
import { isConnectionRefused, isGone, toKubeError } from './errors.js';
import type { ListerWatcher } from './list-watch.js';
import { type Logger, silentLogger } from './logger.js';
import { type KubeObject, isRecord } from './object.js';
import { type IndexFunc, type Lister, ObjectStore } from './store.js';
import type { WatchEvent, WatchHandle } from './transport.js';

/**
 * A failed WATCH worth resuming rather than relisting: connection refused or 429 Too Many Requests.
 * parity: client-go tools/cache reflector.go isWatchErrorRetriable
 */
export function isWatchErrorRetriable(err: unknown): boolean {
  return isConnectionRefused(err) || toKubeError(err).code === 429;
}

/** client-go reflector: the restart backoff resets after this long without one. */
export const DefaultRestartResetMs = 120_000;

export interface InformerHandlers<T> {
  add?(obj: T): void;
  update?(old: T, obj: T): void;
  delete?(obj: T): void;
}

export interface InformerOptions<T> {
  readonly clock: Clock;
  readonly logger?: Logger;
  /** For logs: the resource (`rollouts`, `replicasets`). */
  readonly name?: string;
  /** Resync period (`--rollout-resync`, 900 s): re-deliver every cached object as an update. 0 = off. */
  readonly resyncMs?: number;
  readonly restartInitialMs?: number;
  readonly restartMaxMs?: number;
  /** The restart backoff starts over when the previous one began longer ago than this (default 2 min). */
  readonly restartResetMs?: number;
  readonly indexers?: Readonly<Record<string, IndexFunc<T>>>;
  /** A watch that ends with no events sooner than this counts as a failure (default 1000 ms). */
  readonly minWatchMs?: number;
  /** Deep-freeze cached objects (default true). */
  readonly freezeObjects?: boolean;
}

/** Object.freeze all the way down (JSON data only: no cycles). */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  for (const v of Object.values(value)) deepFreeze(v);
  return Object.freeze(value);
}

export class Informer<T extends KubeObject> {
  readonly store: ObjectStore<T>;
  private readonly handlers: Array<InformerHandlers<T>> = [];
  private readonly log: Logger;
  private resourceVersion = '';
  private synced = false;
  private running = false;
  private generation = 0;
  private failures = 0;
  private lastBackoffMs = Number.NEGATIVE_INFINITY;
  private watchHandle: WatchHandle | undefined;
  private restartTimer: TimerHandle | undefined;
  private resyncTimer: TimerHandle | undefined;
  private syncWaiters: Array<() => void> = [];
  /** LIST calls made (tests count relists). */
  listCalls = 0;
  /** WATCH calls made. */
  watchCalls = 0;
  /** Relists caused by 410 Gone / Expired. */
  goneRelists = 0;
  /** Restarts (after backoff) caused by any other failure. */
  failureRestarts = 0;

  constructor(
    private readonly lw: ListerWatcher<T>,
    private readonly options: InformerOptions<T>,
  ) {
    this.store = new ObjectStore<T>(options.indexers);
    this.log = (options.logger ?? silentLogger).child({ informer: options.name ?? 'informer' });
  }

  get lister(): Lister<T> {
    return this.store;
  }

  addEventHandler(handlers: InformerHandlers<T>): void {
    this.handlers.push(handlers);
  }

  hasSynced(): boolean {
    return this.synced;
  }

  /** Resolves after the first LIST has been applied (or immediately if it has). */
  waitForSync(): Promise<void> {
    if (this.synced) return Promise.resolve();
    return new Promise((resolve) => this.syncWaiters.push(resolve));
  }

  /** Start list+watch in the background. Idempotent. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.scheduleResync();
    void this.listAndWatch(++this.generation);
  }

  stop(): void {
    this.running = false;
    this.generation++;
    if (this.restartTimer !== undefined) this.options.clock.clearTimeout(this.restartTimer);
    if (this.resyncTimer !== undefined) this.options.clock.clearTimeout(this.resyncTimer);
    this.restartTimer = undefined;
    this.resyncTimer = undefined;
    this.watchHandle?.abort();
    this.watchHandle = undefined;
  }

  private isCurrent(gen: number): boolean {
    return this.running && gen === this.generation;
  }

  private async listAndWatch(gen: number): Promise<void> {
    if (!this.isCurrent(gen)) return;
    if (this.resourceVersion === '') {
      let items: T[];
      let rv: string;
      try {
        this.listCalls++;
        const list = await this.lw.list();
        items = list.items;
        rv = list.metadata?.resourceVersion ?? '';
      } catch (err) {
        this.fail(gen, err, 'list');
        return;
      }
      if (!this.isCurrent(gen)) return;
      this.applyList(this.options.freezeObjects === false ? items : items.map((o) => deepFreeze(o)));
      this.resourceVersion = rv;
      this.markSynced();
    }
    await this.watch();
  }

  private async watch(): Promise<void> {
    const watchGen = ++this.generation;
    const startedMs = this.options.clock.now();
    let events = 0;
    const abortThisWatch = (): void => {
      const h = this.watchHandle;
      this.watchHandle = undefined;
      h?.abort();
    };
    const relist = (): void => {
      this.goneRelists++;
      this.resourceVersion = '';
      void this.listAndWatch(++this.generation);
    };
    const onEvent = (e: WatchEvent): void => {
      if (!this.isCurrent(watchGen)) return;
      events++;
      if (e.type === 'ERROR') {
        // an ERROR event ends the watch (client-go): 410 → relist now, anything else → backoff
        if (isGone(e.object)) relist();
        else this.fail(watchGen, toKubeError(e.object), 'watch');
        abortThisWatch();
        return;
      }
      this.applyEvent(e);
    };
    const onDone = (err: unknown): void => {
      if (!this.isCurrent(watchGen)) return;
      this.watchHandle = undefined;
      if (err === null || err === undefined) {
        if (events === 0 && this.options.clock.now() - startedMs < (this.options.minWatchMs ?? 1000)) {
          this.fail(watchGen, new Error('very short watch: watch closed before any event was received'), 'watch');
        } else {
          void this.listAndWatch(++this.generation);
        }
      } else if (isGone(err)) {
        relist();
      } else {
        this.fail(watchGen, err, 'watch');
      }
    };
    try {
      this.watchCalls++;
      const handle = await this.lw.watch(this.resourceVersion, onEvent, onDone);
      if (this.isCurrent(watchGen)) this.watchHandle = handle;
      else handle.abort();
    } catch (err) {
      this.fail(watchGen, err, 'watch');
    }
  }

  /** Non-410 failure: relist (or, for a refused / throttled watch, re-watch) after backoff. */
  private fail(gen: number, err: unknown, phase: 'list' | 'watch'): void {
    if (!this.isCurrent(gen)) return;
    const now = this.options.clock.now();
    if (now - this.lastBackoffMs > (this.options.restartResetMs ?? DefaultRestartResetMs)) this.failures = 0;
    this.lastBackoffMs = now;
    const delayMs = backoffDelayMs(this.failures++, this.options.restartInitialMs ?? 1000, this.options.restartMaxMs ?? 30_000);
    const resumeWatch = phase === 'watch' && isWatchErrorRetriable(err);
    this.log.warn(`${phase} failed, ${resumeWatch ? 'watching again' : 'restarting'}`, { err: toKubeError(err).message, delayMs });
    if (!resumeWatch) this.resourceVersion = '';
    const next = ++this.generation;
    this.failureRestarts++;
    this.restartTimer = this.options.clock.setTimeout(() => {
      this.restartTimer = undefined;
      void this.listAndWatch(next);
    }, delayMs);
  }

  private applyList(items: readonly T[]): void {
    const delta = this.store.replace(items);
    for (const obj of delta.deleted) this.emit((h) => h.delete?.(obj));
    for (const obj of delta.added) this.emit((h) => h.add?.(obj));
    for (const { old, obj } of delta.updated) this.emit((h) => h.update?.(old, obj));
  }

  private applyEvent(e: WatchEvent): void {
    if (!isRecord(e.object)) return;
    const obj = (this.options.freezeObjects === false ? e.object : deepFreeze(e.object)) as T;
    const rv = obj.metadata?.resourceVersion;
    switch (e.type) {
      case 'ADDED':
      case 'MODIFIED': {
        const old = this.store.upsert(obj);
        if (old === undefined) this.emit((h) => h.add?.(obj));
        else if (old.metadata?.resourceVersion !== rv) this.emit((h) => h.update?.(old, obj));
        break;
      }
      case 'DELETED': {
        const old = this.store.remove(obj);
        if (old !== undefined) this.emit((h) => h.delete?.(obj));
        break;
      }
      default:
        break; // BOOKMARK: only the resourceVersion moves
    }
    if (rv !== undefined && rv !== '') this.resourceVersion = rv;
  }

  private emit(fn: (h: InformerHandlers<T>) => void): void {
    for (const h of this.handlers) {
      try {
        fn(h);
      } catch (err) {
        this.log.error('event handler failed', { err });
      }
    }
  }

  private markSynced(): void {
    if (this.synced) return;
    this.synced = true;
    for (const w of this.syncWaiters.splice(0)) w();
  }

  private scheduleResync(): void {
    const period = this.options.resyncMs ?? 0;
    if (period <= 0) return;
    this.resyncTimer = this.options.clock.setTimeout(() => {
      if (!this.running) return;
      for (const obj of this.store.list()) this.emit((h) => h.update?.(obj, obj));
      this.scheduleResync();
    }, period);
  }
}
