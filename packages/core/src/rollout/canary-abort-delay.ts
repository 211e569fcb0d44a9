/**
 * Aborted traffic-routed canary: the new ReplicaSet keeps its pods for `abortScaleDownDelaySeconds` (default 30 s)
 * once the stable ReplicaSet is fully available, via the `scale-down-deadline` annotation, and is scaled down
 * after the deadline. `abortScaleDownDelaySeconds: 0` means never (the replica maths keeps the canary up).
 * parity: argo-rollouts rollout/replicaset.go reconcileNewReplicaSet (shouldDelayScaleDownOnAbort, addScaleDownDelay)
 */
import { ANNOTATION, getAbortScaleDownDelaySecondsOrDefault, getReplicasOrDefault } from '@serin/api';
import { ACTION, type PlanContext } from './plan.js';
import { metaTime, parseMetaTime } from './time.js';

/**
 * True when the new RS must not be scaled in this reconcile: aborted with a routed canary and a delay, and either
 * the stable RS is not fully available yet, or the deadline is being set now (patch, requeue at the deadline), or
 * it has not passed. After the deadline: false (the RS goes to the maths' count, 0 on abort).
 * Example: abort at 10:00:00 with stable 5/5 → annotate `scale-down-deadline: 10:00:30Z`, requeue 30 s; at 10:00:31
 * → scale the canary to 0.
 */
export function holdNewReplicaSetOnAbort(ctx: PlanContext): boolean {
  const { newRS, stableRS } = ctx.rs;
  if (!ctx.pause.isAborted() || ctx.rollout.spec.strategy?.canary?.trafficRouting === undefined) return false;
  if (newRS === undefined || stableRS === undefined || newRS.metadata?.name === stableRS.metadata?.name) return false;
  // already down (the scale to 0 dropped the deadline): nothing left to hold
  if ((newRS.spec?.replicas ?? 0) === 0) return false;
  const delaySeconds = getAbortScaleDownDelaySecondsOrDefault(ctx.rollout).delaySeconds;
  if (delaySeconds === null || delaySeconds <= 0) return false;
  const text = newRS.metadata?.annotations?.[ANNOTATION.ScaleDownDeadline] ?? '';
  if (text === '') {
    // annotate only once the stable RS carries everything again
    if ((stableRS.status?.availableReplicas ?? 0) < getReplicasOrDefault(ctx.rollout)) return true;
    const deadlineMs = ctx.nowMs + delaySeconds * 1000;
    ctx.actions.push({ kind: ACTION.PatchReplicaSet, name: newRS.metadata?.name ?? '', patch: { metadata: { annotations: { [ANNOTATION.ScaleDownDeadline]: metaTime(deadlineMs) } } } });
    ctx.requeueAfter(delaySeconds * 1000);
    return true;
  }
  const at = parseMetaTime(text);
  if (at !== undefined && at > ctx.nowMs) {
    ctx.requeueAfter(at - ctx.nowMs);
    return true;
  }
  return false;
}
