/**
 * The blue-green status sync: selectors, analysis run statuses, promotion, preview checkpoint, counts from the
 * active RS; then conditions/phase and the single status patch.
 * parity: argo-rollouts rollout/bluegreen.go syncRolloutStatusBlueGreen, calculateScaleUpPreviewCheckPoint;
 *         rollout/sync.go shouldFullPromote (blue-green branch), promoteStable, resetRolloutStatus,
 *         calculateRolloutConditions (blue-green Available), persistRolloutStatus, syncReplicasOnly (blue-green branch)
 */
import type { RolloutStatus } from '@serin/api';
import { ANALYSIS_PHASE, ANNOTATION, COMPLETED_REASON, COMPLETION_STATUS, CONDITION_MESSAGE, CONDITION_REASON, EVENT_REASON, formatLabelSelector } from '@serin/api';
import { rolloutAnalysisRunStatus } from '../analysis/rollout-assessment.js';
import { getActualReplicaCountForReplicaSets, getAvailableReplicaCountForReplicaSets } from '../replica-set/replica-counts.js';
import { calculateBaseStatus } from '../rollout/canary-status.js';
import { getCondition, newCondition } from '../rollout/conditions.js';
import { ROLLOUT_EVENT_MESSAGE } from '../rollout/events.js';
import { patchStatusIfChanged, requeueStuckRollout, setPhase } from '../rollout/persist-status.js';
import { ACTION, type PlanContext } from '../rollout/plan.js';
import { podTemplateHashOf, revisionOf } from '../rollout/replica-sets.js';
import { isRollbackWithinWindow } from '../rollout/rollback.js';
import { calculateRolloutConditions, evaluateProgressDeadlineAbort } from '../rollout/rollout-conditions.js';
import { calculateStatusDuration } from '../rollout/status-duration.js';
import { completedPrePromotionAnalysis } from './analysis.js';
import { completedBlueGreenPause } from './pause.js';
import { getReplicaSetByTemplateHash, isSaturated } from './replicas.js';
import { serviceSelectorHash } from './service-selector.js';
import type { BlueGreenState } from './state.js';

/** A new template since the last status (`currentPodHash` recorded and different from the new RS). */
export function checkPodSpecChange(ctx: PlanContext): boolean {
  const recorded = ctx.status.currentPodHash ?? '';
  return recorded !== '' && ctx.rs.newRS !== undefined && recorded !== podTemplateHashOf(ctx.rs.newRS);
}

/**
 * Why the new RS becomes stable now ("" = not yet), in order: no stable RS or no active selector (initial deploy);
 * active not on the new hash → no; `promoteFull`; fast rollback (within the rollback window or to stable);
 * aborted → no; post-promotion analysis not Successful → no; else `Completed blue-green update`.
 */
export function shouldFullPromoteBlueGreen(state: BlueGreenState, next: RolloutStatus): string {
  const ctx = state.ctx;
  if (ctx.rs.stableRS === undefined) return COMPLETED_REASON.InitialDeploy;
  const active = next.blueGreen?.activeSelector ?? '';
  if (active === '') return COMPLETED_REASON.InitialDeploy;
  if (active !== next.currentPodHash) return '';
  if (ctx.status.promoteFull === true) return COMPLETED_REASON.FullPromotionRequested;
  if (state.fastRollback()) return isRollbackWithinWindow(ctx) ? COMPLETED_REASON.RollbackWithinWindow : COMPLETED_REASON.FastRollback;
  if (ctx.pause.isAborted()) return '';
  if (ctx.rollout.spec.strategy?.blueGreen?.postPromotionAnalysis !== undefined && state.currentPost?.status?.phase !== ANALYSIS_PHASE.Successful) return '';
  return COMPLETED_REASON.CompletedBlueGreenUpdate;
}

/**
 * `scaleUpPreviewCheckPoint` (only with `previewReplicaCount`): stays true once set; becomes true when
 * pre-promotion analysis succeeded, the pause is complete and the new RS has exactly `previewReplicaCount`
 * available.
 */
export function calculateScaleUpPreviewCheckPoint(state: BlueGreenState): boolean {
  const ctx = state.ctx;
  const preview = ctx.rollout.spec.strategy?.blueGreen?.previewReplicaCount;
  if (preview === undefined) return false;
  if (ctx.status.blueGreen?.scaleUpPreviewCheckPoint === true) return true;
  if (!completedPrePromotionAnalysis(ctx.rollout, state.currentPre) || !completedBlueGreenPause(ctx.rollout, ctx.pause.hasAddPause(), ctx.nowMs)) return false;
  return preview === getAvailableReplicaCountForReplicaSets([ctx.rs.newRS]);
}

function promoteStable(state: BlueGreenState, next: RolloutStatus, reason: string): void {
  const ctx = state.ctx;
  ctx.pause.clearPauseConditions();
  ctx.pause.removeAbort();
  delete next.promoteFull;
  if (next.blueGreen !== undefined) delete next.blueGreen.scaleUpPreviewCheckPoint;
  if ((next.stableRS ?? '') !== next.currentPodHash) {
    if (next.duration !== undefined && next.duration.completionStatus === undefined) {
      next.duration.completionStatus = ctx.status.promoteFull === true ? COMPLETION_STATUS.FastPromoted : COMPLETION_STATUS.Promoted;
    }
    next.stableRS = next.currentPodHash ?? '';
    ctx.emit(EVENT_REASON.RolloutCompleted, ROLLOUT_EVENT_MESSAGE.completed(revisionOf(ctx.rollout) ?? 0, next.currentPodHash ?? '', reason));
  }
}

/** Compute the whole blue-green status (emitting RolloutCompleted on promotion) and persist it. */
export function syncRolloutStatusBlueGreen(state: BlueGreenState): void {
  const ctx = state.ctx;
  const next = calculateBaseStatus(ctx);
  if ((ctx.status.stableRS ?? '') !== '') next.stableRS = ctx.status.stableRS;
  const prevBg = ctx.status.blueGreen ?? {};
  const bg: NonNullable<RolloutStatus['blueGreen']> = {};
  if (prevBg.scaleUpPreviewCheckPoint === true) bg.scaleUpPreviewCheckPoint = true;
  if (state.analysisReconciled) {
    if (state.currentPre !== undefined) bg.prePromotionAnalysisRunStatus = rolloutAnalysisRunStatus(state.currentPre);
    if (state.currentPost !== undefined) bg.postPromotionAnalysisRunStatus = rolloutAnalysisRunStatus(state.currentPost);
  } else {
    if (prevBg.prePromotionAnalysisRunStatus !== undefined) bg.prePromotionAnalysisRunStatus = structuredClone(prevBg.prePromotionAnalysisRunStatus);
    if (prevBg.postPromotionAnalysisRunStatus !== undefined) bg.postPromotionAnalysisRunStatus = structuredClone(prevBg.postPromotionAnalysisRunStatus);
  }
  if (checkPodSpecChange(ctx)) {
    ctx.pause.clearPauseConditions();
    ctx.pause.removeAbort();
    // restartedAt stays as stored: upstream resetRolloutStatus' SetRestartedAt writes the context's status after
    // calculateBaseStatus copied it, so a pending or scheduled (`restart --in`) restart survives a new template
    delete next.promoteFull;
    delete bg.prePromotionAnalysisRunStatus;
    delete bg.postPromotionAnalysisRunStatus;
    delete bg.scaleUpPreviewCheckPoint;
  }
  if (ctx.status.promoteFull === true || isRollbackWithinWindow(ctx)) {
    ctx.pause.clearPauseConditions();
    ctx.pause.removeAbort();
  }
  const previewHash = state.preview === undefined ? '' : serviceSelectorHash(state.preview.svc);
  const activeHash = serviceSelectorHash(state.active.svc);
  if (previewHash !== '') bg.previewSelector = previewHash;
  if (activeHash !== '') bg.activeSelector = activeHash;
  next.blueGreen = bg;

  const reason = shouldFullPromoteBlueGreen(state, next);
  if (reason !== '') promoteStable(state, next, reason);
  else if (calculateScaleUpPreviewCheckPoint(state)) bg.scaleUpPreviewCheckPoint = true;
  else delete bg.scaleUpPreviewCheckPoint;

  const activeRS = getReplicaSetByTemplateHash(ctx.rs.allRSs, activeHash);
  if (activeRS !== undefined) {
    next.HPAReplicas = activeRS.status?.replicas ?? 0;
    next.selector = formatLabelSelector(activeRS.spec?.selector);
    next.availableReplicas = activeRS.status?.availableReplicas ?? 0;
    next.readyReplicas = activeRS.status?.readyReplicas ?? 0;
  } else {
    next.HPAReplicas = getActualReplicaCountForReplicaSets(ctx.rs.allRSs);
    next.selector = formatLabelSelector(ctx.rollout.spec.selector);
    next.availableReplicas = getAvailableReplicaCountForReplicaSets(ctx.rs.allRSs);
  }
  persistBlueGreenStatus(state, next);
}

/**
 * Status for a scale-only reconcile (`spec.replicas` changed): the stored status as it is (selectors, stable,
 * analysis runs, ready/updated counts untouched, no promotion), with `HPAReplicas` and `availableReplicas` from the
 * RS the stored `activeSelector` names (no such RS: totals over all RSs); conditions and phase as always.
 */
export function syncReplicasOnlyBlueGreen(state: BlueGreenState): void {
  const ctx = state.ctx;
  const next = structuredClone(ctx.status);
  const activeRS = getReplicaSetByTemplateHash(ctx.rs.allRSs, next.blueGreen?.activeSelector);
  next.HPAReplicas = activeRS === undefined ? getActualReplicaCountForReplicaSets(ctx.rs.allRSs) : (activeRS.status?.replicas ?? 0);
  next.availableReplicas = activeRS === undefined ? getAvailableReplicaCountForReplicaSets(ctx.rs.allRSs) : (activeRS.status?.availableReplicas ?? 0);
  persistBlueGreenStatus(state, next);
}

/**
 * The Available condition set to `available`, in place (array order kept so an unchanged rollout diffs empty):
 * the stored condition when it already says so, else a new one (transition time kept when the status is unchanged).
 */
function withAvailability(ctx: PlanContext, conditions: RolloutStatus['conditions'], available: boolean): RolloutStatus['conditions'] {
  const stored = getCondition(ctx.status, 'Available');
  const status = available ? 'True' : 'False';
  const message = available ? CONDITION_MESSAGE.available : CONDITION_MESSAGE.notAvailable;
  let cond = stored !== undefined && stored.status === status && stored.message === message ? stored : newCondition('Available', status, CONDITION_REASON.Available, message, ctx.nowMs);
  if (cond !== stored && stored?.status === status) cond = { ...cond, lastTransitionTime: stored.lastTransitionTime };
  const list = [...(conditions ?? [])];
  const at = list.findIndex((c) => c.type === 'Available');
  if (at >= 0) list[at] = cond;
  else list.push(cond);
  return list;
}

/**
 * `RolloutAnalysisRunStatus.status` is a required field on the wire (Go marshals `""` for a run without a phase);
 * the Go-style status diff drops empty strings, so put it back into the queued patch.
 */
function keepRunStatusField(ctx: PlanContext): void {
  const action = ctx.actions.at(-1);
  if (action?.kind !== ACTION.PatchStatus) return;
  const bg = (action.patch as { status?: { blueGreen?: Record<string, unknown> } }).status?.blueGreen;
  if (bg === undefined || bg === null) return;
  for (const key of ['prePromotionAnalysisRunStatus', 'postPromotionAnalysisRunStatus']) {
    const run = bg[key];
    if (typeof run === 'object' && run !== null && 'name' in run && !('status' in run)) (run as Record<string, unknown>)['status'] = '';
  }
}

/**
 * As the canary persist (observedGeneration, progress-deadline abort, pause fields, conditions, phase, duration,
 * one patch, RolloutPaused/RolloutResumed), with blue-green availability: `Available` is True only while the
 * active RS is saturated.
 */
export function persistBlueGreenStatus(state: BlueGreenState, next: RolloutStatus): void {
  const ctx = state.ctx;
  next.observedGeneration = String(ctx.rollout.metadata?.generation ?? 0);
  const workloadGeneration = ctx.rollout.metadata?.annotations?.[ANNOTATION.WorkloadGeneration];
  if (ctx.rollout.spec.workloadRef !== undefined && workloadGeneration !== undefined) next.workloadObservedGeneration = workloadGeneration;
  else delete next.workloadObservedGeneration;
  evaluateProgressDeadlineAbort(ctx, next);
  ctx.pause.calculatePauseStatus(next, ctx.nowMs);
  calculateRolloutConditions(ctx, next);
  const activeRS = getReplicaSetByTemplateHash(ctx.rs.allRSs, next.blueGreen?.activeSelector);
  const available = activeRS !== undefined && isSaturated(ctx.rollout, activeRS);
  next.conditions = withAvailability(ctx, next.conditions, available);
  setPhase(ctx, next);
  const duration = calculateStatusDuration(ctx, next);
  // a rollback into an RS still inside its scale-down delay is a fast one too (blue-green isFastRollback)
  // parity: argo-rollouts rollout/sync.go calculateStatusDuration, isFastRollback (isWithinScaleDownDelay)
  if (duration?.completionStatus === COMPLETION_STATUS.RolledBack && ctx.status.duration?.completionStatus !== COMPLETION_STATUS.RolledBack && state.fastRollback()) {
    duration.completionStatus = COMPLETION_STATUS.FastRolledBack;
  }
  if (duration === undefined) delete next.duration;
  else next.duration = duration;
  if (!patchStatusIfChanged(ctx, next)) {
    requeueStuckRollout(ctx, next);
    return;
  }
  keepRunStatusField(ctx);
  const prevPaused = (ctx.status.pauseConditions ?? []).length > 0;
  const currPaused = (next.pauseConditions ?? []).length > 0;
  if (prevPaused !== currPaused) {
    const first = next.pauseConditions?.[0];
    if (currPaused && first !== undefined) ctx.emit(EVENT_REASON.RolloutPaused, ROLLOUT_EVENT_MESSAGE.paused(first.reason));
    else if (next.abortedAt === undefined) ctx.emit(EVENT_REASON.RolloutResumed, ROLLOUT_EVENT_MESSAGE.resumed);
  }
}
