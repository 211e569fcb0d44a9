// Blue-green Rollout reconciler. The rollout worker dispatches rollouts with `spec.strategy.blueGreen` to
// `BlueGreenReconciler.reconcile(namespace, name)` (built by `blueGreenReconcilerFromContext` from the manager's
// context); Service and AnalysisRun changes enqueue the rollout through the manager's rules (manager/enqueue.ts).
export { BlueGreenReconciler, type BlueGreenReconcileResult, type BlueGreenReconcilerOptions } from './bluegreen-reconciler.js';
export { blueGreenReconcilerFromContext, dispatchByStrategy, type RolloutReconcilerLike } from './dispatch.js';
