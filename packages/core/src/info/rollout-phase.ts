// Rollout phase and message as clients see them.
// parity: argo-rollouts utils/rollout/rolloututil.go (GetRolloutPhase, CalculateRolloutPhase)
import type { RolloutLike } from './types.js';
import { toEpochMs } from './duration.js';

export const RolloutPhase = {
  Healthy: 'Healthy',
  Progressing: 'Progressing',
  Paused: 'Paused',
  Degraded: 'Degraded',
} as const;
export type RolloutPhase = (typeof RolloutPhase)[keyof typeof RolloutPhase];

export interface PhaseAndMessage {
  readonly phase: string;
  readonly message: string;
}

const completedAnalysisPhases = new Set(['Successful', 'Failed', 'Error', 'Inconclusive']);

/** Integer parse as Go's strconv.Atoi: whole string, optional sign, digits only. */
function parseIntStrict(v: string | number | undefined): number | undefined {
  if (typeof v === 'number') return Number.isInteger(v) ? v : undefined;
  if (v === undefined || !/^[+-]?\d+$/.test(v)) return undefined;
  return Number.parseInt(v, 10);
}

/**
 * Client-side phase: `Progressing` while the spec update is unobserved (numeric observedGeneration <
 * generation) or while unpausing (controllerPause with no pause conditions); else the controller-written
 * `status.phase`/`status.message`; else {@link calculateRolloutPhase}.
 */
export function getRolloutPhase(ro: RolloutLike): PhaseAndMessage {
  const status = ro.status ?? {};
  const observed = parseIntStrict(status.observedGeneration);
  if (observed !== undefined && observed < (ro.metadata?.generation ?? 0)) {
    return { phase: RolloutPhase.Progressing, message: 'waiting for rollout spec update to be observed' };
  }
  if (status.controllerPause === true && (status.pauseConditions ?? []).length === 0) {
    return { phase: RolloutPhase.Progressing, message: 'waiting for rollout to unpause' };
  }
  if (status.phase !== undefined && status.phase !== '') {
    return { phase: status.phase, message: status.message ?? '' };
  }
  return calculateRolloutPhase(ro);
}

/**
 * Controller-side phase; first match wins: InvalidSpec / RolloutAborted / ProgressDeadlineExceeded condition →
 * Degraded; spec.paused → Paused `manually paused`; a pause condition → Paused `<reason>`; restart pending;
 * updated < desired; available < updated; blue-green cutover / post-promotion; canary old replicas / steps;
 * else Healthy.
 */
export function calculateRolloutPhase(ro: RolloutLike): PhaseAndMessage {
  const spec = ro.spec ?? {};
  const status = ro.status ?? {};
  for (const cond of status.conditions ?? []) {
    if (cond.type === 'InvalidSpec') return { phase: RolloutPhase.Degraded, message: `InvalidSpec: ${cond.message ?? ''}` };
    if (cond.reason === 'RolloutAborted' || cond.reason === 'ProgressDeadlineExceeded') {
      return { phase: RolloutPhase.Degraded, message: `${cond.reason}: ${cond.message ?? ''}` };
    }
  }
  if (spec.paused === true) return { phase: RolloutPhase.Paused, message: 'manually paused' };
  const firstPause = (status.pauseConditions ?? [])[0];
  if (firstPause !== undefined) return { phase: RolloutPhase.Paused, message: firstPause.reason ?? '' };
  const restartAt = toEpochMs(spec.restartAt);
  if (restartAt !== undefined && restartAt !== toEpochMs(status.restartedAt)) {
    return { phase: RolloutPhase.Progressing, message: 'rollout is restarting' };
  }
  const updated = status.updatedReplicas ?? 0;
  if (updated < (spec.replicas ?? 1)) return { phase: RolloutPhase.Progressing, message: 'more replicas need to be updated' };
  if ((status.availableReplicas ?? 0) < updated) {
    return { phase: RolloutPhase.Progressing, message: 'updated replicas are still becoming available' };
  }
  const stableRS = status.stableRS ?? '';
  const fullyPromoted = stableRS !== '' && stableRS === (status.currentPodHash ?? '');
  const blueGreen = spec.strategy?.blueGreen;
  const canary = spec.strategy?.canary;
  if (blueGreen !== undefined) {
    const active = status.blueGreen?.activeSelector ?? '';
    if (active === '' || active !== (status.currentPodHash ?? '')) {
      return { phase: RolloutPhase.Progressing, message: 'active service cutover pending' };
    }
    if (!fullyPromoted) {
      const run = status.blueGreen?.postPromotionAnalysisRunStatus;
      const waiting = blueGreen.postPromotionAnalysis !== undefined && !completedAnalysisPhases.has(run?.status ?? '');
      return {
        phase: RolloutPhase.Progressing,
        message: waiting ? 'waiting for analysis to complete' : 'waiting for post-promotion verification to complete',
      };
    }
  } else if (canary !== undefined) {
    if (canary.trafficRouting === undefined && (status.replicas ?? 0) > updated) {
      return { phase: RolloutPhase.Progressing, message: 'old replicas are pending termination' };
    }
    if (!fullyPromoted) return { phase: RolloutPhase.Progressing, message: 'waiting for all steps to complete' };
  }
  return { phase: RolloutPhase.Healthy, message: '' };
}
