/**
 * Experiment spec checks and the Progressing condition.
 * parity: argo-rollouts utils/conditions/experiments.go (VerifyExperimentSpec, ExperimentProgressing,
 *         ExperimentRunning, SetExperimentCondition); experiments/conditions.go calculateExperimentConditions
 */
import type { Experiment, ExperimentCondition, ExperimentStatus } from '@serin/api';
import { ANALYSIS_PHASE, getExperimentProgressDeadlineSecondsOrDefault } from '@serin/api';
import { metaTime } from '../rollout/time.js';
import { experimentPassedDuration, getExperimentTemplateStatus } from './experiment-util.js';

export const EXPERIMENT_CONDITION_MESSAGE = {
  progressing: (name: string) => `Experiment "${name}" is progressing.`,
  running: (name: string) => `Experiment "${name}" is running.`,
  completed: (name: string) => `Experiment "${name}" has successfully ran and completed.`,
  templateNameRepeated: (name: string, template: string) => `Experiment ${name} has repeated template name '${template}' in templates`,
  templateNameEmpty: (name: string, index: number) => `Experiment ${name} has empty template name at index ${index}`,
  selectAll: (index: number) => `This experiment is selecting all pods at index ${index}. A non-empty selector is required.`,
  minReadyLongerThanDeadline: (index: number) => `MinReadySeconds cannot be longer than ProgressDeadlineSeconds. Check template index ${index}`,
  missingSelector: (index: number) => `Rollout has missing field '.Spec.Templates[${index}].Selector'`,
} as const;

export function newExperimentCondition(type: ExperimentCondition['type'], status: ExperimentCondition['status'], reason: string, message: string, nowMs: number): ExperimentCondition {
  const t = metaTime(nowMs);
  return { type, status, lastUpdateTime: t, lastTransitionTime: t, reason, message };
}

export function getExperimentCondition(status: ExperimentStatus | undefined, type: ExperimentCondition['type']): ExperimentCondition | undefined {
  return (status?.conditions ?? []).find((c) => c.type === type);
}

/** Unchanged when status and reason match; transition time kept when only the reason changed. */
export function setExperimentCondition(status: ExperimentStatus, cond: ExperimentCondition): void {
  const current = getExperimentCondition(status, cond.type);
  if (current !== undefined && current.status === cond.status && current.reason === cond.reason) return;
  const next = current !== undefined && current.status === cond.status ? { ...cond, lastTransitionTime: current.lastTransitionTime } : cond;
  status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== cond.type), next];
}

export function removeExperimentCondition(status: ExperimentStatus, type: ExperimentCondition['type']): void {
  const rest = (status.conditions ?? []).filter((c) => c.type !== type);
  if (rest.length > 0) status.conditions = rest;
  else delete status.conditions;
}

/** The first spec error (selector missing/empty, minReadySeconds over the deadline, empty or repeated name), else undefined. */
export function verifyExperimentSpec(ex: Experiment): string | undefined {
  const names = new Set<string>();
  const deadline = getExperimentProgressDeadlineSecondsOrDefault(ex);
  for (const [i, t] of ex.spec.templates.entries()) {
    if ((t as { selector?: unknown }).selector === undefined) return EXPERIMENT_CONDITION_MESSAGE.missingSelector(i);
    if ((t.selector.matchLabels === undefined || Object.keys(t.selector.matchLabels).length === 0) && (t.selector.matchExpressions ?? []).length === 0) return EXPERIMENT_CONDITION_MESSAGE.selectAll(i);
    if ((t.minReadySeconds ?? 0) > deadline) return EXPERIMENT_CONDITION_MESSAGE.minReadyLongerThanDeadline(i);
    if (t.name === '') return EXPERIMENT_CONDITION_MESSAGE.templateNameEmpty(ex.metadata?.name ?? '', i);
    if (names.has(t.name)) return EXPERIMENT_CONDITION_MESSAGE.templateNameRepeated(ex.metadata?.name ?? '', t.name);
    names.add(t.name);
  }
  return undefined;
}

/** Template statuses appeared or any template's counts changed since the stored status. */
export function experimentProgressing(ex: Experiment, next: ExperimentStatus): boolean {
  const old = ex.status?.templateStatuses ?? [];
  if (old.length < (next.templateStatuses ?? []).length) return true;
  return old.some((o) => {
    const n = getExperimentTemplateStatus(next, o.name);
    return n !== undefined && (o.replicas !== n.replicas || o.updatedReplicas !== n.updatedReplicas || o.readyReplicas !== n.readyReplicas || o.availableReplicas !== n.availableReplicas);
  });
}

/**
 * InvalidSpec dropped once valid; Progressing: False/ExperimentCompleted when Successful; True/ReplicaSetUpdated while
 * template counts move; True/NewReplicaSetAvailable while available and within the duration.
 */
export function calculateExperimentConditions(ex: Experiment, next: ExperimentStatus, nowMs: number): void {
  const name = ex.metadata?.name ?? '';
  if (getExperimentCondition(ex.status, 'InvalidSpec') !== undefined && verifyExperimentSpec(ex) === undefined) removeExperimentCondition(next, 'InvalidSpec');
  if (next.phase === ANALYSIS_PHASE.Successful) {
    setExperimentCondition(next, newExperimentCondition('Progressing', 'False', 'ExperimentCompleted', EXPERIMENT_CONDITION_MESSAGE.completed(name), nowMs));
  } else if (experimentProgressing(ex, next)) {
    const current = getExperimentCondition(ex.status, 'Progressing');
    let cond = newExperimentCondition('Progressing', 'True', 'ReplicaSetUpdated', EXPERIMENT_CONDITION_MESSAGE.progressing(name), nowMs);
    if (current !== undefined) {
      if (current.status === 'True') cond = { ...cond, lastTransitionTime: current.lastTransitionTime };
      removeExperimentCondition(next, 'Progressing');
    }
    setExperimentCondition(next, cond);
  } else if (ex.status?.availableAt !== undefined && !experimentPassedDuration(ex, ex.status, nowMs).passed) {
    setExperimentCondition(next, newExperimentCondition('Progressing', 'True', 'NewReplicaSetAvailable', EXPERIMENT_CONDITION_MESSAGE.running(name), nowMs));
  }
}
