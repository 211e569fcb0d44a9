/**
 * What a Rollout does with its AnalysisRuns: pause on Inconclusive, abort on Failed/Error (with §13 messages),
 * whether a new run is needed, status-change events, cancelling, and run-history garbage collection.
 * parity: argo-rollouts rollout/analysis.go (reconcileStepBasedAnalysisRun, reconcileBackgroundAnalysisRun,
 *         setPauseOrAbortForBlueGreen, needsNewAnalysisRun, emitAnalysisRunStatusChanges, cancelAnalysisRuns);
 *         utils/analysis/filter.go FilterAnalysisRunsToDelete; utils/analysis/helpers.go IsSemanticallyEqual
 */
import type { V1ReplicaSet } from '@kubernetes/client-node';
import {
  ABORT_REASON_MESSAGE,
  ANALYSIS_PHASE,
  EVENT_MESSAGE,
  LABEL,
  PAUSE_REASON,
  ROLLOUT_TYPE,
  type AnalysisRun,
  type AnalysisRunSpec,
  type Rollout,
  type RolloutAnalysisRunStatus,
  type RolloutType,
  analysisRunEventReason,
  isAnalysisPhaseCompleted,
} from '@serin/api';
import { parseMetaTime } from '../rollout/time.js';
import { jsonEqual } from './run-plan.js';
import type { AnalysisEvent } from './run-status.js';

export const ROLLOUT_ANALYSIS_DECISION = { None: 'None', Pause: 'Pause', Abort: 'Abort' } as const;

export type RolloutAnalysisDecision =
  | { readonly kind: typeof ROLLOUT_ANALYSIS_DECISION.None }
  | { readonly kind: typeof ROLLOUT_ANALYSIS_DECISION.Pause; readonly reason: typeof PAUSE_REASON.InconclusiveAnalysis }
  /** `message` goes after `Rollout aborted update to revision N: ` (CONDITION_MESSAGE.aborted). */
  | { readonly kind: typeof ROLLOUT_ANALYSIS_DECISION.Abort; readonly message: string };

const ABORT_PREFIX: Readonly<Record<RolloutType, string>> = {
  Step: ABORT_REASON_MESSAGE.stepAnalysis,
  Background: ABORT_REASON_MESSAGE.backgroundAnalysis,
  PrePromotion: ABORT_REASON_MESSAGE.prePromotionAnalysis,
  PostPromotion: ABORT_REASON_MESSAGE.postPromotionAnalysis,
};

/**
 * The Rollout's reaction to its current run of `rolloutType`: Inconclusive → pause `InconclusiveAnalysisRun`;
 * Failed/Error → abort with `<Step-based|Background|Blue/green pre-promotion|…> analysis phase error/failed` +
 * `: <run message>` when the run has one; otherwise nothing.
 */
export function assessRolloutAnalysis(run: Pick<AnalysisRun, 'status'> | undefined, rolloutType: RolloutType): RolloutAnalysisDecision {
  switch (run?.status?.phase) {
    case ANALYSIS_PHASE.Inconclusive:
      return { kind: ROLLOUT_ANALYSIS_DECISION.Pause, reason: PAUSE_REASON.InconclusiveAnalysis };
    case ANALYSIS_PHASE.Error:
    case ANALYSIS_PHASE.Failed: {
      const message = run.status.message;
      return { kind: ROLLOUT_ANALYSIS_DECISION.Abort, message: message ? `${ABORT_PREFIX[rolloutType]}: ${message}` : ABORT_PREFIX[rolloutType] };
    }
    default:
      return { kind: ROLLOUT_ANALYSIS_DECISION.None };
  }
}

const hasPause = (rollout: Rollout, reason: string): boolean => (rollout.status?.pauseConditions ?? []).some((c) => c.reason === reason);

/**
 * A new run is needed when there is none; when the controller already paused for an Inconclusive run (controllerPause
 * set without a CanaryPauseStep/BlueGreenPause condition) and the current run is Inconclusive (promote resumed it);
 * or after an abort (`abortedAt` set).
 */
export function needsNewAnalysisRun(currentRun: Pick<AnalysisRun, 'status'> | undefined, rollout: Rollout): boolean {
  if (currentRun === undefined) return true;
  if (rollout.status?.controllerPause === true && !hasPause(rollout, PAUSE_REASON.CanaryPauseStep) && !hasPause(rollout, PAUSE_REASON.BlueGreenPause)) {
    return currentRun.status?.phase === ANALYSIS_PHASE.Inconclusive;
  }
  return rollout.status?.abortedAt !== undefined && rollout.status.abortedAt !== null;
}

/**
 * `AnalysisRun<Phase>` on the Rollout when a run first gets a phase or its phase changes:
 * `<Type> Analysis Run '<name>' Status New: '<phase>' Previous: '<prev|NoPreviousStatus>'` (Warning for Failed/Error).
 */
export function analysisRunStatusChangeEvent(previous: RolloutAnalysisRunStatus | undefined, run: AnalysisRun | undefined, rolloutType: RolloutType): AnalysisEvent | undefined {
  const phase = run?.status?.phase;
  if (run === undefined || phase === undefined || (phase as string) === '') return undefined;
  const name = run.metadata?.name ?? '';
  if (previous !== undefined && !(previous.name === name && previous.status !== phase)) return undefined;
  const warning = phase === ANALYSIS_PHASE.Failed || phase === ANALYSIS_PHASE.Error;
  return {
    type: warning ? 'Warning' : 'Normal',
    reason: analysisRunEventReason(phase),
    message: EVENT_MESSAGE.analysisRunStatusChanged(rolloutType, name, phase, previous?.status),
  };
}

/** The Rollout status entry for a run (`{name, status, message?}`); `status` is `""` before the run has a phase. */
export function rolloutAnalysisRunStatus(run: AnalysisRun): RolloutAnalysisRunStatus {
  const message = run.status?.message;
  return { name: run.metadata?.name ?? '', status: run.status?.phase ?? ('' as RolloutAnalysisRunStatus['status']), ...(message ? { message } : {}) };
}

/** Merge patch that cancels a run. */
export const CANCEL_ANALYSIS_RUN_PATCH = { spec: { terminate: true } } as const;

/** Runs to cancel: not already terminating and not completed. */
export function analysisRunsToCancel(runs: ReadonlyArray<AnalysisRun | undefined>): AnalysisRun[] {
  return runs.filter((r): r is AnalysisRun => r !== undefined && r.spec.terminate !== true && !isAnalysisPhaseCompleted(r.status?.phase));
}

/** Equal for collision handling: metrics, dryRun, measurementRetention and args compared. */
export function isSemanticallyEqualRunSpec(left: AnalysisRunSpec, right: AnalysisRunSpec): boolean {
  const pick = (s: AnalysisRunSpec): unknown => ({ metrics: s.metrics, dryRun: s.dryRun ?? [], measurementRetention: s.measurementRetention ?? [], args: s.args ?? [] });
  return jsonEqual(pick(left), pick(right));
}

/**
 * An existing run with our name is ours to adopt when it is not completed, semantically equal and controlled by the
 * same Rollout; otherwise the next name `<base>.<n>` is tried.
 */
export function canAdoptExistingRun(existing: AnalysisRun, desired: AnalysisRun): boolean {
  const ownerUid = (r: AnalysisRun): string | undefined => r.metadata?.ownerReferences?.find((o) => o.controller === true)?.uid;
  return !isAnalysisPhaseCompleted(existing.status?.phase) && isSemanticallyEqualRunSpec(existing.spec, desired.spec) && ownerUid(existing) !== undefined && ownerUid(existing) === ownerUid(desired);
}

/**
 * Non-current runs to delete, newest first: runs without a pod-hash label, whose ReplicaSet is gone or being deleted;
 * beyond the newest `limitSuccessful` Successful and `limitUnsuccessful` Failed/Error/Inconclusive runs.
 */
export function filterAnalysisRunsToDelete(runs: readonly AnalysisRun[], replicaSets: readonly V1ReplicaSet[], limitSuccessful: number, limitUnsuccessful: number): AnalysisRun[] {
  const rsDeleting = new Map<string, boolean>();
  for (const rs of replicaSets) {
    const hash = rs.metadata?.labels?.[LABEL.PodTemplateHash];
    if (hash !== undefined) rsDeleting.set(hash, rs.metadata?.deletionTimestamp !== undefined && rs.metadata.deletionTimestamp !== null);
  }
  const created = (r: AnalysisRun): number => parseMetaTime(r.metadata?.creationTimestamp as string | Date | undefined) ?? 0;
  const newestFirst = [...runs].sort((a, b) => created(b) - created(a));
  let keptSuccessful = 0;
  let keptUnsuccessful = 0;
  const out: AnalysisRun[] = [];
  for (const run of newestFirst) {
    const hash = run.metadata?.labels?.[LABEL.PodTemplateHash];
    if (hash === undefined || !rsDeleting.has(hash) || rsDeleting.get(hash) === true) {
      out.push(run);
      continue;
    }
    const phase = run.status?.phase;
    if (phase === ANALYSIS_PHASE.Successful) {
      if (keptSuccessful < limitSuccessful) keptSuccessful++;
      else out.push(run);
    } else if (phase === ANALYSIS_PHASE.Failed || phase === ANALYSIS_PHASE.Error || phase === ANALYSIS_PHASE.Inconclusive) {
      if (keptUnsuccessful < limitUnsuccessful) keptUnsuccessful++;
      else out.push(run);
    }
  }
  return out;
}

/** The `rollout-type` label of a run, when it is one of the four. */
export function rolloutTypeOf(run: AnalysisRun): RolloutType | undefined {
  const value = run.metadata?.labels?.[LABEL.RolloutType];
  return Object.values(ROLLOUT_TYPE).find((t) => t === value);
}
