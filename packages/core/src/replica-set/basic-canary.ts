/**
 * Canary replica maths without a traffic router: the weight is the share of pods.
 * parity: argo-rollouts utils/replicaset/canary.go CalculateReplicaCountsForBasicCanary,
 *         calculateScaleDownReplicaCount, adjustReplicaWithinLimits
 */
import type { Rollout } from '@serin/api';
import { getMaxTrafficWeightOrDefault, getReplicasOrDefault } from '@serin/api';
import { approximateWeightedCanaryStableReplicaCounts } from './approximate-weight.js';
import { getCanaryReplicasOrWeight } from './canary-weight.js';
import { maxSurge, maxUnavailable } from './fenceposts.js';
import {
  checkStableRSExists,
  getReplicaCountForReplicaSets,
  getReplicasForScaleDown,
  replicaSetAvailableReplicas,
  replicaSetSpecReplicas,
  type CanaryReplicaCounts,
  type MaybeReplicaSet,
} from './replica-counts.js';

/**
 * Desired `spec.replicas` for the new and stable ReplicaSets of a basic canary, moving towards the split of
 * `approximateWeightedCanaryStableReplicaCounts` one bounded step at a time.
 *
 * 1. Target: weight `w` = maxW on promoteFull / no stable yet / current == stable, else the current
 *    `setWeight` (0 after abort; setCanaryScale is ignored without trafficRouting) → (desiredNew, desiredStable).
 *    Without a distinct stable RS (none, or rolling back to it) the target is simply (spec, 0).
 * 2. Start from the current specs (stable counts only when distinct from new).
 * 3. Scale up within surge: `scaleUp = spec + surge − Σ spec(older, new, stable)`; the stable RS first, then
 *    the new RS, each never past its target.
 * 4. If any older RS still has replicas, stop: those are scaled down before new/stable shrink.
 * 5. Scale down within availability: `minAvailable = spec − maxUnavailable`; when the weight is decreasing
 *    (abort, lower step) the new RS is drained, otherwise the stable RS; then the pair is adjusted to stay
 *    within `spec + surge` pods and `minAvailable` available pods.
 *
 * Examples (spec 10): w 20, surge 2, unav 0, stable 10/10 → new 2, stable 10 · w 20, surge 0, unav 2 →
 * new 0, stable 8 · w 5, surge 0, unav 1 → new 0, stable 9 (then new 1 once stable is at 9).
 */
export function calculateReplicaCountsForBasicCanary(
  rollout: Rollout,
  newRS: MaybeReplicaSet,
  stableRS: MaybeReplicaSet,
  olderRSs: readonly MaybeReplicaSet[],
): CanaryReplicaCounts {
  const spec = getReplicasOrDefault(rollout);
  const surge = maxSurge(rollout);
  const { weight } = getCanaryReplicasOrWeight(rollout, newRS, stableRS);
  const target = approximateWeightedCanaryStableReplicaCounts(spec, weight, getMaxTrafficWeightOrDefault(rollout), surge);

  const newSpec = newRS ? replicaSetSpecReplicas(newRS) : 0;
  let newCount = newSpec;
  let stableCount = 0;
  let desiredNew = target.canary;
  let desiredStable = target.stable;
  const scaleStable = checkStableRSExists(newRS, stableRS);
  const stableSpec = scaleStable ? replicaSetSpecReplicas(stableRS) : 0;
  if (scaleStable) {
    stableCount = stableSpec;
  } else {
    desiredNew = spec;
    desiredStable = 0;
  }

  const maxTotal = spec + surge;
  let scaleUp = maxTotal - getReplicaCountForReplicaSets([...olderRSs, newRS, scaleStable ? stableRS : undefined]);
  if (scaleStable && stableSpec < desiredStable && scaleUp > 0) {
    stableCount = Math.min(stableSpec + scaleUp, desiredStable);
    scaleUp -= stableCount - stableSpec;
  }
  if (newRS && newSpec < desiredNew && scaleUp > 0) {
    newCount = Math.min(newSpec + scaleUp, desiredNew);
  }

  if (getReplicaCountForReplicaSets(olderRSs) > 0) return { newRSReplicaCount: newCount, stableRSReplicaCount: stableCount };

  const minAvailable = spec - maxUnavailable(rollout);
  const isIncreasing = !newRS || desiredNew >= newSpec;
  const countedForScaleDown = getReplicasForScaleDown(newRS, !isIncreasing) + getReplicasForScaleDown(stableRS, isIncreasing);
  if (countedForScaleDown <= minAvailable) return { newRSReplicaCount: newCount, stableRSReplicaCount: stableCount };

  const scaleDownCount = countedForScaleDown - minAvailable;
  const limits = { maxTotal, minAvailable };
  if (!isIncreasing) {
    newCount = drainTowards(newRS, desiredNew, scaleDownCount, newCount);
    [newCount, stableCount] = adjustReplicaWithinLimits(newRS, stableRS, newCount, stableCount, limits);
  } else if (scaleStable) {
    stableCount = drainTowards(stableRS, desiredStable, scaleDownCount, stableCount);
    [stableCount, newCount] = adjustReplicaWithinLimits(stableRS, newRS, stableCount, newCount, limits);
  }
  return { newRSReplicaCount: newCount, stableRSReplicaCount: stableCount };
}

/**
 * Shrinks the drained RS by up to `scaleDownCount`, never below its target:
 * `spec > desired ? max(desired, spec − scaleDownCount) : count`.
 */
function drainTowards(drainRS: MaybeReplicaSet, desired: number, scaleDownCount: number, count: number): number {
  if (!drainRS) return count;
  const spec = replicaSetSpecReplicas(drainRS);
  return spec > desired ? Math.max(desired, spec - scaleDownCount) : count;
}

/**
 * Keeps a (drain, adjust) pair within `maxTotal` pods and `minAvailable` available pods:
 *
 *   over  = max(0, a + d − maxTotal)
 *   avail = min(drain.available, d)
 *   a    -= over                                   (back under surge)
 *   avail += min(adjust.available, a)
 *   a    += min(max(0, adjust.available − a),      (give back pods that were available …
 *              max(0, minAvailable − avail))       … as far as availability needs them)
 *   d    -= max(0, a + d − maxTotal)               (the drained RS pays for any remaining surge)
 *
 * Returns [drainCount, adjustCount]; unchanged when there is no RS to adjust.
 */
function adjustReplicaWithinLimits(
  drainRS: MaybeReplicaSet,
  adjustRS: MaybeReplicaSet,
  drainCount: number,
  adjustCount: number,
  limits: { maxTotal: number; minAvailable: number },
): [number, number] {
  if (!adjustRS) return [drainCount, adjustCount];
  const adjustAvailable = replicaSetAvailableReplicas(adjustRS);
  let available = drainRS ? Math.min(replicaSetAvailableReplicas(drainRS), drainCount) : 0;
  let adjusted = adjustCount - Math.max(0, adjustCount + drainCount - limits.maxTotal);
  available += Math.min(adjustAvailable, adjusted);
  adjusted += Math.min(Math.max(0, adjustAvailable - adjusted), Math.max(0, limits.minAvailable - available));
  const drained = drainCount - Math.max(0, adjusted + drainCount - limits.maxTotal);
  return [drained, adjusted];
}
