/**
 * The canary reconciler's traffic-routing stage (actor side): build the Rollout's routers (Istio; any other
 * configured router fails its step, unsupported-router.ts), carry out the
 * core's `planTrafficRouting` decision through `reconcileTrafficRouting`, and hand the outcome back to the second
 * planning pass (weights to persist, whether the weight is verified, requeue).
 * parity: argo-rollouts rollout/trafficrouting.go reconcileTrafficRouting (called from rollout/canary.go rolloutCanary)
 */
import type { V1ReplicaSet } from '@kubernetes/client-node';
import type { Rollout } from '@serin/api';
import type { TrafficRoutingOutcome, TrafficRoutingPlan } from '@serin/core';
import type { CustomObject, EventRecorder, Lister, Logger, ResourceClient } from '@serin/kube';
import { newTrafficRouters } from '../trafficrouting/istio-router.js';
import { reconcileTrafficRouting } from '../trafficrouting/reconcile-traffic-routing.js';
import { unsupportedTrafficRouters } from '../trafficrouting/unsupported-router.js';
import { WrittenObjects } from '../trafficrouting/written-objects.js';

export interface CanaryTrafficDeps {
  readonly virtualServices: ResourceClient<CustomObject>;
  readonly destinationRules: ResourceClient<CustomObject>;
  /** Informer caches; without them the router reads (and verifies) with GETs. */
  readonly virtualServiceLister?: Lister<CustomObject>;
  readonly destinationRuleLister?: Lister<CustomObject>;
  /** Requeue after an unverified weight (default upstream's 10 s). */
  readonly verifyRetryIntervalMs?: number;
}

export class CanaryTrafficStage {
  /** Read-your-own-writes across reconciles (the informer may lag our last patch). */
  private readonly written = new WrittenObjects();

  constructor(
    private readonly deps: CanaryTrafficDeps | undefined,
    private readonly recorder: EventRecorder,
  ) {}

  /**
   * The DestinationRule `trafficRouting.istio.destinationRule` names, from the informer cache (our own newer write
   * when the cache lags); undefined without a lister or when not cached. The planner keeps an old ReplicaSet its
   * subsets still select.
   * parity: argo-rollouts rollout/replicaset.go isReplicaSetReferencedByIstioDestinationRule (lister only)
   */
  destinationRule(namespace: string, rollout: Rollout): CustomObject | undefined {
    const name = rollout.spec.strategy?.canary?.trafficRouting?.istio?.destinationRule?.name ?? '';
    const lister = this.deps?.destinationRuleLister;
    if (name === '' || lister === undefined) return undefined;
    return this.written.freshest('DestinationRule', namespace, name, lister.get(namespace, name));
  }

  /**
   * Route traffic for `plan`. Without router clients nothing is written and the stored weights stay (`done`).
   * Router errors propagate (the reconcile fails and backs off, as upstream returns the error).
   */
  async run(
    rollout: Rollout,
    replicaSets: readonly V1ReplicaSet[],
    plan: TrafficRoutingPlan,
    log: Logger,
    switchCanaryServiceToStable?: () => Promise<void>,
  ): Promise<TrafficRoutingOutcome> {
    const deps = this.deps;
    if (deps === undefined) return { done: true };
    const routers = [
      ...newTrafficRouters({
        rollout,
        virtualServices: deps.virtualServices,
        destinationRules: deps.destinationRules,
        ...(deps.virtualServiceLister === undefined ? {} : { virtualServiceLister: deps.virtualServiceLister }),
        ...(deps.destinationRuleLister === undefined ? {} : { destinationRuleLister: deps.destinationRuleLister }),
        recorder: this.recorder,
        replicaSets,
        written: this.written,
        logger: log,
      }),
      ...unsupportedTrafficRouters(rollout),
    ];
    const result = await reconcileTrafficRouting(plan, {
      rollout,
      routers,
      recorder: this.recorder,
      ...(switchCanaryServiceToStable === undefined ? {} : { switchCanaryServiceToStable }),
      ...(deps.verifyRetryIntervalMs === undefined ? {} : { verifyRetryIntervalMs: deps.verifyRetryIntervalMs }),
    });
    if (!result.done) log.info('traffic routing not done', { reason: result.reason ?? '', weight: plan.desiredWeight });
    return {
      done: result.done,
      ...(result.weights === undefined ? {} : { weights: result.weights }),
      ...(result.requeueAfterMs === undefined ? {} : { requeueAfterMs: result.requeueAfterMs }),
    };
  }
}
