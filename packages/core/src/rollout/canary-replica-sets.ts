/**
 * Scaling a canary's ReplicaSets: stable first, then new, then the others; one kind per reconcile. (With
 * trafficRouting the replica maths follow the weights; abort and scale-down delays hold ReplicaSets up.)
 * parity: argo-rollouts rollout/canary.go reconcileCanaryReplicaSets, reconcileCanaryStableReplicaSet;
 *         rollout/replicaset.go reconcileNewReplicaSet, syncNewRSReplicasAnnotation, reconcileOtherReplicaSets,
 *         removeScaleDownDeadlines;
 *         rollout/context.go haltProgress
 */
import type { V1ReplicaSet } from '@kubernetes/client-node';
import { ANNOTATION, PAUSE_REASON, type TrafficWeights } from '@serin/api';
import { calculateReplicaCountsForBasicCanary } from '../replica-set/basic-canary.js';
import { calculateReplicaCountsForTrafficRoutedCanary } from '../replica-set/traffic-routed-canary.js';
import { checkStableRSExists, getReplicaCountForReplicaSets } from '../replica-set/replica-counts.js';
import { ABORT_HOLD, abortHoldForNewReplicaSet, shouldDelayScaleDownOnAbort } from './canary-abort-delay.js';
import { scaleDownOldReplicaSetsForCanary } from './canary-old-replica-sets.js';
import type { LiveReferences } from './canary-scale-down-delay.js';
import { getPauseCondition } from './pause.js';
import { ACTION, type PlanContext } from './plan.js';
import { classifyReplicaSets, isActive, revisionOf, specReplicas } from './replica-sets.js';
import { scaleDeployment, scaleReplicaSetAndRecordEvent } from './sync-revision.js';
import { desiredDeploymentReplicas } from './workload-ref.js';

/** Why scaling is held: `user paused` (spec.paused) or `inconclusive analysis`; "" when not held. */
export function haltProgress(ctx: PlanContext): string {
  if (ctx.rollout.spec.paused === true) return 'user paused';
  if (getPauseCondition(ctx.rollout, PAUSE_REASON.InconclusiveAnalysis) !== undefined) return 'inconclusive analysis';
  return '';
}

/** Weights as this reconcile leaves them (`newStatus.canary.weights`): the routers' outcome, else the stored ones. */
function newStatusWeights(ctx: PlanContext): TrafficWeights | undefined {
  const routed = ctx.stages.trafficWeights;
  return routed === undefined ? ctx.status.canary?.weights : (routed ?? undefined);
}

/**
 * Desired counts: basic canary maths, or with trafficRouting the traffic-routed maths over `weights`. The stable
 * RS is sized from the stored weights (so its scaling lags the weight change by one reconcile, no flap to 100 % at
 * the end of the steps), the new RS from the weights just set.
 * parity: argo-rollouts rollout/canary.go reconcileCanaryStableReplicaSet; rollout/replicaset.go reconcileNewReplicaSet
 */
function desiredCounts(ctx: PlanContext, weights: TrafficWeights | undefined): { newRSReplicaCount: number; stableRSReplicaCount: number } {
  const { newRS, stableRS, otherRSs } = ctx.rs;
  if (ctx.rollout.spec.strategy?.canary?.trafficRouting === undefined) return calculateReplicaCountsForBasicCanary(ctx.rollout, newRS, stableRS, otherRSs);
  return calculateReplicaCountsForTrafficRoutedCanary(ctx.rollout, weights, newRS, stableRS);
}

/**
 * A ReplicaSet that is desired again (new or stable) loses its `scale-down-deadline`; the new RS keeps it while an
 * abort delays its scale-down (shouldDelayScaleDownOnAbort).
 */
function removeScaleDownDeadlines(ctx: PlanContext): void {
  const { newRS, stableRS } = ctx.rs;
  const delayingAbort = shouldDelayScaleDownOnAbort(ctx);
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

/**
 * Returns true when something was scaled (the rest waits for the next reconcile). `live`: the Services and
 * DestinationRule the snapshot carries, so that an old RS they still select is not scaled down.
 */
export function reconcileCanaryReplicaSets(ctx: PlanContext, live: LiveReferences = {}): boolean {
  if (haltProgress(ctx) !== '') return false;
  removeScaleDownDeadlines(ctx);
  const { newRS, stableRS, otherRSs } = ctx.rs;
  if (checkStableRSExists(newRS, stableRS)) {
    const { stableRSReplicaCount } = desiredCounts(ctx, ctx.status.canary?.weights);
    if (scaleReplicaSetAndRecordEvent(ctx, stableRS, stableRSReplicaCount)) return true;
  }
  if (newRS !== undefined) {
    const hold = abortHoldForNewReplicaSet(ctx);
    // held at its size, but its desired-replicas annotation follows spec.replicas (an HPA scaling mid-abort must
    // not leave every reconcile on the scale-only path until the deadline)
    if (hold === ABORT_HOLD.Hold) {
      scaleReplicaSetAndRecordEvent(ctx, newRS, specReplicas(newRS));
    } else {
      const newRSReplicaCount = hold === ABORT_HOLD.ScaleToZero ? 0 : desiredCounts(ctx, newStatusWeights(ctx)).newRSReplicaCount;
      const scaled = scaleReplicaSetAndRecordEvent(ctx, newRS, newRSReplicaCount);
      const target = desiredDeploymentReplicas(ctx.rollout, 'progressively', { revision: revisionOf(newRS) ?? 0, newRSScaledFrom: specReplicas(newRS), newRSScaledTo: newRSReplicaCount });
      if (target !== undefined) scaleDeployment(ctx, target);
      if (scaled) return true;
    }
  }
  const active = otherRSs.filter((rs) => isActive(rs));
  if (getReplicaCountForReplicaSets(active) === 0) return false;
  return scaleDownOldReplicaSetsForCanary(ctx, active, live) > 0;
}
