/**
 * maxSurge / maxUnavailable resolution.
 * parity: argo-rollouts utils/replicaset/replicaset.go resolveFenceposts, MaxSurge, MaxUnavailable
 * parity: k8s.io/apimachinery intstr.GetValueFromIntOrPercent (the deprecated one Argo still calls)
 */
import type { IntOrString, Rollout } from '@serin/api';
import { getMaxSurgeOrDefault, getMaxUnavailableOrDefault, getReplicasOrDefault } from '@serin/api';

/** A resolved value, or the upstream error text when the string does not parse. */
export type IntOrPercentResult = { value: number; error?: undefined } | { value?: undefined; error: string };

const GO_ATOI_SYNTAX = /^[+-]?[0-9]+$/;

/**
 * Kubernetes' legacy `GetValueFromIntOrPercent`: a number is absolute; **every** string is a percentage.
 * All `%` characters are removed and the rest must be a base-10 integer (Go `strconv.Atoi`), so `"25"` ≡ `"25%"`
 * and `maxSurge: "1"` means 1 %, not one pod.
 *
 *   percent p of total t: roundUp ? ⌈p·t/100⌉ : ⌊p·t/100⌋
 */
export function getValueFromIntOrPercent(intOrPercent: IntOrString, total: number, roundUp: boolean): IntOrPercentResult {
  if (typeof intOrPercent === 'number') return { value: intOrPercent };
  const digits = intOrPercent.replaceAll('%', '');
  if (!GO_ATOI_SYNTAX.test(digits)) {
    return {
      error: `invalid value for IntOrString: invalid value ${JSON.stringify(intOrPercent)}: strconv.Atoi: parsing ${JSON.stringify(digits)}: invalid syntax`,
    };
  }
  const percent = Number(digits);
  if (!Number.isSafeInteger(percent)) {
    return {
      error: `invalid value for IntOrString: invalid value ${JSON.stringify(intOrPercent)}: strconv.Atoi: parsing ${JSON.stringify(digits)}: value out of range`,
    };
  }
  const scaled = (percent * total) / 100;
  return { value: roundUp ? Math.ceil(scaled) : Math.floor(scaled) };
}

export interface Fenceposts {
  surge: number;
  unavailable: number;
  /** Set when either value does not parse; surge and unavailable are then both 0. */
  error?: string;
}

/**
 * Resolves both fenceposts in one step against `desired` replicas. Unset (undefined) counts as 0.
 *
 *   surge       = ⌈maxSurge% · desired⌉        (or the integer as is)
 *   unavailable = ⌊maxUnavailable% · desired⌋  (or the integer as is)
 *   if surge == 0 && unavailable == 0 → unavailable = 1   (surge may be impossible under quota; never get stuck)
 *
 * Examples: 10 desired, "25"/"25" → 3/2 · 1 desired, "25"/"25" → 1/0 · 10 desired, "0%"/"0%" → 0/1.
 */
export function resolveFenceposts(
  maxSurge: IntOrString | undefined,
  maxUnavailable: IntOrString | undefined,
  desired: number,
): Fenceposts {
  const surge = getValueFromIntOrPercent(maxSurge ?? 0, desired, true);
  if (surge.error !== undefined) return { surge: 0, unavailable: 0, error: surge.error };
  const unavailable = getValueFromIntOrPercent(maxUnavailable ?? 0, desired, false);
  if (unavailable.error !== undefined) return { surge: 0, unavailable: 0, error: unavailable.error };
  if (surge.value === 0 && unavailable.value === 0) return { surge: 0, unavailable: 1 };
  return { surge: surge.value, unavailable: unavailable.value };
}

/**
 * Maximum pods the rollout may run above `spec.replicas` while updating.
 * Blue-green (no canary strategy) → 0; canary → the resolved surge fencepost (0 when the spec does not parse:
 * validation rejects it).
 */
export function maxSurge(rollout: Rollout): number {
  if (rollout.spec.strategy?.canary === undefined) return 0;
  return resolveFenceposts(getMaxSurgeOrDefault(rollout), getMaxUnavailableOrDefault(rollout), getReplicasOrDefault(rollout))
    .surge;
}

/**
 * Maximum pods that may be unavailable while updating, capped at `spec.replicas`.
 *
 *   replicas == 0 → 0
 *   canary        → the resolved unavailable fencepost (includes the both-zero → 1 rule)
 *   otherwise     → ⌊maxUnavailable% · replicas⌋ only (blue-green: no both-zero rule)
 *   result        = min(result, replicas)
 */
export function maxUnavailable(rollout: Rollout): number {
  const replicas = getReplicasOrDefault(rollout);
  if (replicas === 0) return 0;
  const configured = getMaxUnavailableOrDefault(rollout);
  const unavailable =
    rollout.spec.strategy?.canary !== undefined
      ? resolveFenceposts(getMaxSurgeOrDefault(rollout), configured, replicas).unavailable
      : (getValueFromIntOrPercent(configured, replicas, false).value ?? 0);
  return Math.min(unavailable, replicas);
}
