/**
 * `revisionHistoryLimit` garbage collection: the old ReplicaSets to delete, and what goes with each of them.
 * parity: argo-rollouts rollout/sync.go reconcileRevisionHistoryLimit
 */
import type { V1ObjectMeta, V1ReplicaSet } from '@kubernetes/client-node';
import type { Rollout } from '@serin/api';
import { LABEL, getRevisionHistoryLimitOrDefault } from '@serin/api';
import { sortByCreation, specReplicas } from './replica-sets.js';

/**
 * Old ReplicaSets to delete: with `n` live (not deleting) "other" RSs and limit `L`, the oldest `n − L` are
 * candidates, and of those only the fully scaled-down ones (spec 0, status 0, generation observed) are deleted.
 * Example: limit 2, other RSs r1..r4 (oldest first) all at 0 → delete r1, r2.
 */
export function selectReplicaSetsToDelete(rollout: Rollout, otherRSs: readonly V1ReplicaSet[]): V1ReplicaSet[] {
  const alive = otherRSs.filter((rs) => rs.metadata?.deletionTimestamp === undefined);
  const excess = alive.length - getRevisionHistoryLimitOrDefault(rollout);
  if (excess <= 0) return [];
  return sortByCreation(alive)
    .slice(0, excess)
    .filter(
      (rs) =>
        (rs.status?.replicas ?? 0) === 0 &&
        specReplicas(rs) === 0 &&
        (rs.metadata?.generation ?? 0) <= (rs.status?.observedGeneration ?? 0),
    );
}

/**
 * What is deleted with a ReplicaSet in the same reconcile: the objects (the rollout's AnalysisRuns or Experiments)
 * labelled with its pod-template hash, except the current ones (`current`: names recorded in the rollout status) and
 * those already being deleted. Example: RS `ro-abc` deleted, runs `older` (hash abc), `current` (hash abc, recorded)
 * and `gone` (hash abc, deleting) → `older`.
 * parity: argo-rollouts rollout/sync.go reconcileRevisionHistoryLimit (SortAnalysisRunByPodHash,
 *         SortExperimentsByPodHash over the non-current runs/experiments), rollout/analysis.go deleteAnalysisRuns,
 *         rollout/experiment.go deleteExperiments (skip DeletionTimestamp); rollout/analysis_test.go
 *         TestDeleteAnalysisRunsAfterRSDelete
 */
export function deletedWithReplicaSet<T extends { readonly metadata?: V1ObjectMeta }>(rs: V1ReplicaSet, objects: readonly T[], current: ReadonlySet<string>): T[] {
  const hash = rs.metadata?.labels?.[LABEL.PodTemplateHash];
  if (hash === undefined) return [];
  return objects.filter(
    (o) =>
      o.metadata?.labels?.[LABEL.PodTemplateHash] === hash &&
      !current.has(o.metadata?.name ?? '') &&
      (o.metadata?.deletionTimestamp === undefined || o.metadata.deletionTimestamp === null),
  );
}
