/**
 * Canary analysis for one Rollout reconcile, as one pure decision: which runs to create, cancel and delete, which
 * runs are now "current" (for `status.canary.currentStepAnalysisRunStatus` / `currentBackgroundAnalysisRunStatus`),
 * whether to pause (`InconclusiveAnalysisRun`) or abort (with the §13 message), and the `AnalysisRun<Phase>` events.
 * parity: argo-rollouts rollout/analysis.go reconcileAnalysisRuns, reconcileStepBasedAnalysisRun,
 *         reconcileBackgroundAnalysisRun; utils/replicaset/canary.go BeforeStartingStep, GetCurrentCanaryStep
 */
import type { V1ReplicaSet } from '@kubernetes/client-node';
import {
  PAUSE_REASON,
  ROLLOUT_TYPE,
  type AnalysisRun,
  type Rollout,
  type RolloutAnalysisRunStatus,
  getAnalysisRunSuccessfulHistoryLimitOrDefault,
  getAnalysisRunUnsuccessfulHistoryLimitOrDefault,
  LABEL,
} from '@serin/api';
import {
  ROLLOUT_ANALYSIS_DECISION,
  analysisRunStatusChangeEvent,
  analysisRunsToCancel,
  assessRolloutAnalysis,
  canAdoptExistingRun,
  filterAnalysisRunsToDelete,
  needsNewAnalysisRun,
  rolloutAnalysisRunStatus,
} from './rollout-assessment.js';
import { analysisRunCollisionName, buildBackgroundAnalysisRun, buildStepAnalysisRun } from './rollout-runs.js';
import type { AnalysisEvent } from './run-status.js';
import type { TemplateLookup } from './templates.js';
import { beforeStartingStep, getCurrentCanaryStep } from '../replica-set/canary-step.js';

export interface CanaryAnalysisInput {
  readonly rollout: Rollout;
  /** Every AnalysisRun controlled by this Rollout (from the informer cache). */
  readonly analysisRuns: readonly AnalysisRun[];
  readonly newRS: V1ReplicaSet | undefined;
  readonly stableRS: V1ReplicaSet | undefined;
  /** All ReplicaSets of the Rollout (history GC keeps runs whose ReplicaSet still exists). */
  readonly allReplicaSets: readonly V1ReplicaSet[];
  readonly templates: TemplateLookup;
  /** Aborted in this reconcile or before (default `status.abort`). */
  readonly aborted?: boolean;
  /** The new template equals the stable one (fast-track rollback). */
  readonly fastRollback?: boolean;
}

export interface CanaryAnalysisPlan {
  /** Runs to create, in order (step, then background); create with the collision counter. */
  readonly create: AnalysisRun[];
  /** Names of runs to cancel with `{"spec":{"terminate":true}}`. */
  readonly cancel: string[];
  /** Names of old runs to delete (history limits). */
  readonly delete: string[];
  /** The current step run after this reconcile: an existing run, one of `create`, or undefined. */
  readonly currentStepRun?: AnalysisRun;
  readonly currentBackgroundRun?: AnalysisRun;
  /** The decision from the current runs (pause wins nothing over abort: abort is reported when any run failed). */
  readonly pause?: typeof PAUSE_REASON.InconclusiveAnalysis;
  /** Text after `Rollout aborted update to revision N: `. */
  readonly abortMessage?: string;
  readonly events: AnalysisEvent[];
  /** A run could not be built (e.g. template not found): the reconcile should fail and retry. */
  readonly error?: string;
}

const hasPause = (rollout: Rollout, reason: string): boolean => (rollout.status?.pauseConditions ?? []).some((c) => c.reason === reason);

const byName = (runs: readonly AnalysisRun[], status: RolloutAnalysisRunStatus | undefined): AnalysisRun | undefined =>
  status === undefined ? undefined : runs.find((r) => r.metadata?.name === status.name);

/**
 * Where a new run lands, as the actor's collision counter will place it among the runs we hold: the first of
 * `<name>`, `<name>.1`, `<name>.2`, … that is free, or an existing one we can adopt (not completed, semantically
 * equal, ours). A completed namesake (the Failed run before a retry, the Inconclusive run before a promote) is
 * skipped, so the status records the run that really is current.
 * parity: argo-rollouts utils/analysis/helpers.go CreateWithCollisionCounter
 */
export function placeAnalysisRun(desired: AnalysisRun, runs: readonly AnalysisRun[]): { readonly adopt?: AnalysisRun; readonly create?: AnalysisRun } {
  const base = desired.metadata?.name ?? '';
  for (let n = 0; ; n++) {
    const name = n === 0 ? base : analysisRunCollisionName(base, n);
    const existing = runs.find((r) => r.metadata?.name === name);
    if (existing === undefined) return { create: n === 0 ? desired : { ...desired, metadata: { ...desired.metadata, name } } };
    if (canAdoptExistingRun(existing, desired)) return { adopt: existing };
  }
}

/** The current runs, the runs to create, the cancel/delete lists, pause/abort and events for a canary Rollout. */
export function planCanaryAnalysis(input: CanaryAnalysisInput): CanaryAnalysisPlan {
  const { rollout } = input;
  const status = rollout.status;
  const replicaSets = { newRS: input.newRS, stableRS: input.stableRS };
  const prevStep = byName(input.analysisRuns, status?.canary?.currentStepAnalysisRunStatus);
  const prevBackground = byName(input.analysisRuns, status?.canary?.currentBackgroundAnalysisRunStatus);
  const currentPodHash = input.newRS?.metadata?.labels?.[LABEL.PodTemplateHash] ?? status?.currentPodHash ?? '';
  const aborted = input.aborted ?? status?.abort === true;
  const fullyPromoted = (status?.stableRS ?? '') !== '' && status?.stableRS === currentPodHash;
  const initialDeploy = (status?.stableRS ?? '') === '';
  const cancel = new Set<string>();
  const create: AnalysisRun[] = [];
  const events: AnalysisEvent[] = [];
  let pause: typeof PAUSE_REASON.InconclusiveAnalysis | undefined;
  let abortMessage: string | undefined;
  const cancelRun = (run: AnalysisRun | undefined): void => {
    for (const r of analysisRunsToCancel([run])) cancel.add(r.metadata?.name ?? '');
  };
  const react = (run: AnalysisRun, type: 'Step' | 'Background'): void => {
    const decision = assessRolloutAnalysis(run, type);
    if (decision.kind === ROLLOUT_ANALYSIS_DECISION.Pause) pause = decision.reason;
    // parity: argo-rollouts rollout/pause.go AddAbort overwrites: with step and background both failing, the
    // background message (reacted to last) is the one reported
    if (decision.kind === ROLLOUT_ANALYSIS_DECISION.Abort) abortMessage = decision.message;
  };

  // a run that cannot be built ends the stage: what was decided before it stands, nothing after it happens
  // (no further run, no cancelling or deleting of older runs, no events)
  // parity: argo-rollouts rollout/analysis.go reconcileAnalysisRuns returns the step/background error at once
  const stopped = (error: string): CanaryAnalysisPlan => ({ create, cancel: [...cancel], delete: [], events: [], ...(pause === undefined ? {} : { pause }), ...(abortMessage === undefined ? {} : { abortMessage }), error });

  /** A new run: created under the name the collision counter will give it, or an existing one adopted. */
  const place = (desired: AnalysisRun): AnalysisRun => {
    const placed = placeAnalysisRun(desired, input.analysisRuns);
    if (placed.create !== undefined) create.push(placed.create);
    return placed.adopt ?? placed.create ?? desired;
  };

  let currentStepRun: AnalysisRun | undefined;
  let currentBackgroundRun: AnalysisRun | undefined;
  if (fullyPromoted || aborted || status?.promoteFull === true || input.fastRollback === true || initialDeploy) {
    cancelRun(prevStep);
    cancelRun(prevBackground);
  } else {
    // step analysis
    const { step, index } = getCurrentCanaryStep(rollout);
    if ((status?.pauseConditions ?? []).length > 0 || status?.abort === true) {
      currentStepRun = prevStep;
    } else {
      const fromPreviousStep = step?.analysis !== undefined && prevStep !== undefined && prevStep.metadata?.labels?.[LABEL.StepIndex] !== String(index);
      if (step?.analysis === undefined || (step.analysis.templates ?? []).length === 0 || index === undefined || fromPreviousStep) {
        cancelRun(prevStep);
      } else if (needsNewAnalysisRun(prevStep, rollout)) {
        const built = buildStepAnalysisRun({ rollout, stepIndex: index, ...replicaSets, templates: input.templates });
        if (!built.ok) return stopped(built.error);
        currentStepRun = place(built.value);
      } else if (prevStep !== undefined) {
        currentStepRun = prevStep;
        react(prevStep, ROLLOUT_TYPE.Step);
      }
    }
    // background analysis
    const analysis = rollout.spec.strategy?.canary?.analysis;
    if (analysis === undefined || (analysis.templates ?? []).length === 0) {
      cancelRun(prevBackground);
    } else if (fullyPromoted || (status?.stableRS ?? '') === '' || currentPodHash === '' || beforeStartingStep(rollout)) {
      currentBackgroundRun = undefined;
    } else if (hasPause(rollout, PAUSE_REASON.InconclusiveAnalysis)) {
      currentBackgroundRun = prevBackground;
    } else if (needsNewAnalysisRun(prevBackground, rollout)) {
      const built = buildBackgroundAnalysisRun({ rollout, ...replicaSets, templates: input.templates });
      if (!built.ok) return stopped(built.error);
      currentBackgroundRun = place(built.value);
    } else if (prevBackground !== undefined) {
      currentBackgroundRun = prevBackground;
      react(prevBackground, ROLLOUT_TYPE.Background);
    }
  }

  const currentNames = new Set([currentStepRun, currentBackgroundRun].filter((r) => r !== undefined).map((r) => r.metadata?.name ?? ''));
  const prevNames = new Set([status?.canary?.currentStepAnalysisRunStatus?.name, status?.canary?.currentBackgroundAnalysisRunStatus?.name, status?.blueGreen?.prePromotionAnalysisRunStatus?.name, status?.blueGreen?.postPromotionAnalysisRunStatus?.name].filter((n): n is string => n !== undefined));
  const others = input.analysisRuns.filter((r) => !prevNames.has(r.metadata?.name ?? '') && !currentNames.has(r.metadata?.name ?? ''));
  for (const r of analysisRunsToCancel(others)) cancel.add(r.metadata?.name ?? '');
  // parity: argo-rollouts rollout/analysis.go deleteAnalysisRuns skips runs already being deleted
  const toDelete = filterAnalysisRunsToDelete(others, input.allReplicaSets, getAnalysisRunSuccessfulHistoryLimitOrDefault(rollout), getAnalysisRunUnsuccessfulHistoryLimitOrDefault(rollout));

  const stepEvent = analysisRunStatusChangeEvent(status?.canary?.currentStepAnalysisRunStatus, currentStepRun, ROLLOUT_TYPE.Step);
  const backgroundEvent = analysisRunStatusChangeEvent(status?.canary?.currentBackgroundAnalysisRunStatus, currentBackgroundRun, ROLLOUT_TYPE.Background);
  for (const e of [stepEvent, backgroundEvent]) if (e !== undefined) events.push(e);

  return {
    create,
    cancel: [...cancel],
    delete: toDelete.filter((r) => r.metadata?.deletionTimestamp === undefined || r.metadata.deletionTimestamp === null).map((r) => r.metadata?.name ?? ''),
    ...(currentStepRun === undefined ? {} : { currentStepRun }),
    ...(currentBackgroundRun === undefined ? {} : { currentBackgroundRun }),
    ...(pause === undefined ? {} : { pause }),
    ...(abortMessage === undefined ? {} : { abortMessage }),
    events,
  };
}

/** `status.canary` analysis entries for the plan's current runs (undefined entries are to be removed). */
export function canaryAnalysisStatus(plan: Pick<CanaryAnalysisPlan, 'currentStepRun' | 'currentBackgroundRun'>): {
  currentStepAnalysisRunStatus?: RolloutAnalysisRunStatus;
  currentBackgroundAnalysisRunStatus?: RolloutAnalysisRunStatus;
} {
  return {
    ...(plan.currentStepRun === undefined ? {} : { currentStepAnalysisRunStatus: rolloutAnalysisRunStatus(plan.currentStepRun) }),
    ...(plan.currentBackgroundRun === undefined ? {} : { currentBackgroundAnalysisRunStatus: rolloutAnalysisRunStatus(plan.currentBackgroundRun) }),
  };
}
