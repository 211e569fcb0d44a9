import type { Store, StoreChange } from '../store.js';
import { ChangeType } from '../store.js';
import type { KubeObject } from '../types.js';
import { isRecord } from '../types.js';

/** Where an object lives: store bucket, namespace and name. */
export interface ObjectRef {
  resource: string;
  namespace: string | undefined;
  name: string;
}

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

/** `ownerReferences` narrowed to well-formed entries. */
export function ownerReferences(obj: KubeObject): OwnerReference[] {
  const out: OwnerReference[] = [];
  for (const ref of obj.metadata.ownerReferences ?? []) {
    if (!isRecord(ref) || typeof ref['uid'] !== 'string' || typeof ref['name'] !== 'string' || typeof ref['kind'] !== 'string') continue;
    const r: OwnerReference = { apiVersion: typeof ref['apiVersion'] === 'string' ? ref['apiVersion'] : '', kind: ref['kind'], name: ref['name'], uid: ref['uid'] };
    if (ref['controller'] === true) r.controller = true;
    if (ref['blockOwnerDeletion'] === true) r.blockOwnerDeletion = true;
    out.push(r);
  }
  return out;
}

/** The owner reference with `controller: true`, if any. */
export function controllerRef(obj: KubeObject): OwnerReference | undefined {
  return ownerReferences(obj).find((r) => r.controller === true);
}

export function refKey(ref: ObjectRef): string {
  return `${ref.resource}|${ref.namespace ?? ''}|${ref.name}`;
}

export function parseRefKey(key: string): ObjectRef {
  const [resource = '', namespace = '', name = ''] = key.split('|');
  return { resource, namespace: namespace === '' ? undefined : namespace, name };
}

/** `namespace/name` key used by the per-kind work queues. */
export function nsKey(obj: KubeObject): string {
  return `${obj.metadata.namespace ?? ''}/${obj.metadata.name ?? ''}`;
}

export function splitNsKey(key: string): [string, string] {
  const i = key.indexOf('/');
  return [key.slice(0, i), key.slice(i + 1)];
}

/**
 * Indexes the controllers share, maintained synchronously from store changes (bookkeeping only, no writes):
 * uid → location, owner uid → dependents, and objects per bucket per namespace. Lets every controller find an
 * owner's dependents or a namespace's pods without scanning (and sorting) whole buckets.
 */
export class ObjectIndex {
  readonly #store: Store;
  readonly #byUid = new Map<string, ObjectRef>();
  readonly #dependents = new Map<string, Set<string>>();
  readonly #byNamespace = new Map<string, Map<string, Set<string>>>();
  /** Buckets whose objects without a controller reference are indexed (adoption candidates). */
  readonly #orphanBuckets: ReadonlySet<string>;
  readonly #orphans = new Map<string, Map<string, Set<string>>>();

  constructor(store: Store, buckets: Iterable<string>, orphanBuckets: Iterable<string> = []) {
    this.#store = store;
    this.#orphanBuckets = new Set(orphanBuckets);
    for (const resource of buckets) for (const obj of store.list(resource)) this.#add(resource, obj);
  }

  /** Applies one change; call before any controller reacts to it. */
  apply(change: StoreChange): void {
    if (change.previous !== undefined) this.#remove(change.resource, change.previous);
    if (change.type !== ChangeType.Deleted) this.#add(change.resource, change.object);
  }

  exists(uid: string): boolean {
    return this.#byUid.has(uid);
  }

  byUid(uid: string): KubeObject | undefined {
    const ref = this.#byUid.get(uid);
    return ref === undefined ? undefined : this.#store.get(ref.resource, ref.namespace, ref.name);
  }

  locate(uid: string): ObjectRef | undefined {
    return this.#byUid.get(uid);
  }

  /** Refs of every object listing `ownerUid` in its ownerReferences. */
  dependents(ownerUid: string): ObjectRef[] {
    return [...(this.#dependents.get(ownerUid) ?? [])].map(parseRefKey);
  }

  hasDependents(ownerUid: string): boolean {
    return (this.#dependents.get(ownerUid)?.size ?? 0) > 0;
  }

  /** Objects of `resource` in `namespace` (unordered). */
  inNamespace(resource: string, namespace: string): KubeObject[] {
    const out: KubeObject[] = [];
    for (const name of this.#byNamespace.get(resource)?.get(namespace) ?? []) {
      const obj = this.#store.get(resource, namespace, name);
      if (obj !== undefined) out.push(obj);
    }
    return out;
  }

  /** Objects of an orphan-indexed bucket in `namespace` with no controller reference (unordered). */
  orphansIn(resource: string, namespace: string): KubeObject[] {
    const out: KubeObject[] = [];
    for (const name of this.#orphans.get(resource)?.get(namespace) ?? []) {
      const obj = this.#store.get(resource, namespace, name);
      if (obj !== undefined) out.push(obj);
    }
    return out;
  }

  /** Every bucket holding at least one object in `namespace`. */
  bucketsWithObjectsIn(namespace: string): string[] {
    const out: string[] = [];
    for (const [resource, byNs] of this.#byNamespace) if ((byNs.get(namespace)?.size ?? 0) > 0) out.push(resource);
    return out;
  }

  #add(resource: string, obj: KubeObject): void {
    const ref: ObjectRef = { resource, namespace: obj.metadata.namespace, name: obj.metadata.name ?? '' };
    if (obj.metadata.uid !== undefined) this.#byUid.set(obj.metadata.uid, ref);
    const key = refKey(ref);
    for (const owner of ownerReferences(obj)) {
      let set = this.#dependents.get(owner.uid);
      if (set === undefined) this.#dependents.set(owner.uid, (set = new Set()));
      set.add(key);
    }
    if (ref.namespace !== undefined) {
      let byNs = this.#byNamespace.get(resource);
      if (byNs === undefined) this.#byNamespace.set(resource, (byNs = new Map()));
      let names = byNs.get(ref.namespace);
      if (names === undefined) byNs.set(ref.namespace, (names = new Set()));
      names.add(ref.name);
      if (this.#orphanBuckets.has(resource) && controllerRef(obj) === undefined) {
        let orphans = this.#orphans.get(resource);
        if (orphans === undefined) this.#orphans.set(resource, (orphans = new Map()));
        let set = orphans.get(ref.namespace);
        if (set === undefined) orphans.set(ref.namespace, (set = new Set()));
        set.add(ref.name);
      }
    }
  }

  #remove(resource: string, obj: KubeObject): void {
    const ref: ObjectRef = { resource, namespace: obj.metadata.namespace, name: obj.metadata.name ?? '' };
    if (obj.metadata.uid !== undefined && this.#byUid.get(obj.metadata.uid)?.name === ref.name) this.#byUid.delete(obj.metadata.uid);
    const key = refKey(ref);
    for (const owner of ownerReferences(obj)) {
      const set = this.#dependents.get(owner.uid);
      set?.delete(key);
      if (set?.size === 0) this.#dependents.delete(owner.uid);
    }
    if (ref.namespace !== undefined) {
      this.#byNamespace.get(resource)?.get(ref.namespace)?.delete(ref.name);
      this.#orphans.get(resource)?.get(ref.namespace)?.delete(ref.name);
    }
  }
}
