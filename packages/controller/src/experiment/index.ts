// Experiment reconciler. The manager runs an Experiments work queue (`--experiment-threads`) whose workers call
// `ExperimentReconciler.reconcile(namespace, name)` (built by `experimentReconcilerFromContext`); register
// `experimentEventHandlers` on the Experiment, ReplicaSet, Service and AnalysisRun informers.
export { ExperimentReconciler, type ExperimentReconcileResult, type ExperimentReconcilerOptions } from './experiment-reconciler.js';
export { experimentEventHandlers, experimentReconcilerFromContext, type ExperimentEventHandlers } from './wiring.js';
export { createExperimentWithCollisionCounter } from './create-experiment.js';
