/**
 * Scaling down the old ("other") ReplicaSets of a canary, basic or traffic-routed: unhealthy pods go first, then
 * whole ReplicaSets, newest revision first, within the availability budget.
 * parity: argo-rollouts rollout/canary.go scaleDownOldReplicaSetsForCanary; rollout/replicaset.go cleanupUnhealthyReplicas
 */
import type { V1ReplicaSet } from '@kubernetes/client-node';
import { getReplicasOrDefault } from '@serin/api';
import { maxUnavailable } from '../replica-set/fenceposts.js';
import { getAvailableReplicaCountForReplicaSets } from '../replica-set/replica-counts.js';
import { type DelayBudget, type LiveReferences, isReplicaSetReferenced, referencedHashes, routedOldReplicaSetReplicas } from './canary-scale-down-delay.js';
import type { PlanContext } from './plan.js';
import { revisionOf, sortByCreation, specReplicas } from './replica-sets.js';
import { scaleReplicaSetAndRecordEvent } from './sync-revision.js';

/**
 * Shrink each scaled-up old RS (oldest first) to its available pods, so unhealthy pods never hold a rollout up.
 * Returns the ReplicaSets as they are after it and the pods removed; `undefined` when an RS reports more available
 * pods than it asks for (status lagging a scale-down): upstream refuses that request and the scale-down of the old
 * RSs stops for this reconcile (what was cleaned before it stays cleaned).
 */
export function cleanupUnhealthyReplicas(ctx: PlanContext, oldRSs: readonly V1ReplicaSet[]): { replicaSets: V1ReplicaSet[]; scaledDown: number } | undefined {
  let scaledDown = 0;
  const replicaSets: V1ReplicaSet[] = [];
  for (const rs of sortByCreation(oldRSs)) {
    const spec = specReplicas(rs);
    const available = rs.status?.availableReplicas ?? 0;
    if (spec === 0 || spec === available) {
      replicaSets.push(rs);
      continue;
    }
    if (available > spec) return undefined;
    scaleReplicaSetAndRecordEvent(ctx, rs, available);
    scaledDown += spec - available;
    const copy = structuredClone(rs);
    copy.spec = { ...(copy.spec ?? { selector: {} }), replicas: available };
    replicaSets.push(copy);
  }
  return { replicaSets, scaledDown };
}

/**
 * Scale down the old RSs; returns the pods removed. After the unhealthy clean-up, with
 * `maxScaleDown = Σ available(all) − (spec − maxUnavailable)` (≤ 0: nothing, 0 reported), newest revision first:
 * - basic canary: each RS loses up to `maxScaleDown` pods (their pods would otherwise take traffic);
 * - traffic-routed: a still-referenced RS is skipped, others go to routedOldReplicaSetReplicas (delay or 0).
 */
export function scaleDownOldReplicaSetsForCanary(ctx: PlanContext, oldRSs: readonly V1ReplicaSet[], live: LiveReferences = {}): number {
  const cleaned = cleanupUnhealthyReplicas(ctx, oldRSs);
  if (cleaned === undefined) return 0;
  let total = cleaned.scaledDown;
  const minAvailable = getReplicasOrDefault(ctx.rollout) - maxUnavailable(ctx.rollout);
  let maxScaleDown = getAvailableReplicaCountForReplicaSets(ctx.rs.allRSs) - minAvailable;
  // parity: upstream reports 0 here even when unhealthy replicas were just cleaned up
  if (maxScaleDown <= 0) return 0;
  const routed = ctx.rollout.spec.strategy?.canary?.trafficRouting !== undefined;
  const references = routed ? referencedHashes(ctx, live) : new Set<string>();
  const budget: DelayBudget = { annotated: 0 };
  const byRevisionDesc = [...cleaned.replicaSets].sort((a, b) => (revisionOf(b) ?? 0) - (revisionOf(a) ?? 0));
  for (const rs of byRevisionDesc) {
    // "we might get here if the user interrupted an update to move back to stable"
    if (routed && isReplicaSetReferenced(references, rs)) continue;
    if (maxScaleDown <= 0) break;
    const spec = specReplicas(rs);
    if (spec === 0) continue;
    const desired = routed ? routedOldReplicaSetReplicas(ctx, rs, budget) : Math.max(0, spec - maxScaleDown);
    if (spec === desired) continue;
    scaleReplicaSetAndRecordEvent(ctx, rs, desired);
    maxScaleDown -= spec - desired;
    total += spec - desired;
  }
  return total;
}
