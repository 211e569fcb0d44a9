// The rollout/experiment "info" tree model (pure projection shared by the CLI and a future dashboard).
// parity: argo-rollouts pkg/kubectl-argo-rollouts/info
export type * from './types.js';
export type * from './model.js';
export { Icon, KindIcon, InfoTag, rolloutIcon, replicaSetIcon, analysisIcon, podIcon } from './icons.js';
export { humanDuration, toEpochMs, age } from './duration.js';
export { RolloutPhase, getRolloutPhase, calculateRolloutPhase } from './rollout-phase.js';
export type { PhaseAndMessage } from './rollout-phase.js';
// canary-weight.ts stays internal: replica-set/ exports the controller's getCurrentSetWeight for api types.
export { isOwnedBy, parseRevision, RevisionAnnotation, ExperimentTemplateNameAnnotation, ScaleDownDeadlineAnnotation, PodTemplateHashLabel } from './owners.js';
export { newPodInfo } from './pod-info.js';
export { getReplicaSetInfos, replicaSetHealth, replicaSetRoles } from './replica-set-info.js';
export { getAnalysisRunInfos, newAnalysisRunInfo } from './analysis-run-info.js';
export { getExperimentInfos, newExperimentInfo } from './experiment-info.js';
export { rolloutImages, experimentImages, mergeImageAndTags, byteCompare } from './images.js';
export { newRolloutInfo, actualWeight, revisions, revisionGroups } from './rollout-info.js';
export type { RevisionGroup } from './rollout-info.js';
