// Rollout reconciler (canary, with Istio traffic routing, Services and step/background analysis). The manager builds it with
// `createCanaryReconciler` (../wiring.ts), enqueues through manager/enqueue.ts rules and calls
// `reconcile(namespace, name)` from a work-queue worker; the result's `requeueAfterMs` goes to `queue.addAfter`.
export { RolloutReconciler, type RolloutReconcileResult, type RolloutReconcilerOptions } from './rollout-reconciler.js';
export { rolloutEventHandlers, type RolloutEventHandlers } from './wiring.js';
export { podEvicter, type PodEvicter } from './pod-evicter.js';
export { VersionTracker } from './version-tracker.js';
