import { conflict, invalid, MODIFIED_CONFLICT, notFound } from '../errors.js';
import type { KubeObject, ResourceType } from '../types.js';
import { apiVersionOf } from '../types.js';
import { admit } from './admit.js';
import { applyBuiltinDefaulting, carryAllocatedValues } from './defaults.js';
import { checkImmutableFields } from './immutable.js';
import type { OpsContext, WriteOptions, WriteResult } from './context.js';
import { timestamp } from './context.js';
import { patches } from '../pure-modules.js';
import { asServed, deepEqual, sameObject, specPart, toKubeObject, tracksGeneration } from './object-meta.js';

export type Subresource = 'status' | 'scale' | undefined;

const IMMUTABLE_META = ['uid', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'generation', 'name', 'namespace'] as const;

export function getExisting(ctx: OpsContext, t: ResourceType, namespace: string | undefined, name: string): KubeObject {
  const current = ctx.store.get(t.storageKey, t.namespaced ? namespace : undefined, name);
  if (current === undefined) throw notFound(t, name);
  return current;
}

/**
 * Turns a client's desired object into the next stored state and persists it. Rules:
 * - `metadata.resourceVersion` set and ≠ stored → 409 Conflict (optimistic concurrency);
 * - server-owned metadata (uid, creationTimestamp, generation, deletionTimestamp, name, namespace) is kept;
 * - main path of a type with a status subresource keeps the stored `.status`; the `/status` path keeps
 *   everything except `.status`;
 * - generation += 1 iff the spec part changed; an update changing nothing is a no-op (same RV, no event);
 * - client-written `managedFields` are stored as written, otherwise the manager's ownership is updated;
 * - a deleting object whose last finalizer is removed is deleted.
 */
export function commitUpdate(
  ctx: OpsContext,
  t: ResourceType,
  current: KubeObject,
  desired: KubeObject,
  opts: WriteOptions & { subresource?: Subresource; requireResourceVersion?: boolean },
): WriteResult {
  const name = current.metadata.name ?? '';
  const askedRV = desired.metadata.resourceVersion;
  if (askedRV !== undefined && askedRV !== '' && askedRV !== current.metadata.resourceVersion) {
    throw conflict(t, name, MODIFIED_CONFLICT);
  }
  if (opts.requireResourceVersion === true && (askedRV === undefined || askedRV === '')) {
    throw invalid(t, name, [{ reason: 'FieldValueInvalid', message: 'Invalid value: 0x0: must be specified for an update', field: 'metadata.resourceVersion' }]);
  }
  let next: KubeObject;
  if (opts.subresource === 'status') {
    next = { ...structuredClone(current), status: structuredClone(desired['status']) };
    if (desired['status'] === undefined) delete next['status'];
  } else {
    next = structuredClone(desired);
    next.apiVersion = current.apiVersion ?? apiVersionOf(t);
    next.kind = t.kind;
    for (const key of IMMUTABLE_META) {
      const meta: Record<string, unknown> = next.metadata;
      if (current.metadata[key] === undefined) delete meta[key];
      else meta[key] = current.metadata[key];
    }
    if (t.statusSubresource) {
      if (current['status'] === undefined) delete next['status'];
      else next['status'] = current['status'];
    }
    carryAllocatedValues(t, current, next);
    applyBuiltinDefaulting(t, next);
    checkImmutableFields(t, current, next);
  }
  next.metadata.resourceVersion = current.metadata.resourceVersion ?? '';
  const clientManagedFields = desired.metadata.managedFields;
  const managedFieldsWritten = clientManagedFields !== undefined && !deepEqual(clientManagedFields, current.metadata.managedFields);
  if (!managedFieldsWritten) next.metadata.managedFields = current.metadata.managedFields ?? [];

  const { object: admitted, warnings } = admit(t, next, opts.fieldValidation);
  next = admitted;
  if (next.metadata.managedFields?.length === 0 && current.metadata.managedFields === undefined) delete next.metadata.managedFields;
  if (sameObject(next, current)) return { object: current, created: false, warnings };

  if (tracksGeneration(t) && !deepEqual(specPart(t, next), specPart(t, current))) {
    next.metadata.generation = (current.metadata.generation ?? 0) + 1;
  }
  if (!managedFieldsWritten) {
    const manager = opts.fieldManager ?? 'unknown';
    const sub = opts.subresource === 'status' ? { subresource: 'status' } : {};
    next = toKubeObject(patches.recordUpdateManager(asServed(t, current), next, manager, timestamp(ctx.now()), sub));
  }
  if (opts.dryRun === true) return { object: next, created: false, warnings };
  if (next.metadata.deletionTimestamp !== undefined && (next.metadata.finalizers ?? []).length === 0) {
    const gone = ctx.store.remove(t.storageKey, next.metadata.namespace, name, next) ?? next;
    return { object: gone, created: false, warnings };
  }
  return { object: ctx.store.put(t.storageKey, next), created: false, warnings };
}
