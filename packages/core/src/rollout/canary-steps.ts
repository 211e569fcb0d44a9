/**
 * Canary step text and step completion.
 * parity: argo-rollouts utils/rollout/rolloututil.go CanaryStepString; rollout/canary.go completedCurrentCanaryStep,
 *         reconcileCanaryPause; rollout/sync.go isIndefiniteStep
 */
import type { V1ReplicaSet } from '@kubernetes/client-node';
import type { CanaryStep, Rollout, TrafficWeights } from '@serin/api';
import { getCondition } from './conditions.js';
import { atDesiredReplicaCountsForCanary } from '../replica-set/canary-progress.js';
import { getCurrentCanaryStep } from '../replica-set/canary-step.js';
import { completedCanaryPauseStep } from './pause.js';

/**
 * The step as events print it: `setWeight: 20`, `pause`, `pause: 10` / `pause: 10s` (duration as written),
 * `setCanaryScale{weight: 20}` (first of weight, matchTrafficWeight, replicas), `experiment`, `analysis`,
 * `plugin: x`, `setHeaderRoute: x`, `setMirrorRoute: x`, otherwise `invalid`.
 */
export function canaryStepString(step: CanaryStep): string {
  if (step.setWeight !== undefined) return `setWeight: ${step.setWeight}`;
  if (step.pause !== undefined) return step.pause.duration === undefined ? 'pause' : `pause: ${step.pause.duration}`;
  if (step.experiment !== undefined) return 'experiment';
  if (step.analysis !== undefined) return 'analysis';
  if (step.setCanaryScale !== undefined) {
    const s = step.setCanaryScale;
    if (s.weight !== undefined) return `setCanaryScale{weight: ${s.weight}}`;
    if (s.matchTrafficWeight === true) return 'setCanaryScale{matchTrafficWeight: true}';
    if (s.replicas !== undefined) return `setCanaryScale{replicas: ${s.replicas}}`;
  }
  if (step.plugin !== undefined) return `plugin: ${step.plugin.name}`;
  if (step.setHeaderRoute !== undefined) return `setHeaderRoute: ${step.setHeaderRoute.name ?? ''}`;
  if (step.setMirrorRoute !== undefined) return `setMirrorRoute: ${step.setMirrorRoute.name}`;
  return 'invalid';
}

export interface StepCompletionInput {
  readonly rollout: Rollout;
  readonly newRS: V1ReplicaSet | undefined;
  readonly stableRS: V1ReplicaSet | undefined;
  readonly otherRSs: readonly V1ReplicaSet[];
  readonly weights?: TrafficWeights | undefined;
  /** Phase of the current step's AnalysisRun (an analysis step completes when it is Successful). */
  readonly stepAnalysisRunPhase?: string | undefined;
  /** The experiment step's Experiment is Successful (canary-experiment.ts). */
  readonly stepExperimentCompleted?: boolean | undefined;
  readonly nowMs: number;
}

/**
 * The current step is finished (never while `spec.paused`): pause → promoted or expired; setWeight /
 * setCanaryScale → replica counts reached (and weight verified when known); header/mirror routes → at once;
 * analysis → its run Successful; experiment → its Experiment Successful; plugin steps never complete here.
 */
export function completedCurrentCanaryStep({ rollout, newRS, stableRS, otherRSs, weights, stepAnalysisRunPhase, stepExperimentCompleted, nowMs }: StepCompletionInput): boolean {
  if (rollout.spec.paused === true) return false;
  const { step } = getCurrentCanaryStep(rollout);
  if (step === undefined) return false;
  if (step.pause !== undefined) return completedCanaryPauseStep(rollout, step.pause, nowMs);
  if (step.setCanaryScale !== undefined) return atDesiredReplicaCountsForCanary(rollout, newRS, stableRS, otherRSs, weights);
  if (step.setWeight !== undefined) {
    if (!atDesiredReplicaCountsForCanary(rollout, newRS, stableRS, otherRSs, weights)) return false;
    return weights?.verified !== false;
  }
  if (step.setHeaderRoute !== undefined || step.setMirrorRoute !== undefined) return true;
  if (step.analysis !== undefined) return stepAnalysisRunPhase === 'Successful';
  if (step.experiment !== undefined) return stepExperimentCompleted === true;
  return false;
}

/** The current step waits on something open-ended: a pause, analysis or experiment step, or a Paused=True condition. */
export function isIndefiniteStep(rollout: Rollout): boolean {
  const { step } = getCurrentCanaryStep(rollout);
  if (step !== undefined && (step.experiment !== undefined || step.analysis !== undefined || step.pause !== undefined)) return true;
  return getCondition(rollout.status, 'Paused')?.status === 'True';
}

export const CANARY_PAUSE = {
  /** Nothing to do: not on a pause step (or paused by the user, promoted fully, past the last step). */
  NotPausing: 'not-pausing',
  /** On a pause step: add the CanaryPauseStep condition now. */
  AddPause: 'add-pause',
  /** On a pause step that is still waiting. */
  Waiting: 'waiting',
} as const;
export type CanaryPauseDecision = (typeof CANARY_PAUSE)[keyof typeof CANARY_PAUSE];

/**
 * `reconcileCanaryPause`: on a pause step with no CanaryPauseStep condition, pause unless the controller already
 * paused (then the user resumed and the step completes in the status sync); with a condition, keep waiting.
 */
export function decideCanaryPause(rollout: Rollout): CanaryPauseDecision {
  if (rollout.spec.paused === true || rollout.status?.promoteFull === true) return CANARY_PAUSE.NotPausing;
  const steps = rollout.spec.strategy?.canary?.steps ?? [];
  if (steps.length === 0) return CANARY_PAUSE.NotPausing;
  const { step, index } = getCurrentCanaryStep(rollout);
  if (index === undefined || index >= steps.length || step?.pause === undefined) return CANARY_PAUSE.NotPausing;
  const hasCond = (rollout.status?.pauseConditions ?? []).some((c) => c.reason === 'CanaryPauseStep');
  if (!hasCond && rollout.status?.controllerPause !== true) return CANARY_PAUSE.AddPause;
  return CANARY_PAUSE.Waiting;
}
