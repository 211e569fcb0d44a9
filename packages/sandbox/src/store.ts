import type { KubeObject } from './types.js';

export const ChangeType = { Added: 'ADDED', Modified: 'MODIFIED', Deleted: 'DELETED' } as const;
export type ChangeType = (typeof ChangeType)[keyof typeof ChangeType];

/** One committed write. `previous` is the stored state before it (absent for ADDED). */
export interface StoreChange {
  type: ChangeType;
  /** Store bucket (`group/plural`). */
  resource: string;
  object: KubeObject;
  previous?: KubeObject;
  resourceVersion: number;
}

export type ChangeListener = (change: StoreChange) => void;

export interface StoreOptions {
  /** Changes kept for watch resumption; older resume points get 410 Expired. */
  historyLimit?: number;
  /** First resourceVersion handed out is `initialResourceVersion + 1`. */
  initialResourceVersion?: number;
}

/**
 * In-memory object store: buckets of objects keyed `namespace/name`, one global resourceVersion counter and a
 * ring of recent changes for watch resumption.
 *
 * Stored objects are never mutated after `put`: readers may hold them, and must `structuredClone` before editing.
 * Listeners run synchronously inside the write; a controller should queue its reaction (e.g. `queueMicrotask`)
 * and write back through the sandbox API, never re-enter the store from the listener.
 */
export class Store {
  readonly #buckets = new Map<string, Map<string, KubeObject>>();
  readonly #listeners = new Set<ChangeListener>();
  readonly #historyLimit: number;
  #history: StoreChange[] = [];
  #rv: number;
  /** Highest resourceVersion whose change is no longer in history. Resume points below it are expired. */
  #compactedRV: number;

  constructor(options: StoreOptions = {}) {
    this.#historyLimit = options.historyLimit ?? 50_000;
    this.#rv = options.initialResourceVersion ?? 1000;
    this.#compactedRV = this.#rv;
  }

  /** Current global resourceVersion (the value lists report). */
  get resourceVersion(): number {
    return this.#rv;
  }

  get compactedResourceVersion(): number {
    return this.#compactedRV;
  }

  get(resource: string, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.#buckets.get(resource)?.get(objectKey(namespace, name));
  }

  /** Objects of a bucket, optionally one namespace, in key order (namespace, then name). */
  list(resource: string, namespace?: string): KubeObject[] {
    const bucket = this.#buckets.get(resource);
    if (bucket === undefined) return [];
    const entries: [string, KubeObject][] = [];
    for (const entry of bucket) {
      if (namespace === undefined || entry[1].metadata.namespace === namespace) entries.push(entry);
    }
    entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return entries.map((e) => e[1]);
  }

  count(resource: string): number {
    return this.#buckets.get(resource)?.size ?? 0;
  }

  /** Stores `object` (create or replace) under a fresh resourceVersion and notifies listeners. */
  put(resource: string, object: KubeObject): KubeObject {
    const key = objectKey(object.metadata.namespace, object.metadata.name ?? '');
    let bucket = this.#buckets.get(resource);
    if (bucket === undefined) {
      bucket = new Map();
      this.#buckets.set(resource, bucket);
    }
    const previous = bucket.get(key);
    const rv = ++this.#rv;
    const stored: KubeObject = { ...object, metadata: { ...object.metadata, resourceVersion: String(rv) } };
    bucket.set(key, stored);
    const change: StoreChange =
      previous === undefined
        ? { type: ChangeType.Added, resource, object: stored, resourceVersion: rv }
        : { type: ChangeType.Modified, resource, object: stored, previous, resourceVersion: rv };
    this.#record(change);
    return stored;
  }

  /**
   * Removes an object; the DELETED event carries its last state (or `finalState`, e.g. with the last finalizer
   * removed) stamped with a new resourceVersion.
   */
  remove(resource: string, namespace: string | undefined, name: string, finalState?: KubeObject): KubeObject | undefined {
    const bucket = this.#buckets.get(resource);
    const key = objectKey(namespace, name);
    const previous = bucket?.get(key);
    if (bucket === undefined || previous === undefined) return undefined;
    bucket.delete(key);
    const rv = ++this.#rv;
    const base = finalState ?? previous;
    const last: KubeObject = { ...base, metadata: { ...base.metadata, resourceVersion: String(rv) } };
    this.#record({ type: ChangeType.Deleted, resource, object: last, previous, resourceVersion: rv });
    return last;
  }

  /** Drops a whole bucket (CRD deletion) with a DELETED event per object. */
  dropResource(resource: string): void {
    for (const obj of this.list(resource)) this.remove(resource, obj.metadata.namespace, obj.metadata.name ?? '');
    this.#buckets.delete(resource);
  }

  /** Subscribes to every committed change; returns the unsubscribe function. */
  onChange(listener: ChangeListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Changes after `resourceVersion` (exclusive), or `undefined` when that point was compacted away (410).
   * Rule: resumable iff `resourceVersion >= compactedRV`.
   */
  changesSince(resourceVersion: number): StoreChange[] | undefined {
    if (resourceVersion < this.#compactedRV) return undefined;
    const history = this.#history;
    let lo = 0;
    let hi = history.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((history[mid]?.resourceVersion ?? 0) <= resourceVersion) lo = mid + 1;
      else hi = mid;
    }
    return history.slice(lo);
  }

  /** Forgets all history (admin hook): every resume point before now becomes 410 Expired. */
  compact(): void {
    this.#history = [];
    this.#compactedRV = this.#rv;
  }

  #record(change: StoreChange): void {
    this.#history.push(change);
    if (this.#history.length > this.#historyLimit * 1.25) {
      const drop = this.#history.length - this.#historyLimit;
      this.#compactedRV = this.#history[drop - 1]?.resourceVersion ?? this.#compactedRV;
      this.#history = this.#history.slice(drop);
    }
    for (const listener of this.#listeners) {
      try {
        listener(change);
      } catch {
        // a faulty listener must not break the write that triggered it
      }
    }
  }
}

export function objectKey(namespace: string | undefined, name: string): string {
  return `${namespace ?? ''}/${name}`;
}
