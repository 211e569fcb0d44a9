/**
 * Rollout condition reasons and message formats.
 * Messages with placeholders are functions; Go's `%q` is rendered as a double-quoted string.
 * parity: argo-rollouts utils/conditions/conditions.go
 */

export const CONDITION_REASON = {
  InvalidSpec: 'InvalidSpec',
  Available: 'AvailableReason',
  ReplicaSetUpdated: 'ReplicaSetUpdated',
  ReplicaSetCreateError: 'ReplicaSetCreateError',
  NewReplicaSetCreated: 'NewReplicaSetCreated',
  FoundNewReplicaSet: 'FoundNewReplicaSet',
  NewReplicaSetAvailable: 'NewReplicaSetAvailable',
  ReplicaSetNotAvailable: 'ReplicaSetNotAvailable',
  ProgressDeadlineExceeded: 'ProgressDeadlineExceeded',
  RolloutPaused: 'RolloutPaused',
  RolloutResumed: 'RolloutResumed',
  RolloutAborted: 'RolloutAborted',
  RolloutRetry: 'RolloutRetry',
  RolloutCompleted: 'RolloutCompleted',
  RolloutHealthy: 'RolloutHealthy',
  ServiceReferenceError: 'ServiceReferenceError',
  AnalysisRunFailed: 'AnalysisRunFailed',
  ExperimentFailed: 'ExperimentFailed',
  ReconciliationError: 'ReconciliationError',
} as const;
export type ConditionReason = (typeof CONDITION_REASON)[keyof typeof CONDITION_REASON];

/** Go `%q` for the plain strings used in these messages. */
const q = (s: string): string => JSON.stringify(s);

export const CONDITION_MESSAGE = {
  available: 'Rollout has minimum availability',
  notAvailable: 'Rollout does not have minimum availability',
  paused: 'Rollout is paused',
  resumed: 'Rollout is resumed',
  /** `Completed` condition: reason and message are both `RolloutCompleted`. */
  completed: 'RolloutCompleted',
  healthy: 'Rollout is healthy',
  notHealthy: 'Rollout is not healthy',
  retry: 'Retrying Rollout after abort',
  missingField: (field: string) => `Rollout has missing field '${field}'`,
  selectAll: 'This rollout is selecting all pods. A non-empty selector is required.',
  invalidSpec: (rolloutName: string, fieldError: string) => `The Rollout ${q(rolloutName)} is invalid: ${fieldError}`,
  rolloutProgressing: (rolloutName: string) => `Rollout ${q(rolloutName)} is progressing.`,
  replicaSetProgressing: (rsName: string) => `ReplicaSet ${q(rsName)} is progressing.`,
  newReplicaSetCreated: (rsName: string) => `Created new replica set ${q(rsName)}`,
  foundNewReplicaSet: (rsName: string) => `Found new replica set ${q(rsName)}`,
  replicaSetCompleted: (rsName: string) => `ReplicaSet ${q(rsName)} has successfully progressed.`,
  replicaSetTimedOut: (rsName: string) => `ReplicaSet ${q(rsName)} has timed out progressing.`,
  rolloutTimedOut: (rolloutName: string) => `Rollout ${q(rolloutName)} has timed out progressing.`,
  /** `Rollout aborted update to revision N` + `: <why>` when there is a reason. */
  aborted: (revision: number, why?: string) =>
    `Rollout aborted update to revision ${revision}${why ? `: ${why}` : ''}`,
  replicaSetCreateError: (rsName: string, err: string) => `Failed to create new replica set ${q(rsName)}: ${err}`,
  serviceManagedByAnotherRollout: (serviceName: string) => `Service ${q(serviceName)} is managed by another Rollout`,
  analysisRunFailed: (runName: string, rolloutName: string) =>
    `AnalysisRun '${runName}' owned by the Rollout '${q(rolloutName)}' failed.`,
  experimentFailed: (experimentName: string, rolloutName: string) =>
    `Experiment '${experimentName}' owned by the Rollout '${q(rolloutName)}' has timed out.`,
  reconciliationError: (err: string) => `Reconciliation failed with error: ${err}`,
} as const;

/** Rollout phase messages (§6). */
export const PHASE_MESSAGE = {
  waitingForSpecUpdate: 'waiting for rollout spec update to be observed',
  waitingForUnpause: 'waiting for rollout to unpause',
  waitingForWorkloadSpecUpdate: 'waiting for rollout spec update to be observed for the reference workload',
  manuallyPaused: 'manually paused',
  restarting: 'rollout is restarting',
  moreReplicasNeedUpdate: 'more replicas need to be updated',
  updatedReplicasBecomingAvailable: 'updated replicas are still becoming available',
  activeServiceCutoverPending: 'active service cutover pending',
  waitingForAnalysis: 'waiting for analysis to complete',
  waitingForPostPromotionVerification: 'waiting for post-promotion verification to complete',
  oldReplicasPendingTermination: 'old replicas are pending termination',
  waitingForAllSteps: 'waiting for all steps to complete',
} as const;

/** Abort reasons written after `Rollout aborted update to revision N: ` (§13). */
export const ABORT_REASON_MESSAGE = {
  stepAnalysis: 'Step-based analysis phase error/failed',
  backgroundAnalysis: 'Background analysis phase error/failed',
  prePromotionAnalysis: 'Blue/green pre-promotion analysis phase error/failed',
  postPromotionAnalysis: 'Blue/green post-promotion analysis phase error/failed',
  experiment: 'Experiment analysis phase is error/failed',
} as const;
