/**
 * Pause and abort bookkeeping for one reconcile: deciders record intentions (add/remove a pause reason, clear all,
 * add/remove abort) and `calculatePauseStatus` folds them into the next status at the end.
 * parity: argo-rollouts rollout/pause.go pauseContext
 */
import type { PauseCondition, PauseReason, Rollout, RolloutPause, RolloutStatus } from '@serin/api';
import { PAUSE_REASON, pauseDurationSeconds } from '@serin/api';
import { getCurrentCanaryStep } from '../replica-set/canary-step.js';
import { metaTime, parseMetaTime } from './time.js';

export class PauseContext {
  private readonly addReasons: PauseReason[] = [];
  private readonly removeReasons: PauseReason[] = [];
  private clear = false;
  private addAbortFlag = false;
  private removeAbortFlag = false;
  /** Why the rollout aborts in this reconcile (`Rollout aborted update to revision N: <message>`). */
  abortMessage = '';

  constructor(private readonly rollout: Rollout) {}

  hasAddPause(): boolean {
    return this.addReasons.length > 0;
  }

  /** Aborted unless removed in this reconcile; added now or already `status.abort`. */
  isAborted(): boolean {
    if (this.removeAbortFlag) return false;
    return this.addAbortFlag || this.rollout.status?.abort === true;
  }

  addAbort(message: string): void {
    this.addAbortFlag = true;
    this.abortMessage = message;
  }

  removeAbort(): void {
    this.removeAbortFlag = true;
  }

  addPauseCondition(reason: PauseReason): void {
    this.addReasons.push(reason);
  }

  removePauseCondition(reason: PauseReason): void {
    this.removeReasons.push(reason);
  }

  clearPauseConditions(): void {
    this.clear = true;
  }

  /**
   * Abort first: aborted → `abort: true`, `abortedAt` kept or now, pause conditions left empty. Otherwise abort
   * fields cleared; then, unless cleared, pause conditions = stored ones − removed + added (new ones stamped now,
   * `controllerPause` set). With no pause conditions left, `pauseConditions`/`controllerPause` stay unset.
   */
  calculatePauseStatus(next: RolloutStatus, nowMs: number): void {
    if (this.addAbortFlag || (!this.removeAbortFlag && this.rollout.status?.abort === true)) {
      next.abort = true;
      next.abortedAt = this.rollout.status?.abortedAt ?? metaTime(nowMs);
      return;
    }
    delete next.abort;
    delete next.abortedAt;
    if (this.clear) return;
    let controllerPause = this.rollout.status?.controllerPause === true;
    const remove = new Set(this.removeReasons);
    const existing = new Set<PauseReason>();
    const conditions: PauseCondition[] = [];
    for (const cond of this.rollout.status?.pauseConditions ?? []) {
      if (!remove.has(cond.reason)) conditions.push(cond);
      existing.add(cond.reason);
    }
    for (const reason of this.addReasons) {
      if (existing.has(reason)) continue;
      existing.add(reason);
      conditions.push({ reason, startTime: metaTime(nowMs) });
      controllerPause = true;
    }
    if (conditions.length === 0) return;
    next.controllerPause = controllerPause;
    next.pauseConditions = conditions;
  }
}

export function getPauseCondition(rollout: Rollout, reason: PauseReason): PauseCondition | undefined {
  return (rollout.status?.pauseConditions ?? []).find((c) => c.reason === reason);
}

/**
 * A canary pause step is done when the user removed its condition while `controllerPause` is still set
 * (promote), or its duration has elapsed: `startTime + duration < now` (strictly).
 */
export function completedCanaryPauseStep(rollout: Rollout, pause: RolloutPause, nowMs: number): boolean {
  const cond = getPauseCondition(rollout, PAUSE_REASON.CanaryPauseStep);
  if (rollout.status?.controllerPause === true && cond === undefined) return true;
  if (pause.duration !== undefined && cond !== undefined) {
    const start = parseMetaTime(cond.startTime) ?? 0;
    return start + pauseDurationSeconds(pause) * 1000 < nowMs;
  }
  return false;
}

/**
 * Milliseconds to wait before the current timed pause counts as completed (> 0), else undefined.
 * `completedCanaryPauseStep` needs `expires < now` (strictly), so at `now == expires` the answer is 1 ms, never
 * undefined: a pause must never be left both unfinished and without a requeue.
 */
export function pauseRemainingMs(rollout: Rollout, nowMs: number): number | undefined {
  const { step } = getCurrentCanaryStep(rollout);
  if (step?.pause?.duration === undefined) return undefined;
  const cond = getPauseCondition(rollout, PAUSE_REASON.CanaryPauseStep);
  if (cond === undefined) return undefined;
  const expires = (parseMetaTime(cond.startTime) ?? 0) + pauseDurationSeconds(step.pause) * 1000;
  return expires >= nowMs ? expires - nowMs + 1 : undefined;
}

/** The pause needs a human: inconclusive analysis/experiment, an indefinite canary pause, manual blue-green promotion. */
export function requiresManualAction(reason: PauseReason, rollout: Rollout): boolean {
  switch (reason) {
    case PAUSE_REASON.InconclusiveAnalysis:
    case PAUSE_REASON.InconclusiveExperiment:
      return true;
    case PAUSE_REASON.CanaryPauseStep: {
      const { step } = getCurrentCanaryStep(rollout);
      return step?.pause !== undefined && step.pause.duration === undefined;
    }
    case PAUSE_REASON.BlueGreenPause:
      return rollout.spec.strategy?.blueGreen?.autoPromotionEnabled === false;
    default:
      return false;
  }
}
