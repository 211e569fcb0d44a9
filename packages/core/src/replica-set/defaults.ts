/**
 * Defaults this module reads. Not exported from the package: defaults belong to @serin/api (`get…OrDefault`).
 * TODO(serin): @serin/api has these in src/defaults/defaults.ts but does not export them from its index yet;
 * once it does, this file becomes `export { … } from '@serin/api'` (same names and signatures).
 * parity: argo-rollouts utils/defaults/defaults.go, utils/weightutil/weight.go
 */
import type { IntOrString, Rollout } from '@serin/api';

export function getReplicasOrDefault(rollout: Rollout): number {
  return rollout.spec.replicas ?? 1;
}

/** Canary `maxSurge`, else the string "25" (a percentage). */
export function getMaxSurgeOrDefault(rollout: Rollout): IntOrString {
  return rollout.spec.strategy?.canary?.maxSurge ?? '25';
}

/** Blue-green `maxUnavailable` if set, else canary `maxUnavailable` if set, else the string "25". */
export function getMaxUnavailableOrDefault(rollout: Rollout): IntOrString {
  const strategy = rollout.spec.strategy;
  return strategy?.blueGreen?.maxUnavailable ?? strategy?.canary?.maxUnavailable ?? '25';
}

/**
 * `delaySeconds: null` = never scale down (explicit 0). Blue-green and canary with trafficRouting: 30 unless
 * set; basic canary: 0 (immediately), the field is ignored.
 */
export function getAbortScaleDownDelaySecondsOrDefault(rollout: Rollout): { delaySeconds: number | null; explicit: boolean } {
  const strategy = rollout.spec.strategy;
  const applies = strategy?.blueGreen ?? (strategy?.canary?.trafficRouting ? strategy.canary : undefined);
  if (!applies) return { delaySeconds: 0, explicit: false };
  const value = applies.abortScaleDownDelaySeconds;
  if (value === undefined) return { delaySeconds: 30, explicit: false };
  return { delaySeconds: value === 0 ? null : value, explicit: true };
}

/** True when `abortScaleDownDelaySeconds` is explicitly set to a non-zero (delaying) value. */
export function hasExplicitAbortScaleDownDelay(rollout: Rollout): boolean {
  const { delaySeconds, explicit } = getAbortScaleDownDelaySecondsOrDefault(rollout);
  return explicit && delaySeconds !== null;
}

/** `trafficRouting.maxTrafficWeight ?? 100`. */
export function getMaxTrafficWeightOrDefault(rollout: Rollout): number {
  return rollout.spec.strategy?.canary?.trafficRouting?.maxTrafficWeight ?? 100;
}
