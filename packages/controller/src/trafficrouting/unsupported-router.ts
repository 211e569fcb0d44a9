/**
 * Traffic routers a Rollout names that Serin does not implement yet (everything but Istio). Weight 0 needs no
 * router: all traffic goes to the stable Service, whose selector Serin pins to the stable hash, so an initial
 * deployment and a finished or aborted update work. Any weight above 0 would need the router: rather than run
 * the traffic-routed replica maths while the real traffic never moves, `setWeight` fails with a message naming
 * the router; the reconciler records `TrafficRoutingError` and backs off, so the update stays at that step and
 * the user sees why. Route/hash calls are no-ops so that the one error reaches that event.
 * parity: argo-rollouts rollout/trafficrouting.go NewTrafficRoutingReconciler (one reconciler per configured
 * router; an unusable one makes reconcileTrafficRouting return its error)
 */
import type { Rollout } from '@serin/api';
import { configuredTrafficRouters } from '@serin/core';
import type { AdditionalDestinations, TrafficRouter } from './traffic-router.js';

/** The routers a Rollout configures that Serin does not implement: all but `istio`. */
export function unsupportedRouterNames(rollout: Rollout): string[] {
  return configuredTrafficRouters(rollout).filter((name) => name !== 'istio');
}

/** `traffic router 'nginx' is not supported by serin (supported: istio)` */
export const unsupportedRouterMessage = (name: string): string => `traffic router '${name}' is not supported by serin (supported: istio)`;

class UnsupportedTrafficRouter implements TrafficRouter {
  constructor(readonly type: string) {}
  async updateHash(): Promise<void> {}
  async setHeaderRoute(): Promise<void> {}
  async setMirrorRoute(): Promise<void> {}
  async removeManagedRoutes(): Promise<void> {}
  async setWeight(weight: number, additional?: AdditionalDestinations): Promise<void> {
    if (weight > 0 || (additional ?? []).some((d) => d.weight > 0)) throw new Error(unsupportedRouterMessage(this.type));
  }
  async verifyWeight(): Promise<boolean | undefined> {
    return undefined;
  }
}

export function unsupportedTrafficRouters(rollout: Rollout): TrafficRouter[] {
  return unsupportedRouterNames(rollout).map((name) => new UnsupportedTrafficRouter(name));
}
