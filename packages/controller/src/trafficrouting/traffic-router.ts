/**
 * The contract between the rollout reconciler's traffic-routing step and a traffic router (Istio first).
 * parity: argo-rollouts rollout/trafficrouting/trafficroutingutil.go TrafficRoutingReconciler
 */
import type { SetHeaderRoute, SetMirrorRoute, WeightDestination } from '@serin/api';

export type AdditionalDestinations = readonly WeightDestination[];

export interface TrafficRouter {
  /** `Istio`, as upstream's `Type()`. */
  readonly type: string;
  /** Pin the DestinationRule subsets (or equivalent) to the canary/stable ReplicaSet hashes. */
  updateHash(canaryHash: string, stableHash: string, additional?: AdditionalDestinations): Promise<void>;
  /** Route `weight` % to the canary (and the experiment weights), writing only when something changes. */
  setWeight(weight: number, additional?: AdditionalDestinations): Promise<void>;
  setHeaderRoute(route: SetHeaderRoute): Promise<void>;
  setMirrorRoute(route: SetMirrorRoute): Promise<void>;
  removeManagedRoutes(): Promise<void>;
  /**
   * Whether the observed routing (informer cache) already carries `weight`: true / false, or
   * undefined when the router cannot tell (upstream's nil).
   */
  verifyWeight(weight: number, additional?: AdditionalDestinations): Promise<boolean | undefined>;
}
