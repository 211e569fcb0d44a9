import { ApiError, badRequest, conflict, StatusReason, unsupportedMediaType } from '../errors.js';
import type { StatusCause } from '../errors.js';
import type { ApplyConflict } from '../pure-modules.js';
import { isPatchError, patches } from '../pure-modules.js';
import type { KubeObject, ResourceType } from '../types.js';
import { isRecord } from '../types.js';
import type { OpsContext, WriteOptions, WriteResult } from './context.js';
import { timestamp } from './context.js';
import { createObject } from './create.js';
import { conflictsAllowedByLastApplied } from './csa-upgrade.js';
import { asServed, deepEqual, toKubeObject } from './object-meta.js';
import type { Subresource } from './update.js';
import { commitUpdate, getExisting } from './update.js';

export const PatchType = {
  Merge: 'application/merge-patch+json',
  Json: 'application/json-patch+json',
  Strategic: 'application/strategic-merge-patch+json',
  Apply: 'application/apply-patch+yaml',
} as const;
export type PatchType = (typeof PatchType)[keyof typeof PatchType];

const ACCEPTED_FOR_CUSTOM = `${PatchType.Json}, ${PatchType.Merge}, ${PatchType.Apply}`;

export interface PatchOptions extends WriteOptions {
  subresource?: Subresource;
  /** Server-side apply `force=true` (`--force-conflicts`). */
  force?: boolean;
}

export function asPatchType(contentType: string): PatchType | undefined {
  const bare = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return (Object.values(PatchType) as string[]).includes(bare) ? (bare as PatchType) : undefined;
}

/** Applies a merge, JSON or strategic patch to the served form of the object, then commits it as an update. */
export function patchObject(
  ctx: OpsContext,
  t: ResourceType,
  namespace: string | undefined,
  name: string,
  patch: unknown,
  type: PatchType,
  opts: PatchOptions,
): WriteResult {
  if (type === PatchType.Apply) return serverSideApply(ctx, t, namespace, name, patch, opts);
  const current = getExisting(ctx, t, namespace, name);
  const base = structuredClone(asServed(t, current));
  const patched = applyPatch(t, base, patch, type);
  return commitUpdate(ctx, t, current, toKubeObject(patched), opts);
}

export function applyPatch(t: ResourceType, base: unknown, patch: unknown, type: PatchType): unknown {
  try {
    switch (type) {
      case PatchType.Merge:
        return patches.applyMergePatch(base, patch);
      case PatchType.Json:
        return patches.applyJsonPatch(base, patch);
      case PatchType.Strategic:
        if (t.crd !== undefined) {
          // kubectl prefixes "<patch type> is not supported by <gvk>: " itself
          throw unsupportedMediaType(`the body of the request was in an unknown format - accepted media types include: ${ACCEPTED_FOR_CUSTOM}`);
        }
        return patches.applyStrategicMergePatch(base, patch, { group: t.group, version: t.version, kind: t.kind });
      default:
        throw unsupportedMediaType(`the body of the request was in an unknown format - accepted media types include: ${Object.values(PatchType).join(', ')}`);
    }
  } catch (err) {
    if (!isPatchError(err)) throw err;
    throw patchErrorStatus(err);
  }
}

/** A `PatchError` carries the HTTP code, reason and Status message the API server answers with. */
export function patchErrorStatus(err: Error): ApiError {
  const fields = err as Error & { code?: unknown; reason?: unknown; statusMessage?: unknown };
  const code = typeof fields.code === 'number' ? fields.code : 400;
  const reason = typeof fields.reason === 'string' ? (fields.reason as StatusReason) : StatusReason.BadRequest;
  return new ApiError(code, reason, typeof fields.statusMessage === 'string' ? fields.statusMessage : err.message);
}

/**
 * `application/apply-patch+yaml`: server-side apply through the patch module's field-ownership model.
 * Creates the object when absent; conflicts → 409 with `FieldManagerConflict` causes unless `force`.
 */
function serverSideApply(ctx: OpsContext, t: ResourceType, namespace: string | undefined, name: string, patch: unknown, opts: PatchOptions): WriteResult {
  if (!isRecord(patch)) throw badRequest('the body of the request was in an unknown format');
  const manager = opts.fieldManager;
  if (manager === undefined || manager === '') throw badRequest('PATCH /apply requires fieldManager to be set');
  const applied = toKubeObject(patch);
  if (applied.metadata.name !== undefined && applied.metadata.name !== name) {
    throw badRequest('the name of the object (' + String(applied.metadata.name) + ') does not match the name on the URL (' + name + ')');
  }
  const current = ctx.store.get(t.storageKey, t.namespaced ? namespace : undefined, name);
  const now = timestamp(ctx.now());
  const run = (force: boolean): ReturnType<typeof patches.applyServerSide> => {
    try {
      return patches.applyServerSide(current === undefined ? undefined : structuredClone(asServed(t, current)), applied, { manager, force, now });
    } catch (err) {
      if (isPatchError(err)) throw patchErrorStatus(err);
      throw err;
    }
  };
  let result = run(opts.force === true);
  if (result.conflicts.length > 0 && current !== undefined && conflictsAllowedByLastApplied(current, result.conflicts)) result = run(true);
  if (result.conflicts.length > 0) throw applyConflict(t, name, result.conflicts);
  const next = toKubeObject(result.object);
  next.metadata.name = name;
  if (current === undefined) {
    const created = createObject(ctx, t, namespace, next, opts);
    return created;
  }
  if (ignoringTimes(next, current)) return { object: current, created: false, warnings: [] };
  next.metadata.resourceVersion = applied.metadata.resourceVersion ?? current.metadata.resourceVersion ?? '';
  return commitUpdate(ctx, t, current, next, opts);
}

/** Equal apart from managedFields timestamps and resourceVersion (a repeated apply is a no-op). */
function ignoringTimes(a: KubeObject, b: KubeObject): boolean {
  const strip = (o: KubeObject): unknown => {
    const { resourceVersion: _rv, managedFields, ...meta } = o.metadata;
    const fields = (managedFields ?? []).map((e) => {
      const { time: _t, ...rest } = e;
      return rest;
    });
    return { ...o, metadata: { ...meta, managedFields: fields } };
  };
  return deepEqual(strip(a), strip(b));
}

/** 409 `Apply failed with N conflict(s): …` with one FieldManagerConflict cause per field. */
export function applyConflict(t: ResourceType, name: string, conflicts: ApplyConflict[]): ApiError {
  const causes: StatusCause[] = conflicts.map((c) => ({ reason: 'FieldManagerConflict', message: c.message, field: c.field }));
  const err = conflict(t, name, '');
  err.status.message = patches.applyConflictMessage(conflicts);
  if (err.status.details !== undefined) err.status.details.causes = causes;
  return err;
}
