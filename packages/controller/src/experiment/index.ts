// Experiment reconciler. The manager runs an Experiments work queue (`--experiment-threads`) whose workers call
// `ExperimentReconciler.reconcile(namespace, name)` (build it with `createExperimentReconciler`); register
// `experimentEventHandlers` on the Experiment, ReplicaSet, Service and AnalysisRun informers.
export { ExperimentReconciler, type ExperimentReconcileResult, type ExperimentReconcilerOptions } from './experiment-reconciler.js';
export { createExperimentReconciler, experimentEventHandlers, experimentReconcilerFromContext, type CreateExperimentReconcilerOptions, type ExperimentEventHandlers } from './wiring.js';
export { createExperimentWithCollisionCounter } from './create-experiment.js';
