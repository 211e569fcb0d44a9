// parity: argo-rollouts utils/conditions/conditions.go ComputeStepHash
//   "" for blue-green or without a canary strategy; else SafeEncode(FNV-1a-32(GoJSON(canary.steps)))
//   where a missing steps list marshals as `null`.
import { goJsonMarshal } from './go-json.js';
import { GO_ROOT } from './go-types.js';
import { hashGoJson } from './pod-template-hash.js';

/** Go json.Marshal of `spec.strategy.canary.steps` as []v1alpha1.CanaryStep. */
export function goJsonCanarySteps(steps: readonly unknown[] | null | undefined): string {
  return goJsonMarshal(steps ?? null, GO_ROOT.canarySteps);
}

/** `status.currentStepHash` for a canary rollout's steps (pass null/undefined for no steps). */
export function computeStepHash(steps: readonly unknown[] | null | undefined): string {
  return hashGoJson(goJsonCanarySteps(steps));
}

interface StrategyLike {
  readonly blueGreen?: unknown;
  readonly canary?: { readonly steps?: readonly unknown[] | null } | null;
}

/** Upstream's rollout-level rule: "" for blue-green or no canary strategy, else computeStepHash(steps). */
export function computeRolloutStepHash(strategy: StrategyLike | null | undefined): string {
  if (strategy === null || strategy === undefined) return '';
  if (strategy.blueGreen !== undefined && strategy.blueGreen !== null) return '';
  if (strategy.canary === undefined || strategy.canary === null) return '';
  return computeStepHash(strategy.canary.steps);
}
