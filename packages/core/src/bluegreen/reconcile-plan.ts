/**
 * One reconcile of a blue-green Rollout, decided purely from a cache snapshot.
 * Order (upstream rollout/bluegreen.go rolloutBlueGreen): services → RS + revision → preview Service → (new
 * template → status) → pod restarts → ReplicaSets → pause → active Service → analysis → ephemeral metadata → status.
 * Example: a steady rollout (rev 1 active) gets a new image → create RS rev 2 (0 replicas), RolloutUpdated,
 * NewReplicaSetCreated, preview Service → rev 2 (SwitchService), status; next reconciles scale rev 2 up, pause
 * (autoPromotionEnabled false), and after promote switch the active Service and mark rev 2 stable.
 */
import type { EventReason } from '@serin/api';
import { ANNOTATION, PAUSE_REASON, formatFieldError, getReplicasOrDefault, validateRollout } from '@serin/api';
import { CANCEL_ANALYSIS_RUN_PATCH } from '../analysis/rollout-assessment.js';
import { haltProgress } from '../rollout/canary-replica-sets.js';
import { planInvalidSpec } from '../rollout/invalid-spec.js';
import { reconcileEphemeralMetadata } from '../rollout/ephemeral-metadata.js';
import { ACTION, PlanContext } from '../rollout/plan.js';
import { isActive, podTemplateHashOf } from '../rollout/replica-sets.js';
import { RESTART_POD_CHECK_MS, needsRestart, planPodRestarts } from '../rollout/restart.js';
import { checkPausedConditions } from '../rollout/rollout-conditions.js';
import { createDesiredReplicaSet, syncReplicaSetRevision } from '../rollout/sync-revision.js';
import { parseMetaTime } from '../rollout/time.js';
import { resolveWorkloadRef } from '../rollout/workload-ref.js';
import { isWithinScaleDownDelay } from './fast-rollback.js';
import { completedPrePromotionAnalysis, currentBlueGreenRuns, planBlueGreenAnalysis } from './analysis.js';
import { BLUE_GREEN_PAUSE, autoPromotionRemainingMs, completedBlueGreenPause, decideBlueGreenPause, isBlueGreenFastTracked } from './pause.js';
import { BG_ACTION, type BlueGreenPlan, type BlueGreenSnapshot } from './plan.js';
import { validateBlueGreenReferences } from './references.js';
import { reconcileBlueGreenReplicaSets } from './replica-sets.js';
import { isSaturated, readyForPause } from './replicas.js';
import { serviceSelectorHash } from './service-selector.js';
import { BlueGreenState } from './state.js';
import { checkPodSpecChange, syncReplicasOnlyBlueGreen, syncRolloutStatusBlueGreen } from './status.js';

/** `spec.replicas` differs from the desired-replicas annotation of the new or stable RS (scale-only reconcile). */
function isScalingEvent(ctx: PlanContext): boolean {
  const replicas = getReplicasOrDefault(ctx.rollout);
  return [ctx.rs.newRS, ctx.rs.stableRS].some((rs) => {
    if (!isActive(rs)) return false;
    const text = rs?.metadata?.annotations?.[ANNOTATION.DesiredReplicas];
    return text !== undefined && /^\d+$/.test(text) && Number.parseInt(text, 10) !== replicas;
  });
}

/** Evict pods older than `restartAt` (the reconcile continues either way). */
function reconcilePodRestarts(ctx: PlanContext): void {
  const restartAt = parseMetaTime(ctx.rollout.spec.restartAt);
  if (restartAt !== undefined && restartAt > ctx.nowMs) ctx.requeueAfter(restartAt - ctx.nowMs);
  if (!needsRestart(ctx.rollout, ctx.nowMs)) return;
  const plan = planPodRestarts(ctx.rollout, ctx.rs.allRSs, ctx.pods, ctx.nowMs);
  for (const name of plan.evict) ctx.actions.push({ kind: ACTION.EvictPod, name });
  if (plan.evict.length > 0 || plan.needRestart > 0) ctx.requeueAfter(RESTART_POD_CHECK_MS);
  if (plan.needRestart === plan.evict.length) ctx.restartedAt = ctx.rollout.spec.restartAt;
}

function reconcilePreviewService(state: BlueGreenState): void {
  const { ctx, preview } = state;
  if (preview === undefined || ctx.rs.newRS === undefined || haltProgress(ctx) !== '') return;
  state.switchService(preview, podTemplateHashOf(ctx.rs.newRS));
}

function reconcileBlueGreenPause(state: BlueGreenState): void {
  const ctx = state.ctx;
  const newRS = ctx.rs.newRS;
  if (newRS === undefined) return;
  const decision = decideBlueGreenPause({
    rollout: ctx.rollout,
    activeSelector: serviceSelectorHash(state.active.svc),
    newRSHash: podTemplateHashOf(newRS),
    fastRollback: state.fastRollback(),
    nowMs: ctx.nowMs,
    readyForPause: readyForPause(ctx.rollout, newRS, ctx.rs.allRSs),
    haltReason: haltProgress(ctx),
    completedPrePromotionAnalysis: completedPrePromotionAnalysis(ctx.rollout, state.currentPre),
  });
  const seconds = ctx.rollout.spec.strategy?.blueGreen?.autoPromotionSeconds ?? 0;
  if (decision === BLUE_GREEN_PAUSE.Add) {
    ctx.pause.addPauseCondition(PAUSE_REASON.BlueGreenPause);
    // the condition starts now (second precision): wake up just after autoPromotionSeconds
    if (seconds > 0 && ctx.rollout.spec.strategy?.blueGreen?.autoPromotionEnabled !== false) ctx.requeueAfter(seconds * 1000 - (ctx.nowMs % 1000) + 1);
  } else if (decision === BLUE_GREEN_PAUSE.Remove) {
    ctx.pause.removePauseCondition(PAUSE_REASON.BlueGreenPause);
  } else if (decision === BLUE_GREEN_PAUSE.Waiting) {
    const remaining = autoPromotionRemainingMs(ctx.rollout, ctx.nowMs);
    if (remaining !== undefined) ctx.requeueAfter(remaining + 1);
  }
}

/**
 * Active Service → new hash once the new RS is saturated and (fast-tracked, or the pause and pre-promotion analysis
 * are complete); → `stableRS` when aborted; otherwise left where it is.
 */
function reconcileActiveService(state: BlueGreenState): void {
  const ctx = state.ctx;
  const newRS = ctx.rs.newRS;
  if (haltProgress(ctx) !== '' || newRS === undefined) return;
  if (!readyForPause(ctx.rollout, newRS, ctx.rs.allRSs) || !isSaturated(ctx.rollout, newRS)) return;
  const newHash = podTemplateHashOf(newRS);
  let hash = serviceSelectorHash(state.active.svc);
  if (isBlueGreenFastTracked({ rollout: ctx.rollout, activeSelector: hash, newRSHash: newHash, fastRollback: state.fastRollback() })) hash = newHash;
  if (completedBlueGreenPause(ctx.rollout, ctx.pause.hasAddPause(), ctx.nowMs) && completedPrePromotionAnalysis(ctx.rollout, state.currentPre)) hash = newHash;
  if (ctx.status.abort === true) hash = ctx.status.stableRS ?? '';
  state.switchService(state.active, hash);
}

function reconcileAnalysisRuns(state: BlueGreenState, snapshot: BlueGreenSnapshot): void {
  const ctx = state.ctx;
  const plan = planBlueGreenAnalysis({
    rollout: ctx.rollout,
    analysisRuns: snapshot.analysisRuns,
    newRS: ctx.rs.newRS,
    stableRS: ctx.rs.stableRS,
    allReplicaSets: ctx.rs.allRSs,
    templates: snapshot.templates,
    aborted: ctx.pause.isAborted(),
    fastRollback: state.fastRollback(),
  });
  for (const run of plan.create) state.push({ kind: BG_ACTION.CreateAnalysisRun, run });
  for (const name of plan.cancel) state.push({ kind: BG_ACTION.PatchAnalysisRun, name, patch: CANCEL_ANALYSIS_RUN_PATCH });
  for (const name of plan.delete) state.push({ kind: BG_ACTION.DeleteAnalysisRun, name });
  if (plan.pause !== undefined) ctx.pause.addPauseCondition(plan.pause);
  if (plan.abortMessage !== undefined) ctx.pause.addAbort(plan.abortMessage);
  for (const e of plan.events) ctx.emit(e.reason as EventReason, e.message, e.type);
  state.currentPre = plan.currentPreRun;
  state.currentPost = plan.currentPostRun;
  state.analysisReconciled = true;
  if (plan.error !== undefined) state.error = plan.error;
}

function result(state: BlueGreenState): BlueGreenPlan {
  state.flush();
  const base = state.ctx.result();
  return {
    actions: state.out,
    ...(base.requeueAfterMs === undefined ? {} : { requeueAfterMs: base.requeueAfterMs }),
    ...(state.error === undefined ? {} : { error: state.error }),
  };
}

/** Decide one reconcile of a blue-green Rollout (a canary rollout gets an empty plan). */
export function planBlueGreenReconcile(snapshot: BlueGreenSnapshot): BlueGreenPlan {
  const { rollout } = snapshot;
  if (rollout.metadata?.deletionTimestamp !== undefined || rollout.spec.strategy?.blueGreen === undefined) return { actions: [] };
  const resolution = resolveWorkloadRef(rollout, snapshot.workload);
  if (resolution.error !== undefined) return planInvalidSpec(new PlanContext(rollout, snapshot.replicaSets, snapshot.pods, snapshot.nowMs), resolution.error);
  const resolved = resolution.rollout;
  const ctx = new PlanContext(resolved, snapshot.replicaSets, snapshot.pods, snapshot.nowMs, rollout, snapshot.workload);
  const first = validateRollout(resolved, { templateResolvedFromRef: rollout.spec.workloadRef !== undefined })[0];
  if (first !== undefined) return planInvalidSpec(ctx, formatFieldError(first));
  const services = validateBlueGreenReferences(resolved, snapshot.services, snapshot.templates);
  if (typeof services === 'string') return planInvalidSpec(ctx, services);
  const bg = resolved.spec.strategy?.blueGreen;
  const state = new BlueGreenState(
    ctx,
    { name: bg?.activeService ?? '', svc: services.active },
    services.preview === undefined ? undefined : { name: bg?.previewService ?? '', svc: services.preview },
  );
  state.newRSWithinDelay = isWithinScaleDownDelay(ctx.rs.newRS, ctx.nowMs);
  const current = currentBlueGreenRuns(rollout, snapshot.analysisRuns);
  state.currentPre = current.pre;
  state.currentPost = current.post;

  if (ctx.rs.newRS === undefined) createDesiredReplicaSet(ctx);
  const status = ctx.status;
  if ((status.stableRS ?? '') !== '' && status.stableRS === status.currentPodHash && ctx.pause.isAborted()) ctx.pause.removeAbort();
  if (rollout.spec.replicas === undefined) {
    ctx.actions.push({ kind: ACTION.PatchRollout, patch: { spec: { replicas: getReplicasOrDefault(rollout) } } });
    return result(state);
  }
  checkPausedConditions(ctx);
  syncReplicaSetRevision(ctx);
  if (isScalingEvent(ctx)) {
    // parity: argo-rollouts rollout/sync.go syncReplicasOnly (stored status, fresh HPA/available counts only)
    reconcileBlueGreenReplicaSets(state, snapshot.analysisRuns);
    syncReplicasOnlyBlueGreen(state);
    return result(state);
  }
  reconcilePreviewService(state);
  if (checkPodSpecChange(ctx)) {
    syncRolloutStatusBlueGreen(state);
    return result(state);
  }
  // unlike canary, blue-green goes on after evicting pods (parity: argo-rollouts rollout/bluegreen.go rolloutBlueGreen)
  reconcilePodRestarts(ctx);
  reconcileBlueGreenReplicaSets(state, snapshot.analysisRuns);
  reconcileBlueGreenPause(state);
  reconcileActiveService(state);
  reconcileAnalysisRuns(state, snapshot);
  // previewMetadata on the new RS while an update runs, activeMetadata on the stable one (upstream roles)
  reconcileEphemeralMetadata(ctx);
  syncRolloutStatusBlueGreen(state);
  return result(state);
}
