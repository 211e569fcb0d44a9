/**
 * Informer → work-queue wiring, as upstream's Enqueue / EnqueueParentObject:
 *  - `enqueueObject`: every add / update / delete of an object enqueues its own `namespace/name`;
 *  - `enqueueParent`: a child change enqueues `namespace/<owner name>` of its *controller*
 *    ownerReference when that owner's kind is `ownerKind` (an RS → its Rollout, an AnalysisRun →
 *    its Rollout or Experiment); objects without such an owner are skipped.
 * parity: argo-rollouts utils/controller/controller.go Enqueue, EnqueueParentObject
 */
import type { InformerHandlers } from './informer.js';
import { type KubeObject, type OwnerRef, objectKey } from './object.js';

export interface Enqueuer {
  add(key: string): void;
}

/** The ownerReference with `controller: true` (metav1.GetControllerOf). */
export function controllerOf(obj: KubeObject): OwnerRef | undefined {
  return obj.metadata?.ownerReferences?.find((r) => r.controller === true);
}

/** `namespace/name` of the object's controller when its kind is `ownerKind`. */
export function parentKey(obj: KubeObject, ownerKind: string): string | undefined {
  const owner = controllerOf(obj);
  if (owner === undefined || owner.kind !== ownerKind || owner.name === undefined) return undefined;
  const ns = obj.metadata?.namespace ?? '';
  return ns === '' ? owner.name : `${ns}/${owner.name}`;
}

export function enqueueObject<T extends KubeObject>(queue: Enqueuer): InformerHandlers<T> {
  const add = (obj: T): void => queue.add(objectKey(obj));
  return { add, update: (_old, obj) => add(obj), delete: add };
}

export function enqueueParent<T extends KubeObject>(queue: Enqueuer, ownerKind: string): InformerHandlers<T> {
  const add = (obj: T): void => {
    const key = parentKey(obj, ownerKind);
    if (key !== undefined) queue.add(key);
  };
  return {
    add,
    update: (old, obj) => {
      // an ownership change must wake the old parent too
      const before = parentKey(old, ownerKind);
      add(obj);
      if (before !== undefined && before !== parentKey(obj, ownerKind)) queue.add(before);
    },
    delete: add,
  };
}
