/**
 * The canary weight (or explicit replica count) the replica maths aims for.
 * parity: argo-rollouts utils/replicaset/canary.go GetCanaryReplicasOrWeight, GetDesiredCanaryWeight,
 *         trafficWeightToReplicas
 */
import type { Rollout } from '@serin/api';
import { getMaxTrafficWeightOrDefault, getReplicasOrDefault, hasExplicitAbortScaleDownDelay } from '@serin/api';
import { getCurrentSetWeight, useSetCanaryScale } from './canary-step.js';
import { replicaSetAvailableReplicas, type MaybeReplicaSet } from './replica-counts.js';

/** Replicas that carry `weight` out of `maxWeight`: ⌈weight · replicas / maxWeight⌉. */
export function trafficWeightToReplicas(replicas: number, weight: number, maxWeight: number): number {
  return Math.ceil((weight * replicas) / maxWeight);
}

/**
 * Desired canary weight (before `setCanaryScale`).
 *
 * Abort with dynamicStableScale and both ReplicaSets present: step the weight back down through the
 * `setWeight` steps so the stable RS scales up gradually instead of surging to 100 %:
 *
 *   expected   = spec − stable.available
 *   canaryPods = max(expected, new.available)      (just `expected` when abortScaleDownDelaySeconds is
 *                                                    explicitly non-zero: the canary then stays at full size
 *                                                    until its deadline and must not hold the weight up)
 *   → the last-to-first first `setWeight` with ⌈setWeight·spec/maxW⌉ < canaryPods, else 0
 *
 * Otherwise `getCurrentSetWeight`.
 */
export function getDesiredCanaryWeight(rollout: Rollout, newRS?: MaybeReplicaSet, stableRS?: MaybeReplicaSet): number {
  const canary = rollout.spec.strategy?.canary;
  if (rollout.status?.abort !== true || canary?.dynamicStableScale !== true || !newRS || !stableRS) {
    return getCurrentSetWeight(rollout);
  }
  const maxWeight = getMaxTrafficWeightOrDefault(rollout);
  const spec = getReplicasOrDefault(rollout);
  const expectedCanaryPods = spec - replicaSetAvailableReplicas(stableRS);
  const canaryPods = hasExplicitAbortScaleDownDelay(rollout)
    ? expectedCanaryPods
    : Math.max(expectedCanaryPods, replicaSetAvailableReplicas(newRS));
  const steps = canary.steps ?? [];
  for (let i = steps.length - 1; i >= 0; i--) {
    const setWeight = steps[i]?.setWeight;
    if (setWeight !== undefined && trafficWeightToReplicas(spec, setWeight, maxWeight) < canaryPods) return setWeight;
  }
  return 0;
}

/** Either an explicit canary replica count (setCanaryScale.replicas) or a weight out of maxTrafficWeight. */
export interface CanaryReplicasOrWeight {
  replicas: number | undefined;
  weight: number;
}

/**
 *   promoteFull, no stable RS yet, or current == stable → { weight: maxW }
 *   setCanaryScale in force (`useSetCanaryScale`)       → { replicas } if set, else { weight: its weight }
 *   otherwise                                           → { weight: getDesiredCanaryWeight }
 */
export function getCanaryReplicasOrWeight(
  rollout: Rollout,
  newRS?: MaybeReplicaSet,
  stableRS?: MaybeReplicaSet,
): CanaryReplicasOrWeight {
  const status = rollout.status;
  const stableHash = status?.stableRS ?? '';
  if (status?.promoteFull === true || stableHash === '' || (status?.currentPodHash ?? '') === stableHash) {
    return { replicas: undefined, weight: getMaxTrafficWeightOrDefault(rollout) };
  }
  const scale = useSetCanaryScale(rollout);
  if (scale?.replicas !== undefined) return { replicas: scale.replicas, weight: 0 };
  if (scale?.weight !== undefined) return { replicas: undefined, weight: scale.weight };
  return { replicas: undefined, weight: getDesiredCanaryWeight(rollout, newRS, stableRS) };
}
