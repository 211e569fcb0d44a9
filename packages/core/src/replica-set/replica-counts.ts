/**
 * Replica counting over ReplicaSets.
 * parity: argo-rollouts utils/replicaset/replicaset.go GetReplicaCountForReplicaSets and siblings,
 *         utils/replicaset/canary.go GetReplicasForScaleDown, CheckStableRSExists
 */
import type { V1ReplicaSet } from '@kubernetes/client-node';

/** A ReplicaSet slot that may be empty (no new RS yet, no stable RS, …). */
export type MaybeReplicaSet = V1ReplicaSet | undefined | null;

/** `rs.spec.replicas`, defaulted to 1 as the API server does. */
export function replicaSetSpecReplicas(rs: V1ReplicaSet): number {
  return rs.spec?.replicas ?? 1;
}

/** `rs.status.availableReplicas`, 0 when unset. */
export function replicaSetAvailableReplicas(rs: V1ReplicaSet): number {
  return rs.status?.availableReplicas ?? 0;
}

function sum(replicaSets: readonly MaybeReplicaSet[], count: (rs: V1ReplicaSet) => number): number {
  let total = 0;
  for (const rs of replicaSets) if (rs) total += count(rs);
  return total;
}

/** Σ `spec.replicas` (empty slots skipped). */
export function getReplicaCountForReplicaSets(replicaSets: readonly MaybeReplicaSet[]): number {
  return sum(replicaSets, replicaSetSpecReplicas);
}

/** Σ `status.availableReplicas`. */
export function getAvailableReplicaCountForReplicaSets(replicaSets: readonly MaybeReplicaSet[]): number {
  return sum(replicaSets, replicaSetAvailableReplicas);
}

/** Σ `status.replicas` (pods that exist). */
export function getActualReplicaCountForReplicaSets(replicaSets: readonly MaybeReplicaSet[]): number {
  return sum(replicaSets, (rs) => rs.status?.replicas ?? 0);
}

/** Σ `status.readyReplicas`. */
export function getReadyReplicaCountForReplicaSets(replicaSets: readonly MaybeReplicaSet[]): number {
  return sum(replicaSets, (rs) => rs.status?.readyReplicas ?? 0);
}

/**
 * Replicas of `rs` that count as "up" when deciding how far we may scale down.
 *
 *   no RS                       → 0
 *   spec < available            → spec   (surplus pods are going away; never lean on them)
 *   ignoreAvailability          → spec   (e.g. a crash-looping RS must still be scaled down)
 *   otherwise                   → available
 */
export function getReplicasForScaleDown(rs: MaybeReplicaSet, ignoreAvailability: boolean): number {
  if (!rs) return 0;
  const spec = replicaSetSpecReplicas(rs);
  const available = replicaSetAvailableReplicas(rs);
  if (spec < available || ignoreAvailability) return spec;
  return available;
}

/** A stable RS exists and is not the new RS (compared by name). */
export function checkStableRSExists(newRS: MaybeReplicaSet, stableRS: MaybeReplicaSet): stableRS is V1ReplicaSet {
  if (!stableRS) return false;
  if (!newRS) return true;
  return (newRS.metadata?.name ?? '') !== (stableRS.metadata?.name ?? '');
}

/** What the canary deciders return: the desired `spec.replicas` of the new (canary) and stable ReplicaSets. */
export interface CanaryReplicaCounts {
  newRSReplicaCount: number;
  stableRSReplicaCount: number;
}
