// Istio traffic routing deciders: which VirtualService routes a Rollout manages, how their weights,
// DestinationRule subsets and managed header/mirror routes are rewritten, and weight verification.
export { type JsonObject, createMergePatch, deepEqual, isEmptyPatch, isObject } from './json.js';
export {
  type AdditionalDestination,
  type IstioRouterSpec,
  type VirtualServiceRef,
  istioRouterSpec,
  splitVirtualServiceName,
  stableAndCanaryServices,
} from './router-spec.js';
export {
  type DestinationView,
  IstioMessage,
  IstioRouterError,
  RouteType,
  destinationsOf,
  hostService,
  httpRouteIndexes,
  routesOf,
  tcpRouteIndexes,
  tlsRouteIndexes,
} from './routes.js';
export { orderManagedRoutes, partitionManagedRoutes } from './managed-route-order.js';
export {
  type ManagedRouteIndexes,
  type VirtualServiceRewrite,
  managedRouteIndexes,
  rewriteRouteWeights,
  setVirtualServiceWeight,
  validateRouteDestinations,
} from './virtual-service-weights.js';
export {
  type ReplicaSetAvailability,
  destinationRuleHost,
  destinationRuleUpdateBlockedBy,
  updateDestinationRuleHash,
} from './destination-rule.js';
export {
  type CanaryTarget,
  buildHeaderRoute,
  buildMirrorRoute,
  canaryTarget,
  removeManagedRoutesFromVirtualService,
  setHeaderRouteOnVirtualService,
  setMirrorRouteOnVirtualService,
  stringMatch,
} from './managed-routes.js';
export { type ObservedRouteWeight, type WeightVerification, observedRouteWeights, verifyVirtualServiceWeights } from './verify-weights.js';
export {
  TRAFFIC_ROUTING_CASE,
  type TrafficRoutingCase,
  type TrafficRoutingPlan,
  type TrafficRoutingSnapshot,
  calculateWeightStatus,
  desiredWeightOnAbortOrStableRollback,
  dynamicRollbackToStable,
  isFullyPromoted,
  planTrafficRouting,
  replicasAvailableForWeight,
  trafficWeightUpdatedMessage,
} from './traffic-routing-plan.js';
export { type ServiceSwitch, planCanaryServiceSwitches, serviceSwitch } from './canary-services.js';
export { IstioKind, rolloutsReferencingIstioObject } from './references.js';
export { validateVirtualServiceReference } from './validate-references.js';
