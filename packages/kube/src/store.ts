/**
 * The informer's cache: objects by `namespace/name` plus secondary indexes. Built-in indexes:
 * `namespace` (metadata.namespace) and `owner-uid` (every ownerReference uid — how a Rollout finds
 * its ReplicaSets, an AnalysisRun its Jobs). Readers get the cached objects themselves: treat them
 * as read-only and `structuredClone` before changing anything.
 */
import { type KubeObject, objectKey } from './object.js';

export type IndexFunc<T> = (obj: T) => readonly string[];

export const IndexName = { Namespace: 'namespace', OwnerUid: 'owner-uid' } as const;

/** Read-only view handed to reconcilers. */
export interface Lister<T extends KubeObject> {
  get(namespace: string, name: string): T | undefined;
  getByKey(key: string): T | undefined;
  /** Every cached object, or those in one namespace. */
  list(namespace?: string): T[];
  /** Objects whose index `indexName` yields `value`. */
  byIndex(indexName: string, value: string): T[];
  /** Objects owned (any ownerReference) by the object with this UID. */
  ownedBy(uid: string): T[];
  size(): number;
}

export interface ReplaceDelta<T> {
  readonly added: T[];
  readonly updated: Array<{ readonly old: T; readonly obj: T }>;
  readonly deleted: T[];
}

export const namespaceIndex = <T extends KubeObject>(obj: T): readonly string[] => [obj.metadata?.namespace ?? ''];
export const ownerUidIndex = <T extends KubeObject>(obj: T): readonly string[] => (obj.metadata?.ownerReferences ?? []).map((r) => r.uid);

export class ObjectStore<T extends KubeObject> implements Lister<T> {
  private readonly items = new Map<string, T>();
  private readonly indexers: ReadonlyMap<string, IndexFunc<T>>;
  /** indexName → value → keys */
  private readonly indices = new Map<string, Map<string, Set<string>>>();

  constructor(extraIndexers: Readonly<Record<string, IndexFunc<T>>> = {}) {
    this.indexers = new Map<string, IndexFunc<T>>([
      [IndexName.Namespace, namespaceIndex],
      [IndexName.OwnerUid, ownerUidIndex],
      ...Object.entries(extraIndexers),
    ]);
    for (const name of this.indexers.keys()) this.indices.set(name, new Map());
  }

  get(namespace: string, name: string): T | undefined {
    return this.items.get(namespace === '' ? name : `${namespace}/${name}`);
  }

  getByKey(key: string): T | undefined {
    return this.items.get(key);
  }

  list(namespace?: string): T[] {
    if (namespace === undefined) return [...this.items.values()];
    return this.byIndex(IndexName.Namespace, namespace);
  }

  byIndex(indexName: string, value: string): T[] {
    const index = this.indices.get(indexName);
    if (index === undefined) throw new Error(`index ${indexName} does not exist`);
    const keys = index.get(value);
    if (keys === undefined) return [];
    const out: T[] = [];
    for (const k of keys) {
      const obj = this.items.get(k);
      if (obj !== undefined) out.push(obj);
    }
    return out;
  }

  ownedBy(uid: string): T[] {
    return this.byIndex(IndexName.OwnerUid, uid);
  }

  size(): number {
    return this.items.size;
  }

  /** Insert or replace; returns the previous object. */
  upsert(obj: T): T | undefined {
    const key = objectKey(obj);
    const old = this.items.get(key);
    if (old !== undefined) this.unindex(key, old);
    this.items.set(key, obj);
    this.index(key, obj);
    return old;
  }

  /** Remove; returns the removed (last known) object. */
  remove(obj: KubeObject): T | undefined {
    const key = objectKey(obj);
    const old = this.items.get(key);
    if (old === undefined) return undefined;
    this.unindex(key, old);
    this.items.delete(key);
    return old;
  }

  /**
   * Make the cache equal to a fresh LIST. An object counts as updated only when its
   * resourceVersion changed.
   */
  replace(list: readonly T[]): ReplaceDelta<T> {
    const delta: { added: T[]; updated: Array<{ old: T; obj: T }>; deleted: T[] } = { added: [], updated: [], deleted: [] };
    const fresh = new Set<string>();
    for (const obj of list) {
      fresh.add(objectKey(obj));
      const old = this.upsert(obj);
      if (old === undefined) delta.added.push(obj);
      else if (old.metadata?.resourceVersion !== obj.metadata?.resourceVersion) delta.updated.push({ old, obj });
    }
    for (const [key, obj] of [...this.items]) {
      if (fresh.has(key)) continue;
      this.remove(obj);
      delta.deleted.push(obj);
    }
    return delta;
  }

  private index(key: string, obj: T): void {
    for (const [name, fn] of this.indexers) {
      const index = this.indices.get(name);
      if (index === undefined) continue;
      for (const value of fn(obj)) {
        let keys = index.get(value);
        if (keys === undefined) index.set(value, (keys = new Set()));
        keys.add(key);
      }
    }
  }

  private unindex(key: string, obj: T): void {
    for (const [name, fn] of this.indexers) {
      const index = this.indices.get(name);
      if (index === undefined) continue;
      for (const value of fn(obj)) {
        const keys = index.get(value);
        keys?.delete(key);
        if (keys?.size === 0) index.delete(value);
      }
    }
  }
}
