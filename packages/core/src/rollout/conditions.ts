/**
 * Rollout conditions: set/get/remove with upstream's transition-time rule, and the predicates behind them.
 * parity: argo-rollouts utils/conditions/conditions.go
 */
import type { Rollout, RolloutCondition, RolloutConditionType, RolloutStatus } from '@serin/api';
import type { ConditionStatus } from '@serin/api';
import { CONDITION_REASON, getProgressDeadlineSecondsOrDefault, getReplicasOrDefault } from '@serin/api';
import { metaTime, parseMetaTime } from './time.js';

/** A condition stamped `now` (update and transition time). */
export function newCondition(type: RolloutConditionType, status: ConditionStatus, reason: string, message: string, nowMs: number): RolloutCondition {
  const t = metaTime(nowMs);
  return { type, status, lastUpdateTime: t, lastTransitionTime: t, reason, message };
}

export function getCondition(status: RolloutStatus | undefined, type: RolloutConditionType): RolloutCondition | undefined {
  return (status?.conditions ?? []).find((c) => c.type === type);
}

/** Conditions without `type`. */
export function removeCondition(conditions: readonly RolloutCondition[] | undefined, type: RolloutConditionType): RolloutCondition[] {
  return (conditions ?? []).filter((c) => c.type !== type);
}

export interface SetConditionResult {
  readonly conditions: RolloutCondition[];
  /** False when a condition of that type with the same status and reason already existed (nothing changed). */
  readonly changed: boolean;
}

/**
 * `SetRolloutCondition`: same status and reason → unchanged (times kept); same status, other reason → replaced,
 * keeping `lastTransitionTime`; otherwise replaced. The condition moves to the end of the list.
 */
export function setCondition(conditions: readonly RolloutCondition[] | undefined, condition: RolloutCondition): SetConditionResult {
  const current = (conditions ?? []).find((c) => c.type === condition.type);
  if (current !== undefined && current.status === condition.status && current.reason === condition.reason) {
    return { conditions: [...(conditions ?? [])], changed: false };
  }
  const next = current !== undefined && current.status === condition.status ? { ...condition, lastTransitionTime: current.lastTransitionTime } : condition;
  return { conditions: [...removeCondition(conditions, condition.type), next], changed: true };
}

const parseIndex = (v: number | undefined): number | undefined => v;

/**
 * The rollout made progress between its stored status and `next`: updated replicas changed, fewer old replicas,
 * more ready or available, or (canary) stableRS / step index / step hash changed.
 */
export function rolloutProgressing(rollout: Rollout, next: RolloutStatus): boolean {
  const old = rollout.status ?? {};
  let strategyProgress = false;
  if (rollout.spec.strategy?.blueGreen !== undefined) {
    strategyProgress =
      (old.blueGreen?.activeSelector ?? '') !== (next.blueGreen?.activeSelector ?? '') ||
      (old.blueGreen?.previewSelector ?? '') !== (next.blueGreen?.previewSelector ?? '');
  }
  if (rollout.spec.strategy?.canary !== undefined) {
    const oldIndex = parseIndex(old.currentStepIndex);
    const newIndex = parseIndex(next.currentStepIndex);
    strategyProgress =
      (next.stableRS ?? '') !== (old.stableRS ?? '') ||
      (oldIndex !== undefined && newIndex !== undefined && oldIndex !== newIndex) ||
      (next.currentStepHash ?? '') !== (old.currentStepHash ?? '');
  }
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (next.replicas ?? 0) - (next.updatedReplicas ?? 0);
  return (
    (next.updatedReplicas ?? 0) !== (old.updatedReplicas ?? 0) ||
    newOld < oldOld ||
    (next.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
    (next.availableReplicas ?? 0) > (old.availableReplicas ?? 0) ||
    strategyProgress
  );
}

/**
 * Healthy: updated == available == spec.replicas, the stored observedGeneration equals the generation, and
 * (canary) all steps executed, stable == current hash and no extra replicas; (blue-green) selectors switched.
 */
export function rolloutHealthy(rollout: Rollout, next: RolloutStatus): boolean {
  const replicas = getReplicasOrDefault(rollout);
  let completedStrategy = true;
  const blueGreen = rollout.spec.strategy?.blueGreen;
  if (blueGreen !== undefined) {
    const active = (next.blueGreen?.activeSelector ?? '') === (next.currentPodHash ?? '');
    const preview = (blueGreen.previewService ?? '') === '' || (next.blueGreen?.previewSelector ?? '') === (next.currentPodHash ?? '');
    completedStrategy = active && preview;
  }
  const canary = rollout.spec.strategy?.canary;
  if (canary !== undefined) {
    const stepCount = canary.steps?.length ?? 0;
    const executedAll = stepCount > 0 && next.currentStepIndex !== undefined ? next.currentStepIndex === stepCount : true;
    const stable = (next.stableRS ?? '') !== '' && next.stableRS === next.currentPodHash;
    completedStrategy = executedAll && stable && (next.replicas ?? 0) === replicas;
  }
  return (
    (next.updatedReplicas ?? 0) === replicas &&
    (next.availableReplicas ?? 0) === replicas &&
    rollout.status?.observedGeneration === String(rollout.metadata?.generation ?? 0) &&
    completedStrategy
  );
}

/** Completed: `stableRS` non-empty and equal to `currentPodHash`. */
export function rolloutCompleted(status: RolloutStatus): boolean {
  return (status.stableRS ?? '') !== '' && status.stableRS === status.currentPodHash;
}

/**
 * Timed out: the Progressing condition in `status` is ProgressDeadlineExceeded, or (unless it is
 * RolloutAborted/RolloutPaused) its lastUpdateTime + progressDeadlineSeconds is before now.
 */
export function rolloutTimedOut(rollout: Rollout, status: RolloutStatus, nowMs: number): boolean {
  const cond = getCondition(status, 'Progressing');
  if (cond === undefined || cond.reason === CONDITION_REASON.RolloutAborted || cond.reason === CONDITION_REASON.RolloutPaused) return false;
  if (cond.reason === CONDITION_REASON.ProgressDeadlineExceeded) return true;
  const from = parseMetaTime(cond.lastUpdateTime) ?? 0;
  return from + getProgressDeadlineSecondsOrDefault(rollout) * 1000 < nowMs;
}
