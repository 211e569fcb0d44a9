import { asApiError } from '../errors.js';
import { deepEqual } from '../ops/object-meta.js';
import type { StoreChange } from '../store.js';
import { ChangeType } from '../store.js';
import type { JsonObject, KubeObject } from '../types.js';
import { isRecord } from '../types.js';
import type { Controller, ControllerContext, Types } from './context.js';
import { Bucket, FieldManager, isDeleting, timestamp } from './context.js';
import { selectorMatches } from './label-selector.js';
import { controllerRef, nsKey, splitNsKey } from './object-index.js';
import { calculateReplicaSetStatus, compareForDeletion, isPodActive, minReadySecondsOf, nextAvailabilityInMs } from './replica-set-status.js';
import { WorkQueue } from './work-queue.js';

const RETRY_AFTER_FAILURE_MS = 1000;
/** Most pods created or deleted in one sync (upstream's burstReplicas); the rest follow in the next sync. */
export const BURST_REPLICAS = 500;

/** The controller ownerReference a ReplicaSet puts on its pods. */
export function replicaSetOwnerRef(rs: KubeObject): JsonObject {
  return { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs.metadata.name ?? '', uid: rs.metadata.uid ?? '', controller: true, blockOwnerDeletion: true };
}

/** A new pod from the template: `generateName: <rs>-`, template labels/annotations, the controller reference. */
export function podFromTemplate(rs: KubeObject, ownerRef: JsonObject): KubeObject {
  const spec = isRecord(rs['spec']) ? rs['spec'] : {};
  const template = isRecord(spec['template']) ? spec['template'] : {};
  const meta = isRecord(template['metadata']) ? template['metadata'] : {};
  const metadata: KubeObject['metadata'] = { generateName: `${rs.metadata.name ?? ''}-`, ownerReferences: [ownerRef] };
  if (isRecord(meta['labels'])) metadata.labels = structuredClone(meta['labels']) as Record<string, string>;
  if (isRecord(meta['annotations'])) metadata.annotations = structuredClone(meta['annotations']) as Record<string, string>;
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec: structuredClone(isRecord(template['spec']) ? template['spec'] : {}) };
}

function replicasOf(rs: KubeObject): number {
  const spec = isRecord(rs['spec']) ? rs['spec'] : {};
  return typeof spec['replicas'] === 'number' ? spec['replicas'] : 1;
}

function selectorOf(rs: KubeObject): unknown {
  return isRecord(rs['spec']) ? rs['spec']['selector'] : undefined;
}

/**
 * ReplicaSet controller: releases controlled pods that stopped matching the selector, adopts matching orphan pods
 * (sets the controller reference), then creates pods from the template or deletes the lowest-ranked ones
 * (`compareForDeletion`) until the active count equals `spec.replicas`, and writes the status
 * (`calculateReplicaSetStatus`) when it changed. Driven by ReplicaSet and Pod changes; a timer requeues it when
 * minReadySeconds will make a pod available. A ReplicaSet being deleted is left to the garbage collector.
 * parity: kubernetes pkg/controller/replicaset (behaviour only)
 */
export function replicaSetController(ctx: ControllerContext, types: Types): Controller {
  const { api, index } = ctx;
  const queue = new WorkQueue(sync);

  function controlledPods(rs: KubeObject): KubeObject[] {
    const uid = rs.metadata.uid ?? '';
    const out: KubeObject[] = [];
    for (const ref of index.dependents(uid)) {
      if (ref.resource !== Bucket.Pods) continue;
      const pod = api.ctx.store.get(Bucket.Pods, ref.namespace, ref.name);
      if (pod !== undefined && controllerRef(pod)?.uid === uid) out.push(pod);
    }
    return out;
  }

  function claim(rs: KubeObject, namespace: string): void {
    const selector = selectorOf(rs);
    const uid = rs.metadata.uid ?? '';
    for (const pod of controlledPods(rs)) {
      if (selectorMatches(selector, pod.metadata.labels) || isDeleting(pod)) continue;
      const ownerReferences = (pod.metadata.ownerReferences ?? []).filter((r) => r['uid'] !== uid);
      api.update(types.pods, namespace, pod.metadata.name ?? '', { ...pod, metadata: { ...pod.metadata, ownerReferences } }, { fieldManager: FieldManager.Controller });
    }
    for (const pod of index.orphansIn(Bucket.Pods, namespace)) {
      if (isDeleting(pod) || !selectorMatches(selector, pod.metadata.labels)) continue;
      const ownerReferences = [...(pod.metadata.ownerReferences ?? []), replicaSetOwnerRef(rs)];
      api.update(types.pods, namespace, pod.metadata.name ?? '', { ...pod, metadata: { ...pod.metadata, ownerReferences } }, { fieldManager: FieldManager.Controller });
    }
  }

  function sync(key: string): void {
    const [namespace, name] = splitNsKey(key);
    const rs = api.ctx.store.get(Bucket.ReplicaSets, namespace, name);
    if (rs === undefined || isDeleting(rs)) return;
    claim(rs, namespace);
    const active = controlledPods(rs).filter(isPodActive);
    const diff = active.length - replicasOf(rs);
    let failure: { reason: 'FailedCreate' | 'FailedDelete'; message: string } | undefined;
    try {
      if (diff < 0) {
        const ns = api.ctx.store.get(Bucket.Namespaces, undefined, namespace);
        if (ns !== undefined && isDeleting(ns)) return;
        if (-diff > BURST_REPLICAS) queue.add(key);
        for (let i = 0; i < Math.min(-diff, BURST_REPLICAS); i++) api.create(types.pods, namespace, podFromTemplate(rs, replicaSetOwnerRef(rs)), { fieldManager: FieldManager.Controller });
      } else if (diff > 0) {
        if (diff > BURST_REPLICAS) queue.add(key);
        for (const pod of [...active].sort(compareForDeletion).slice(0, Math.min(diff, BURST_REPLICAS))) {
          api.delete(types.pods, namespace, pod.metadata.name ?? '', { preconditions: { uid: pod.metadata.uid ?? '' } });
        }
      }
    } catch (err) {
      failure = { reason: diff < 0 ? 'FailedCreate' : 'FailedDelete', message: asApiError(err).message };
      queue.addAfter(key, RETRY_AFTER_FAILURE_MS);
    }
    const current = api.ctx.store.get(Bucket.ReplicaSets, namespace, name);
    if (current === undefined) return;
    const pods = controlledPods(current).filter(isPodActive);
    const nowMs = ctx.now().getTime();
    const status = calculateReplicaSetStatus({ rs: current, pods, nowMs, now: timestamp(ctx.now()), ...(failure !== undefined ? { failure } : {}) });
    if (!deepEqual(status, current['status'])) {
      api.update(types.replicaSets, namespace, name, { ...current, status }, { subresource: 'status', fieldManager: FieldManager.Controller });
    }
    const next = nextAvailabilityInMs(pods, minReadySecondsOf(current), nowMs);
    if (next !== undefined) queue.addAfter(key, next);
  }

  function queueForPod(pod: KubeObject): void {
    const ref = controllerRef(pod);
    const namespace = pod.metadata.namespace ?? '';
    if (ref !== undefined) {
      if (ref.kind === 'ReplicaSet') queue.add(`${namespace}/${ref.name}`);
      return;
    }
    if (isDeleting(pod)) return;
    for (const rs of index.inNamespace(Bucket.ReplicaSets, namespace)) {
      if (selectorMatches(selectorOf(rs), pod.metadata.labels)) queue.add(nsKey(rs));
    }
  }

  return {
    name: 'replicaset',
    onChange(change: StoreChange): void {
      if (change.resource === Bucket.ReplicaSets) {
        const prev = change.previous;
        const unchanged = prev !== undefined && change.type === ChangeType.Modified && deepEqual(prev['spec'], change.object['spec']) && prev.metadata.deletionTimestamp === change.object.metadata.deletionTimestamp;
        if (!unchanged && change.type !== ChangeType.Deleted) queue.add(nsKey(change.object));
        return;
      }
      if (change.resource !== Bucket.Pods) return;
      queueForPod(change.object);
      if (change.previous !== undefined) queueForPod(change.previous);
    },
    resync(): void {
      for (const rs of api.ctx.store.list(Bucket.ReplicaSets)) queue.add(nsKey(rs));
    },
    stop(): void {
      queue.stop();
    },
  };
}
