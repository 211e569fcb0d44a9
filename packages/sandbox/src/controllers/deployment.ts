import type { StoreChange } from '../store.js';
import { ChangeType } from '../store.js';
import { isRecord } from '../types.js';
import type { Controller, ControllerContext, Types } from './context.js';
import { Bucket, FieldManager, isDeleting } from './context.js';
import { nsKey, splitNsKey } from './object-index.js';
import { WorkQueue } from './work-queue.js';

/**
 * Deployments are stored, not rolled out: this controller only records `status.observedGeneration` (keeping the
 * rest of the status as written), which is what a Rollout's `workloadRef` and `kubectl rollout status`-style
 * waits read. It creates no ReplicaSets or pods — a Deployment's replicas are not simulated.
 */
export function deploymentController(ctx: ControllerContext, types: Types): Controller {
  const { api } = ctx;
  const queue = new WorkQueue(sync);

  function sync(key: string): void {
    const [namespace, name] = splitNsKey(key);
    const d = api.ctx.store.get(Bucket.Deployments, namespace, name);
    if (d === undefined || isDeleting(d)) return;
    const status = isRecord(d['status']) ? d['status'] : {};
    if (d.metadata.generation === undefined || status['observedGeneration'] === d.metadata.generation) return;
    api.update(types.deployments, namespace, name, { ...d, status: { ...status, observedGeneration: d.metadata.generation } }, { subresource: 'status', fieldManager: FieldManager.Controller });
  }

  return {
    name: 'deployment',
    onChange(change: StoreChange): void {
      if (change.resource === Bucket.Deployments && change.type !== ChangeType.Deleted) queue.add(nsKey(change.object));
    },
    resync(): void {
      for (const d of api.ctx.store.list(Bucket.Deployments)) queue.add(nsKey(d));
    },
    stop(): void {
      queue.stop();
    },
  };
}
