import { ApiError } from '../errors.js';
import type { StoreChange } from '../store.js';
import { ChangeType } from '../store.js';
import type { KubeObject } from '../types.js';
import { isRecord } from '../types.js';
import type { Controller, ControllerContext } from './context.js';
import { FieldManager, isDeleting, timestamp } from './context.js';
import { decideHpa } from './hpa-status.js';
import { nsKey, splitNsKey } from './object-index.js';
import { WorkQueue } from './work-queue.js';

const HPA_BUCKET = 'autoscaling/horizontalpodautoscalers';

function targetOf(hpa: KubeObject): { apiVersion: string; kind: string; name: string } {
  const spec = isRecord(hpa['spec']) ? hpa['spec'] : {};
  const ref = isRecord(spec['scaleTargetRef']) ? spec['scaleTargetRef'] : {};
  const str = (v: unknown): string => (typeof v === 'string' ? v : '');
  return { apiVersion: str(ref['apiVersion']), kind: str(ref['kind']), name: str(ref['name']) };
}

/**
 * Simulated HPA controller (no metrics server): reads each HPA's target through the scale subresource logic
 * (Deployments, ReplicaSets, StatefulSets, custom resources with `subresources.scale` such as Rollouts), clamps
 * its replicas into [minReplicas, maxReplicas], writes the scale when that changes it and records the status
 * (`hpa-status.ts`). Event-driven: an HPA is re-synced when it or any object it targets changes.
 */
export function hpaController(ctx: ControllerContext): Controller {
  const { api } = ctx;
  const queue = new WorkQueue(sync);

  function sync(key: string): void {
    const [namespace, name] = splitNsKey(key);
    const hpa = api.ctx.store.get(HPA_BUCKET, namespace, name);
    if (hpa === undefined || isDeleting(hpa)) return;
    const hpaType = api.type('autoscaling', 'v2', 'horizontalpodautoscalers');
    const ref = targetOf(hpa);
    const t = api.typeOf(ref.apiVersion, ref.kind);
    let current: number | { error: string };
    if (t === undefined || t.scale === undefined) {
      current = { error: `no matches for kind "${ref.kind}" in group "${ref.apiVersion.split('/')[0] ?? ''}"` };
    } else {
      try {
        const scale = api.getScale(t, namespace, ref.name);
        const replicas = isRecord(scale['spec']) ? scale['spec']['replicas'] : undefined;
        current = typeof replicas === 'number' ? replicas : 0;
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        current = { error: err.message };
      }
    }
    const spec = isRecord(hpa['spec']) ? hpa['spec'] : {};
    const status = isRecord(hpa['status']) ? hpa['status'] : {};
    const decision = decideHpa({ spec, status, generation: hpa.metadata.generation, current, now: timestamp(ctx.now()) });
    if (decision.scaleTo !== undefined && t !== undefined) {
      api.writeScale(t, namespace, ref.name, { put: { spec: { replicas: decision.scaleTo } } }, { fieldManager: FieldManager.Controller });
    }
    api.update(hpaType, namespace, name, { ...hpa, status: decision.status }, { subresource: 'status', fieldManager: FieldManager.Controller });
  }

  /** HPAs in the object's namespace that target it by name (and kind). */
  function queueTargeting(obj: KubeObject): void {
    const ns = obj.metadata.namespace;
    if (ns === undefined) return;
    for (const hpa of api.ctx.store.list(HPA_BUCKET, ns)) {
      const ref = targetOf(hpa);
      if (ref.name === obj.metadata.name && ref.kind === obj.kind) queue.add(nsKey(hpa));
    }
  }

  return {
    name: 'horizontal-pod-autoscaler',
    onChange(change: StoreChange): void {
      if (change.resource === HPA_BUCKET) {
        if (change.type !== ChangeType.Deleted) queue.add(nsKey(change.object));
        return;
      }
      queueTargeting(change.object);
    },
    resync(): void {
      for (const hpa of api.ctx.store.list(HPA_BUCKET)) queue.add(nsKey(hpa));
    },
    stop(): void {
      queue.stop();
    },
  };
}
