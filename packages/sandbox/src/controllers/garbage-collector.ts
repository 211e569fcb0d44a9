import type { StoreChange } from '../store.js';
import { ChangeType } from '../store.js';
import type { KubeObject } from '../types.js';
import type { Controller, ControllerContext } from './context.js';
import { FieldManager, isDeleting } from './context.js';
import type { ObjectRef, OwnerReference } from './object-index.js';
import { ownerReferences, parseRefKey, refKey } from './object-index.js';
import type { TypeByBucket } from './resource-types.js';
import { WorkQueue } from './work-queue.js';

export const GcFinalizer = { Orphan: 'orphan', Foreground: 'foregroundDeletion' } as const;

/** What to do with a dependent, given the state of each of its owners. */
export type DependentAction =
  | { kind: 'keep' }
  | { kind: 'delete'; propagationPolicy: 'Background' | 'Foreground' }
  | { kind: 'dropReferences'; uids: string[] };

export interface OwnerState {
  ref: OwnerReference;
  /** absent: no object has this uid; waiting: being deleted with the foregroundDeletion finalizer. */
  state: 'present' | 'absent' | 'waiting';
}

/**
 * The collector's decision for one dependent (parity: kubernetes garbagecollector attemptToDeleteItem):
 * - no owner present (all absent or waiting for dependents) → delete it; Foreground when a waiting owner's
 *   reference has `blockOwnerDeletion`, so the owner waits for this dependent's own dependents too;
 * - some owners present, some absent → drop the dangling references;
 * - otherwise keep.
 */
export function decideDependent(owners: OwnerState[]): DependentAction {
  if (owners.length === 0) return { kind: 'keep' };
  const present = owners.filter((o) => o.state === 'present');
  if (present.length === 0) {
    const blocking = owners.some((o) => o.state === 'waiting' && o.ref.blockOwnerDeletion === true);
    return { kind: 'delete', propagationPolicy: blocking ? 'Foreground' : 'Background' };
  }
  const absent = owners.filter((o) => o.state === 'absent').map((o) => o.ref.uid);
  return absent.length > 0 ? { kind: 'dropReferences', uids: absent } : { kind: 'keep' };
}

/**
 * Garbage collector: deletes dependents whose owners are gone (Background), deletes dependents before owners
 * that carry `foregroundDeletion` (Foreground, waiting for dependents with `blockOwnerDeletion`), strips the
 * owner's references from dependents of owners carrying `orphan` (Orphan), then removes that finalizer.
 * References to owners that never existed are collected only after `danglingOwnerGraceMs`.
 */
export function garbageCollector(ctx: ControllerContext, types: TypeByBucket): Controller {
  const { api, index } = ctx;
  const queue = new WorkQueue((key) => (key.startsWith('owner:') ? syncOwner(key.slice(6)) : syncDependent(parseRefKey(key.slice(4)))));

  function ownerState(ref: OwnerReference): OwnerState {
    const owner = index.byUid(ref.uid);
    if (owner === undefined) return { ref, state: 'absent' };
    const waiting = isDeleting(owner) && (owner.metadata.finalizers ?? []).includes(GcFinalizer.Foreground);
    return { ref, state: waiting ? 'waiting' : 'present' };
  }

  function syncDependent(at: ObjectRef): void {
    const t = types.get(at.resource);
    const obj = api.ctx.store.get(at.resource, at.namespace, at.name);
    if (t === undefined || obj === undefined) return;
    const action = decideDependent(ownerReferences(obj).map(ownerState));
    if (action.kind === 'delete' && !isDeleting(obj)) {
      api.delete(t, at.namespace, at.name, { propagationPolicy: action.propagationPolicy, preconditions: { uid: obj.metadata.uid ?? '' } });
    } else if (action.kind === 'dropReferences') {
      writeOwnerReferences(at, obj, (r) => !action.uids.includes(r.uid));
    }
  }

  function writeOwnerReferences(at: ObjectRef, obj: KubeObject, keep: (ref: OwnerReference) => boolean): void {
    const t = types.get(at.resource);
    if (t === undefined) return;
    const refs = (obj.metadata.ownerReferences ?? []).filter((r) => typeof r['uid'] !== 'string' || keep(r as unknown as OwnerReference));
    const metadata = { ...obj.metadata, ownerReferences: refs };
    if (refs.length === 0) delete (metadata as Record<string, unknown>)['ownerReferences'];
    api.update(t, at.namespace, at.name, { ...obj, metadata }, { fieldManager: FieldManager.Gc });
  }

  function syncOwner(uid: string): void {
    const owner = index.byUid(uid);
    const at = index.locate(uid);
    if (owner === undefined || at === undefined || !isDeleting(owner)) return;
    const finalizers = owner.metadata.finalizers ?? [];
    const dependents = index.dependents(uid);
    if (finalizers.includes(GcFinalizer.Orphan)) {
      for (const dep of dependents) {
        const obj = api.ctx.store.get(dep.resource, dep.namespace, dep.name);
        if (obj !== undefined) writeOwnerReferences(dep, obj, (r) => r.uid !== uid);
      }
      removeFinalizer(at, owner, GcFinalizer.Orphan);
      return;
    }
    if (!finalizers.includes(GcFinalizer.Foreground)) return;
    let blocking = 0;
    for (const dep of dependents) {
      const obj = api.ctx.store.get(dep.resource, dep.namespace, dep.name);
      const t = types.get(dep.resource);
      if (obj === undefined || t === undefined) continue;
      const ref = ownerReferences(obj).find((r) => r.uid === uid);
      if (ref?.blockOwnerDeletion === true) blocking++;
      if (!isDeleting(obj)) syncDependent(dep);
    }
    if (blocking === 0) removeFinalizer(at, owner, GcFinalizer.Foreground);
  }

  function removeFinalizer(at: ObjectRef, owner: KubeObject, finalizer: string): void {
    const t = types.get(at.resource);
    if (t === undefined) return;
    const finalizers = (owner.metadata.finalizers ?? []).filter((f) => f !== finalizer);
    api.update(t, at.namespace, at.name, { ...owner, metadata: { ...owner.metadata, finalizers } }, { fieldManager: FieldManager.Gc });
  }

  return {
    name: 'garbage-collector',
    onChange(change: StoreChange): void {
      const obj = change.object;
      const uid = obj.metadata.uid;
      if (change.type === ChangeType.Deleted) {
        if (uid !== undefined) for (const dep of index.dependents(uid)) queue.add(`dep:${refKey(dep)}`);
        for (const ref of ownerReferences(obj)) queue.add(`owner:${ref.uid}`);
        return;
      }
      if (uid !== undefined && isDeleting(obj) && (obj.metadata.finalizers ?? []).some((f) => f === GcFinalizer.Orphan || f === GcFinalizer.Foreground)) {
        queue.add(`owner:${uid}`);
      }
      const at: ObjectRef = { resource: change.resource, namespace: obj.metadata.namespace, name: obj.metadata.name ?? '' };
      for (const ref of ownerReferences(obj)) {
        if (!index.exists(ref.uid)) queue.addAfter(`dep:${refKey(at)}`, ctx.danglingOwnerGraceMs);
      }
    },
    resync(): void {},
    stop(): void {
      queue.stop();
    },
  };
}
