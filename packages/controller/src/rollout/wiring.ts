/**
 * Informer handlers that enqueue the rollout concerned by an event (used by the test harness' small loop; the
 * manager registers the same rules through manager/enqueue.ts). The reconciler itself is built by
 * `createCanaryReconciler` in ../wiring.ts, the one place the binary and the tests share.
 * parity: argo-rollouts rollout/controller.go NewController (event handlers: rollouts, ReplicaSets via
 *         controllerRef, Pods via their ReplicaSet, Deployments referenced by workloadRef)
 */
import type { V1Deployment, V1Pod, V1ReplicaSet } from '@kubernetes/client-node';
import type { AnalysisRun, Experiment, Rollout } from '@serin/api';
import type { InformerHandlers, Lister } from '@serin/kube';
import { objectKey } from '@serin/kube';
import { controllerOf, parentKey, rolloutsReferencingDeployment } from '../manager/enqueue.js';

export interface RolloutEventHandlers {
  readonly rollouts: InformerHandlers<Rollout>;
  readonly replicaSets: InformerHandlers<V1ReplicaSet>;
  readonly pods: InformerHandlers<V1Pod>;
  readonly deployments: InformerHandlers<V1Deployment>;
  /** An AnalysisRun → its controlling Rollout (step/background analysis outcomes). */
  readonly analysisRuns: InformerHandlers<AnalysisRun>;
  /** An Experiment → its controlling Rollout (experiment step outcomes, template Services for routing). */
  readonly experiments: InformerHandlers<Experiment>;
}

/**
 * Informer handlers that call `enqueue(key)` with the `namespace/name` of the rollout concerned: the rollout
 * itself; a ReplicaSet's controlling Rollout; a Pod's ReplicaSet's Rollout; every Rollout whose workloadRef
 * names a changed Deployment.
 */
export function rolloutEventHandlers(enqueue: (key: string) => void, listers: { readonly rollouts: Lister<Rollout>; readonly replicaSets: Lister<V1ReplicaSet> }): RolloutEventHandlers {
  const byRollout = (ro: Rollout): void => enqueue(objectKey(ro));
  const byOwner = (obj: V1ReplicaSet | AnalysisRun | Experiment): void => {
    const key = parentKey(obj);
    if (key !== undefined) enqueue(key);
  };
  const byPod = (pod: V1Pod): void => {
    const owner = controllerOf(pod);
    if (owner?.kind !== 'ReplicaSet') return;
    const rs = listers.replicaSets.get(pod.metadata?.namespace ?? '', owner.name);
    if (rs !== undefined) byOwner(rs);
  };
  const byDeployment = (d: V1Deployment): void => {
    for (const key of rolloutsReferencingDeployment(listers.rollouts.list(d.metadata?.namespace ?? ''), d.metadata?.name ?? '')) enqueue(key);
  };
  const all = <T>(fn: (obj: T) => void): InformerHandlers<T> => ({ add: fn, update: (_old, obj) => fn(obj), delete: fn });
  return { rollouts: all(byRollout), replicaSets: all(byOwner), pods: all(byPod), deployments: all(byDeployment), analysisRuns: all(byOwner), experiments: all(byOwner) };
}
