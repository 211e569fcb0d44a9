/**
 * Builds the canary Rollout reconciler from the manager's context: informer listers for reads,
 * typed clients and the Eviction subresource for writes, the shared event recorder and clock.
 */
import type { ReconcilerContext, RolloutReconcilerLike } from './manager/manager.js';
import { RolloutReconciler, podEvicter } from './rollout/index.js';

export function createRolloutReconciler(context: ReconcilerContext): RolloutReconcilerLike {
  return new RolloutReconciler({
    rollouts: context.listers.rollouts,
    replicaSets: context.listers.replicaSets,
    pods: context.listers.pods,
    rolloutClient: context.clients.rollouts,
    replicaSetClient: context.clients.replicaSets,
    evicter: podEvicter(context.transport),
    recorder: context.recorder,
    clock: context.clock,
    logger: context.logger,
  });
}
