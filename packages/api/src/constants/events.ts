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

/**
 * Event message formats (§7). `stepIndex` in `rolloutStepCompleted` is the index **after** the increment
 * (completing step 0 of 8 prints `1/8`).
 */
export const EVENT_MESSAGE = {
  rolloutUpdated: (revision: number | string) => `Rollout updated to revision ${revision}`,
  newReplicaSetCreated: (rsName: string, revision: number) => `Created ReplicaSet ${rsName} (revision ${revision})`,
  scalingReplicaSet: (direction: 'up' | 'down', rsName: string, revision: number, from: number, to: number) =>
    `Scaled ${direction} ReplicaSet ${rsName} (revision ${revision}) from ${from} to ${to}`,
  rolloutNotCompleted: (revision: number, podHash: string) =>
    `Rollout not completed, started update to revision ${revision} (${podHash})`,
  rolloutCompleted: (revision: number, podHash: string, why: string) =>
    `Rollout completed update to revision ${revision} (${podHash}): ${why}`,
  rolloutStepCompleted: (stepIndex: number, stepCount: number, stepString: string) =>
    `Rollout step ${stepIndex}/${stepCount} completed (${stepString})`,
  rolloutPaused: (pauseReason: string) => `Rollout is paused (${pauseReason})`,
  rolloutResumed: 'Rollout is resumed',
  switchService: (service: string, oldHash: string, newHash: string) =>
    `Switched selector for service '${service}' from '${oldHash}' to '${newHash}'`,
  /** `Traffic weight updated to N` the first time, `from A to B` afterwards. */
  trafficWeightUpdated: (to: number, from?: number) =>
    from === undefined ? `Traffic weight updated to ${to}` : `Traffic weight updated from ${from} to ${to}`,
  skipStepsRollback: 'Rollback to stable ReplicaSets',
  skipStepsRollbackWindow: 'Rollback to active ReplicaSets within RollbackWindow',
  /** `<Step|Background|PrePromotion|PostPromotion> Analysis Run '<name>' Status New: '<phase>' Previous: '<phase>'`. */
  analysisRunStatusChanged: (rolloutType: string, runName: string, phase: string, previous?: string) =>
    `${rolloutType} Analysis Run '${runName}' Status New: '${phase}' Previous: '${previous ?? 'NoPreviousStatus'}'`,
  virtualServiceWeight: (name: string, weight: number) => `VirtualService \`${name}\` set to desiredWeight '${weight}'`,
  virtualServiceHeaderRoute: (name: string, route: string) => `VirtualService \`${name}\` set headerRoute '${route}'`,
  virtualServiceMirrorRoute: (name: string, route: string) => `VirtualService \`${name}\` set mirrorRoute '${route}'`,
  virtualServiceRoutesRemoved: (name: string) => `VirtualService \`${name}\` removed all managed routes.`,
  destinationRuleUpdated: (name: string, canarySubset: string, canaryHash: string, stableSubset: string, stableHash: string) =>
    `DestinationRule ${name} subset updated (${canarySubset}: ${canaryHash}, ${stableSubset}: ${stableHash})`,
  virtualServiceNotFound: (name: string) => `VirtualService \`${name}\` not found`,
  destinationRuleNotFound: (name: string) => `DestinationRule \`${name}\` not found`,
  weightVerifyError: (err: string) => `Failed to verify weight: ${err}`,
  rolloutDeleted: (namespace: string, name: string) => `Rollout ${namespace}/${name} is deleted.`,
  /** On the AnalysisRun. */
  analysisCompleted: (phase: string) => `Analysis Completed. Result: ${phase}`,
  /** On the AnalysisRun. */
  metricCompleted: (metricName: string, phase: string) => `Metric '${metricName}' Completed. Result: ${phase}`,
} as const;
