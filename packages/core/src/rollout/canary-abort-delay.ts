/**
 * Aborted traffic-routed canary: the new ReplicaSet keeps its pods for `abortScaleDownDelaySeconds` (default 30 s)
 * once the stable ReplicaSet is fully available, via the `scale-down-deadline` annotation, and goes to 0 after the
 * deadline. `abortScaleDownDelaySeconds: 0` means never (the replica maths keeps the canary up); with
 * `dynamicStableScale` and no explicit delay the canary shrinks with the weights instead (no deadline).
 * parity: argo-rollouts rollout/replicaset.go reconcileNewReplicaSet, shouldDelayScaleDownOnAbort, addScaleDownDelay;
 *         utils/defaults/defaults.go HasExplicitAbortScaleDownDelay
 */
import { ANNOTATION, getAbortScaleDownDelaySecondsOrDefault, getReplicasOrDefault, hasExplicitAbortScaleDownDelay } from '@serin/api';
import { ACTION, type PlanContext } from './plan.js';
import { metaTime, parseMetaTime } from './time.js';

/**
 * Whether an abort delays the new RS's scale-down (and so keeps its `scale-down-deadline`):
 * aborted ∧ stable RS exists ∧ trafficRouting ∧ abortScaleDownDelaySeconds ≠ 0 ∧ ¬(dynamicStableScale ∧ no explicit delay).
 * Shared by the deadline clean-up and the new RS's scaling, so both agree.
 */
export function shouldDelayScaleDownOnAbort(ctx: PlanContext): boolean {
  if (!ctx.pause.isAborted() || ctx.rs.stableRS === undefined) return false;
  const canary = ctx.rollout.spec.strategy?.canary;
  // a basic canary never delays (blue-green has its own path)
  if (canary?.trafficRouting === undefined) return false;
  // explicit 0: the canary stays up indefinitely, the replica maths decide
  if (getAbortScaleDownDelaySecondsOrDefault(ctx.rollout).delaySeconds === null) return false;
  return canary.dynamicStableScale !== true || hasExplicitAbortScaleDownDelay(ctx.rollout);
}

export const ABORT_HOLD = {
  /** Not delayed: scale the new RS to the replica maths' count. */
  None: 'none',
  /** Keep the new RS as it is this reconcile. */
  Hold: 'hold',
  /** The deadline passed: the new RS goes to 0. */
  ScaleToZero: 'scaleToZero',
} as const;
export type AbortHold = (typeof ABORT_HOLD)[keyof typeof ABORT_HOLD];

/**
 * What the abort delay does to the new RS this reconcile (see shouldDelayScaleDownOnAbort):
 * - no deadline yet: hold; annotate `now + delay` (requeue at it) once the stable RS is fully available;
 * - deadline in the future: hold, requeue at it; deadline passed: scale to 0; unreadable deadline: none.
 * Example: abort at 10:00:00 with stable 5/5 → annotate `scale-down-deadline: 10:00:30Z`, requeue 30 s; at 10:00:31
 * → scale the canary to 0.
 */
export function abortHoldForNewReplicaSet(ctx: PlanContext): AbortHold {
  const { newRS, stableRS } = ctx.rs;
  if (newRS === undefined || stableRS === undefined || !shouldDelayScaleDownOnAbort(ctx)) return ABORT_HOLD.None;
  if (newRS.metadata?.name === stableRS.metadata?.name) return ABORT_HOLD.None;
  // already down (the scale to 0 dropped the deadline): nothing left to hold
  if ((newRS.spec?.replicas ?? 0) === 0) return ABORT_HOLD.None;
  const text = newRS.metadata?.annotations?.[ANNOTATION.ScaleDownDeadline] ?? '';
  if (text === '') {
    const delaySeconds = getAbortScaleDownDelaySecondsOrDefault(ctx.rollout).delaySeconds ?? 0;
    // annotate only once the stable RS carries everything again (the deadline scales the canary to 0 unconditionally)
    if ((stableRS.status?.availableReplicas ?? 0) < getReplicasOrDefault(ctx.rollout)) return ABORT_HOLD.Hold;
    ctx.actions.push({ kind: ACTION.PatchReplicaSet, name: newRS.metadata?.name ?? '', patch: { metadata: { annotations: { [ANNOTATION.ScaleDownDeadline]: metaTime(ctx.nowMs + delaySeconds * 1000) } } } });
    ctx.requeueAfter(delaySeconds * 1000);
    return ABORT_HOLD.Hold;
  }
  const at = parseMetaTime(text);
  if (at === undefined) return ABORT_HOLD.None;
  if (at > ctx.nowMs) {
    ctx.requeueAfter(at - ctx.nowMs);
    return ABORT_HOLD.Hold;
  }
  return ABORT_HOLD.ScaleToZero;
}
