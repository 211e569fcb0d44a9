/**
 * The canary reconciler's experiment stage as one pure decision: create the step's Experiment, react to its phase,
 * cancel and garbage-collect the others.
 * parity: argo-rollouts rollout/experiment.go reconcileExperiments, cancelExperiments;
 *         utils/experiment/filter.go GetCurrentExperiment, FilterExperimentsToDelete;
 *         utils/experiment/experiment.go IsSemanticallyEqual
 */
import type { V1ReplicaSet } from '@kubernetes/client-node';
import type { Experiment, ExperimentSpec, Rollout } from '@serin/api';
import {
  ANALYSIS_PHASE,
  LABEL,
  PAUSE_REASON,
  getAnalysisRunSuccessfulHistoryLimitOrDefault,
  getAnalysisRunUnsuccessfulHistoryLimitOrDefault,
  isAnalysisPhaseCompleted,
} from '@serin/api';
import { getCurrentCanaryStep } from '../replica-set/canary-step.js';
import { parseMetaTime } from '../rollout/time.js';
import { STEP_EXPERIMENT_OUTCOME, assessStepExperiment, buildStepExperiment } from './canary-step.js';

export interface CanaryExperimentInput {
  readonly rollout: Rollout;
  /** Experiments controlled by the Rollout. */
  readonly experiments: readonly Experiment[];
  readonly newRS: V1ReplicaSet | undefined;
  readonly stableRS: V1ReplicaSet | undefined;
  readonly allReplicaSets: readonly V1ReplicaSet[];
  /** Aborted in this reconcile or before (default `status.abort`). */
  readonly aborted?: boolean;
}

export interface CanaryExperimentPlan {
  /** Create with `createExperimentWithCollisionCounter` (`<name>-1`, `-2`, … on a foreign or finished namesake). */
  readonly create?: Experiment;
  /** Names to terminate with `{"spec":{"terminate":true}}`. */
  readonly cancel: string[];
  readonly delete: string[];
  /** `status.canary.currentExperiment` (undefined → remove it). */
  readonly currentExperiment?: string;
  /** The experiment step finished (Experiment Successful). */
  readonly stepCompleted: boolean;
  readonly pause?: typeof PAUSE_REASON.InconclusiveExperiment;
  /** Text after `Rollout aborted update to revision N: `. */
  readonly abortMessage?: string;
  /** `ExperimentCreated` on the Rollout. */
  readonly events: Array<{ readonly reason: string; readonly message: string }>;
  readonly error?: string;
}

const finished = (ex: Experiment): boolean => isAnalysisPhaseCompleted(ex.status?.phase);
const cancellable = (ex: Experiment | undefined): ex is Experiment => ex !== undefined && ex.spec.terminate !== true && !finished(ex);

/** Specs equal ignoring `terminate` (collision adoption). */
export function isSemanticallyEqualExperimentSpec(left: ExperimentSpec, right: ExperimentSpec): boolean {
  return JSON.stringify({ ...left, terminate: undefined }) === JSON.stringify({ ...right, terminate: undefined });
}

/**
 * Old experiments to delete, newest first: no hash label, or no / a deleting RS with their hash; beyond the newest
 * `limitSuccessful` Successful and `limitUnsuccessful` Failed/Error/Inconclusive ones. Running ones are kept.
 */
export function filterExperimentsToDelete(exs: readonly Experiment[], replicaSets: readonly V1ReplicaSet[], limitSuccessful: number, limitUnsuccessful: number): Experiment[] {
  const deleting = new Map<string, boolean>();
  for (const rs of replicaSets) {
    const hash = rs.metadata?.labels?.[LABEL.PodTemplateHash];
    if (hash !== undefined) deleting.set(hash, rs.metadata?.deletionTimestamp !== undefined);
  }
  const created = (e: Experiment): number => parseMetaTime(e.metadata?.creationTimestamp as string | undefined) ?? 0;
  const newestFirst = [...exs].sort((a, b) => created(b) - created(a) || ((b.metadata?.name ?? '') < (a.metadata?.name ?? '') ? -1 : 1));
  let successful = 0;
  let unsuccessful = 0;
  const out: Experiment[] = [];
  for (const ex of newestFirst) {
    const hash = ex.metadata?.labels?.[LABEL.PodTemplateHash];
    if (hash === undefined || !deleting.has(hash) || deleting.get(hash) === true) {
      out.push(ex);
      continue;
    }
    const phase = ex.status?.phase;
    if (phase === ANALYSIS_PHASE.Successful) {
      if (successful < limitSuccessful) successful++;
      else out.push(ex);
    } else if (phase === ANALYSIS_PHASE.Failed || phase === ANALYSIS_PHASE.Error || phase === ANALYSIS_PHASE.Inconclusive) {
      if (unsuccessful < limitUnsuccessful) unsuccessful++;
      else out.push(ex);
    }
  }
  return out;
}

/**
 * Aborted or `promoteFull` → cancel every running experiment. Paused on an inconclusive analysis → nothing. On an
 * experiment step: create it once a stable RS exists (event `ExperimentCreated`); Inconclusive → pause
 * `InconclusiveExperiment`, Failed/Error → abort, Successful → step complete, else it stays current. Experiments
 * that are not current (and the current one once the step moved on) are cancelled and garbage-collected.
 */
export function planCanaryExperiment(input: CanaryExperimentInput): CanaryExperimentPlan {
  const { rollout } = input;
  const status = rollout.status ?? {};
  const current = input.experiments.find((e) => e.metadata?.name === status.canary?.currentExperiment);
  const base = { cancel: [] as string[], delete: [] as string[], stepCompleted: false, events: [] as Array<{ reason: string; message: string }> };
  if ((input.aborted ?? status.abort === true) || status.promoteFull === true) {
    return { ...base, cancel: input.experiments.filter(cancellable).map((e) => e.metadata?.name ?? '') };
  }
  if ((status.pauseConditions ?? []).some((p) => p.reason === PAUSE_REASON.InconclusiveAnalysis)) {
    return { ...base, ...(current === undefined ? {} : { currentExperiment: current.metadata?.name ?? '' }) };
  }
  const { step } = getCurrentCanaryStep(rollout);
  const onExperimentStep = step?.experiment !== undefined;
  let ex = current;
  let create: Experiment | undefined;
  let error: string | undefined;
  let pause: typeof PAUSE_REASON.InconclusiveExperiment | undefined;
  let abortMessage: string | undefined;
  let currentExperiment: string | undefined;
  let stepCompleted = false;
  if (onExperimentStep) {
    if (ex === undefined && input.stableRS !== undefined) {
      const built = buildStepExperiment({ rollout, newRS: input.newRS, stableRS: input.stableRS });
      if (built.ok) {
        create = built.value;
        ex = built.value;
        base.events.push({ reason: 'ExperimentCreated', message: `Created Experiment '${built.value.metadata?.name ?? ''}'` });
      } else error = built.error;
    }
    if (ex !== undefined) {
      const assessed = assessStepExperiment(ex);
      if (assessed.outcome === STEP_EXPERIMENT_OUTCOME.Pause) pause = PAUSE_REASON.InconclusiveExperiment;
      else if (assessed.outcome === STEP_EXPERIMENT_OUTCOME.Abort) abortMessage = assessed.message;
      else if (assessed.outcome === STEP_EXPERIMENT_OUTCOME.Completed) stepCompleted = true;
      else currentExperiment = ex.metadata?.name ?? '';
    }
  }
  const others = input.experiments.filter((e) => e !== current || !onExperimentStep);
  const cancel = others.filter(cancellable).map((e) => e.metadata?.name ?? '');
  const toDelete = filterExperimentsToDelete(others, input.allReplicaSets, getAnalysisRunSuccessfulHistoryLimitOrDefault(rollout), getAnalysisRunUnsuccessfulHistoryLimitOrDefault(rollout));
  return {
    ...base,
    cancel,
    delete: toDelete.map((e) => e.metadata?.name ?? ''),
    stepCompleted,
    ...(create === undefined ? {} : { create }),
    ...(currentExperiment === undefined ? {} : { currentExperiment }),
    ...(pause === undefined ? {} : { pause }),
    ...(abortMessage === undefined ? {} : { abortMessage }),
    ...(error === undefined ? {} : { error }),
  };
}
