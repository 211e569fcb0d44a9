/**
 * Scaling a canary's ReplicaSets: stable first, then new, then the others; one kind per reconcile. (With
 * trafficRouting only the replica maths differ here; weights, scale-down deadlines and the router are not driven.)
 * parity: argo-rollouts rollout/canary.go reconcileCanaryReplicaSets, reconcileCanaryStableReplicaSet,
 *         scaleDownOldReplicaSetsForCanary; rollout/replicaset.go reconcileNewReplicaSet,
 *         reconcileOtherReplicaSets, cleanupUnhealthyReplicas; rollout/context.go haltProgress
 */
import type { V1ReplicaSet } from '@kubernetes/client-node';
import { ANNOTATION, PAUSE_REASON, getReplicasOrDefault } from '@serin/api';
import { calculateReplicaCountsForBasicCanary } from '../replica-set/basic-canary.js';
import { calculateReplicaCountsForTrafficRoutedCanary } from '../replica-set/traffic-routed-canary.js';
import { maxUnavailable } from '../replica-set/fenceposts.js';
import { checkStableRSExists, getAvailableReplicaCountForReplicaSets, getReplicaCountForReplicaSets } from '../replica-set/replica-counts.js';
import { holdNewReplicaSetOnAbort } from './canary-abort-delay.js';
import { scaleDownOldReplicaSetsForRoutedCanary } from './canary-scale-down-delay.js';
import { getPauseCondition } from './pause.js';
import { ACTION, type PlanContext } from './plan.js';
import { classifyReplicaSets, isActive, revisionOf, sortByCreation, specReplicas } from './replica-sets.js';
import { scaleDeployment, scaleReplicaSetAndRecordEvent } from './sync-revision.js';
import { desiredDeploymentReplicas } from './workload-ref.js';

/** Why scaling is held: `user paused` (spec.paused) or `inconclusive analysis`; "" when not held. */
export function haltProgress(ctx: PlanContext): string {
  if (ctx.rollout.spec.paused === true) return 'user paused';
  if (getPauseCondition(ctx.rollout, PAUSE_REASON.InconclusiveAnalysis) !== undefined) return 'inconclusive analysis';
  return '';
}

/**
 * Old RSs of a basic canary: first shrink each to its available pods (unhealthy pods never count), then scale
 * down, newest revision first, by at most `Σ available(all) − (spec − maxUnavailable)`. Returns pods removed.
 */
function scaleDownOldReplicaSetsForCanary(ctx: PlanContext, oldRSs: readonly V1ReplicaSet[]): number {
  let total = 0;
  const cleaned = sortByCreation(oldRSs).map((rs) => {
    const spec = specReplicas(rs);
    const available = rs.status?.availableReplicas ?? 0;
    if (spec === 0 || spec === available) return rs;
    scaleReplicaSetAndRecordEvent(ctx, rs, available);
    total += spec - available;
    const copy = structuredClone(rs);
    copy.spec = { ...(copy.spec ?? { selector: {} }), replicas: available };
    return copy;
  });
  const minAvailable = getReplicasOrDefault(ctx.rollout) - maxUnavailable(ctx.rollout);
  let maxScaleDown = getAvailableReplicaCountForReplicaSets(ctx.rs.allRSs) - minAvailable;
  // parity: upstream reports 0 here even when unhealthy replicas were just cleaned up
  if (maxScaleDown <= 0) return 0;
  const byRevisionDesc = [...cleaned].sort((a, b) => (revisionOf(b) ?? 0) - (revisionOf(a) ?? 0));
  for (const rs of byRevisionDesc) {
    if (maxScaleDown <= 0) break;
    const spec = specReplicas(rs);
    if (spec === 0) continue;
    const desired = spec > maxScaleDown ? spec - maxScaleDown : 0;
    if (spec === desired) continue;
    scaleReplicaSetAndRecordEvent(ctx, rs, desired);
    maxScaleDown -= spec - desired;
    total += spec - desired;
  }
  return total;
}

/**
 * Desired counts: basic canary maths, or with trafficRouting the traffic-routed maths over the weights recorded in
 * the stored status (so stable scaling lags the weight change by one reconcile, as upstream).
 */
function desiredCounts(ctx: PlanContext): { newRSReplicaCount: number; stableRSReplicaCount: number } {
  const { newRS, stableRS, otherRSs } = ctx.rs;
  if (ctx.rollout.spec.strategy?.canary?.trafficRouting === undefined) return calculateReplicaCountsForBasicCanary(ctx.rollout, newRS, stableRS, otherRSs);
  return calculateReplicaCountsForTrafficRoutedCanary(ctx.rollout, ctx.status.canary?.weights, newRS, stableRS);
}

/**
 * A ReplicaSet that is desired again (new or stable) loses its `scale-down-deadline`; the new RS keeps it while an
 * aborted traffic-routed canary waits for its abort scale-down delay.
 */
function removeScaleDownDeadlines(ctx: PlanContext): void {
  const { newRS, stableRS } = ctx.rs;
  const delayingAbort = ctx.pause.isAborted() && ctx.rollout.spec.strategy?.canary?.trafficRouting !== undefined;
  const targets = [delayingAbort ? undefined : newRS, stableRS !== undefined && stableRS.metadata?.name !== newRS?.metadata?.name ? stableRS : undefined];
  if (delayingAbort && stableRS === newRS) targets.push(stableRS);
  const cleared = new Map<string, V1ReplicaSet>();
  for (const rs of targets) {
    if (rs === undefined || (rs.metadata?.annotations?.[ANNOTATION.ScaleDownDeadline] ?? '') === '') continue;
    const name = rs.metadata?.name ?? '';
    ctx.actions.push({ kind: ACTION.PatchReplicaSet, name, patch: { metadata: { annotations: { [ANNOTATION.ScaleDownDeadline]: null } } } });
    const copy = structuredClone(rs);
    delete copy.metadata?.annotations?.[ANNOTATION.ScaleDownDeadline];
    cleared.set(name, copy);
  }
  if (cleared.size === 0) return;
  const swap = (rs: V1ReplicaSet): V1ReplicaSet => cleared.get(rs.metadata?.name ?? '') ?? rs;
  ctx.rs = classifyReplicaSets(ctx.rollout, ctx.rs.allRSs.map(swap), newRS === undefined ? undefined : swap(newRS));
}

/** Returns true when something was scaled (the rest waits for the next reconcile). */
export function reconcileCanaryReplicaSets(ctx: PlanContext): boolean {
  if (haltProgress(ctx) !== '') return false;
  removeScaleDownDeadlines(ctx);
  const { newRS, stableRS, otherRSs } = ctx.rs;
  if (checkStableRSExists(newRS, stableRS)) {
    const { stableRSReplicaCount } = desiredCounts(ctx);
    if (scaleReplicaSetAndRecordEvent(ctx, stableRS, stableRSReplicaCount)) return true;
  }
  if (newRS !== undefined && !holdNewReplicaSetOnAbort(ctx)) {
    const { newRSReplicaCount } = desiredCounts(ctx);
    const scaled = scaleReplicaSetAndRecordEvent(ctx, newRS, newRSReplicaCount);
    const target = desiredDeploymentReplicas(ctx.rollout, 'progressively', { revision: revisionOf(newRS) ?? 0, newRSScaledFrom: specReplicas(newRS), newRSScaledTo: newRSReplicaCount });
    if (target !== undefined) scaleDeployment(ctx, target);
    if (scaled) return true;
  }
  const active = otherRSs.filter((rs) => isActive(rs));
  if (getReplicaCountForReplicaSets(active) === 0) return false;
  if (ctx.rollout.spec.strategy?.canary?.trafficRouting !== undefined) return scaleDownOldReplicaSetsForRoutedCanary(ctx, active) > 0;
  return scaleDownOldReplicaSetsForCanary(ctx, active) > 0;
}
