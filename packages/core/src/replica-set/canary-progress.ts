/**
 * Whether the ReplicaSets have reached the counts the current canary step asks for
 * (gates setWeight / setCanaryScale step completion and weight changes).
 * parity: argo-rollouts utils/replicaset/canary.go AtDesiredReplicaCountsForCanary, ReplicaProgressThresholdMet
 */
import type { ReplicaProgressThreshold, Rollout, TrafficWeights } from '@serin/api';
import { PROGRESS_TYPE } from '@serin/api';
import { calculateReplicaCountsForBasicCanary } from './basic-canary.js';
import {
  getAvailableReplicaCountForReplicaSets,
  replicaSetAvailableReplicas,
  replicaSetSpecReplicas,
  type MaybeReplicaSet,
} from './replica-counts.js';
import { calculateReplicaCountsForTrafficRoutedCanary } from './traffic-routed-canary.js';

const PERCENT_EPSILON = 1e-10;

/**
 * Enough of `rs` is available for `desired` pods.
 *
 *   no threshold, no RS, or value < 0 → spec == desired && available == desired
 *   Percent                           → desired == 0, or available/desired·100 ≥ value (within 1e-10)
 *   Pods                              → available ≥ value
 */
export function replicaProgressThresholdMet(
  threshold: ReplicaProgressThreshold | undefined,
  rs: MaybeReplicaSet,
  desired: number,
): boolean {
  if (!rs) return false;
  const available = replicaSetAvailableReplicas(rs);
  if (threshold === undefined || threshold.value < 0) {
    return replicaSetSpecReplicas(rs) === desired && available === desired;
  }
  if (threshold.type === PROGRESS_TYPE.Percentage) {
    if (desired === 0) return true;
    const percent = (available / desired) * 100;
    return percent >= threshold.value || Math.abs(percent - threshold.value) <= PERCENT_EPSILON;
  }
  return available >= threshold.value;
}

/**
 * The canary step's replica counts are reached:
 * 1. the new RS meets `replicaProgressThreshold` for its desired count;
 * 2. unless dynamicStableScale (with trafficRouting), the stable RS has spec == status.replicas == desired;
 * 3. basic canary only: no older RS has available pods (they would still serve traffic).
 */
export function atDesiredReplicaCountsForCanary(
  rollout: Rollout,
  newRS: MaybeReplicaSet,
  stableRS: MaybeReplicaSet,
  olderRSs: readonly MaybeReplicaSet[],
  weights?: TrafficWeights,
): boolean {
  const canary = rollout.spec.strategy?.canary;
  const trafficRouted = canary?.trafficRouting !== undefined;
  const desired = trafficRouted
    ? calculateReplicaCountsForTrafficRoutedCanary(rollout, weights, newRS, stableRS)
    : calculateReplicaCountsForBasicCanary(rollout, newRS, stableRS, olderRSs);
  if (!replicaProgressThresholdMet(canary?.replicaProgressThreshold, newRS, desired.newRSReplicaCount)) return false;
  if (!trafficRouted || canary?.dynamicStableScale !== true) {
    const created =
      !!stableRS &&
      replicaSetSpecReplicas(stableRS) === desired.stableRSReplicaCount &&
      (stableRS.status?.replicas ?? 0) === desired.stableRSReplicaCount;
    if (!created) return false;
  }
  return trafficRouted || getAvailableReplicaCountForReplicaSets(olderRSs) === 0;
}
