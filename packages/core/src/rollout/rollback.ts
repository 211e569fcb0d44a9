/**
 * Detecting a new update and rollbacks.
 * parity: argo-rollouts utils/replicaset/replicaset.go PodTemplateOrStepsChanged; rollout/sync.go isRollback,
 *         isFastRollback, isRollbackWithinWindow
 */
import { ANNOTATION } from '@serin/api';
import { computeRolloutStepHash } from '../hash/step-hash.js';
import type { PlanContext } from './plan.js';
import { creationMs, desiredPodTemplateHash, podTemplateHashOf } from './replica-sets.js';

/**
 * The pod-template hash (the new RS's, else the desired one) differs from a recorded `status.currentPodHash`
 * (false before the first one is recorded).
 * parity: argo-rollouts utils/replicaset/replicaset.go CheckPodSpecChange
 */
export function podTemplateChanged(ctx: PlanContext): boolean {
  const status = ctx.status;
  if ((status.currentPodHash ?? '') === '') return false;
  const hash = ctx.rs.newRS === undefined ? desiredPodTemplateHash(ctx.rollout) : podTemplateHashOf(ctx.rs.newRS);
  return status.currentPodHash !== hash;
}

/** The step hash (missing counts) or the pod-template hash differs from what the status recorded (a new canary update). */
export function podTemplateOrStepsChanged(ctx: PlanContext): boolean {
  const status = ctx.status;
  if ((status.currentStepHash ?? '') === '' || status.currentStepHash !== computeRolloutStepHash(ctx.rollout.spec.strategy)) return true;
  return podTemplateChanged(ctx);
}

/** The new RS predates the stable RS and fewer than `rollbackWindow.revisions` RSs lie between them. */
export function isRollbackWithinWindow(ctx: PlanContext): boolean {
  const { newRS, stableRS, allRSs } = ctx.rs;
  if (newRS === undefined || stableRS === undefined) return false;
  const newMs = creationMs(newRS);
  const stableMs = creationMs(stableRS);
  if (!(newMs < stableMs)) return false;
  const window = ctx.rollout.spec.rollbackWindow?.revisions ?? 0;
  if (window <= 0) return false;
  const between = allRSs.filter(
    (rs) => (rs.metadata?.annotations?.[ANNOTATION.ExperimentName] ?? '') === '' && creationMs(rs) < stableMs && newMs < creationMs(rs),
  ).length;
  return between < window;
}

export function isRollback(ctx: PlanContext): boolean {
  const { newRS, stableRS } = ctx.rs;
  if (newRS === undefined || stableRS === undefined) return false;
  return ctx.status.stableRS === podTemplateHashOf(newRS) || creationMs(newRS) < creationMs(stableRS);
}

export function isFastRollback(ctx: PlanContext): boolean {
  if (!isRollback(ctx)) return false;
  return isRollbackWithinWindow(ctx) || ctx.status.stableRS === podTemplateHashOf(ctx.rs.newRS);
}

