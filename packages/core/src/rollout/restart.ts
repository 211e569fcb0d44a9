/**
 * `spec.restartAt`: which pods to evict now.
 * parity: argo-rollouts rollout/restart.go RolloutPodRestarter.Reconcile; utils/replicaset NeedsRestart
 */
import type { V1Pod, V1ReplicaSet } from '@kubernetes/client-node';
import type { Rollout } from '@serin/api';
import { getReplicasOrDefault } from '@serin/api';
import { maxUnavailable } from '../replica-set/fenceposts.js';
import { getReplicaCountForReplicaSets } from '../replica-set/replica-counts.js';
import { parseMetaTime } from './time.js';

/** Recheck interval while pods still wait for a restart. */
export const RESTART_POD_CHECK_MS = 30_000;

/** `restartAt` is set, in the past, and differs from `status.restartedAt`. */
export function needsRestart(rollout: Rollout, nowMs: number): boolean {
  const restartAt = parseMetaTime(rollout.spec.restartAt);
  if (restartAt === undefined || restartAt > nowMs) return false;
  return restartAt !== parseMetaTime(rollout.status?.restartedAt);
}

/** Pod is Ready for longer than `minReadySeconds` (k8s podutil.IsPodAvailable: strictly) and not being deleted. */
export function isPodAvailable(pod: V1Pod, minReadySeconds: number, nowMs: number): boolean {
  if (pod.metadata?.deletionTimestamp !== undefined) return false;
  const ready = (pod.status?.conditions ?? []).find((c) => c.type === 'Ready');
  if (ready?.status !== 'True') return false;
  if (minReadySeconds <= 0) return true;
  const since = parseMetaTime(ready.lastTransitionTime as string | Date | undefined);
  return since !== undefined && since + minReadySeconds * 1000 < nowMs;
}

export interface RestartPlan {
  /** Pod names to evict now, oldest first. */
  readonly evict: string[];
  /** Pods created before restartAt (evicted now or later). */
  readonly needRestart: number;
  /** All pods are newer than restartAt: record `status.restartedAt`. */
  readonly done: boolean;
}

/**
 * Pods created before `restartAt` are evicted oldest first while availability allows:
 * `canRestart = available − (max(spec, Σ RS spec) − max(maxUnavailable, 1))`.
 * Example: spec 3, maxUnavailable 0 → one pod at a time.
 */
export function planPodRestarts(rollout: Rollout, replicaSets: readonly V1ReplicaSet[], pods: readonly V1Pod[], nowMs: number): RestartPlan {
  const restartAt = parseMetaTime(rollout.spec.restartAt) ?? 0;
  const sorted = [...pods].sort((a, b) => (parseMetaTime(a.metadata?.creationTimestamp as string | undefined) ?? 0) - (parseMetaTime(b.metadata?.creationTimestamp as string | undefined) ?? 0));
  const available = sorted.filter((p) => isPodAvailable(p, rollout.spec.minReadySeconds ?? 0, nowMs)).length;
  const concurrent = Math.max(maxUnavailable(rollout), 1);
  let canRestart = available - (Math.max(getReplicasOrDefault(rollout), getReplicaCountForReplicaSets(replicaSets)) - concurrent);
  const evict: string[] = [];
  let needRestart = 0;
  for (const pod of sorted) {
    const created = parseMetaTime(pod.metadata?.creationTimestamp as string | undefined) ?? 0;
    if (created >= restartAt) continue;
    needRestart++;
    if (canRestart <= 0 || pod.metadata?.deletionTimestamp !== undefined) continue;
    evict.push(pod.metadata?.name ?? '');
    canRestart--;
  }
  return { evict, needRestart, done: needRestart === 0 };
}
