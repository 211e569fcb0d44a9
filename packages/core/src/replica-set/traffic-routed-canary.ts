/**
 * Canary replica maths with a traffic router: pods follow the traffic weight, the router does the split.
 * parity: argo-rollouts utils/replicaset/canary.go CalculateReplicaCountsForTrafficRoutedCanary,
 *         CheckMinPodsPerReplicaSet
 */
import type { Rollout, TrafficWeights } from '@serin/api';
import { getMaxTrafficWeightOrDefault, getReplicasOrDefault } from '@serin/api';
import { getCanaryReplicasOrWeight, trafficWeightToReplicas } from './canary-weight.js';
import type { CanaryReplicaCounts, MaybeReplicaSet } from './replica-counts.js';

/**
 * High-availability floor for a non-empty RS, only with trafficRouting:
 * `count == 0 ? 0 : max(count, min(minPodsPerReplicaSet, spec.replicas))`.
 */
export function checkMinPodsPerReplicaSet(rollout: Rollout, count: number): number {
  const canary = rollout.spec.strategy?.canary;
  if (count === 0 || canary?.minPodsPerReplicaSet === undefined || canary.trafficRouting === undefined) return count;
  return Math.max(count, Math.min(canary.minPodsPerReplicaSet, getReplicasOrDefault(rollout)));
}

/**
 * Desired `spec.replicas` for the new and stable ReplicaSets of a traffic-routed canary.
 *
 *   canary = setCanaryScale.replicas, else minPods(⌈w·spec/maxW⌉)
 *            (w: maxW when promoteFull / no stable / current == stable; else setCanaryScale.weight; else the
 *             desired weight — see getDesiredCanaryWeight)
 *   stable = spec                                        without dynamicStableScale (stays at 100 %)
 *   stable = minPods(max(⌈(maxW − w)·spec/maxW⌉,         with dynamicStableScale: the higher of desired and
 *                        ⌈weights.stable·spec/maxW⌉))     actual stable traffic
 *            and on abort canary = minPods(max(canary, ⌈weights.canary·spec/maxW⌉)) so the canary is not
 *            scaled down before traffic has left it.
 *
 * `weights` are the actual traffic weights (`status.canary.weights`); the ReplicaSets are needed for the
 * dynamicStableScale abort path. Examples: spec 10, w 5, minPodsPerReplicaSet 2 → canary 2, stable 10;
 * dynamicStableScale, spec 10, w 10, weights 10/90 → canary 1, stable 9.
 */
export function calculateReplicaCountsForTrafficRoutedCanary(
  rollout: Rollout,
  weights?: TrafficWeights,
  newRS?: MaybeReplicaSet,
  stableRS?: MaybeReplicaSet,
): CanaryReplicaCounts {
  const spec = getReplicasOrDefault(rollout);
  const maxWeight = getMaxTrafficWeightOrDefault(rollout);
  const { replicas, weight } = getCanaryReplicasOrWeight(rollout, newRS, stableRS);
  let canaryCount = replicas ?? checkMinPodsPerReplicaSet(rollout, trafficWeightToReplicas(spec, weight, maxWeight));

  if (rollout.spec.strategy?.canary?.dynamicStableScale !== true) {
    return { newRSReplicaCount: canaryCount, stableRSReplicaCount: spec };
  }

  let stableCount = trafficWeightToReplicas(spec, maxWeight - weight, maxWeight);
  if (weights) {
    stableCount = Math.max(stableCount, trafficWeightToReplicas(spec, weights.stable.weight, maxWeight));
    if (rollout.status?.abort === true) {
      canaryCount = Math.max(canaryCount, trafficWeightToReplicas(spec, weights.canary.weight, maxWeight));
    }
  }
  return {
    newRSReplicaCount: checkMinPodsPerReplicaSet(rollout, canaryCount),
    stableRSReplicaCount: checkMinPodsPerReplicaSet(rollout, stableCount),
  };
}
