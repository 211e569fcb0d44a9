// Rollout reconciler (canary, with Istio traffic routing, Services and step/background analysis). The manager builds it with `rolloutReconcilerFromInformers`
// (or `new RolloutReconciler(options)`), registers `rolloutEventHandlers` on the shared informers and calls
// `reconcile(namespace, name)` from a work-queue worker; the result's `requeueAfterMs` goes to `queue.addAfter`.
export { RolloutReconciler, type RolloutReconcileResult, type RolloutReconcilerOptions } from './rollout-reconciler.js';
export { rolloutReconcilerFromInformers, rolloutEventHandlers, type RolloutReconcilerFromInformersOptions, type RolloutEventHandlers } from './wiring.js';
export { podEvicter, type PodEvicter } from './pod-evicter.js';
export { VersionTracker } from './version-tracker.js';
