// Traffic routers (Istio first) and the traffic-routing step's actor.
export type { AdditionalDestinations, TrafficRouter } from './traffic-router.js';
export { IstioRouterType, type IstioRouterDeps, IstioTrafficRouter, newTrafficRouters } from './istio-router.js';
export { WrittenObjects } from './written-objects.js';
export { type TrafficRoutingDeps, type TrafficRoutingResult, VERIFY_RETRY_INTERVAL_MS, reconcileTrafficRouting } from './reconcile-traffic-routing.js';
