/**
 * Old ReplicaSets of a traffic-routed canary: after promotion the previous stable RS keeps its pods for
 * `scaleDownDelaySeconds` (default 30 s, `scale-down-deadline` annotation) so traffic still in flight to it is
 * served; at most `scaleDownDelayRevisionLimit` old RSs wait this way (the rest go to 0 at once). An RS still
 * referenced by the status (stable, current, routed weights) is left alone.
 * parity: argo-rollouts rollout/canary.go scaleDownOldReplicaSetsForCanary (traffic-routed branch),
 *         rollout/replicaset.go scaleDownDelayHelper, isReplicaSetReferenced, addScaleDownDelay
 */
import type { V1ReplicaSet } from '@kubernetes/client-node';
import { ANNOTATION, getReplicasOrDefault, getScaleDownDelaySecondsOrDefault } from '@serin/api';
import { maxUnavailable } from '../replica-set/fenceposts.js';
import { getAvailableReplicaCountForReplicaSets } from '../replica-set/replica-counts.js';
import { ACTION, type PlanContext } from './plan.js';
import { podTemplateHashOf, sortByCreation, specReplicas } from './replica-sets.js';
import { scaleReplicaSetAndRecordEvent } from './sync-revision.js';
import { metaTime, parseMetaTime } from './time.js';

/** The hashes the stored status still points at: stable, current, and the routed canary/stable weights. */
function referencedHashes(ctx: PlanContext): Set<string> {
  const s = ctx.status;
  const w = s.canary?.weights;
  return new Set([s.stableRS, s.currentPodHash, w?.canary.podTemplateHash, w?.stable.podTemplateHash].filter((h): h is string => h !== undefined && h !== ''));
}

/**
 * Scale down the old RSs of a routed canary, honouring the delay. Returns the pods removed.
 * Per old RS (oldest first), while `available(all) − (spec − maxUnavailable)` allows: referenced → skip; no
 * deadline → annotate `now + delay` (within the revision limit) and keep it; deadline not reached → keep it at
 * spec replicas; deadline passed or over the limit → 0.
 */
export function scaleDownOldReplicaSetsForRoutedCanary(ctx: PlanContext, oldRSs: readonly V1ReplicaSet[]): number {
  const replicas = getReplicasOrDefault(ctx.rollout);
  let maxScaleDown = getAvailableReplicaCountForReplicaSets(ctx.rs.allRSs) - (replicas - maxUnavailable(ctx.rollout));
  if (maxScaleDown <= 0) return 0;
  const limit = ctx.rollout.spec.strategy?.canary?.scaleDownDelayRevisionLimit ?? Number.MAX_SAFE_INTEGER;
  const delaySeconds = getScaleDownDelaySecondsOrDefault(ctx.rollout);
  const referenced = referencedHashes(ctx);
  let annotated = 0;
  let total = 0;
  for (const rs of sortByCreation(oldRSs)) {
    if (referenced.has(podTemplateHashOf(rs))) continue;
    if (maxScaleDown <= 0) break;
    const current = specReplicas(rs);
    if (current === 0) continue;
    let desired = 0;
    const text = rs.metadata?.annotations?.[ANNOTATION.ScaleDownDeadline] ?? '';
    if (text === '') {
      if (annotated < limit && delaySeconds > 0) {
        annotated++;
        desired = current;
        ctx.actions.push({ kind: ACTION.PatchReplicaSet, name: rs.metadata?.name ?? '', patch: { metadata: { annotations: { [ANNOTATION.ScaleDownDeadline]: metaTime(ctx.nowMs + delaySeconds * 1000) } } } });
        ctx.requeueAfter(delaySeconds * 1000);
      }
    } else {
      annotated++;
      const at = parseMetaTime(text);
      if (annotated <= limit && at !== undefined && at > ctx.nowMs) {
        ctx.requeueAfter(at - ctx.nowMs);
        desired = replicas;
      }
    }
    if (desired === current) continue;
    scaleReplicaSetAndRecordEvent(ctx, rs, desired);
    if (desired < current) {
      maxScaleDown -= current - desired;
      total += current - desired;
    }
  }
  return total;
}
