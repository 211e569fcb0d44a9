import { asApiError } from '../errors.js';
import { deepEqual } from '../ops/object-meta.js';
import type { StoreChange } from '../store.js';
import { ChangeType } from '../store.js';
import type { JsonObject, KubeObject } from '../types.js';
import { isRecord } from '../types.js';
import type { Controller, ControllerContext, Types } from './context.js';
import { Bucket, FieldManager, isDeleting } from './context.js';
import { mapSelectorMatches } from './label-selector.js';
import { nsKey, splitNsKey } from './object-index.js';
import { isPodActive, isPodReady } from './replica-set-status.js';
import { WorkQueue } from './work-queue.js';

function serviceSelector(svc: KubeObject): unknown {
  return isRecord(svc['spec']) ? svc['spec']['selector'] : undefined;
}

/** A service port's target on a pod: numeric targetPort, a named container port, or the service port. */
function targetPort(port: JsonObject, pods: KubeObject[]): number | undefined {
  const target = port['targetPort'] ?? port['port'];
  if (typeof target === 'number') return target;
  for (const pod of pods) {
    const containers = isRecord(pod['spec']) && Array.isArray(pod['spec']['containers']) ? pod['spec']['containers'].filter(isRecord) : [];
    for (const c of containers) {
      const ports = Array.isArray(c['ports']) ? c['ports'].filter(isRecord) : [];
      const hit = ports.find((p) => p['name'] === target);
      if (typeof hit?.['containerPort'] === 'number') return hit['containerPort'];
    }
  }
  return undefined;
}

/**
 * Endpoints subsets for a selector Service (parity: kubernetes endpoints controller, one subset): active pods
 * with an IP, ready ones under `addresses`, the others under `notReadyAddresses`, sorted by IP; ports from the
 * service ports' targets. No pods → no subsets.
 */
export function buildSubsets(svc: KubeObject, pods: KubeObject[]): JsonObject[] {
  const address = (p: KubeObject): JsonObject => {
    const status = isRecord(p['status']) ? p['status'] : {};
    const spec = isRecord(p['spec']) ? p['spec'] : {};
    const a: JsonObject = { ip: status['podIP'] };
    if (typeof spec['nodeName'] === 'string') a['nodeName'] = spec['nodeName'];
    a['targetRef'] = { kind: 'Pod', namespace: p.metadata.namespace, name: p.metadata.name, uid: p.metadata.uid };
    return a;
  };
  const withIP = pods.filter((p) => isPodActive(p) && isRecord(p['status']) && typeof p['status']['podIP'] === 'string');
  const byIP = (a: JsonObject, b: JsonObject): number => String(a['ip']).localeCompare(String(b['ip']));
  const ready = withIP.filter(isPodReady).map(address).sort(byIP);
  const notReady = withIP.filter((p) => !isPodReady(p)).map(address).sort(byIP);
  if (ready.length + notReady.length === 0) return [];
  const svcPorts = isRecord(svc['spec']) && Array.isArray(svc['spec']['ports']) ? svc['spec']['ports'].filter(isRecord) : [];
  const ports = svcPorts.flatMap((p) => {
    const port = targetPort(p, withIP);
    if (port === undefined) return [];
    const out: JsonObject = { port, protocol: typeof p['protocol'] === 'string' ? p['protocol'] : 'TCP' };
    if (typeof p['name'] === 'string' && p['name'] !== '') out['name'] = p['name'];
    return [out];
  });
  const subset: JsonObject = {};
  if (ready.length > 0) subset['addresses'] = ready;
  if (notReady.length > 0) subset['notReadyAddresses'] = notReady;
  if (ports.length > 0) subset['ports'] = ports;
  return [subset];
}

/**
 * Endpoints controller: for every Service with a selector, an Endpoints object of the same name listing the
 * selected pods (`buildSubsets`); deleted with its Service (as upstream). Services without a selector keep
 * hand-written Endpoints.
 */
export function endpointsController(ctx: ControllerContext, types: Types): Controller {
  const { api, index } = ctx;
  const queue = new WorkQueue(sync);

  function sync(key: string): void {
    const [namespace, name] = splitNsKey(key);
    const svc = api.ctx.store.get(Bucket.Services, namespace, name);
    const current = api.ctx.store.get(Bucket.Endpoints, namespace, name);
    if (svc === undefined) {
      if (current !== undefined) api.delete(types.endpoints, namespace, name, {});
      return;
    }
    const selector = serviceSelector(svc);
    if (!isRecord(selector) || Object.keys(selector).length === 0 || isDeleting(svc)) return;
    const pods = index.inNamespace(Bucket.Pods, namespace).filter((p) => mapSelectorMatches(selector, p.metadata.labels));
    const subsets = buildSubsets(svc, pods);
    const labels = svc.metadata.labels ?? {};
    const metadata: KubeObject['metadata'] = Object.keys(labels).length > 0 ? { name, namespace, labels } : { name, namespace };
    const desired: KubeObject = { apiVersion: 'v1', kind: 'Endpoints', metadata, ...(subsets.length > 0 ? { subsets } : {}) };
    try {
      if (current === undefined) {
        api.create(types.endpoints, namespace, desired, { fieldManager: FieldManager.Controller });
      } else if (!deepEqual(current['subsets'], desired['subsets']) || !deepEqual(current.metadata.labels ?? {}, labels)) {
        const { subsets: _old, ...rest } = current;
        const next: KubeObject = { ...rest, metadata: { ...current.metadata, labels }, ...(subsets.length > 0 ? { subsets } : {}) };
        api.update(types.endpoints, namespace, name, next, { fieldManager: FieldManager.Controller });
      }
    } catch (err) {
      if (asApiError(err).code !== 403) throw err;
    }
  }

  function queueForPod(pod: KubeObject): void {
    const namespace = pod.metadata.namespace ?? '';
    for (const svc of index.inNamespace(Bucket.Services, namespace)) {
      if (mapSelectorMatches(serviceSelector(svc), pod.metadata.labels)) queue.add(nsKey(svc));
    }
  }

  return {
    name: 'endpoints',
    onChange(change: StoreChange): void {
      if (change.resource === Bucket.Services) {
        queue.add(nsKey(change.object));
        return;
      }
      if (change.resource !== Bucket.Pods) return;
      if (change.type === ChangeType.Modified && change.previous !== undefined && !affectsEndpoints(change.previous, change.object)) return;
      queueForPod(change.object);
      if (change.previous !== undefined) queueForPod(change.previous);
    },
    resync(): void {
      for (const svc of api.ctx.store.list(Bucket.Services)) queue.add(nsKey(svc));
    },
    stop(): void {
      queue.stop();
    },
  };
}

/** Only labels, IP, readiness, phase and deletion matter to Endpoints. */
function affectsEndpoints(before: KubeObject, after: KubeObject): boolean {
  const view = (p: KubeObject): unknown => [p.metadata.labels, isRecord(p['status']) ? p['status']['podIP'] : undefined, isPodReady(p), isPodActive(p)];
  return !deepEqual(view(before), view(after));
}
