/**
 * Spec validation detail texts, spelled exactly as upstream (including its grammar).
 * parity: argo-rollouts pkg/apis/rollouts/validation/validation.go
 */

export const VALIDATION_MESSAGE = {
  missingField: (field: string) => `Rollout has missing field '${field}'`,
  invalidSetWeight: (maxWeight: number) => `SetWeight needs to be between 0 and ${maxWeight}`,
  experimentWeightWithoutTrafficRouting: 'Experiment template weight cannot be set unless TrafficRouting is enabled',
  experimentWeightUnsupportedRouter:
    'Experiment template weight is only available for TrafficRouting with SMI, ALB, Istio and Plugins at this time',
  setCanaryScaleTrafficPolicy: 'SetCanaryScale requires TrafficRouting to be set',
  setHeaderRouteTrafficPolicy: 'SetHeaderRoute requires TrafficRouting, supports Istio and ALB and Apisix',
  setMirrorRouteTrafficPolicy: 'SetMirrorRoute requires TrafficRouting, supports Istio and Plugins',
  stringMatchMultipleValues: 'StringMatch match value must have exactly one of the following: exact, regex, prefix',
  stringMatchMissedValue: 'StringMatch value missed, match value must have one of the following: exact, regex, prefix',
  setHeaderRouteAlbValue: "SetHeaderRoute match value invalid. ALB supports 'exact' value only",
  invalidDuration: 'Duration needs to be greater than 0',
  maxSurgeMaxUnavailableZero: 'MaxSurge and MaxUnavailable both can not be zero',
  invalidStep: 'Step must have one of the following set: experiment, setWeight, setCanaryScale, plugin or pause',
  multipleStrategies: 'Multiple Strategies can not be listed',
  duplicatedServicesBlueGreen:
    'This rollout uses the same service for the active and preview services, but two different services are required.',
  duplicatedServicesCanary:
    'This rollout uses the same service for the stable and canary services, but two different services are required.',
  antiAffinityStrategy: 'AntiAffinity must have exactly one strategy listed',
  antiAffinityWeight: 'AntiAffinity weight must be between 1-100',
  scaleDownLimitLargerThanRevisionLimit:
    "This rollout's revision history limit can not be smaller than the rollout's scale down limit",
  trafficRoutingServices: 'Canary service and Stable service must to be set to use Traffic Routing',
  analysisArgs: 'Analyses arguments must refer to valid object metadata supported by downwardAPI',
  canaryScaleDownDelay: 'Canary scaleDownDelaySeconds can only be used with traffic routing',
  canaryDynamicStableScale: 'Canary dynamicStableScale can only be used with traffic routing',
  canaryDynamicStableScaleWithScaleDownDelay: 'Canary dynamicStableScale cannot be used with scaleDownDelaySeconds',
  maxTrafficWeightRouter: 'Canary maxTrafficWeight in traffic routing only supported in Nginx and Plugins',
  pingPongServices: 'Ping service and Pong service must to be set to use Ping-Pong feature',
  duplicatedPingPongServices:
    'This rollout uses the same service for the ping and pong services, but two different services are required.',
  albRootServiceForPingPong: 'Root service field is required for the configuration with ALB and ping-pong feature enabled',
  pingPongRouter: 'Ping-pong feature works with the ALB, Istio, and plugin-based traffic routers only',
  stepRouteNotInManagedRoutes:
    'Steps define a route that does not exist in spec.strategy.canary.trafficRouting.managedRoutes',
  emptySelector: 'empty selector is invalid for deployment',
  invalidSelector: 'invalid label selector',
  templateWithWorkloadRef: 'template must be empty for workload reference rollout',
  nonNegative: 'must be greater than or equal to 0',
  progressDeadlineVsMinReady: 'must be greater than minReadySeconds',
  selectorDoesNotMatchTemplate: '`selector` does not match template `labels`',
  activeDeadlineSecondsForbidden: 'activeDeadlineSeconds in ReplicaSet is not Supported',
  serviceUnmatchedLabel: (service: string, key: string) => `Service "${service}" has unmatch label "${key}" in rollout`,
} as const;
