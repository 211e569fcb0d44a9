/**
 * The analysis stage of a canary reconcile (after traffic routing, before ReplicaSet scaling, as upstream): the
 * AnalysisRun writes `planCanaryAnalysis` decides, its pause (`InconclusiveAnalysisRun`) or abort (§13 message),
 * the `AnalysisRun<Phase>` events, and what the status sync records in `status.canary`.
 * parity: argo-rollouts rollout/analysis.go reconcileAnalysisRuns (canary branch), rollout/canary.go
 *         completedCurrentCanaryStep (analysis step), syncRolloutStatusCanary (current run statuses)
 */
import type { AnalysisRun, EventReason, RolloutStatus } from '@serin/api';
import { CANCEL_ANALYSIS_RUN_PATCH } from '../analysis/rollout-assessment.js';
import { canaryAnalysisStatus, planCanaryAnalysis } from '../analysis/rollout-plan.js';
import type { TemplateLookup } from '../analysis/templates.js';
import type { JsonPatch, PlanContext } from './plan.js';
import { isFastRollback, podTemplateOrStepsChanged } from './rollback.js';
// canary-status imports this module's status helpers: the cycle is only followed at call time
import { syncRolloutStatusCanary } from './canary-status.js';

export const ANALYSIS_ACTION = {
  CreateAnalysisRun: 'createAnalysisRun',
  /** Merge patch of an AnalysisRun (cancel: `{"spec":{"terminate":true}}`). */
  PatchAnalysisRun: 'patchAnalysisRun',
  DeleteAnalysisRun: 'deleteAnalysisRun',
  /** A run could not be built (template missing, bad args): the reconcile fails with this message and retries. */
  AnalysisError: 'analysisError',
} as const;

export type CanaryAnalysisAction =
  | { readonly kind: typeof ANALYSIS_ACTION.CreateAnalysisRun; readonly run: AnalysisRun }
  | { readonly kind: typeof ANALYSIS_ACTION.PatchAnalysisRun; readonly name: string; readonly patch: JsonPatch }
  | { readonly kind: typeof ANALYSIS_ACTION.DeleteAnalysisRun; readonly name: string }
  | { readonly kind: typeof ANALYSIS_ACTION.AnalysisError; readonly message: string };

/** What the analysis stage reads from the caches. */
export interface CanaryAnalysisInputs {
  /** AnalysisRuns controlled by the rollout. */
  readonly analysisRuns: readonly AnalysisRun[];
  readonly templates: TemplateLookup;
}

/**
 * Decide the analysis writes and reactions. Returns false when the plan stops here: a run could not be built (no
 * scaling, no status; the actor fails the reconcile with the message, as upstream returns the error), or a run
 * paused the rollout (the status is synced now, nothing is scaled).
 * Example: step 2 is `analysis` and its run `ro-abc-2-2` Failed with message `m` → abort
 * (`Rollout aborted update to revision 2: Step-based analysis phase failed: m`), event `AnalysisRunFailed`.
 */
export function reconcileCanaryAnalysis(ctx: PlanContext, inputs: CanaryAnalysisInputs): boolean {
  const plan = planCanaryAnalysis({
    rollout: ctx.rollout,
    analysisRuns: inputs.analysisRuns,
    newRS: ctx.rs.newRS,
    stableRS: ctx.rs.stableRS,
    allReplicaSets: ctx.rs.allRSs,
    templates: inputs.templates,
    aborted: ctx.pause.isAborted(),
    fastRollback: isFastRollback(ctx),
  });
  for (const run of plan.create) ctx.actions.push({ kind: ANALYSIS_ACTION.CreateAnalysisRun, run });
  for (const name of plan.cancel) ctx.actions.push({ kind: ANALYSIS_ACTION.PatchAnalysisRun, name, patch: CANCEL_ANALYSIS_RUN_PATCH });
  for (const name of plan.delete) ctx.actions.push({ kind: ANALYSIS_ACTION.DeleteAnalysisRun, name });
  if (plan.error !== undefined && plan.pause !== undefined) {
    // the pause wins over the error: persisted with no current runs (they were never recorded), error dropped
    // parity: argo-rollouts rollout/canary.go rolloutCanary (HasAddPause is checked before the analysis error)
    ctx.pause.addPauseCondition(plan.pause);
    ctx.stages.analysis = { stepRun: undefined, backgroundRun: undefined };
    syncRolloutStatusCanary(ctx);
    return false;
  }
  if (plan.error !== undefined) {
    ctx.actions.push({ kind: ANALYSIS_ACTION.AnalysisError, message: plan.error });
    return false;
  }
  if (plan.pause !== undefined) ctx.pause.addPauseCondition(plan.pause);
  if (plan.abortMessage !== undefined) ctx.pause.addAbort(plan.abortMessage);
  for (const e of plan.events) ctx.emit(e.reason as EventReason, e.message, e.type);
  // when the plan cancelled every run (fully promoted, aborted, promote-full, fast rollback, initial deploy) it has no
  // current runs: canary then drops its run statuses, only blue-green retains them
  // parity: argo-rollouts rollout/analysis.go reconcileAnalysisRuns (shouldCancelCurrentAnalysis);
  //         rollout/analysis_test.go TestCancelAnalysisRunsWhenAborted, TestCancelBackgroundAnalysisRunWhenRolloutIsCompleted
  ctx.stages.analysis = { stepRun: plan.currentStepRun, backgroundRun: plan.currentBackgroundRun };
  if (ctx.pause.hasAddPause()) {
    // an Inconclusive run just paused the rollout: persist the pause now, before any scaling or step pause
    // parity: argo-rollouts rollout/canary.go rolloutCanary (HasAddPause after reconcileAnalysisRuns)
    syncRolloutStatusCanary(ctx);
    return false;
  }
  return true;
}

/**
 * `status.canary.currentStepAnalysisRunStatus` / `currentBackgroundAnalysisRunStatus` in the next status: the
 * stage's current runs (none when it cancelled everything); the stored entries when the stage did not run; none on
 * a new update (pod template or steps changed: the old runs are cancelled on the next reconcile).
 */
export function applyCanaryAnalysisStatus(ctx: PlanContext, next: RolloutStatus): void {
  if (podTemplateOrStepsChanged(ctx)) return;
  const stage = ctx.stages.analysis;
  const stored = ctx.status.canary;
  const entries =
    stage === undefined
      ? {
          ...(stored?.currentStepAnalysisRunStatus === undefined ? {} : { currentStepAnalysisRunStatus: structuredClone(stored.currentStepAnalysisRunStatus) }),
          ...(stored?.currentBackgroundAnalysisRunStatus === undefined ? {} : { currentBackgroundAnalysisRunStatus: structuredClone(stored.currentBackgroundAnalysisRunStatus) }),
        }
      : canaryAnalysisStatus({ currentStepRun: stage.stepRun, currentBackgroundRun: stage.backgroundRun });
  if (Object.keys(entries).length === 0) return;
  next.canary = { ...(next.canary ?? {}), ...entries };
}

/** Phase of the current step's AnalysisRun after the analysis stage (undefined when none or the stage did not run). */
export function stepAnalysisRunPhase(ctx: PlanContext): string | undefined {
  return ctx.stages.analysis?.stepRun?.status?.phase;
}
