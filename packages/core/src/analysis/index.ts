// AnalysisRun deciders (pure): argument resolution, template composition, measurement scheduling and recording,
// metric and run assessment, retention, TTL, and the Rollout side (building runs, pause/abort decisions, history GC).
export { type Resolved, checkArgsResolved, flattenArgs, mergeArgs, resolveArgs, resolveMetricArgs, resolveMetricsWithoutSecrets, substituteTags } from './args.js';
export { type CollectedTemplates, type MissingTemplateMessage, type TemplateLookup, collectAnalysisTemplates, flattenTemplates, mergeDryRunRules, mergeMeasurementRetentionRules } from './templates.js';
export { dryRunMetricNames, measurementRetentionByMetric } from './rules.js';
export { type LimitAssessment, assessMetricFailureInconclusiveOrError, assessMetricStatus, countReached, effectiveCount, isTerminating, isWorsePhase, metricResultOf } from './metric-status.js';
export { ERROR_RETRY_INTERVAL_MS, type MetricTask, calculateNextReconcileTime, generateMetricTasks } from './tasks.js';
export {
  METRIC_TERMINATED_MESSAGE,
  REDACTED,
  type RecordMeasurementInput,
  type TrimDecision,
  errorMeasurement,
  measurementLimit,
  omitZeroCounters,
  recordMeasurement,
  redactSecrets,
  terminatedMeasurement,
  trimMeasurements,
} from './measurement.js';
export { type AnalysisEvent, RUN_TERMINATED_MESSAGE, type RunAssessment, assessRunStatus } from './run-status.js';
export {
  ANALYSIS_MESSAGE,
  type ConcludedRun,
  type ErroredRun,
  type ReadyRun,
  analysisRunCompletionEvent,
  analysisRunStatusPatch,
  concludeAnalysisRun,
  errorRunStatus,
  jsonEqual,
  prepareAnalysisRun,
} from './run-plan.js';
export { analysisRunTtlExpiresAtMs, analysisRunTtlSeconds, isAnalysisRunTtlExceeded } from './ttl.js';
export { extractFieldPath, extractMetadataFieldPath, extractValueFromObject, formatMap } from './field-path.js';
export {
  type BuildRolloutAnalysisRunInput,
  type BuildRolloutRunInput,
  type BuildStepAnalysisRunInput,
  type RolloutReplicaSets,
  analysisRunCollisionName,
  analysisRunLabels,
  analysisRunName,
  buildAnalysisRunFromRollout,
  buildArgumentsForRolloutAnalysisRun,
  collectRolloutArguments,
  type RolloutArguments,
  buildBackgroundAnalysisRun,
  buildPostPromotionAnalysisRun,
  buildPrePromotionAnalysisRun,
  buildStepAnalysisRun,
  rolloutControllerRef,
} from './rollout-runs.js';
export {
  CANCEL_ANALYSIS_RUN_PATCH,
  ROLLOUT_ANALYSIS_DECISION,
  type RolloutAnalysisDecision,
  analysisRunStatusChangeEvent,
  analysisRunsToCancel,
  assessRolloutAnalysis,
  canAdoptExistingRun,
  filterAnalysisRunsToDelete,
  isSemanticallyEqualRunSpec,
  needsNewAnalysisRun,
  rolloutAnalysisRunStatus,
  rolloutTypeOf,
} from './rollout-assessment.js';
export { type CanaryAnalysisInput, type CanaryAnalysisPlan, canaryAnalysisStatus, placeAnalysisRun, planCanaryAnalysis } from './rollout-plan.js';
export {
  ANALYSIS_TEMPLATE_TYPE,
  type AnalysisTemplateType,
  type ReferencedAnalysis,
  analysisTemplatesFieldPath,
  referencedRolloutAnalyses,
  validateReferencedAnalysis,
  validateRolloutAnalysisReferences,
} from './rollout-references.js';
