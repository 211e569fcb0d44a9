/**
 * Where a canary rollout is in its steps.
 * parity: argo-rollouts utils/replicaset/canary.go GetCurrentCanaryStep, GetCurrentSetWeight, UseSetCanaryScale,
 *         BeforeStartingStep
 */
import type { CanaryStep, Rollout, SetCanaryScale } from '@serin/api';
import { getAbortScaleDownDelaySecondsOrDefault, getMaxTrafficWeightOrDefault } from '@serin/api';

export interface CurrentCanaryStep {
  /** The step at `status.currentStepIndex`; undefined when there are no steps or all are done. */
  step: CanaryStep | undefined;
  /** `status.currentStepIndex` (nil counts as 0); undefined only when the rollout has no steps. */
  index: number | undefined;
}

/**
 * The current step: none without steps; `{index}` only once the index is past the last step.
 *
 *   no canary / no steps       → { step: undefined, index: undefined }
 *   index (nil → 0) ≥ len      → { step: undefined, index }
 *   otherwise                  → { step: steps[index], index }
 */
export function getCurrentCanaryStep(rollout: Rollout): CurrentCanaryStep {
  const steps = rollout.spec.strategy?.canary?.steps ?? [];
  if (steps.length === 0) return { step: undefined, index: undefined };
  const index = rollout.status?.currentStepIndex ?? 0;
  return { step: steps[index], index };
}

/** The most recent step at or before the current one for which `pick` returns a value. */
function findBackwardsFromCurrentStep<T>(rollout: Rollout, pick: (step: CanaryStep) => T | undefined): T | undefined {
  const { step, index } = getCurrentCanaryStep(rollout);
  if (step === undefined || index === undefined) return undefined;
  const steps = rollout.spec.strategy?.canary?.steps ?? [];
  for (let i = index; i >= 0; i--) {
    const candidate = steps[i];
    const picked = candidate === undefined ? undefined : pick(candidate);
    if (picked !== undefined) return picked;
  }
  return undefined;
}

/**
 * The weight the steps ask for now.
 *
 *   status.abort                        → 0
 *   no current step (none, or all done) → maxTrafficWeight (100)
 *   otherwise                           → the nearest `setWeight` at or before the current step, else 0
 */
export function getCurrentSetWeight(rollout: Rollout): number {
  if (rollout.status?.abort === true) return 0;
  if (getCurrentCanaryStep(rollout).step === undefined) return getMaxTrafficWeightOrDefault(rollout);
  return findBackwardsFromCurrentStep(rollout, (step) => step.setWeight) ?? 0;
}

/**
 * The `setCanaryScale` in force, if it should be used.
 *
 * Only with trafficRouting. After an abort it is ignored unless `abortScaleDownDelaySeconds` is explicitly 0
 * (keep the canary up). The nearest `setCanaryScale` at or before the current step wins; one with
 * `matchTrafficWeight: true` means "follow the weight" (→ undefined).
 */
export function useSetCanaryScale(rollout: Rollout): SetCanaryScale | undefined {
  const canary = rollout.spec.strategy?.canary;
  if (canary?.trafficRouting === undefined) return undefined;
  if (rollout.status?.abort === true && getAbortScaleDownDelaySecondsOrDefault(rollout).delaySeconds !== null) {
    return undefined;
  }
  const scale = findBackwardsFromCurrentStep(rollout, (step) => step.setCanaryScale);
  return scale?.matchTrafficWeight === true ? undefined : scale;
}

/**
 * True while the current step index is below the background analysis `startingStep`
 * (the background AnalysisRun is not created yet). False without steps, analysis or startingStep.
 */
export function beforeStartingStep(rollout: Rollout): boolean {
  const startingStep = rollout.spec.strategy?.canary?.analysis?.startingStep;
  if (startingStep === undefined) return false;
  const { index } = getCurrentCanaryStep(rollout);
  return index !== undefined && index < startingStep;
}
