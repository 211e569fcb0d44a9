// Experiment deciders: template ReplicaSets/Services, analysis runs, phase/conditions, the whole-reconcile plan
// (`planExperimentReconcile`), and the canary `experiment` step (`buildStepExperiment`, `assessStepExperiment`).
export {
  calculateTemplateReplicasCount,
  experimentPassedDuration,
  getExperimentAnalysisRunStatus,
  getExperimentTemplateStatus,
  hasRequiredAnalysisRuns,
  isExperimentTerminating,
  isTemplateStatusCompleted,
  requiredAnalysisRunsSuccessful,
  templateIsWorse,
} from './experiment-util.js';
export { buildTemplateReplicaSet, buildTemplateService, experimentControllerRef, templatePodHash, templateReplicaSetName, templateServicePorts } from './template-replica-set.js';
export { buildExperimentAnalysisRun, experimentArgValues, resolveExperimentArgs, type BuildExperimentRunInput } from './analysis-run.js';
export { EXPERIMENT_CONDITION_MESSAGE, calculateExperimentConditions, experimentProgressing, verifyExperimentSpec } from './conditions.js';
export { EX_ACTION, type CreateOutcome, type CreateOutcomes, type ExperimentAction, type ExperimentPlan, type ExperimentSnapshot, type WriteOutcome, type WriteOutcomes } from './plan.js';
export { analysisRunsMissingFromCache } from './missing-runs.js';
export { REQUIRED_ANALYSIS_COMPLETED_MESSAGE, planExperimentReconcile } from './reconcile-plan.js';
export { jsonMergeDiff } from './merge-diff.js';
export {
  EXPERIMENT_ABORT_MESSAGE,
  STEP_EXPERIMENT_OUTCOME,
  assessStepExperiment,
  buildStepExperiment,
  experimentWeightedDestinations,
  stepExperimentCollisionName,
  stepExperimentName,
  type BuildStepExperimentInput,
  type StepExperimentOutcome,
} from './canary-step.js';
export {
  filterExperimentsToDelete,
  isSemanticallyEqualExperimentSpec,
  planCanaryExperiment,
  type CanaryExperimentInput,
  type CanaryExperimentPlan,
} from './canary-step-plan.js';
