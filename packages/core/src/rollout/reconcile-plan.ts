/**
 * One reconcile of a canary Rollout, decided purely from a cache snapshot.
 * Order (upstream rollout/controller.go syncHandler + newRolloutContext, rollout/canary.go rolloutCanary):
 * validate (spec, then the Services and AnalysisTemplates it names) → create the new RS if missing → drop a stale
 * abort on a promoted rollout → default spec.replicas → paused-condition bookkeeping → scale-only path →
 * (template/steps changed → status) → revision sync → pod restarts → revisionHistoryLimit GC → stable/canary
 * Services → traffic routing (two passes, canary-traffic.ts)
 * → experiments → analysis runs → RS scaling → pause step → status.
 */
import { ANNOTATION, PAUSE_REASON, formatFieldError, getReplicasOrDefault, pauseDurationSeconds, validateRollout } from '@serin/api';
import { reconcileCanaryReplicaSets } from './canary-replica-sets.js';
import type { LiveReferences } from './canary-scale-down-delay.js';
import { syncReplicasOnlyStatus, syncRolloutStatusCanary } from './canary-status.js';
import { podTemplateOrStepsChanged } from './rollback.js';
import { CANARY_PAUSE, decideCanaryPause } from './canary-steps.js';
import { pauseRemainingMs } from './pause.js';
import { getCurrentCanaryStep } from '../replica-set/canary-step.js';
import { ACTION, PlanContext, type RolloutPlan, type RolloutSnapshot } from './plan.js';
import { isActive } from './replica-sets.js';
import { RESTART_POD_CHECK_MS, needsRestart, planPodRestarts } from './restart.js';
import { deletedWithReplicaSet, selectReplicaSetsToDelete } from './revision-history.js';
import { checkPausedConditions } from './rollout-conditions.js';
import { createDesiredReplicaSet, syncReplicaSetRevision } from './sync-revision.js';
import { parseMetaTime } from './time.js';
import { resolveWorkloadRef } from './workload-ref.js';
import { reconcileEphemeralMetadata } from './ephemeral-metadata.js';
import { ANALYSIS_ACTION, reconcileCanaryAnalysis } from './canary-analysis.js';
import { EXPERIMENT_ACTION, experimentDestinations, reconcileCanaryExperiments } from './canary-experiment.js';
import { reconcileCanaryServices } from './canary-services.js';
import { reconcileCanaryTrafficRouting } from './canary-traffic.js';
import { planInvalidSpec } from './invalid-spec.js';
import { canaryReferenceError } from './canary-references.js';

/** `isScalingEvent`: the new or stable RS (if active) records a different desired-replicas than spec.replicas. */
function isScalingEvent(ctx: PlanContext): boolean {
  const replicas = getReplicasOrDefault(ctx.rollout);
  for (const rs of [ctx.rs.newRS, ctx.rs.stableRS]) {
    if (!isActive(rs)) continue;
    const text = rs?.metadata?.annotations?.[ANNOTATION.DesiredReplicas];
    if (text === undefined || !/^\d+$/.test(text)) continue;
    if (Number.parseInt(text, 10) !== replicas) return true;
  }
  return false;
}

/** What in the cluster may still route to an old ReplicaSet (Services, the DestinationRule). */
function liveReferences(snapshot: RolloutSnapshot): LiveReferences {
  return { services: snapshot.services, destinationRule: snapshot.destinationRule };
}

/** Pod restarts for `restartAt`; returns true when pods were evicted (the reconcile ends there). */
function reconcilePodRestarts(ctx: PlanContext): boolean {
  const restartAt = parseMetaTime(ctx.rollout.spec.restartAt);
  if (restartAt !== undefined && restartAt > ctx.nowMs) ctx.requeueAfter(restartAt - ctx.nowMs);
  if (!needsRestart(ctx.rollout, ctx.nowMs)) return false;
  const plan = planPodRestarts(ctx.rollout, ctx.rs.allRSs, ctx.pods, ctx.nowMs);
  for (const name of plan.evict) ctx.actions.push({ kind: ACTION.EvictPod, name });
  // recheck after evicting (an eviction may be refused by a PodDisruptionBudget) or while pods still wait
  if (plan.evict.length > 0 || plan.needRestart > 0) ctx.requeueAfter(RESTART_POD_CHECK_MS);
  if (plan.needRestart === plan.evict.length) ctx.restartedAt = ctx.rollout.spec.restartAt;
  return plan.evict.length > 0;
}

/**
 * Delete the old ReplicaSets beyond `revisionHistoryLimit`, each followed by its non-current AnalysisRuns and
 * Experiments (not left for a later reconcile's history cleanup).
 * parity: argo-rollouts rollout/sync.go reconcileRevisionHistoryLimit
 */
function reconcileRevisionHistoryLimit(ctx: PlanContext, snapshot: RolloutSnapshot): void {
  const status = ctx.rollout.status;
  const currentRuns = new Set(
    [
      status?.canary?.currentStepAnalysisRunStatus?.name,
      status?.canary?.currentBackgroundAnalysisRunStatus?.name,
      status?.blueGreen?.prePromotionAnalysisRunStatus?.name,
      status?.blueGreen?.postPromotionAnalysisRunStatus?.name,
    ].filter((n): n is string => n !== undefined && n !== ''),
  );
  const currentExperiment = new Set([status?.canary?.currentExperiment].filter((n): n is string => n !== undefined && n !== ''));
  for (const rs of selectReplicaSetsToDelete(ctx.rollout, ctx.rs.otherRSs)) {
    ctx.actions.push({ kind: ACTION.DeleteReplicaSet, name: rs.metadata?.name ?? '', uid: rs.metadata?.uid });
    for (const run of deletedWithReplicaSet(rs, snapshot.analysis?.analysisRuns ?? [], currentRuns)) ctx.actions.push({ kind: ANALYSIS_ACTION.DeleteAnalysisRun, name: run.metadata?.name ?? '' });
    for (const ex of deletedWithReplicaSet(rs, snapshot.experiments ?? [], currentExperiment)) ctx.actions.push({ kind: EXPERIMENT_ACTION.DeleteExperiment, name: ex.metadata?.name ?? '' });
  }
}

function rolloutCanary(ctx: PlanContext, snapshot: RolloutSnapshot): void {
  if (podTemplateOrStepsChanged(ctx)) {
    syncReplicaSetRevision(ctx);
    syncRolloutStatusCanary(ctx);
    return;
  }
  syncReplicaSetRevision(ctx);
  if (reconcilePodRestarts(ctx)) return;
  reconcileEphemeralMetadata(ctx);
  reconcileRevisionHistoryLimit(ctx, snapshot);
  if (snapshot.services !== undefined) reconcileCanaryServices(ctx, snapshot.services);
  if (snapshot.experiments !== undefined) ctx.stages.experimentDestinations = experimentDestinations(ctx.rollout, snapshot.experiments);
  if (reconcileCanaryTrafficRouting(ctx, snapshot.trafficRouting)) return;
  if (snapshot.experiments !== undefined && !reconcileCanaryExperiments(ctx, snapshot.experiments)) return;
  if (snapshot.analysis !== undefined && !reconcileCanaryAnalysis(ctx, snapshot.analysis)) return;
  if (reconcileCanaryReplicaSets(ctx, liveReferences(snapshot))) {
    syncRolloutStatusCanary(ctx);
    return;
  }
  const pause = decideCanaryPause(ctx.rollout);
  if (pause === CANARY_PAUSE.AddPause) {
    ctx.pause.addPauseCondition(PAUSE_REASON.CanaryPauseStep);
    // the pause condition starts now (second precision): wake up just after it expires
    const step = getCurrentCanaryStep(ctx.rollout).step;
    if (step?.pause?.duration !== undefined) ctx.requeueAfter(pauseDurationSeconds(step.pause) * 1000 - (ctx.nowMs % 1000) + 1);
  } else if (pause === CANARY_PAUSE.Waiting) {
    const remaining = pauseRemainingMs(ctx.rollout, ctx.nowMs);
    if (remaining !== undefined) ctx.requeueAfter(remaining);
  }
  syncRolloutStatusCanary(ctx);
}

/**
 * Decide one reconcile. Blue-green rollouts are not handled here (empty plan).
 * Example: a new canary Rollout (replicas 1, steps [setWeight 20, pause {}]) → create `<name>-<hash>` (0 replicas),
 * patch the revision annotation, events RolloutUpdated, NewReplicaSetCreated, RolloutNotCompleted, one status patch;
 * the next reconcile scales it to 1 (ScalingReplicaSet) and promotes it (RolloutCompleted: Initial deploy).
 */
export function planRolloutReconcile(snapshot: RolloutSnapshot): RolloutPlan {
  const { rollout } = snapshot;
  if (rollout.metadata?.deletionTimestamp !== undefined) return { actions: [] };
  const resolution = resolveWorkloadRef(rollout, snapshot.workload);
  if (resolution.error !== undefined) {
    return planInvalidSpec(new PlanContext(rollout, snapshot.replicaSets, snapshot.pods, snapshot.nowMs), resolution.error);
  }
  const resolved = resolution.rollout;
  const ctx = new PlanContext(resolved, snapshot.replicaSets, snapshot.pods, snapshot.nowMs, rollout, snapshot.workload);
  const errors = validateRollout(resolved, { templateResolvedFromRef: rollout.spec.workloadRef !== undefined });
  const first = errors[0];
  if (first !== undefined) return planInvalidSpec(ctx, formatFieldError(first));
  if (rollout.spec.strategy?.canary === undefined) return { actions: [] };
  const referenceError = canaryReferenceError(resolved, { services: snapshot.services, templates: snapshot.analysis?.templates });
  if (referenceError !== undefined) return planInvalidSpec(ctx, referenceError);

  if (ctx.rs.newRS === undefined) createDesiredReplicaSet(ctx);
  const status = ctx.status;
  if ((status.stableRS ?? '') !== '' && status.stableRS === status.currentPodHash && ctx.pause.isAborted()) ctx.pause.removeAbort();
  if (rollout.spec.replicas === undefined) {
    ctx.actions.push({ kind: ACTION.PatchRollout, patch: { spec: { replicas: getReplicasOrDefault(rollout) } } });
    return ctx.result();
  }
  checkPausedConditions(ctx);
  syncReplicaSetRevision(ctx);
  if (isScalingEvent(ctx)) {
    syncReplicaSetRevision(ctx);
    reconcileCanaryReplicaSets(ctx, liveReferences(snapshot));
    syncReplicasOnlyStatus(ctx);
    return ctx.result();
  }
  rolloutCanary(ctx, snapshot);
  return ctx.result();
}
