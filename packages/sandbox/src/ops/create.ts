import { randomInt } from 'node:crypto';
import { alreadyExists, badRequest, forbidden, invalid, notFound } from '../errors.js';
import type { KubeObject, ResourceType } from '../types.js';
import { apiVersionOf, isRecord } from '../types.js';
import { admit } from './admit.js';
import type { OpsContext, WriteOptions, WriteResult } from './context.js';
import { timestamp } from './context.js';
import { patches } from '../pure-modules.js';
import { generateJobSelector, podQosClass } from './defaults.js';
import { generateName, newUid, toKubeObject, tracksGeneration } from './object-meta.js';

const NAMESPACE_TYPE = { group: '', plural: 'namespaces' } as const;

/** Ensures the namespace exists and is not terminating (creation there is 403 Forbidden upstream). */
export function requireNamespace(ctx: OpsContext, t: ResourceType, namespace: string): void {
  const ns = ctx.store.get('/namespaces', undefined, namespace);
  if (ns === undefined) throw notFound(NAMESPACE_TYPE, namespace);
  if (ns.metadata.deletionTimestamp !== undefined) {
    throw forbidden(`${t.plural} is forbidden: unable to create new content in namespace ${namespace} because it is being terminated`, {
      name: namespace,
      kind: t.plural,
      group: t.group,
    });
  }
}

/** Server-assigned fields on create: Namespace label/phase, Service cluster IP, Pod phase/QoS, Job selector, Secret type. */
function applyBuiltinDefaults(t: ResourceType, obj: KubeObject): void {
  if (t.group === '' && t.kind === 'Namespace') {
    obj.metadata.labels = { ...obj.metadata.labels, 'kubernetes.io/metadata.name': obj.metadata.name ?? '' };
    const spec = isRecord(obj['spec']) ? obj['spec'] : {};
    obj['spec'] = { finalizers: ['kubernetes'], ...spec };
    obj['status'] = { phase: 'Active' };
  } else if (t.group === '' && t.kind === 'Service') {
    const spec = isRecord(obj['spec']) ? obj['spec'] : (obj['spec'] = {});
    if (spec['type'] !== 'ExternalName' && spec['clusterIP'] === undefined) {
      const n = randomInt(1, 65_534);
      spec['clusterIP'] = `10.96.${n >> 8}.${n & 255}`;
      spec['clusterIPs'] = [spec['clusterIP']];
    }
  } else if (t.group === '' && t.kind === 'Pod') {
    obj['status'] = { phase: 'Pending', qosClass: podQosClass(isRecord(obj['spec']) ? obj['spec'] : {}) };
  } else if (t.group === 'batch' && t.kind === 'Job') {
    generateJobSelector(obj);
  } else if (t.group === '' && t.kind === 'Secret') {
    obj['type'] ??= 'Opaque';
  }
}

/**
 * POST: names (generateName + 5 chars), namespace checks, server-set metadata (uid, creationTimestamp,
 * generation 1, managedFields), status dropped for types with a status subresource, validation, then persist
 * (unless dryRun).
 */
export function createObject(ctx: OpsContext, t: ResourceType, namespace: string | undefined, input: KubeObject, opts: WriteOptions): WriteResult {
  const obj: KubeObject = structuredClone(input);
  const apiVersion = apiVersionOf(t);
  if (obj.kind !== undefined && obj.kind !== t.kind) {
    throw badRequest(`the API version in the data (${obj.apiVersion ?? ''}) does not match the expected API version (${apiVersion})`);
  }
  obj.apiVersion = apiVersion;
  obj.kind = t.kind;
  if (t.namespaced) {
    const ns = namespace ?? obj.metadata.namespace ?? 'default';
    if (obj.metadata.namespace !== undefined && obj.metadata.namespace !== ns) {
      throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    obj.metadata.namespace = ns;
    requireNamespace(ctx, t, ns);
  } else {
    delete obj.metadata.namespace;
  }
  if ((obj.metadata.name ?? '') === '') {
    if ((obj.metadata.generateName ?? '') === '') {
      throw invalid(t, '', [{ reason: 'FieldValueRequired', message: 'Required value: name or generateName is required', field: 'metadata.name' }]);
    }
    obj.metadata.name = uniqueGeneratedName(ctx, t, obj);
  }
  const name = obj.metadata.name ?? '';
  if (ctx.store.get(t.storageKey, obj.metadata.namespace, name) !== undefined) throw alreadyExists(t, name);

  const now = ctx.now();
  for (const k of ['uid', 'resourceVersion', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'selfLink']) delete obj.metadata[k];
  obj.metadata.uid = newUid();
  obj.metadata.creationTimestamp = timestamp(now);
  if (tracksGeneration(t)) obj.metadata.generation = 1;
  else delete obj.metadata.generation;
  if (t.statusSubresource && !(t.group === 'apiextensions.k8s.io')) delete obj['status'];
  applyBuiltinDefaults(t, obj);

  const { object, warnings } = admit(t, obj, opts.fieldValidation);
  let stored = object;
  if (object.metadata.managedFields === undefined || object.metadata.managedFields.length === 0) {
    stored = toKubeObject(patches.recordUpdateManager(undefined, object, opts.fieldManager ?? 'unknown', timestamp(now)));
  }
  if (opts.dryRun === true) return { object: stored, created: true, warnings };
  return { object: ctx.store.put(t.storageKey, stored), created: true, warnings };
}

function uniqueGeneratedName(ctx: OpsContext, t: ResourceType, obj: KubeObject): string {
  for (;;) {
    const candidate = generateName(obj.metadata.generateName ?? '');
    if (ctx.store.get(t.storageKey, obj.metadata.namespace, candidate) === undefined) return candidate;
  }
}
