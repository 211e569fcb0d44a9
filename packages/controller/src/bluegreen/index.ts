// Blue-green Rollout reconciler. The rollout worker dispatches rollouts with `spec.strategy.blueGreen` to
// `BlueGreenReconciler.reconcile(namespace, name)` (build it with `createBlueGreenReconciler`); register
// `blueGreenEventHandlers` on the Service and AnalysisRun informers so their changes enqueue the rollout.
export { BlueGreenReconciler, type BlueGreenReconcileResult, type BlueGreenReconcilerOptions } from './bluegreen-reconciler.js';
export { blueGreenEventHandlers, createBlueGreenReconciler, type BlueGreenEventHandlers, type CreateBlueGreenReconcilerOptions } from './wiring.js';
export { blueGreenReconcilerFromContext, dispatchByStrategy, type RolloutReconcilerLike } from './dispatch.js';
