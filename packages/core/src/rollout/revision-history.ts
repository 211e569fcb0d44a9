/**
 * `revisionHistoryLimit` garbage collection.
 * parity: argo-rollouts rollout/sync.go reconcileRevisionHistoryLimit
 */
import type { V1ReplicaSet } from '@kubernetes/client-node';
import type { Rollout } from '@serin/api';
import { getRevisionHistoryLimitOrDefault } from '@serin/api';
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
