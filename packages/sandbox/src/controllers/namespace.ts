import type { StoreChange } from '../store.js';
import { ChangeType } from '../store.js';
import type { Controller, ControllerContext } from './context.js';
import { Bucket, isDeleting } from './context.js';
import type { TypeByBucket } from './resource-types.js';
import { WorkQueue } from './work-queue.js';

/**
 * Namespace lifecycle: a Terminating namespace (deletionTimestamp set) has every namespaced object in it deleted
 * (Background propagation, finalizers honoured), and once nothing is left the namespace is deleted again, which
 * removes it (parity: kubernetes namespace controller NamespacedResourcesDeleter).
 */
export function namespaceController(ctx: ControllerContext, types: TypeByBucket): Controller {
  const { api, index } = ctx;
  const queue = new WorkQueue(sync);

  function sync(name: string): void {
    const ns = api.ctx.store.get(Bucket.Namespaces, undefined, name);
    if (ns === undefined || !isDeleting(ns)) return;
    for (const bucket of index.bucketsWithObjectsIn(name)) {
      const t = types.get(bucket);
      if (t === undefined) continue;
      for (const obj of index.inNamespace(bucket, name)) {
        if (!isDeleting(obj)) api.delete(t, name, obj.metadata.name ?? '', { propagationPolicy: 'Background' });
      }
    }
    if (index.bucketsWithObjectsIn(name).length === 0) api.delete(types.get(Bucket.Namespaces) ?? api.type('', 'v1', 'namespaces'), undefined, name);
  }

  return {
    name: 'namespace',
    onChange(change: StoreChange): void {
      const obj = change.object;
      if (change.resource === Bucket.Namespaces) {
        if (change.type !== ChangeType.Deleted && isDeleting(obj)) queue.add(obj.metadata.name ?? '');
        return;
      }
      const ns = obj.metadata.namespace;
      if (ns === undefined) return;
      const owner = api.ctx.store.get(Bucket.Namespaces, undefined, ns);
      if (owner !== undefined && isDeleting(owner) && change.type === ChangeType.Deleted) queue.add(ns);
    },
    resync(): void {
      for (const ns of api.ctx.store.list(Bucket.Namespaces)) if (isDeleting(ns)) queue.add(ns.metadata.name ?? '');
    },
    stop(): void {
      queue.stop();
    },
  };
}
