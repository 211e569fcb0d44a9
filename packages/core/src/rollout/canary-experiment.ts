/**
 * The experiment stage of a canary reconcile (after traffic routing, before analysis, as upstream): the Experiment
 * writes `planCanaryExperiment` decides (create the step's `<rollout>-<hash>-<revision>-<stepIndex>`, cancel and
 * garbage-collect the others), its pause (`InconclusiveExperiment`) or abort (`Experiment analysis phase is
 * error/failed[: msg]`), the `ExperimentCreated` event, and what the status sync records
 * (`status.canary.currentExperiment`, step completion). Weighted templates of the Running current experiment are
 * handed to the traffic-routing stage as additional destinations.
 * parity: argo-rollouts rollout/experiment.go reconcileExperiments, createExperimentWithCollisionHandling;
 *         rollout/canary.go completedCurrentCanaryStep (experiment step);
 *         rollout/trafficrouting.go calculateWeightDestinationsFromExperiment
 */
import type { Experiment, RolloutStatus, WeightDestination } from '@serin/api';
import { ANALYSIS_PHASE, isAnalysisPhaseCompleted } from '@serin/api';
import type { EventReason } from '@serin/api';
import { buildStepExperiment, experimentWeightedDestinations } from '../experiment/canary-step.js';
import { planCanaryExperiment } from '../experiment/canary-step-plan.js';
import { getCurrentCanaryStep } from '../replica-set/canary-step.js';
import type { JsonPatch, PlanContext } from './plan.js';
import type { Rollout } from '@serin/api';

export const EXPERIMENT_ACTION = {
  /** Create with the collision counter (`<name>-1`, `-2`, … on a foreign or finished namesake). */
  CreateExperiment: 'createExperiment',
  /** Merge patch of an Experiment (cancel: `{"spec":{"terminate":true}}`). */
  PatchExperiment: 'patchExperiment',
  DeleteExperiment: 'deleteExperiment',
  /** The step's Experiment could not be built: the reconcile fails with this message and retries. */
  ExperimentError: 'experimentError',
} as const;

export type CanaryExperimentAction =
  | { readonly kind: typeof EXPERIMENT_ACTION.CreateExperiment; readonly experiment: Experiment }
  | { readonly kind: typeof EXPERIMENT_ACTION.PatchExperiment; readonly name: string; readonly patch: JsonPatch }
  | { readonly kind: typeof EXPERIMENT_ACTION.DeleteExperiment; readonly name: string }
  | { readonly kind: typeof EXPERIMENT_ACTION.ExperimentError; readonly message: string };

export const TERMINATE_EXPERIMENT_PATCH: JsonPatch = { spec: { terminate: true } };

const nameOf = (ex: Experiment): string => ex.metadata?.name ?? '';

/** The experiment `status.canary.currentExperiment` names, among those the rollout controls. */
export function currentStepExperiment(rollout: Rollout, experiments: readonly Experiment[]): Experiment | undefined {
  const name = rollout.status?.canary?.currentExperiment;
  return name === undefined || name === '' ? undefined : experiments.find((e) => nameOf(e) === name);
}

/**
 * Additional destinations for the traffic routers: the weighted templates of the current experiment while it is
 * Running and the rollout is on its experiment step; none otherwise.
 */
export function experimentDestinations(rollout: Rollout, experiments: readonly Experiment[]): WeightDestination[] {
  const { step } = getCurrentCanaryStep(rollout);
  const current = currentStepExperiment(rollout, experiments);
  if (step?.experiment === undefined || current?.status?.phase !== ANALYSIS_PHASE.Running) return [];
  return experimentWeightedDestinations(rollout, current);
}

/**
 * Which name the step's Experiment gets, or which existing one it resumes, when the status names none. Among the
 * experiments the rollout controls named `base` or `base-<n>`, one that is neither finished, terminated nor
 * deleting is the step's own (a lost `currentExperiment`, or one created as `-<n>` past a foreign namesake): resume
 * it. Otherwise the first of `base`, `base-1`, … the rollout does not hold (finished ones, e.g. the failed run
 * before a retry, are skipped); a foreign namesake is left to the actor's collision counter.
 */
export function chooseStepExperimentName(base: string, experiments: readonly Experiment[]): { readonly resume?: string; readonly name: string } {
  const nameAt = (n: number): string => (n === 0 ? base : `${base}-${n}`);
  const owned = new Map(experiments.map((e) => [nameOf(e), e]));
  const isStepName = (name: string): boolean => name === base || (name.startsWith(`${base}-`) && /^[1-9]\d*$/.test(name.slice(base.length + 1)));
  const suffix = (name: string): number => (name === base ? 0 : Number(name.slice(base.length + 1)));
  const live = [...owned.entries()]
    .filter(([name, e]) => isStepName(name) && e.spec.terminate !== true && !isAnalysisPhaseCompleted(e.status?.phase) && e.metadata?.deletionTimestamp === undefined)
    .map(([name]) => name)
    .sort((a, b) => suffix(a) - suffix(b));
  const resume = live[0];
  if (resume !== undefined) return { resume, name: resume };
  let n = 0;
  while (owned.has(nameAt(n))) n++;
  return { name: nameAt(n) };
}

/** `ctx.rollout` with `status.canary.currentExperiment` pointing at `name` (a copy; the context is untouched). */
function withCurrentExperiment(rollout: Rollout, name: string): Rollout {
  const status = rollout.status ?? {};
  return { ...rollout, status: { ...status, canary: { ...(status.canary ?? {}), currentExperiment: name } } };
}

/**
 * Decide the experiment writes and reactions. Returns false when the step's Experiment could not be built: the
 * plan stops (no scaling, no status) and the actor fails the reconcile with the message, as upstream returns it.
 * Example: step 1 is an experiment step and `ro-abc-2-1` Failed with message `m` → abort
 * (`Rollout aborted update to revision 2: Experiment analysis phase is error/failed: m`).
 */
export function reconcileCanaryExperiments(ctx: PlanContext, experiments: readonly Experiment[]): boolean {
  let rollout = ctx.rollout;
  let rename: string | undefined;
  const aborted = ctx.pause.isAborted();
  if (!aborted && getCurrentCanaryStep(rollout).step?.experiment !== undefined && currentStepExperiment(rollout, experiments) === undefined && ctx.rs.stableRS !== undefined) {
    const built = buildStepExperiment({ rollout, newRS: ctx.rs.newRS, stableRS: ctx.rs.stableRS });
    if (built.ok) {
      const chosen = chooseStepExperimentName(nameOf(built.value), experiments);
      if (chosen.resume !== undefined) rollout = withCurrentExperiment(rollout, chosen.resume);
      else if (chosen.name !== nameOf(built.value)) rename = chosen.name;
    }
  }
  const plan = planCanaryExperiment({ rollout, experiments, newRS: ctx.rs.newRS, stableRS: ctx.rs.stableRS, allReplicaSets: ctx.rs.allRSs, aborted });
  const planned = plan.create === undefined ? undefined : nameOf(plan.create);
  const renamed = (name: string): string => (rename !== undefined && name === planned ? rename : name);
  if (plan.create !== undefined) {
    const experiment = rename === undefined ? plan.create : { ...plan.create, metadata: { ...plan.create.metadata, name: rename } };
    ctx.actions.push({ kind: EXPERIMENT_ACTION.CreateExperiment, experiment });
  }
  for (const name of plan.cancel) ctx.actions.push({ kind: EXPERIMENT_ACTION.PatchExperiment, name, patch: TERMINATE_EXPERIMENT_PATCH });
  for (const name of plan.delete) ctx.actions.push({ kind: EXPERIMENT_ACTION.DeleteExperiment, name });
  if (plan.error !== undefined) {
    ctx.actions.push({ kind: EXPERIMENT_ACTION.ExperimentError, message: plan.error });
    return false;
  }
  if (plan.pause !== undefined) ctx.pause.addPauseCondition(plan.pause);
  if (plan.abortMessage !== undefined) ctx.pause.addAbort(plan.abortMessage);
  for (const e of plan.events) ctx.emit(e.reason as EventReason, planned !== undefined && rename !== undefined ? e.message.replace(`'${planned}'`, `'${rename}'`) : e.message);
  const currentExperiment = plan.currentExperiment === undefined ? undefined : renamed(plan.currentExperiment);
  ctx.stages.experiment = { stepCompleted: plan.stepCompleted, ...(currentExperiment === undefined ? {} : { currentExperiment }) };
  return true;
}

/**
 * `status.canary.currentExperiment` in the next status: the stage's current experiment (none once it finished, on
 * abort or off the experiment step); the stored one when the stage did not run.
 */
export function applyCanaryExperimentStatus(ctx: PlanContext, next: RolloutStatus): void {
  const stage = ctx.stages.experiment;
  const name = stage === undefined ? ctx.status.canary?.currentExperiment : stage.currentExperiment;
  if (name === undefined || name === '') return;
  next.canary = { ...(next.canary ?? {}), currentExperiment: name };
}

/** The experiment step's Experiment is Successful (upstream completes the step then). */
export function stepExperimentCompleted(ctx: PlanContext): boolean {
  return ctx.stages.experiment?.stepCompleted === true;
}
