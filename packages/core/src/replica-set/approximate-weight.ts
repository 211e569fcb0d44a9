/**
 * Closest canary/stable split of `spec.replicas` for a weight, without a traffic router.
 * parity: argo-rollouts utils/replicaset/canary.go approximateWeightedCanaryStableReplicaCounts
 */

export interface CanaryStableSplit {
  canary: number;
  stable: number;
}

/** ⌊x⌋ and ⌈x⌉ are equally far from x·weight (fractional part exactly .5, float64 as upstream). */
function floorCeilingTied(weight: number, maxWeight: number, total: number): boolean {
  const scaled = total * (weight / maxWeight);
  return scaled - Math.trunc(scaled) === 0.5;
}

/** How far `canary` pods out of `total` are from the desired weight. */
function weightDelta(weight: number, maxWeight: number, canary: number, total: number): number {
  return Math.abs((canary * maxWeight) / total - weight);
}

/**
 * Picks the canary count (and total) whose weight is closest to `weight`.
 *
 *   spec == 0 → 0/0
 *   ceil = ⌈spec·w/maxW⌉, floor = ⌊spec·w/maxW⌋  (both from spec, also for the surge candidates)
 *   zeroAllowed = w == maxW || w == 0 || (spec == 1 && surge == 0)
 *   candidates (canary, total), in order:
 *     (ceil,  spec)    if ceil < spec || zeroAllowed
 *     (floor, spec)    if !tied(spec)   && (floor ≠ 0 || zeroAllowed)
 *     (ceil,  spec+1)  if surge > 0
 *     (floor, spec+1)  if surge > 0 && !tied(spec+1) && (floor ≠ 0 || zeroAllowed)
 *   the smallest |canary·maxW/total − w| wins, the earlier candidate on a tie; none → 0/spec.
 *
 * So a weight strictly between 0 and maxW with 2+ pods (surge included) never yields 0 canary or 0 stable,
 * and the total is spec or spec+1 (never spec+1 without surge).
 * Examples: 10 pods, 15 %, no surge → 2/8 · 3 pods, 50 %, surge 1 → 2/2 · 1 pod, 49 %, no surge → 0/1.
 */
export function approximateWeightedCanaryStableReplicaCounts(
  specReplicas: number,
  weight: number,
  maxWeight: number,
  surge: number,
): CanaryStableSplit {
  if (specReplicas === 0) return { canary: 0, stable: 0 };
  const ceil = Math.ceil((specReplicas * weight) / maxWeight);
  const floor = Math.floor((specReplicas * weight) / maxWeight);
  const zeroAllowed = weight === maxWeight || weight === 0 || (specReplicas === 1 && surge === 0);
  const floorAllowed = floor !== 0 || zeroAllowed;

  const candidates: Array<{ canary: number; total: number }> = [];
  if (ceil < specReplicas || zeroAllowed) candidates.push({ canary: ceil, total: specReplicas });
  if (!floorCeilingTied(weight, maxWeight, specReplicas) && floorAllowed) candidates.push({ canary: floor, total: specReplicas });
  if (surge > 0) {
    candidates.push({ canary: ceil, total: specReplicas + 1 });
    if (!floorCeilingTied(weight, maxWeight, specReplicas + 1) && floorAllowed) {
      candidates.push({ canary: floor, total: specReplicas + 1 });
    }
  }

  let best: { canary: number; total: number } | undefined;
  let bestDelta = Infinity;
  for (const candidate of candidates) {
    const delta = weightDelta(weight, maxWeight, candidate.canary, candidate.total);
    if (delta < bestDelta) {
      best = candidate;
      bestDelta = delta;
    }
  }
  if (best === undefined) return { canary: 0, stable: specReplicas };
  return { canary: best.canary, stable: best.total - best.canary };
}
