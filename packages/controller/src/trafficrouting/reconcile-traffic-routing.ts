/**
 * The traffic-routing step's actor: carries out a `planTrafficRouting` decision against the routers,
 * in upstream's order, and reports the weights to persist and whether the step may advance.
 * Beyond Argo: the step is done only when every router verified the weight (Istio verifies against
 * the informer cache), so `status.canary.weights.verified` is meaningful for Istio too.
 * parity: argo-rollouts rollout/trafficrouting.go reconcileTrafficRouting (order of calls and events)
 */
import type { Rollout, TrafficWeights } from '@serin/api';
import { EVENT_MESSAGE, EVENT_REASON } from '@serin/api';
import type { TrafficRoutingPlan } from '@serin/core';
import type { EventRecorder } from '@serin/kube';
import type { TrafficRouter } from './traffic-router.js';

/** Upstream `ROLLOUT_VERIFY_RETRY_INTERVAL` default. */
export const VERIFY_RETRY_INTERVAL_MS = 10_000;

export interface TrafficRoutingDeps {
  readonly rollout: Rollout;
  readonly routers: readonly TrafficRouter[];
  readonly recorder: EventRecorder;
  /** Point the canary Service at the stable hash (abort); the rollout reconciler owns Services. */
  readonly switchCanaryServiceToStable?: () => Promise<void>;
  readonly verifyRetryIntervalMs?: number;
}

export interface TrafficRoutingResult {
  /** `status.canary.weights` to persist: the new weights, `null` to clear (no routers), undefined to keep. */
  readonly weights?: TrafficWeights | null;
  /** False while the observed routing lags the desired weight (or the stable RS is short): do not advance. */
  readonly done: boolean;
  readonly requeueAfterMs?: number;
  /** Why not done, for logs. */
  readonly reason?: string;
}

function warn(deps: TrafficRoutingDeps, reason: string, message: string): void {
  deps.recorder.warn(deps.rollout, { reason }, message);
}

async function routingCall(deps: TrafficRoutingDeps, call: () => Promise<void>): Promise<void> {
  try {
    await call();
  } catch (err) {
    warn(deps, EVENT_REASON.TrafficRoutingError, err instanceof Error ? err.message : String(err));
    throw err;
  }
}

/**
 * Per router: [switch canary Service] → [removeManagedRoutes] → (stop if the stable RS is short) →
 * [setHeaderRoute] → [setMirrorRoute] → [setWeight first when the new RS is empty] → updateHash →
 * setWeight → `TrafficWeightUpdated` when the weights changed → verifyWeight.
 */
export async function reconcileTrafficRouting(plan: TrafficRoutingPlan, deps: TrafficRoutingDeps): Promise<TrafficRoutingResult> {
  if (deps.routers.length === 0) return { weights: null, done: true };
  let verified: boolean | undefined;
  for (const router of deps.routers) {
    if (plan.switchCanaryServiceToStable && deps.switchCanaryServiceToStable !== undefined) await deps.switchCanaryServiceToStable();
    if (plan.removeManagedRoutes) await router.removeManagedRoutes();
    if (plan.waitForStable) return { done: false, reason: 'stable ReplicaSet cannot carry the remaining traffic yet' };
    if (plan.headerRoute !== undefined) await router.setHeaderRoute(plan.headerRoute);
    if (plan.mirrorRoute !== undefined) await router.setMirrorRoute(plan.mirrorRoute);
    if (plan.setWeightBeforeHash) await routingCall(deps, () => router.setWeight(plan.desiredWeight, plan.additional));
    await router.updateHash(plan.canaryHash, plan.stableHash, plan.additional);
    await routingCall(deps, () => router.setWeight(plan.desiredWeight, plan.additional));
    if (plan.weightsChanged) deps.recorder.event(deps.rollout, { reason: EVENT_REASON.TrafficWeightUpdated }, plan.weightEventMessage);
    try {
      const v = await router.verifyWeight(plan.desiredWeight, plan.additional);
      if (v !== undefined) verified = (verified ?? true) && v;
    } catch (err) {
      warn(deps, EVENT_REASON.WeightVerifyError, EVENT_MESSAGE.weightVerifyError(err instanceof Error ? err.message : String(err)));
      verified = false;
    }
  }
  const previous = deps.rollout.status?.canary?.weights;
  const base = plan.weightsChanged || previous === undefined ? plan.weights : previous;
  const weights: TrafficWeights = verified === undefined ? base : { ...base, verified };
  if (verified === false) {
    return {
      weights,
      done: false,
      requeueAfterMs: deps.verifyRetryIntervalMs ?? VERIFY_RETRY_INTERVAL_MS,
      reason: plan.verifyRequiredToFinish ? `end of rollout, desired weight ${plan.desiredWeight} not yet verified` : `desired weight ${plan.desiredWeight} not yet verified`,
    };
  }
  return { weights, done: true };
}
