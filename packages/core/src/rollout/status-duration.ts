/**
 * `status.duration`: when the current update started and finished, how it ended, and the time spent in manual
 * pauses (spec.paused, indefinite pause steps, inconclusive analysis).
 * parity: argo-rollouts rollout/sync.go calculateStatusDuration; pkg/apis/rollouts/v1alpha1/types.go
 *         RolloutDurationStatus.CompleteRollout
 */
import type { CompletionStatus, RolloutDurationStatus, RolloutStatus } from '@serin/api';
import { COMPLETION_STATUS, CONDITION_REASON, getReplicasOrDefault } from '@serin/api';
import { getCondition } from './conditions.js';
import { requiresManualAction } from './pause.js';
import type { PlanContext } from './plan.js';
import { isFastRollback, isRollback, podTemplateChanged, podTemplateOrStepsChanged } from './rollback.js';
import { metaTime, parseMetaTime } from './time.js';

const isDone = (d: RolloutDurationStatus | undefined): boolean => d?.rolloutStartedAt !== undefined && d.finishedAt !== undefined;

/** Finish: fold an open manual pause into the total (whole seconds), stamp finishedAt and the outcome. */
function complete(d: RolloutDurationStatus, nowMs: number, status: CompletionStatus): void {
  const pausedSince = parseMetaTime(d.manualPauseStartedAt);
  if (pausedSince !== undefined) {
    d.totalManualPauseDurationSeconds = (d.totalManualPauseDurationSeconds ?? 0) + Math.trunc((nowMs - pausedSince) / 1000);
    delete d.manualPauseStartedAt;
  }
  d.finishedAt = metaTime(nowMs);
  d.completionStatus = status;
}

/**
 * Started on a new template/steps (unless already at the stable target) or a retry; finished as Promoted (or the
 * outcome recorded earlier), Aborted, Superseded by another update, RolledBack / FastRolledBack. Untouched while
 * the spec is invalid.
 */
export function calculateStatusDuration(ctx: PlanContext, next: RolloutStatus): RolloutDurationStatus | undefined {
  if (getCondition(next, 'InvalidSpec') !== undefined) return next.duration;
  let d = next.duration === undefined ? undefined : structuredClone(next.duration);
  const prev = ctx.status;
  const now = ctx.nowMs;
  // blue-green has no steps (and no step hash): only its pod template starts an update
  const specChanged = ctx.rollout.spec.strategy?.blueGreen !== undefined ? podTemplateChanged(ctx) : podTemplateOrStepsChanged(ctx);
  const podSpecChanged = (prev.currentPodHash ?? '') === '' || specChanged;
  const isPromoted = (next.stableRS ?? '') === (next.currentPodHash ?? '');
  const newRS = ctx.rs.newRS;
  const hasReachedDesired = newRS !== undefined && (newRS.status?.availableReplicas ?? 0) >= getReplicasOrDefault(ctx.rollout);
  const isCompleted = isPromoted && hasReachedDesired;
  const isAborted = ctx.pause.isAborted();
  // as read: upstream's paused-condition bookkeeping (RolloutRetry) is not visible to this check
  const isRetry = !isAborted && getCondition(ctx.original.status, 'Progressing')?.reason === CONDITION_REASON.RolloutAborted;
  let wasManuallyPaused = prev.duration?.manualPauseStartedAt !== undefined;
  const inProgress = prev.duration?.rolloutStartedAt !== undefined && !isDone(prev.duration);

  if (inProgress && d !== undefined) {
    if (podSpecChanged) {
      if (isRollback(ctx)) d.completionStatus = isFastRollback(ctx) ? COMPLETION_STATUS.FastRolledBack : COMPLETION_STATUS.RolledBack;
      else complete(d, now, COMPLETION_STATUS.Superseded);
    }
    if (isCompleted && !isDone(d)) {
      complete(d, now, d.completionStatus ?? COMPLETION_STATUS.Promoted);
      return d;
    }
    if (isAborted && !isDone(d)) complete(d, now, d.completionStatus ?? COMPLETION_STATUS.Aborted);
  }

  if (d === undefined || (isDone(d) && !isCompleted)) {
    wasManuallyPaused = false;
    if ((podSpecChanged && !(isPromoted && hasReachedDesired)) || isRetry) d = { rolloutStartedAt: metaTime(now) };
  }
  if (d === undefined || isDone(d)) return d;

  const manualPause = ctx.rollout.spec.paused === true || (next.pauseConditions ?? []).some((c) => requiresManualAction(c.reason, ctx.rollout));
  if (wasManuallyPaused && !manualPause) {
    const since = parseMetaTime(d.manualPauseStartedAt);
    if (since !== undefined) {
      d.totalManualPauseDurationSeconds = (d.totalManualPauseDurationSeconds ?? 0) + Math.trunc((now - since) / 1000);
      delete d.manualPauseStartedAt;
    }
  } else if (!wasManuallyPaused && manualPause && d.manualPauseStartedAt === undefined) {
    d.manualPauseStartedAt = metaTime(now);
  }
  return d;
}
