/**
 * The traffic-routing stage of a canary reconcile (between revision-history GC and ReplicaSet scaling, as
 * upstream). Routing is I/O, so the decision is split in two passes over the same snapshot:
 * 1. no `snapshot.trafficRouting` yet → the plan stops at this stage with one `reconcileTrafficRouting` action
 *    carrying the §12.2 decision (`planTrafficRouting`); the actor discards that plan, routes, and
 * 2. plans again with the routing outcome: the weights go to `status.canary.weights` (their `verified` flag
 *    gates a setWeight step), a requeue is kept (verification retry), and the reconcile goes on.
 * parity: argo-rollouts rollout/canary.go rolloutCanary (stage order), rollout/trafficrouting.go reconcileTrafficRouting
 */
import type { Rollout, TrafficWeights } from '@serin/api';
import { type TrafficRoutingPlan, planTrafficRouting } from '../istio/traffic-routing-plan.js';
import type { PlanContext, RolloutPlan } from './plan.js';

export const TRAFFIC_ACTION = {
  /** Run the traffic routers for this decision, then plan again with the outcome. */
  ReconcileTrafficRouting: 'reconcileTrafficRouting',
} as const;

export interface TrafficRoutingAction {
  readonly kind: typeof TRAFFIC_ACTION.ReconcileTrafficRouting;
  readonly plan: TrafficRoutingPlan;
}

/** What the routers did (the controller's `reconcileTrafficRouting` result). */
export interface TrafficRoutingOutcome {
  /** Weights to persist; `null` clears them (no router), undefined keeps the stored ones. */
  readonly weights?: TrafficWeights | null;
  /** False while the observed routing lags the desired weight or the stable RS is short. */
  readonly done: boolean;
  readonly requeueAfterMs?: number;
}

/** `trafficRouting` fields that name a router, in upstream's order (`managedRoutes`/`maxTrafficWeight` do not). */
const ROUTER_FIELDS = ['istio', 'nginx', 'alb', 'smi', 'ambassador', 'appMesh', 'traefik', 'apisix'] as const;

/**
 * The routers a canary Rollout configures: the built-in router fields set, then every `plugins` key. Serin
 * implements `istio`; the controller fails the step for any other (unsupported-router.ts), so the routing
 * stage runs for them too and the Rollout does not advance on replica counts alone.
 * parity: argo-rollouts rollout/trafficrouting.go NewTrafficRoutingReconciler (one reconciler per router)
 */
export function configuredTrafficRouters(rollout: Rollout): string[] {
  const tr = rollout.spec.strategy?.canary?.trafficRouting;
  if (tr === undefined) return [];
  const names: string[] = ROUTER_FIELDS.filter((f) => tr[f] !== undefined && tr[f] !== null);
  return [...names, ...Object.keys(tr.plugins ?? {})];
}

/** Rollouts with a traffic router in `trafficRouting` (the routing stage runs for them). */
export function usesTrafficRouter(rollout: Rollout): boolean {
  return configuredTrafficRouters(rollout).length > 0;
}

/**
 * Returns true when planning must stop here: pass 1 (the routing action was pushed), or pass 2 at the end of the
 * rollout with the full weight not verified yet (upstream returns an error there so that the promotion and the
 * old ReplicaSets' scale-down wait; Serin requeues). Otherwise pass 2 records the outcome for the status sync; a
 * rollout without a router is untouched.
 */
export function reconcileCanaryTrafficRouting(ctx: PlanContext, outcome: TrafficRoutingOutcome | undefined): boolean {
  if (!usesTrafficRouter(ctx.rollout)) {
    // no routing at all (e.g. removed from the spec): upstream has no router and clears the weights
    if (ctx.rollout.spec.strategy?.canary?.trafficRouting === undefined && ctx.status.canary?.weights !== undefined) ctx.stages.trafficWeights = null;
    return false;
  }
  if (outcome === undefined) {
    const { newRS, stableRS, otherRSs } = ctx.rs;
    ctx.actions.push({ kind: TRAFFIC_ACTION.ReconcileTrafficRouting, plan: planTrafficRouting({ rollout: ctx.rollout, newRS, stableRS, otherRSs, experimentDestinations: ctx.stages.experimentDestinations ?? [] }) });
    return true;
  }
  if (outcome.requeueAfterMs !== undefined) ctx.requeueAfter(outcome.requeueAfterMs);
  if (outcome.weights?.verified === false) {
    const { newRS, stableRS, otherRSs } = ctx.rs;
    if (planTrafficRouting({ rollout: ctx.rollout, newRS, stableRS, otherRSs, experimentDestinations: ctx.stages.experimentDestinations ?? [] }).verifyRequiredToFinish) return true;
  }
  if (outcome.weights !== undefined) ctx.stages.trafficWeights = outcome.weights;
  return false;
}

/** The routing action of a pass-1 plan, if it stopped at the traffic-routing stage. */
export function trafficRoutingActionOf(plan: RolloutPlan): TrafficRoutingAction | undefined {
  for (const action of plan.actions) if (action.kind === TRAFFIC_ACTION.ReconcileTrafficRouting) return action;
  return undefined;
}
