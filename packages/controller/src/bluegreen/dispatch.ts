/**
 * One Rollouts queue, two strategies: `spec.strategy.blueGreen` rollouts go to the blue-green reconciler, all
 * others to the canary one (upstream has a single rolloutContext branching on the strategy).
 */
import type { Rollout } from '@serin/api';
import type { Lister } from '@serin/kube';
import type { ReconcilerContext } from '../manager/manager.js';
import { podEvicter } from '../rollout/pod-evicter.js';
import { BlueGreenReconciler } from './bluegreen-reconciler.js';

export interface RolloutReconcilerLike {
  reconcile(namespace: string, name: string): Promise<void | { readonly requeueAfterMs?: number }>;
}

/** Route each key by the cached rollout's strategy (a rollout gone from the cache goes to the canary reconciler). */
export function dispatchByStrategy(rollouts: Lister<Rollout>, canary: RolloutReconcilerLike, blueGreen: RolloutReconcilerLike): RolloutReconcilerLike {
  return {
    reconcile: (namespace, name) => (rollouts.get(namespace, name)?.spec.strategy?.blueGreen !== undefined ? blueGreen : canary).reconcile(namespace, name),
  };
}

/** A BlueGreenReconciler from the manager's ReconcilerContext (listers, typed clients, recorder, clock). */
export function blueGreenReconcilerFromContext(context: ReconcilerContext): BlueGreenReconciler {
  const { listers, clients } = context;
  const none = { get: () => undefined, getByKey: () => undefined, list: () => [], byIndex: () => [], ownedBy: () => [], size: () => 0 };
  return new BlueGreenReconciler({
    rollouts: listers.rollouts,
    replicaSets: listers.replicaSets,
    pods: listers.pods,
    services: listers.services,
    analysisRuns: listers.analysisRuns,
    analysisTemplates: listers.analysisTemplates,
    clusterAnalysisTemplates: listers.clusterAnalysisTemplates ?? none,
    deployments: listers.deployments,
    rolloutClient: clients.rollouts,
    replicaSetClient: clients.replicaSets,
    serviceClient: clients.services,
    analysisRunClient: clients.analysisRuns,
    podClient: clients.pods,
    deploymentClient: clients.deployments,
    evicter: podEvicter(context.transport),
    recorder: context.recorder,
    clock: context.clock,
    logger: context.logger,
  });
}
