/**
 * The InvalidSpec outcome shared by the canary and blue-green planners.
 * parity: argo-rollouts rollout/controller.go (InvalidSpec condition on a failed validation)
 */
import { CONDITION_MESSAGE, CONDITION_REASON } from '@serin/api';
import { getCondition, newCondition, removeCondition, setCondition } from './conditions.js';
import { patchStatusIfChanged, setPhase } from './persist-status.js';
import type { PlanContext, RolloutPlan } from './plan.js';

/** Requeue delay for a rollout with an invalid spec (the error may be timing related). */
export const INVALID_SPEC_REQUEUE_MS = 20_000;

/**
 * InvalidSpec: condition `The Rollout "<name>" is invalid: <first field error>` (kept, times included, while the
 * message is unchanged), observedGeneration and phase Degraded; one patch only when something changed.
 */
export function planInvalidSpec(ctx: PlanContext, fieldError: string): RolloutPlan {
  const ro = ctx.rollout;
  const status = ro.status ?? {};
  const message = CONDITION_MESSAGE.invalidSpec(ro.metadata?.name ?? '', fieldError);
  const prev = getCondition(status, 'InvalidSpec');
  const cond = prev !== undefined && prev.message === message ? prev : newCondition('InvalidSpec', 'True', CONDITION_REASON.InvalidSpec, message, ctx.nowMs);
  if (status.observedGeneration !== String(ro.metadata?.generation ?? 0) || cond !== prev) {
    const next = structuredClone(status);
    if (prev !== undefined && prev.message !== cond.message) next.conditions = removeCondition(next.conditions, 'InvalidSpec');
    next.conditions = setCondition(next.conditions, cond).conditions;
    next.observedGeneration = String(ro.metadata?.generation ?? 0);
    setPhase(ctx, next);
    patchStatusIfChanged(ctx, next);
  }
  ctx.requeueAfter(INVALID_SPEC_REQUEUE_MS);
  return ctx.result();
}
