import { conflict } from '../errors.js';
import type { KubeObject, ResourceType } from '../types.js';
import { isRecord } from '../types.js';
import type { OpsContext } from './context.js';
import { timestamp } from './context.js';
import { getExisting } from './update.js';

export interface DeleteOptions {
  dryRun?: boolean;
  preconditions?: { uid?: string; resourceVersion?: string };
  propagationPolicy?: string;
}

export interface DeleteResult {
  object: KubeObject;
  /** true when the object is gone; false when it now waits for finalizers (202). */
  deleted: boolean;
}

/** Reads `DeleteOptions` from a request body (`{"propagationPolicy":…,"preconditions":{…}}`). */
export function parseDeleteOptions(body: unknown, dryRun: boolean): DeleteOptions {
  const out: DeleteOptions = { dryRun };
  if (!isRecord(body)) return out;
  if (typeof body['propagationPolicy'] === 'string') out.propagationPolicy = body['propagationPolicy'];
  const pre = body['preconditions'];
  if (isRecord(pre)) {
    out.preconditions = {};
    if (typeof pre['uid'] === 'string') out.preconditions.uid = pre['uid'];
    if (typeof pre['resourceVersion'] === 'string') out.preconditions.resourceVersion = pre['resourceVersion'];
  }
  if (Array.isArray(body['dryRun']) && body['dryRun'].includes('All')) out.dryRun = true;
  return out;
}

/**
 * DELETE: preconditions (uid, resourceVersion) → 409 on mismatch; objects with finalizers get a
 * deletionTimestamp (grace 0) and stay until the last finalizer goes; otherwise removed at once. A Foreground or
 * Orphan propagation policy adds the GC finalizer (`propagationFinalizer`) first. Namespaces: `deleteNamespace`.
 * Dependents (ownerReferences) are the garbage collector's business, not this function's.
 */
export function deleteObject(ctx: OpsContext, t: ResourceType, namespace: string | undefined, name: string, opts: DeleteOptions): DeleteResult {
  const current = getExisting(ctx, t, namespace, name);
  const pre = opts.preconditions;
  if (pre?.uid !== undefined && pre.uid !== current.metadata.uid) {
    throw conflict(t, name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${current.metadata.uid ?? ''}`);
  }
  if (pre?.resourceVersion !== undefined && pre.resourceVersion !== current.metadata.resourceVersion) {
    throw conflict(
      t,
      name,
      `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${current.metadata.resourceVersion ?? ''}`,
    );
  }
  if (opts.dryRun === true) return { object: current, deleted: true };
  const ns = t.namespaced ? namespace : undefined;
  if (t.group === '' && t.kind === 'Namespace') return deleteNamespace(ctx, current);
  const gcFinalizer = propagationFinalizer(opts.propagationPolicy);
  const finalizers = current.metadata.finalizers ?? [];
  if (gcFinalizer !== undefined && !finalizers.includes(gcFinalizer)) {
    const deletionTimestamp = current.metadata.deletionTimestamp ?? timestamp(ctx.now());
    const marked: KubeObject = { ...current, metadata: { ...current.metadata, deletionTimestamp, deletionGracePeriodSeconds: 0, finalizers: [...finalizers, gcFinalizer] } };
    return { object: ctx.store.put(t.storageKey, marked), deleted: false };
  }
  if (finalizers.length > 0) {
    if (current.metadata.deletionTimestamp !== undefined) return { object: current, deleted: false };
    const marked: KubeObject = {
      ...current,
      metadata: { ...current.metadata, deletionTimestamp: timestamp(ctx.now()), deletionGracePeriodSeconds: 0 },
    };
    return { object: ctx.store.put(t.storageKey, marked), deleted: false };
  }
  return { object: ctx.store.remove(t.storageKey, ns, name) ?? current, deleted: true };
}

/**
 * GC finalizer a propagation policy puts on the owner: Foreground → `foregroundDeletion` (dependents first),
 * Orphan → `orphan` (dependents keep living without the reference); Background/unset → none.
 */
export function propagationFinalizer(policy: string | undefined): string | undefined {
  if (policy === 'Foreground') return 'foregroundDeletion';
  if (policy === 'Orphan') return 'orphan';
  return undefined;
}

/**
 * Namespace deletion: the first DELETE marks it Terminating (202); the namespace controller then deletes every
 * namespaced object in it and DELETEs it again, which removes it once nothing (and no metadata finalizer) is left.
 */
function deleteNamespace(ctx: OpsContext, ns: KubeObject): DeleteResult {
  const name = ns.metadata.name ?? '';
  if (ns.metadata.deletionTimestamp === undefined) {
    const terminating = ctx.store.put('/namespaces', {
      ...ns,
      metadata: { ...ns.metadata, deletionTimestamp: timestamp(ctx.now()) },
      status: { phase: 'Terminating' },
    });
    return { object: terminating, deleted: false };
  }
  const buckets = new Set(ctx.registry.all().filter((t) => t.namespaced).map((t) => t.storageKey));
  const empty = [...buckets].every((bucket) => ctx.store.list(bucket, name).length === 0);
  if (!empty || (ns.metadata.finalizers ?? []).length > 0) return { object: ns, deleted: false };
  return { object: ctx.store.remove('/namespaces', undefined, name) ?? ns, deleted: true };
}
