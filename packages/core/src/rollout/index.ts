// Rollout deciders: ReplicaSet classification and creation, steps, pauses, conditions, status and its diff,
// and the whole-reconcile plan for a canary (Services, traffic routing, analysis stages included).
export { metaTime, parseMetaTime } from './time.js';
export {
  classifyReplicaSets,
  creationMs,
  desiredPodTemplateHash,
  findNewReplicaSet,
  findOldReplicaSets,
  getOtherRSs,
  getStableRS,
  isActive,
  maxRevision,
  podTemplateHashOf,
  revisionOf,
  sortByCreation,
  type ReplicaSetClassification,
} from './replica-sets.js';
export {
  CREATE_CONFLICT,
  buildNewReplicaSet,
  copiedRolloutAnnotations,
  decideCreateConflict,
  ephemeralMetadataJson,
  injectedAntiAffinityNeedsUpdate,
  isDesiredReplicaSet,
  replicaSetAffinity,
  replicasAnnotationsNeedUpdate,
  syncNewReplicaSetAnnotations,
  type BuildNewReplicaSetInput,
  type CreateConflictDecision,
  type ReplicaSetAnnotationSync,
} from './new-replica-set.js';
export { selectReplicaSetsToDelete } from './revision-history.js';
export { getCondition, newCondition, removeCondition, rolloutCompleted, rolloutHealthy, rolloutProgressing, rolloutTimedOut, setCondition, type SetConditionResult } from './conditions.js';
export { PauseContext, completedCanaryPauseStep, getPauseCondition, pauseRemainingMs, requiresManualAction } from './pause.js';
export { CANARY_PAUSE, canaryStepString, completedCurrentCanaryStep, decideCanaryPause, isIndefiniteStep, type CanaryPauseDecision, type StepCompletionInput } from './canary-steps.js';
export { RESTART_POD_CHECK_MS, isPodAvailable, needsRestart, planPodRestarts, type RestartPlan } from './restart.js';
export { diffStatus, normalizeGoStatus } from './status-diff.js';
export { ROLLOUT_EVENT_MESSAGE } from './events.js';
export { ACTION, type JsonPatch, type RolloutAction, type RolloutPlan, type RolloutSnapshot } from './plan.js';
export { planRolloutReconcile } from './reconcile-plan.js';
export { INVALID_SPEC_REQUEUE_MS, planInvalidSpec } from './invalid-spec.js';
export { ANALYSIS_ACTION, type CanaryAnalysisAction, type CanaryAnalysisInputs, applyCanaryAnalysisStatus, reconcileCanaryAnalysis, stepAnalysisRunPhase } from './canary-analysis.js';
export {
  EXPERIMENT_ACTION,
  TERMINATE_EXPERIMENT_PATCH,
  type CanaryExperimentAction,
  applyCanaryExperimentStatus,
  chooseStepExperimentName,
  currentStepExperiment,
  experimentDestinations,
  reconcileCanaryExperiments,
  stepExperimentCompleted,
} from './canary-experiment.js';
export {
  TRAFFIC_ACTION,
  type TrafficRoutingAction,
  type TrafficRoutingOutcome,
  configuredTrafficRouters,
  reconcileCanaryTrafficRouting,
  trafficRoutingActionOf,
  usesTrafficRouter,
} from './canary-traffic.js';
export type { CanaryStages } from './canary-stages.js';
export { SERVICE_ACTION, type ServiceAction, reconcileCanaryServices } from './canary-services.js';
export { desiredDeploymentReplicas, resolveWorkloadRef, type WorkloadResolution } from './workload-ref.js';
export { parseEphemeralMetadata, reconcileEphemeralMetadata, syncEphemeralMeta, type SyncedMeta } from './ephemeral-metadata.js';
