/**
 * Kubernetes Event reasons emitted by the controller, spelled as upstream (§7).
 * parity: argo-rollouts utils/conditions/conditions.go, rollout/*.go, rollout/trafficrouting/istio/istio.go
 */

export const EVENT_REASON = {
  RolloutAddedToInformer: 'RolloutAddedToInformer',
  RolloutUpdated: 'RolloutUpdated',
  NewReplicaSetCreated: 'NewReplicaSetCreated',
  ScalingReplicaSet: 'ScalingReplicaSet',
  RolloutNotCompleted: 'RolloutNotCompleted',
  RolloutCompleted: 'RolloutCompleted',
  RolloutStepCompleted: 'RolloutStepCompleted',
  RolloutPaused: 'RolloutPaused',
  RolloutResumed: 'RolloutResumed',
  RolloutAborted: 'RolloutAborted',
  SwitchService: 'SwitchService',
  TrafficWeightUpdated: 'TrafficWeightUpdated',
  SkipSteps: 'SkipSteps',
  /** With a space, as upstream. */
  UpdatedVirtualService: 'Updated VirtualService',
  UpdatedDestinationRule: 'UpdatedDestinationRule',
  VirtualServiceNotFound: 'VirtualServiceNotFound',
  DestinationRuleNotFound: 'DestinationRuleNotFound',
  TrafficRoutingError: 'TrafficRoutingError',
  WeightVerifyError: 'WeightVerifyError',
  ReplicaSetCreateError: 'ReplicaSetCreateError',
  RolloutDeleted: 'RolloutDeleted',
  StepPluginTransition: 'StepPluginTransition',
  TargetGroupVerified: 'TargetGroupVerified',
  TargetGroupUnverified: 'TargetGroupUnverified',
  TargetGroupVerifyError: 'TargetGroupVerifyError',
  LoadBalancerNotFound: 'LoadBalancerNotFound',
} as const;
export type EventReason = (typeof EVENT_REASON)[keyof typeof EVENT_REASON];

export const EVENT_TYPE = { Normal: 'Normal', Warning: 'Warning' } as const;
export type EventType = (typeof EVENT_TYPE)[keyof typeof EVENT_TYPE];

/** `RolloutCompleted` event suffixes (`Rollout completed update to revision N (<hash>): <why>`). */
export const COMPLETED_REASON = {
  InitialDeploy: 'Initial deploy',
  CompletedBlueGreenUpdate: 'Completed blue-green update',
  FullPromotionRequested: 'Full promotion requested',
  FastRollback: 'Fast rollback',
  RollbackWithinWindow: 'Rollback within window',
  /** `Completed all N canary steps` */
  completedAllCanarySteps: (stepCount: number) => `Completed all ${stepCount} canary steps`,
} as const;

/** `AnalysisRun<Phase>` event reason for a run phase, e.g. `AnalysisRunFailed`. */
export function analysisRunEventReason(phase: string): `AnalysisRun${string}` {
  return `AnalysisRun${phase}`;
}

/** `Metric<Phase>` event reason for a metric phase, e.g. `MetricSuccessful`. */
export function metricEventReason(phase: string): `Metric${string}` {
  return `Metric${phase}`;
}
