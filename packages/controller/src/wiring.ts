/**
 * Builds the Rollout reconciler from the manager's context (listers, clients, recorder, clock,
 * logger). Until the canary reconciler is exported from ./rollout/index.ts this reconciler only
 * logs, so the process, informers, queue, metrics and leader election run end to end.
 */
import type { ReconcilerContext, RolloutReconcilerLike } from './manager/manager.js';

export function createRolloutReconciler(context: ReconcilerContext): RolloutReconcilerLike {
  return {
    reconcile: async (namespace, name) => {
      context.logger.debug('rollout reconciler not available; skipping', { namespace, rollout: name });
    },
  };
}
