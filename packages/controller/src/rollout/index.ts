// Rollout reconciler (canary without traffic routing): construct with listers, clients, recorder and clock;
// call `reconcile(namespace, name)` from a work-queue worker.
export { RolloutReconciler, type RolloutReconcileResult, type RolloutReconcilerOptions } from './rollout-reconciler.js';
export { podEvicter, type PodEvicter } from './pod-evicter.js';
export { VersionTracker } from './version-tracker.js';
