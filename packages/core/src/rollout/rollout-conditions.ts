/**
 * The conditions block of the next status, and the pause-driven condition updates done before a reconcile.
 * parity: argo-rollouts rollout/sync.go calculateRolloutConditions, checkPausedConditions,
 *         evaluateProgressDeadlineAbort, isWaitingForReplicaSetScaleDown
 */
import type { RolloutCondition, RolloutStatus } from '@serin/api';
import { ANNOTATION, CONDITION_MESSAGE, CONDITION_REASON, EVENT_REASON, getReplicasOrDefault } from '@serin/api';
import { getAvailableReplicaCountForReplicaSets } from '../replica-set/replica-counts.js';
import { isIndefiniteStep } from './canary-steps.js';
import { getCondition, newCondition, removeCondition, rolloutCompleted, rolloutHealthy, rolloutProgressing, rolloutTimedOut, setCondition } from './conditions.js';
import { ROLLOUT_EVENT_MESSAGE } from './events.js';
import type { PlanContext } from './plan.js';
import { revisionOf } from './replica-sets.js';

/** An old RS still waits for its `scale-down-deadline`. */
export function isWaitingForReplicaSetScaleDown(ctx: PlanContext): boolean {
  return ctx.rs.otherRSs.some((rs) => (rs.metadata?.annotations?.[ANNOTATION.ScaleDownDeadline] ?? '') !== '');
}

/**
 * Before reconciling (only when the generation is observed): keep Progressing in step with pausing
 * (RolloutPaused / RolloutResumed, status Unknown, unless aborted or completed), record a retry after abort
 * (RolloutRetry), and keep Paused True/False in step with `spec.paused` / pause conditions.
 */
export function checkPausedConditions(ctx: PlanContext): void {
  const ro = ctx.rollout;
  const status = (ro.status ??= {});
  if (String(ro.metadata?.generation ?? 0) !== (status.observedGeneration ?? '')) return;
  const progressing = getCondition(status, 'Progressing');
  const progressingPaused = progressing?.reason === CONDITION_REASON.RolloutPaused;
  const isPaused = (status.pauseConditions ?? []).length > 0 || ro.spec.paused === true;
  const abortCondExists = progressing?.reason === CONDITION_REASON.RolloutAborted;
  const updates: RolloutCondition[] = [];
  if (isPaused !== progressingPaused && !abortCondExists && !rolloutCompleted(status)) {
    updates.push(
      isPaused
        ? newCondition('Progressing', 'Unknown', CONDITION_REASON.RolloutPaused, CONDITION_MESSAGE.paused, ctx.nowMs)
        : newCondition('Progressing', 'Unknown', CONDITION_REASON.RolloutResumed, CONDITION_MESSAGE.resumed, ctx.nowMs),
    );
  }
  if (status.abort !== true && abortCondExists) {
    updates.push(newCondition('Progressing', 'Unknown', CONDITION_REASON.RolloutRetry, CONDITION_MESSAGE.retry, ctx.nowMs));
  }
  const pausedTrue = getCondition(status, 'Paused')?.status === 'True';
  if (isPaused !== pausedTrue && !abortCondExists) {
    updates.push(newCondition('Paused', isPaused ? 'True' : 'False', CONDITION_REASON.RolloutPaused, CONDITION_MESSAGE.paused, ctx.nowMs));
  }
  for (const cond of updates) status.conditions = setCondition(status.conditions, cond).conditions;
}

/** `progressDeadlineAbort`: a timed-out update (not paused, not on an open-ended step) aborts. */
export function evaluateProgressDeadlineAbort(ctx: PlanContext, next: RolloutStatus): void {
  const ro = ctx.rollout;
  if (ro.spec.progressDeadlineAbort !== true || ctx.pause.isAborted() || rolloutCompleted(next)) return;
  if (rolloutProgressing(ro, next)) return;
  if (isIndefiniteStep(ro) || isWaitingForReplicaSetScaleDown(ctx)) return;
  if (!rolloutTimedOut(ro, ro.status ?? {}, ctx.nowMs)) return;
  const newRS = ctx.rs.newRS;
  const msg = newRS === undefined ? CONDITION_MESSAGE.rolloutTimedOut(ro.metadata?.name ?? '') : CONDITION_MESSAGE.replicaSetTimedOut(newRS.metadata?.name ?? '');
  ctx.pause.addAbort(msg);
  ctx.emit(EVENT_REASON.RolloutAborted, msg, 'Warning');
}

function set(next: RolloutStatus, cond: RolloutCondition): boolean {
  const r = setCondition(next.conditions, cond);
  next.conditions = r.conditions;
  return r.changed;
}

/**
 * Healthy, Progressing (aborted / NewReplicaSetAvailable / ReplicaSetUpdated / ReplicaSetNotAvailable /
 * ProgressDeadlineExceeded), Available, ReplicaFailure and Completed, with RolloutAborted (Warning) and
 * RolloutNotCompleted events when those conditions change.
 */
export function calculateRolloutConditions(ctx: PlanContext, next: RolloutStatus): void {
  const ro = ctx.rollout;
  const now = ctx.nowMs;
  const isPaused = (next.pauseConditions ?? []).length > 0 || ro.spec.paused === true;
  const isAborted = ctx.pause.isAborted();
  const revision = revisionOf(ro) ?? 0;

  let becameUnhealthy = false;
  if (!isPaused && rolloutHealthy(ro, next)) {
    set(next, newCondition('Healthy', 'True', CONDITION_REASON.RolloutHealthy, CONDITION_MESSAGE.healthy, now));
  } else if (getCondition(ro.status, 'Healthy') !== undefined) {
    becameUnhealthy = set(next, newCondition('Healthy', 'False', CONDITION_REASON.RolloutHealthy, CONDITION_MESSAGE.notHealthy, now));
  }

  if (isAborted) {
    const message = CONDITION_MESSAGE.aborted(revision, ctx.pause.abortMessage === '' ? undefined : ctx.pause.abortMessage);
    if (set(next, newCondition('Progressing', 'False', CONDITION_REASON.RolloutAborted, message, now))) {
      ctx.emit(EVENT_REASON.RolloutAborted, message, 'Warning');
    }
  } else {
    const current = getCondition(ro.status, 'Progressing');
    const newRS = ctx.rs.newRS;
    const rsName = newRS?.metadata?.name ?? '';
    if (rolloutHealthy(ro, next)) {
      set(next, newCondition('Progressing', 'True', CONDITION_REASON.NewReplicaSetAvailable, CONDITION_MESSAGE.replicaSetCompleted(rsName), now));
    } else if (rolloutProgressing(ro, next) || becameUnhealthy) {
      let reason: string = CONDITION_REASON.ReplicaSetUpdated;
      let msg = newRS === undefined ? CONDITION_MESSAGE.rolloutProgressing(ro.metadata?.name ?? '') : CONDITION_MESSAGE.replicaSetProgressing(rsName);
      if (next.stableRS === next.currentPodHash && becameUnhealthy) {
        reason = CONDITION_REASON.ReplicaSetNotAvailable;
        msg = CONDITION_MESSAGE.notAvailable;
      }
      let cond = newCondition('Progressing', 'True', reason, msg, now);
      if (current !== undefined) {
        if (current.status === 'True') cond = { ...cond, lastTransitionTime: current.lastTransitionTime };
        next.conditions = removeCondition(next.conditions, 'Progressing');
      }
      set(next, cond);
    } else if (!isIndefiniteStep(ro) && !isWaitingForReplicaSetScaleDown(ctx) && rolloutTimedOut(ro, next, now)) {
      const msg = newRS === undefined ? CONDITION_MESSAGE.rolloutTimedOut(ro.metadata?.name ?? '') : CONDITION_MESSAGE.replicaSetTimedOut(rsName);
      set(next, newCondition('Progressing', 'False', CONDITION_REASON.ProgressDeadlineExceeded, msg, now));
    }
  }

  if (getAvailableReplicaCountForReplicaSets(ctx.rs.allRSs) >= getReplicasOrDefault(ro)) {
    set(next, newCondition('Available', 'True', CONDITION_REASON.Available, CONDITION_MESSAGE.available, now));
  } else {
    set(next, newCondition('Available', 'False', CONDITION_REASON.Available, CONDITION_MESSAGE.notAvailable, now));
  }

  const failure = replicaFailure(ctx);
  if (failure !== undefined) set(next, failure);
  else next.conditions = removeCondition(next.conditions, 'ReplicaFailure');

  if (rolloutCompleted(next)) {
    set(next, newCondition('Completed', 'True', CONDITION_REASON.RolloutCompleted, CONDITION_MESSAGE.completed, now));
  } else if (set(next, newCondition('Completed', 'False', CONDITION_REASON.RolloutCompleted, CONDITION_MESSAGE.completed, now))) {
    ctx.emit(EVENT_REASON.RolloutNotCompleted, ROLLOUT_EVENT_MESSAGE.notCompleted(revision, next.currentPodHash ?? ''));
  }
}

/** The first ReplicaFailure condition of the new RS, else of any RS, as a rollout condition. */
function replicaFailure(ctx: PlanContext): RolloutCondition | undefined {
  const candidates = [ctx.rs.newRS, ...ctx.rs.allRSs];
  for (const rs of candidates) {
    const c = (rs?.status?.conditions ?? []).find((x) => x.type === 'ReplicaFailure');
    if (c !== undefined) {
      const t = typeof c.lastTransitionTime === 'string' ? c.lastTransitionTime : c.lastTransitionTime?.toISOString().replace(/\.\d{3}Z$/, 'Z') ?? '';
      return { type: 'ReplicaFailure', status: c.status as RolloutCondition['status'], lastTransitionTime: t, lastUpdateTime: t, reason: c.reason ?? '', message: c.message ?? '' };
    }
  }
  return undefined;
}
