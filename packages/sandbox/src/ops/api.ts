import { isReviewType } from '../builtins.js';
import { pathNotFound } from '../errors.js';
import type { ObjectFilter } from '../selectors.js';
import { matchesFilter } from '../selectors.js';
import type { JsonObject, KubeObject, ResourceType } from '../types.js';
import { apiVersionOf, isRecord } from '../types.js';
import type { OpsContext, WriteOptions, WriteResult } from './context.js';
import { createObject } from './create.js';
import { isCrdType, syncCrd, validateCrd } from './crd.js';
import type { DeleteOptions, DeleteResult } from './delete.js';
import { deleteObject } from './delete.js';
import { defaultHpaV2, hpaFromV1 } from './hpa-conversion.js';
import { asServed, isHpaV1, toKubeObject } from './object-meta.js';
import type { PatchOptions } from './patch.js';
import { applyPatch, patchObject, PatchType } from './patch.js';
import { getScale, writeScale } from './scale.js';
import type { Subresource } from './update.js';
import { commitUpdate, getExisting } from './update.js';

function isHpa(t: ResourceType): boolean {
  return t.group === 'autoscaling' && t.kind === 'HorizontalPodAutoscaler';
}

export interface ListResult {
  /** Served form (apiVersion of the requested version). */
  items: KubeObject[];
  resourceVersion: string;
}

/**
 * The sandbox's API semantics, independent of HTTP. The HTTP handlers call it, and so can in-process
 * controllers (a simulated kubelet, GC…) so their writes follow exactly the rules clients see
 * (resourceVersion, generation, no-ops, finalizers, validation).
 */
export class SandboxApi {
  constructor(readonly ctx: OpsContext) {}

  /** Type by group, version and plural; 404 when not served. */
  type(group: string, version: string, plural: string): ResourceType {
    const t = this.ctx.registry.lookup(group, version, plural);
    // an unserved group/version/resource: kube-apiserver's plain 404 (no details)
    if (t === undefined) throw pathNotFound();
    return t;
  }

  /** Type by `apiVersion` and `kind` (e.g. to resolve a manifest or an ownerReference). */
  typeOf(apiVersion: string, kind: string): ResourceType | undefined {
    const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
    return this.ctx.registry.all().find((t) => t.group === group && t.version === version && t.kind === kind);
  }

  get(t: ResourceType, namespace: string | undefined, name: string): KubeObject {
    return asServed(t, getExisting(this.ctx, t, namespace, name));
  }

  list(t: ResourceType, filter: ObjectFilter): ListResult {
    const { items, resourceVersion } = this.listStored(t, filter);
    return { items: items.map((o) => asServed(t, o)), resourceVersion };
  }

  /** Like `list`, but the stored objects themselves (never mutate them), for cached serialisation. */
  listStored(t: ResourceType, filter: ObjectFilter): ListResult {
    const items = this.ctx.store.list(t.storageKey, t.namespaced ? filter.namespace : undefined);
    const matching = filter.labels.length === 0 && filter.fields.length === 0 ? items : items.filter((o) => matchesFilter(filter, o));
    return { items: matching, resourceVersion: String(this.ctx.store.resourceVersion) };
  }

  create(t: ResourceType, namespace: string | undefined, body: unknown, opts: WriteOptions = {}): WriteResult {
    const obj = toKubeObject(body);
    if (isReviewType(t)) {
      // the sandbox has no authorization: every access review is allowed (kubectl auth can-i → yes)
      return { object: { ...obj, apiVersion: apiVersionOf(t), kind: t.kind, status: { allowed: true, reason: 'the sandbox authorizes every request' } }, created: true, warnings: [] };
    }
    if (isCrdType(t)) validateCrd(t, obj);
    if (isHpa(t)) return this.#afterWrite(t, createObject(this.ctx, this.#hpaStorage(), namespace, defaultHpaV2(isHpaV1(t) ? hpaFromV1(obj) : obj), opts), opts);
    const result = createObject(this.ctx, t, namespace, obj, opts);
    return this.#afterWrite(t, result, opts);
  }

  update(t: ResourceType, namespace: string | undefined, name: string, body: unknown, opts: WriteOptions & { subresource?: Subresource } = {}): WriteResult {
    const current = getExisting(this.ctx, t, namespace, name);
    const desired = toKubeObject(body);
    if (isCrdType(t) && opts.subresource !== 'status') validateCrd(t, desired);
    if (isHpa(t)) {
      const stored = isHpaV1(t) ? hpaFromV1(desired, current) : desired;
      const next = opts.subresource === 'status' ? stored : defaultHpaV2(stored);
      return this.#afterWrite(t, commitUpdate(this.ctx, this.#hpaStorage(), current, next, opts), opts);
    }
    const result = commitUpdate(this.ctx, t, current, desired, { ...opts, requireResourceVersion: t.crd !== undefined });
    return this.#afterWrite(t, result, opts);
  }

  patch(t: ResourceType, namespace: string | undefined, name: string, patch: unknown, type: PatchType, opts: PatchOptions = {}): WriteResult {
    // a CRD is checked on a dry run of the patch first, so an invalid result is never stored
    if (isCrdType(t) && opts.subresource !== 'status') validateCrd(t, patchObject(this.ctx, t, namespace, name, patch, type, { ...opts, dryRun: true }).object);
    if (isHpaV1(t) && type !== PatchType.Apply) {
      // patched in the served v1 form, stored as v2
      const current = getExisting(this.ctx, t, namespace, name);
      const patched = toKubeObject(applyPatch(t, structuredClone(asServed(t, current)), patch, type));
      return this.#afterWrite(t, commitUpdate(this.ctx, this.#hpaStorage(), current, hpaFromV1(patched, current), opts), opts);
    }
    // a v1 apply configuration is converted to v2 and applied to the stored object (managedFields say v2)
    let body = isHpaV1(t) && isRecord(patch) ? hpaFromV1(toKubeObject(patch)) : patch;
    // an apply that creates an HPA gets v2 defaulting (the applier then owns the defaulted fields: simplification)
    const creating = type === PatchType.Apply && this.ctx.store.get(t.storageKey, namespace, name) === undefined;
    if (isHpa(t) && creating && isRecord(body)) body = defaultHpaV2(toKubeObject(body));
    const result = patchObject(this.ctx, isHpa(t) ? this.#hpaStorage() : t, namespace, name, body, type, opts);
    return this.#afterWrite(t, result, opts);
  }

  delete(t: ResourceType, namespace: string | undefined, name: string, opts: DeleteOptions = {}): DeleteResult {
    const result = deleteObject(this.ctx, t, namespace, name, opts);
    if (isCrdType(t) && result.deleted && opts.dryRun !== true) syncCrd(this.ctx, result.object, true);
    return { ...result, object: asServed(t, result.object) };
  }

  deleteCollection(t: ResourceType, filter: ObjectFilter, opts: DeleteOptions = {}): JsonObject {
    const { items } = this.list(t, filter);
    const deleted = items.map((o) => this.delete(t, o.metadata.namespace, o.metadata.name ?? '', opts).object);
    return { kind: t.listKind, apiVersion: apiVersionOf(t), metadata: { resourceVersion: String(this.ctx.store.resourceVersion) }, items: deleted };
  }

  getScale(t: ResourceType, namespace: string | undefined, name: string): JsonObject {
    return getScale(this.ctx, t, namespace, name);
  }

  writeScale(
    t: ResourceType,
    namespace: string | undefined,
    name: string,
    change: { put: unknown } | { patch: unknown; type: PatchType },
    opts: WriteOptions = {},
  ): JsonObject {
    return writeScale(this.ctx, t, namespace, name, change, opts).scale;
  }

  /** autoscaling/v2 HorizontalPodAutoscaler: the storage version of both served HPA versions. */
  #hpaStorage(): ResourceType {
    return this.type('autoscaling', 'v2', 'horizontalpodautoscalers');
  }

  #afterWrite(t: ResourceType, result: WriteResult, opts: WriteOptions): WriteResult {
    let object = result.object;
    if (isCrdType(t) && opts.dryRun !== true) {
      const gone = this.ctx.store.get(t.storageKey, undefined, object.metadata.name ?? '') === undefined;
      object = syncCrd(this.ctx, object, gone);
    }
    return { ...result, object: asServed(t, object) };
  }
}
