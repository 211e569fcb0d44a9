/**
 * Blue-green pause: when the controller holds the new RS in preview (`BlueGreenPause`) and when that pause is over.
 * parity: argo-rollouts rollout/bluegreen.go reconcileBlueGreenPause, needsBlueGreenControllerPause,
 *         isBlueGreenFastTracked; rollout/pause.go CompletedBlueGreenPause
 */
import type { Rollout } from '@serin/api';
import { PAUSE_REASON } from '@serin/api';
import { getPauseCondition } from '../rollout/pause.js';
import { parseMetaTime } from '../rollout/time.js';

/** The controller manages the pause: `autoPromotionEnabled: false`, or `autoPromotionSeconds > 0`. */
export function needsBlueGreenControllerPause(rollout: Rollout): boolean {
  const bg = rollout.spec.strategy?.blueGreen;
  if (bg?.autoPromotionEnabled === false) return true;
  return (bg?.autoPromotionSeconds ?? 0) > 0;
}

/**
 * The automated pause is over:
 * a pause added in this reconcile → no; `scaleUpPreviewCheckPoint` → yes; auto-promotion on → yes without
 * `autoPromotionSeconds`, else `now > pause start + autoPromotionSeconds` (no pause yet → no);
 * auto-promotion off → a human removed the pause (`controllerPause` set, no `BlueGreenPause` condition).
 */
export function completedBlueGreenPause(rollout: Rollout, pauseAddedNow: boolean, nowMs: number): boolean {
  if (pauseAddedNow) return false;
  const status = rollout.status ?? {};
  if (status.blueGreen?.scaleUpPreviewCheckPoint === true) return true;
  const bg = rollout.spec.strategy?.blueGreen;
  const cond = getPauseCondition(rollout, PAUSE_REASON.BlueGreenPause);
  if (bg?.autoPromotionEnabled !== false) {
    const seconds = bg?.autoPromotionSeconds ?? 0;
    if (seconds === 0) return true;
    if (cond === undefined) return false;
    return nowMs > (parseMetaTime(cond.startTime) ?? 0) + seconds * 1000;
  }
  return status.controllerPause === true && cond === undefined;
}

/** Milliseconds until `autoPromotionSeconds` after the pause started (undefined when not applicable or past). */
export function autoPromotionRemainingMs(rollout: Rollout, nowMs: number): number | undefined {
  const seconds = rollout.spec.strategy?.blueGreen?.autoPromotionSeconds ?? 0;
  const cond = getPauseCondition(rollout, PAUSE_REASON.BlueGreenPause);
  if (seconds <= 0 || cond === undefined || rollout.spec.strategy?.blueGreen?.autoPromotionEnabled === false) return undefined;
  const at = (parseMetaTime(cond.startTime) ?? 0) + seconds * 1000;
  return at > nowMs ? at - nowMs : undefined;
}

export interface FastTrackInput {
  readonly rollout: Rollout;
  /** The active Service's hash selector ("" when it selects no hash yet). */
  readonly activeSelector: string;
  readonly newRSHash: string;
  readonly fastRollback: boolean;
}

/**
 * Skip the pause (and switch at once): fast rollback, `promoteFull`, an active Service without a hash selector
 * (first deployment), or the active Service already on the new RS.
 */
export function isBlueGreenFastTracked(input: FastTrackInput): boolean {
  if (input.fastRollback || input.rollout.status?.promoteFull === true) return true;
  return input.activeSelector === '' || input.activeSelector === input.newRSHash;
}

export const BLUE_GREEN_PAUSE = { None: 'None', Add: 'Add', Remove: 'Remove', Waiting: 'Waiting' } as const;
export type BlueGreenPauseDecision = (typeof BLUE_GREEN_PAUSE)[keyof typeof BLUE_GREEN_PAUSE];

export interface BlueGreenPauseInput extends FastTrackInput {
  readonly nowMs: number;
  /** The new RS has its desired size, all available. */
  readonly readyForPause: boolean;
  /** Why progress is held (`spec.paused`, inconclusive analysis), "" when not. */
  readonly haltReason: string;
  /** No pre-promotion analysis, or its current run is Successful. */
  readonly completedPrePromotionAnalysis: boolean;
}

/**
 * Order: aborted / not ready / halted → None; fast-tracked, already active, past the preview checkpoint, or no
 * controller pause wanted → Remove; pre-promotion analysis incomplete → None; paused → Remove when the pause is
 * complete, else Waiting; not paused and `controllerPause` unset → Add (set means a human already resumed).
 */
export function decideBlueGreenPause(input: BlueGreenPauseInput): BlueGreenPauseDecision {
  const { rollout } = input;
  if (rollout.status?.abort === true || !input.readyForPause || input.haltReason !== '') return BLUE_GREEN_PAUSE.None;
  if (isBlueGreenFastTracked(input)) return BLUE_GREEN_PAUSE.Remove;
  if (rollout.status?.blueGreen?.scaleUpPreviewCheckPoint === true) return BLUE_GREEN_PAUSE.Remove;
  if (!needsBlueGreenControllerPause(rollout)) return BLUE_GREEN_PAUSE.Remove;
  if (!input.completedPrePromotionAnalysis) return BLUE_GREEN_PAUSE.None;
  if (getPauseCondition(rollout, PAUSE_REASON.BlueGreenPause) !== undefined) {
    return completedBlueGreenPause(rollout, false, input.nowMs) ? BLUE_GREEN_PAUSE.Remove : BLUE_GREEN_PAUSE.Waiting;
  }
  return rollout.status?.controllerPause === true ? BLUE_GREEN_PAUSE.None : BLUE_GREEN_PAUSE.Add;
}
