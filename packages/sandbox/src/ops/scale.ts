import { badRequest, methodNotAllowed } from '../errors.js';
import { getPath, setPath } from '../jsonpath.js';
import { formatLabelSelector } from '../selectors.js';
import type { JsonObject, KubeObject, ResourceType } from '../types.js';
import { isRecord } from '../types.js';
import type { OpsContext, WriteOptions, WriteResult } from './context.js';
import type { PatchType } from './patch.js';
import { applyPatch } from './patch.js';
import { commitUpdate, getExisting } from './update.js';

/**
 * `autoscaling/v1` Scale view of an object through its scale paths: spec.replicas ← specReplicasPath,
 * status.replicas ← statusReplicasPath (0 when unset), status.selector ← labelSelectorPath (a string for custom
 * resources) or the serialised `spec.selector` of built-ins.
 */
export function toScale(t: ResourceType, obj: KubeObject): JsonObject {
  const paths = t.scale;
  if (paths === undefined) throw methodNotAllowed();
  const specReplicas = getPath(obj, paths.specReplicasPath);
  const statusReplicas = getPath(obj, paths.statusReplicasPath);
  let selector: string;
  if (paths.labelSelectorPath !== undefined) {
    const raw = getPath(obj, paths.labelSelectorPath);
    selector = typeof raw === 'string' ? raw : '';
  } else {
    selector = formatLabelSelector(isRecord(obj['spec']) ? obj['spec']['selector'] : undefined);
  }
  const { name, namespace, uid, resourceVersion, creationTimestamp } = obj.metadata;
  const status: JsonObject = { replicas: typeof statusReplicas === 'number' ? statusReplicas : 0 };
  if (selector !== '') status['selector'] = selector;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name, namespace, uid, resourceVersion, creationTimestamp },
    spec: { replicas: typeof specReplicas === 'number' ? specReplicas : 0 },
    status,
  };
}

export function getScale(ctx: OpsContext, t: ResourceType, namespace: string | undefined, name: string): JsonObject {
  return toScale(t, getExisting(ctx, t, namespace, name));
}

/** PUT/PATCH `…/scale`: the Scale's spec.replicas is written to the spec path; answer is the new Scale. */
export function writeScale(
  ctx: OpsContext,
  t: ResourceType,
  namespace: string | undefined,
  name: string,
  change: { put: unknown } | { patch: unknown; type: PatchType },
  opts: WriteOptions,
): { scale: JsonObject; result: WriteResult } {
  const paths = t.scale;
  if (paths === undefined) throw methodNotAllowed();
  const current = getExisting(ctx, t, namespace, name);
  const scale = toScale(t, current);
  const desired = 'put' in change ? change.put : applyPatch(t, structuredClone(scale), change.patch, change.type);
  if (!isRecord(desired) || !isRecord(desired['spec'])) throw badRequest('the body of the request was in an unknown format');
  const replicas = desired['spec']['replicas'];
  if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
    throw badRequest(`spec.replicas: Invalid value: ${JSON.stringify(replicas)}: must be greater than or equal to 0`);
  }
  const next = setPath(current, paths.specReplicasPath, replicas);
  const meta = isRecord(desired['metadata']) ? desired['metadata'] : {};
  next.metadata = { ...next.metadata, resourceVersion: typeof meta['resourceVersion'] === 'string' ? meta['resourceVersion'] : current.metadata.resourceVersion };
  const result = commitUpdate(ctx, t, current, next, opts);
  return { scale: toScale(t, result.object), result };
}
