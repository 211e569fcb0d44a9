/**
 * Finishing the next status and turning it into the single `/status` merge patch.
 * parity: argo-rollouts rollout/sync.go persistRolloutStatus, sendStateChangeEvents, requeueStuckRollout,
 *         patchCondition
 */
import type { RolloutStatus } from '@serin/api';
import { ANNOTATION, CONDITION_REASON, EVENT_REASON, getProgressDeadlineSecondsOrDefault } from '@serin/api';
import { calculateRolloutPhase } from '../info/rollout-phase.js';
import type { RolloutLike } from '../info/types.js';
import { isIndefiniteStep } from './canary-steps.js';
import { getCondition, rolloutHealthy } from './conditions.js';
import { ROLLOUT_EVENT_MESSAGE } from './events.js';
import { ACTION, type PlanContext } from './plan.js';
import { calculateRolloutConditions, evaluateProgressDeadlineAbort } from './rollout-conditions.js';
import { diffStatus } from './status-diff.js';
import { calculateStatusDuration } from './status-duration.js';
import { parseMetaTime } from './time.js';

/** `status.phase` / `status.message` for a status about to be written. */
export function setPhase(ctx: PlanContext, next: RolloutStatus): void {
  // RolloutLike (info/) is the structural read model of the same wire object; its index signatures do not accept
  // the api interfaces directly.
  const like = { metadata: ctx.rollout.metadata ?? {}, spec: ctx.rollout.spec, status: next } as unknown as RolloutLike;
  const { phase, message } = calculateRolloutPhase(like);
  next.phase = phase as RolloutStatus['phase'];
  next.message = message;
}

/** Diff against the status read at the start and queue the patch; returns whether anything changed. */
export function patchStatusIfChanged(ctx: PlanContext, next: RolloutStatus): boolean {
  const patch = diffStatus(ctx.original.status, next);
  if (patch.status === undefined) return false;
  ctx.actions.push({ kind: ACTION.PatchStatus, patch });
  return true;
}

/**
 * observedGeneration, progress-deadline abort, pause/abort fields, conditions, phase; then one patch (or none)
 * followed by RolloutPaused / RolloutResumed when the paused state flipped (not when aborting).
 */
export function persistRolloutStatus(ctx: PlanContext, next: RolloutStatus): void {
  next.observedGeneration = String(ctx.rollout.metadata?.generation ?? 0);
  const workloadGeneration = ctx.rollout.metadata?.annotations?.[ANNOTATION.WorkloadGeneration];
  if (ctx.rollout.spec.workloadRef !== undefined && workloadGeneration !== undefined) next.workloadObservedGeneration = workloadGeneration;
  else delete next.workloadObservedGeneration;
  evaluateProgressDeadlineAbort(ctx, next);
  ctx.pause.calculatePauseStatus(next, ctx.nowMs);
  calculateRolloutConditions(ctx, next);
  setPhase(ctx, next);
  const duration = calculateStatusDuration(ctx, next);
  if (duration === undefined) delete next.duration;
  else next.duration = duration;
  if (!patchStatusIfChanged(ctx, next)) {
    requeueStuckRollout(ctx, next);
    return;
  }
  const prevPaused = (ctx.status.pauseConditions ?? []).length > 0;
  const currPaused = (next.pauseConditions ?? []).length > 0;
  if (prevPaused !== currPaused) {
    const first = next.pauseConditions?.[0];
    if (currPaused && first !== undefined) ctx.emit(EVENT_REASON.RolloutPaused, ROLLOUT_EVENT_MESSAGE.paused(first.reason));
    else if (next.abortedAt === undefined) ctx.emit(EVENT_REASON.RolloutResumed, ROLLOUT_EVENT_MESSAGE.resumed);
  }
}

/**
 * Requeue for the progress deadline: while progressing (not healthy, timed out, paused, aborted, or on an
 * open-ended step), at `Progressing.lastUpdateTime + progressDeadlineSeconds` (+1 s), at once if under 1 s.
 */
export function requeueStuckRollout(ctx: PlanContext, next: RolloutStatus): void {
  const ro = ctx.rollout;
  const cond = getCondition(ro.status, 'Progressing');
  if (cond === undefined) return;
  const isPaused = (ro.status?.pauseConditions ?? []).length > 0 || ro.spec.paused === true;
  if (rolloutHealthy(ro, next) || cond.reason === CONDITION_REASON.ProgressDeadlineExceeded || isPaused || ro.status?.abort === true || isIndefiniteStep(ro)) return;
  const after = (parseMetaTime(cond.lastUpdateTime) ?? 0) + getProgressDeadlineSecondsOrDefault(ro) * 1000 - ctx.nowMs;
  ctx.requeueAfter(after < 1000 ? 0 : after + 1000);
}
