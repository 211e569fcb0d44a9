// @serin/controller — reconcilers, manager, metrics, health; binary `serin-controller`.
export * from './rollout/index.js';
export * from './analysis/index.js';
// controller process: flags, manager, metrics, listeners, run loop
export { type ControllerFlags, DefaultFlags, FlagError, FlagSpecs, type ParsedFlags, parseFlags, usage, validateFlags } from './flags.js';
export { type AnalysisRunReconcilerFactory, type AnalysisRunReconcilerLike, type ControllerListers, type ExperimentReconcilerFactory, type ExperimentReconcilerLike, Manager, type ManagerOptions, type ReconcilerContext, type RolloutReconcilerFactory, type RolloutReconcilerLike } from './manager/manager.js';
export { controllerOf, parentKey, referencedServices, rolloutKey, rolloutsReferencingDeployment, rolloutsReferencingService } from './manager/enqueue.js';
export { ControllerMetrics, type ControllerMetricsOptions, InfoGauges, type MetricsListers, ReconcileBuckets, ReconcileKind } from './metrics/metrics.js';
export { RolloutMetricPhase, type Sample, analysisRunSamples, analysisTemplateSamples, calculateRolloutMetricPhase, experimentSamples, metricProviderType, rolloutSamples, strategyAndTrafficRouter } from './metrics/samples.js';
export { HealthzPath, type HttpServers, type HttpServersOptions, MetricsPath, startHttpServers } from './http-servers.js';
export { type RunOptions, controllerNamespace, runController } from './run.js';
export { createAnalysisRunReconciler, createCanaryReconciler, createExperimentReconciler as createExperimentReconcilerFromContext, createRolloutReconciler as createRolloutReconcilerFromContext } from './wiring.js';
export { controllerVersion } from './version.js';
export * from './trafficrouting/index.js';
export * from './experiment/index.js';
export * from './bluegreen/index.js';
