// The simulated Istio mesh: request load routed by VirtualServices/DestinationRules to simulated pods,
// exported as Istio standard metrics.
export { Mesh, type MeshLoad, type MeshOptions, type MeshSend, type SendOutcome } from './mesh.js';
export { DURATION_BUCKETS_MS, type IstioLabels, IstioMetrics } from './metrics.js';
export { imageTag, respond, workloadName } from './pods.js';
export { type Rng, seededRng } from './rng.js';
export { type MeshRequest, type RouteTarget, type RoutingDecision, hostMatches, matchRequest, routeRequest, serviceOfHost, stringMatches } from './routing.js';
