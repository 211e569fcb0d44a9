/**
 * The canary status sync: step index, stable hash, promotion, abort and rollback, then persist.
 * parity: argo-rollouts rollout/canary.go syncRolloutStatusCanary; rollout/sync.go calculateBaseStatus,
 *         resetRolloutStatus, shouldFullPromote, promoteStable, isRollback, isFastRollback, isRollbackWithinWindow
 */
import type { RolloutStatus } from '@serin/api';
import { COMPLETED_REASON, COMPLETION_STATUS, EVENT_REASON, PAUSE_REASON, formatLabelSelector, getReplicasOrDefault } from '@serin/api';
import { computeRolloutStepHash } from '../hash/step-hash.js';
import { replicaProgressThresholdMet } from '../replica-set/canary-progress.js';
import { getCurrentCanaryStep } from '../replica-set/canary-step.js';
import { getActualReplicaCountForReplicaSets, getAvailableReplicaCountForReplicaSets, getReadyReplicaCountForReplicaSets } from '../replica-set/replica-counts.js';
import { applyCanaryAnalysisStatus, stepAnalysisRunPhase } from './canary-analysis.js';
import { applyCanaryExperimentStatus, stepExperimentCompleted } from './canary-experiment.js';
import { canaryStepString, completedCurrentCanaryStep } from './canary-steps.js';
import { removeCondition } from './conditions.js';
import { ROLLOUT_EVENT_MESSAGE } from './events.js';
import { persistRolloutStatus } from './persist-status.js';
import type { PlanContext } from './plan.js';
import { desiredPodTemplateHash, isActive, podTemplateHashOf, revisionOf } from './replica-sets.js';
import { isFastRollback, isRollbackWithinWindow, podTemplateOrStepsChanged } from './rollback.js';
import { scaleDeployment } from './sync-revision.js';
import { desiredDeploymentReplicas } from './workload-ref.js';

/** Counts, hashes and carried-over fields every status starts from. */
export function calculateBaseStatus(ctx: PlanContext): RolloutStatus {
  const prev = ctx.status;
  const { newRS, allRSs } = ctx.rs;
  const next: RolloutStatus = {};
  next.currentPodHash = newRS === undefined ? desiredPodTemplateHash(ctx.rollout) : podTemplateHashOf(newRS);
  next.replicas = getActualReplicaCountForReplicaSets(allRSs);
  next.updatedReplicas = getActualReplicaCountForReplicaSets([newRS]);
  next.readyReplicas = getReadyReplicaCountForReplicaSets(allRSs);
  if (prev.collisionCount !== undefined) next.collisionCount = prev.collisionCount;
  // valid spec here: a stale InvalidSpec condition goes
  next.conditions = removeCondition(prev.conditions, 'InvalidSpec');
  if (ctx.restartedAt !== undefined) next.restartedAt = ctx.restartedAt;
  if (prev.promoteFull === true) next.promoteFull = true;
  if (prev.duration !== undefined) next.duration = structuredClone(prev.duration);
  if (prev.alb !== undefined) next.alb = structuredClone(prev.alb);
  if (prev.albs !== undefined) next.albs = structuredClone(prev.albs);
  // the traffic-routing stage's weights (null clears them), else the stored ones
  const weights = ctx.stages.trafficWeights === undefined ? prev.canary?.weights : (ctx.stages.trafficWeights ?? undefined);
  if (weights !== undefined) next.canary = { weights: structuredClone(weights) };
  return next;
}

/** Why to promote the new RS to stable now ("" = not yet): initial deploy, full promotion, fast rollback, all steps done. */
export function shouldFullPromote(ctx: PlanContext): string {
  const { newRS, stableRS } = ctx.rs;
  if (stableRS === undefined) return COMPLETED_REASON.InitialDeploy;
  if (ctx.pause.isAborted()) return '';
  const replicas = getReplicasOrDefault(ctx.rollout);
  if (newRS === undefined) return '';
  const threshold = ctx.rollout.spec.strategy?.canary?.replicaProgressThreshold;
  if ((newRS.status?.availableReplicas ?? 0) < replicas && !replicaProgressThresholdMet(threshold, newRS, replicas)) return '';
  if (ctx.status.promoteFull === true) return COMPLETED_REASON.FullPromotionRequested;
  if (isFastRollback(ctx)) return isRollbackWithinWindow(ctx) ? COMPLETED_REASON.RollbackWithinWindow : COMPLETED_REASON.FastRollback;
  const stepCount = ctx.rollout.spec.strategy?.canary?.steps?.length ?? 0;
  const { index } = getCurrentCanaryStep(ctx.rollout);
  if (stepCount === 0 || index === stepCount) return COMPLETED_REASON.completedAllCanarySteps(stepCount);
  return '';
}

function promoteStable(ctx: PlanContext, next: RolloutStatus, reason: string): void {
  ctx.pause.clearPauseConditions();
  ctx.pause.removeAbort();
  delete next.promoteFull;
  const stepCount = ctx.rollout.spec.strategy?.canary?.steps?.length ?? 0;
  if (stepCount > 0) next.currentStepIndex = stepCount;
  else delete next.currentStepIndex;
  if ((next.stableRS ?? '') !== next.currentPodHash) {
    if (next.duration !== undefined && next.duration.completionStatus === undefined) {
      next.duration.completionStatus = ctx.status.promoteFull === true ? COMPLETION_STATUS.FastPromoted : COMPLETION_STATUS.Promoted;
    }
    next.stableRS = next.currentPodHash ?? '';
    ctx.emit(EVENT_REASON.RolloutCompleted, ROLLOUT_EVENT_MESSAGE.completed(revisionOf(ctx.rollout) ?? 0, next.currentPodHash ?? '', reason));
  }
  const target = desiredDeploymentReplicas(ctx.rollout, 'onsuccess', { revision: revisionOf(ctx.rollout) ?? 0 });
  if (target !== undefined) scaleDeployment(ctx, target);
}

/** Compute the canary status (emitting SkipSteps / RolloutCompleted / RolloutStepCompleted) and persist it. */
export function syncRolloutStatusCanary(ctx: PlanContext): void {
  const next = calculateBaseStatus(ctx);
  const ro = ctx.rollout;
  const { newRS, stableRS, otherRSs, allRSs } = ctx.rs;
  next.availableReplicas = getAvailableReplicaCountForReplicaSets(allRSs);
  next.HPAReplicas = getActualReplicaCountForReplicaSets(allRSs);
  next.selector = formatLabelSelector(ro.spec.selector);
  const prevCanary = ctx.status.canary;
  if (prevCanary?.stablePingPong !== undefined || prevCanary?.stepPluginStatuses !== undefined) {
    next.canary = {
      ...(next.canary ?? {}),
      ...(prevCanary.stablePingPong === undefined ? {} : { stablePingPong: prevCanary.stablePingPong }),
      ...(prevCanary.stepPluginStatuses === undefined ? {} : { stepPluginStatuses: structuredClone(prevCanary.stepPluginStatuses) }),
    };
  }
  applyCanaryAnalysisStatus(ctx, next);
  applyCanaryExperimentStatus(ctx, next);
  const { step, index } = getCurrentCanaryStep(ro);
  let currentStepIndex = index;
  if ((ctx.status.stableRS ?? '') !== '') next.stableRS = ctx.status.stableRS;
  next.currentStepHash = computeRolloutStepHash(ro.spec.strategy);
  const stepCount = ro.spec.strategy?.canary?.steps?.length ?? 0;

  if (podTemplateOrStepsChanged(ctx)) {
    // a new update: reset pauses, abort, promoteFull and the step index
    ctx.pause.clearPauseConditions();
    ctx.pause.removeAbort();
    // restartedAt stays as stored: upstream's SetRestartedAt here writes the context's status after
    // calculateBaseStatus copied it, so a pending (or scheduled, `restart --in`) restart survives the update
    delete next.promoteFull;
    if (next.canary !== undefined) delete next.canary.stepPluginStatuses;
    if (stepCount > 0) next.currentStepIndex = 0;
    if (newRS !== undefined && stepCount > 0) {
      if (ctx.status.stableRS === podTemplateHashOf(newRS)) {
        ctx.emit(EVENT_REASON.SkipSteps, ROLLOUT_EVENT_MESSAGE.skipStepsToStable);
        next.currentStepIndex = stepCount;
      } else if (isRollbackWithinWindow(ctx) && isActive(newRS)) {
        ctx.emit(EVENT_REASON.SkipSteps, ROLLOUT_EVENT_MESSAGE.skipStepsWithinWindow);
        next.currentStepIndex = stepCount;
      }
    }
    persistRolloutStatus(ctx, next);
    return;
  }

  if (ctx.status.promoteFull === true || isRollbackWithinWindow(ctx)) {
    ctx.pause.clearPauseConditions();
    ctx.pause.removeAbort();
    if (stepCount > 0) currentStepIndex = stepCount;
  }

  const reason = shouldFullPromote(ctx);
  if (reason !== '') {
    promoteStable(ctx, next, reason);
    persistRolloutStatus(ctx, next);
    return;
  }

  if (ctx.pause.isAborted()) {
    if (stepCount > 0) next.currentStepIndex = next.stableRS === next.currentPodHash ? stepCount : 0;
    persistRolloutStatus(ctx, next);
    return;
  }

  if (step !== undefined && currentStepIndex !== undefined && completedCurrentCanaryStep({ rollout: ro, newRS, stableRS, otherRSs, weights: next.canary?.weights, stepAnalysisRunPhase: stepAnalysisRunPhase(ctx), stepExperimentCompleted: stepExperimentCompleted(ctx), nowMs: ctx.nowMs })) {
    currentStepIndex++;
    if (next.canary !== undefined) delete next.canary.currentStepAnalysisRunStatus;
    ctx.emit(EVENT_REASON.RolloutStepCompleted, ROLLOUT_EVENT_MESSAGE.stepCompleted(currentStepIndex, stepCount, canaryStepString(step)));
    ctx.pause.removePauseCondition(PAUSE_REASON.CanaryPauseStep);
  }
  if (currentStepIndex !== undefined) next.currentStepIndex = currentStepIndex;
  persistRolloutStatus(ctx, next);
}

/** Status for a scale-only reconcile (`spec.replicas` changed): stored status with fresh counts. */
export function syncReplicasOnlyStatus(ctx: PlanContext): void {
  const next = structuredClone(ctx.status);
  next.availableReplicas = getAvailableReplicaCountForReplicaSets(ctx.rs.allRSs);
  next.HPAReplicas = getActualReplicaCountForReplicaSets(ctx.rs.allRSs);
  persistRolloutStatus(ctx, next);
}

