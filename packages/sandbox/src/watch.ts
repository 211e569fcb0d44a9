import type { ServerResponse } from 'node:http';
import { expired } from './errors.js';
import { asServed } from './ops/object-meta.js';
import type { ObjectFilter } from './selectors.js';
import { matchesFilter } from './selectors.js';
import type { Store, StoreChange } from './store.js';
import { ChangeType } from './store.js';
import { eventLine } from './serialize.js';
import { buildTable, TABLE_CONTENT_TYPE } from './table.js';
import type { JsonObject, KubeObject, ResourceType } from './types.js';
import { apiVersionOf } from './types.js';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

export interface WatchRequest {
  type: ResourceType;
  filter: ObjectFilter;
  resourceVersion?: string;
  timeoutSeconds?: number;
  allowBookmarks: boolean;
  sendInitialEvents: boolean;
  table: boolean;
}

export interface WatchHubOptions {
  now: () => Date;
  bookmarkIntervalMs?: number;
  /** Unsent bytes a watcher may fall behind by before its stream is closed (it then re-watches). */
  maxBufferedBytes?: number;
}

/**
 * Which event a watcher sees for a change, given its selector (selector-scoped transitions):
 * matched before and after → MODIFIED; only after → ADDED; only before → DELETED; neither → nothing.
 */
export function eventFor(change: StoreChange, matches: (o: KubeObject) => boolean): WatchEventType | undefined {
  if (change.type === ChangeType.Deleted) return matches(change.object) ? 'DELETED' : undefined;
  const now = matches(change.object);
  if (change.type === ChangeType.Added) return now ? 'ADDED' : undefined;
  const before = change.previous !== undefined && matches(change.previous);
  if (before && now) return 'MODIFIED';
  if (now) return 'ADDED';
  return before ? 'DELETED' : undefined;
}

/**
 * Watch streams: one JSON event per line, flushed per event. Replays history after `resourceVersion`
 * (or synthesises ADDED for every match when it is unset/"0"), then follows the store. A compacted resume
 * point gets an in-stream 410 Expired ERROR followed by closing the stream. Streams without
 * `timeoutSeconds` never end on their own (kubectl get -w exits when its stream closes).
 */
export class WatchHub {
  readonly #store: Store;
  readonly #now: () => Date;
  readonly #bookmarkIntervalMs: number;
  readonly #maxBufferedBytes: number;
  readonly #open = new Set<() => void>();

  constructor(store: Store, opts: WatchHubOptions) {
    this.#store = store;
    this.#now = opts.now;
    this.#bookmarkIntervalMs = opts.bookmarkIntervalMs ?? 15_000;
    this.#maxBufferedBytes = opts.maxBufferedBytes ?? 64 * 1024 * 1024;
  }

  get activeWatches(): number {
    return this.#open.size;
  }

  /** Ends every open watch stream (admin hook; informers then re-watch from their last resourceVersion). */
  closeAll(): void {
    for (const close of [...this.#open]) close();
  }

  serve(res: ServerResponse, wr: WatchRequest): void {
    const t = wr.type;
    const matches = (o: KubeObject): boolean => matchesFilter(wr.filter, o);
    res.writeHead(200, {
      'Content-Type': wr.table ? TABLE_CONTENT_TYPE : 'application/json',
      'Cache-Control': 'no-cache, private',
      'Transfer-Encoding': 'chunked',
    });
    res.flushHeaders();
    let sentColumns = false;
    const write = (type: WatchEventType, obj: KubeObject, change?: StoreChange): void => {
      if (res.writableEnded) return;
      if (wr.table) {
        const table = buildTable(t, [asServed(t, obj)], { now: this.#now(), resourceVersion: obj.metadata.resourceVersion ?? '', includeColumns: !sentColumns });
        sentColumns = true;
        res.write(`${JSON.stringify({ type, object: table })}\n`);
        return;
      }
      res.write(eventLine(t, type, change?.object ?? obj));
      // parity: a real API server terminates a watcher whose channel is full; the client re-watches from its RV
      if (res.writableLength > this.#maxBufferedBytes) close();
    };

    const asked = wr.resourceVersion;
    const fromScratch = asked === undefined || asked === '' || asked === '0';
    let replay: StoreChange[] = [];
    if (!fromScratch) {
      const since = this.#store.changesSince(Number(asked));
      if (since === undefined || Number.isNaN(Number(asked))) {
        const status = expired(asked, this.#store.compactedResourceVersion + 1).status;
        res.end(`${JSON.stringify({ type: 'ERROR', object: status })}\n`);
        return;
      }
      replay = since;
    }

    const onChange = (change: StoreChange): void => {
      if (change.resource !== t.storageKey) return;
      const type = eventFor(change, matches);
      if (type !== undefined) write(type, change.object, change);
    };
    const unsubscribe = this.#store.onChange(onChange);
    const timers: NodeJS.Timeout[] = [];
    const close = (): void => {
      unsubscribe();
      for (const timer of timers) clearTimeout(timer);
      this.#open.delete(close);
      if (!res.writableEnded) res.end();
    };
    this.#open.add(close);
    res.on('close', close);

    if (fromScratch) {
      for (const obj of this.#store.list(t.storageKey, wr.filter.namespace)) if (matches(obj)) write('ADDED', obj);
      if (wr.sendInitialEvents && wr.allowBookmarks) this.#bookmark(res, t, { 'k8s.io/initial-events-end': 'true' });
    } else {
      for (const change of replay) onChange(change);
    }
    if (wr.timeoutSeconds !== undefined && wr.timeoutSeconds > 0) timers.push(setTimeout(close, wr.timeoutSeconds * 1000));
    if (wr.allowBookmarks) timers.push(setInterval(() => this.#bookmark(res, t), this.#bookmarkIntervalMs));
  }

  #bookmark(res: ServerResponse, t: ResourceType, annotations?: Record<string, string>): void {
    const metadata: JsonObject = { resourceVersion: String(this.#store.resourceVersion) };
    if (annotations !== undefined) metadata['annotations'] = annotations;
    res.write(`${JSON.stringify({ type: 'BOOKMARK', object: { kind: t.kind, apiVersion: apiVersionOf(t), metadata } })}\n`);
  }

}
