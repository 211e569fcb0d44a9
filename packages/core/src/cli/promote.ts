// `promote` patch selection. parity: argo-rollouts pkg/kubectl-argo-rollouts/cmd/promote/promote.go (getPatches)
import type { RolloutLike } from '../info/types.js';
import {
  clearPauseAndControllerPausePatch,
  clearPauseConditionsWithStepPatch,
  Patch,
  setCurrentStepIndexPatch,
  unpauseAndClearPauseConditionsWithStepPatch,
} from './patches.js';

export interface PromoteOptions {
  readonly full?: boolean;
  /** Deprecated `-c/--skip-current-step`. */
  readonly skipCurrentStep?: boolean;
  /** Deprecated `-a/--skip-all-steps`. */
  readonly skipAllSteps?: boolean;
}

/**
 * Send `status` first (to the status subresource); on NotFound from it, send `unified` to the main resource
 * instead of `spec`; then `spec` if present.
 */
export interface PromotePatches {
  readonly spec?: string;
  readonly status?: string;
  readonly unified: string;
}

export const PromoteError = {
  BothSkipFlags: 'Cannot use skip-current-step and skip-all-steps flags at the same time',
  SkipBlueGreen: 'Cannot skip steps of a bluegreen rollout. Run without a flags',
  SkipNoSteps: 'Cannot skip steps of a rollout without steps',
} as const;

/** Validation of the deprecated skip flags; returns upstream's error message or undefined. */
export function validatePromoteFlags(ro: RolloutLike | undefined, opts: PromoteOptions): string | undefined {
  if (opts.skipCurrentStep === true && opts.skipAllSteps === true) return PromoteError.BothSkipFlags;
  if (ro === undefined || (opts.skipCurrentStep !== true && opts.skipAllSteps !== true)) return undefined;
  if (ro.spec?.strategy?.blueGreen !== undefined) return PromoteError.SkipBlueGreen;
  const canary = ro.spec?.strategy?.canary;
  if (canary !== undefined && (canary.steps ?? []).length === 0) return PromoteError.SkipNoSteps;
  return undefined;
}

/** The index after the current one, capped at len(steps); undefined for a rollout without canary steps. */
function nextStepIndex(ro: RolloutLike): number | undefined {
  const steps = ro.spec?.strategy?.canary?.steps ?? [];
  if (steps.length === 0) return undefined;
  const index = ro.status?.currentStepIndex ?? 0;
  return index < steps.length ? index + 1 : index;
}

/**
 * Patches for `promote`:
 * - `--full`: unpause if spec.paused; `promoteFull: true` unless currentPodHash == stableRS.
 * - default: unpause if spec.paused; an inconclusive step analysis with pause conditions and controllerPause →
 *   clear both and advance the index; else pause conditions present → clear them; else a canary with steps →
 *   clear (no-op) and advance the index (skips a running analysis/experiment step).
 */
export function buildPromotePatches(ro: RolloutLike, opts: PromoteOptions = {}): PromotePatches {
  const status = ro.status ?? {};
  if (opts.skipCurrentStep === true) {
    const next = nextStepIndex(ro);
    if (next === undefined) return { unified: '' };
    const p = setCurrentStepIndexPatch(next);
    return { status: p, unified: p };
  }
  if (opts.skipAllSteps === true) {
    const p = setCurrentStepIndexPatch((ro.spec?.strategy?.canary?.steps ?? []).length);
    return { status: p, unified: p };
  }
  const paused = ro.spec?.paused === true;
  if (opts.full === true) {
    return {
      ...(paused ? { spec: Patch.unpause } : {}),
      ...((status.currentPodHash ?? '') !== (status.stableRS ?? '') ? { status: Patch.promoteFull } : {}),
      unified: Patch.unpauseAndPromoteFull,
    };
  }
  const spec = paused ? { spec: Patch.unpause } : {};
  const pauseConditions = (status.pauseConditions ?? []).length > 0;
  const inconclusive =
    ro.spec?.strategy?.canary !== undefined && status.canary?.currentStepAnalysisRunStatus?.status === 'Inconclusive';
  if (inconclusive && pauseConditions && status.controllerPause === true) {
    const next = nextStepIndex(ro);
    return { ...spec, ...(next !== undefined ? { status: clearPauseAndControllerPausePatch(next) } : {}), unified: Patch.unpauseAndClearPauseConditions };
  }
  if (pauseConditions) return { ...spec, status: Patch.clearPauseConditions, unified: Patch.unpauseAndClearPauseConditions };
  if (ro.spec?.strategy?.canary !== undefined) {
    const next = nextStepIndex(ro);
    if (next !== undefined) {
      return { ...spec, status: clearPauseConditionsWithStepPatch(next), unified: unpauseAndClearPauseConditionsWithStepPatch(next) };
    }
  }
  return { ...spec, unified: Patch.unpauseAndClearPauseConditions };
}
