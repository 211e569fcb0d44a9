// Canary step and weight as the CLI header shows them.
// parity: argo-rollouts utils/replicaset/canary.go (GetCurrentCanaryStep, GetCurrentSetWeight), utils/weightutil
import type { CanaryStepLike, RolloutLike } from './types.js';

/** `spec.strategy.canary.trafficRouting.maxTrafficWeight`, default 100. */
export function maxTrafficWeight(ro: RolloutLike): number {
  return ro.spec?.strategy?.canary?.trafficRouting?.maxTrafficWeight ?? 100;
}

/** The current canary step and its index; undefined with no steps or when the index (nil → 0) is past the end. */
export function getCurrentCanaryStep(ro: RolloutLike): { step: CanaryStepLike; index: number } | undefined {
  const steps = ro.spec?.strategy?.canary?.steps ?? [];
  if (steps.length === 0) return undefined;
  const index = ro.status?.currentStepIndex ?? 0;
  const step = steps[index];
  return step === undefined || index < 0 ? undefined : { step, index };
}

/**
 * Desired (not actual) canary weight: 0 when aborted; maxTrafficWeight with no current step; else the
 * `setWeight` of the nearest step at or before the current one; 0 if none.
 */
export function getCurrentSetWeight(ro: RolloutLike): number {
  if (ro.status?.abort === true) return 0;
  const current = getCurrentCanaryStep(ro);
  if (current === undefined) return maxTrafficWeight(ro);
  const steps = ro.spec?.strategy?.canary?.steps ?? [];
  for (let i = current.index; i >= 0; i--) {
    const w = steps[i]?.setWeight;
    if (typeof w === 'number') return w;
  }
  return 0;
}
