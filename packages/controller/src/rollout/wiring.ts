/**
 * Wiring for the manager: which informer events enqueue which rollout, and a reconciler built from a KubeClient
 * and the shared informers.
 * parity: argo-rollouts rollout/controller.go NewController (event handlers: rollouts, ReplicaSets via
 *         controllerRef, Pods via their ReplicaSet, Deployments referenced by workloadRef)
 */
import type { V1Deployment, V1Pod, V1ReplicaSet } from '@kubernetes/client-node';
import type { AnalysisRun, Experiment, Rollout } from '@serin/api';
import type { Clock, EventRecorder, InformerFactory, InformerHandlers, KubeClient, KubeObject, Lister, Logger } from '@serin/kube';
import { objectKey } from '@serin/kube';
import { podEvicter } from './pod-evicter.js';
import { RolloutReconciler } from './rollout-reconciler.js';

const controllerOf = (obj: KubeObject): { kind?: string; name?: string } | undefined =>
  (obj.metadata?.ownerReferences ?? []).find((r) => r.controller === true);

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
  const byReplicaSet = (rs: V1ReplicaSet): void => {
    const owner = controllerOf(rs);
    if (owner?.kind === 'Rollout' && owner.name !== undefined) enqueue(`${rs.metadata?.namespace ?? ''}/${owner.name}`);
  };
  const byPod = (pod: V1Pod): void => {
    const owner = controllerOf(pod);
    if (owner?.kind !== 'ReplicaSet' || owner.name === undefined) return;
    const rs = listers.replicaSets.get(pod.metadata?.namespace ?? '', owner.name);
    if (rs !== undefined) byReplicaSet(rs);
  };
  const byDeployment = (d: V1Deployment): void => {
    for (const ro of listers.rollouts.list(d.metadata?.namespace ?? '')) {
      if (ro.spec.workloadRef?.kind === 'Deployment' && ro.spec.workloadRef.name === d.metadata?.name) byRollout(ro);
    }
  };
  const byRun = (run: AnalysisRun | Experiment): void => {
    const owner = controllerOf(run);
    if (owner?.kind === 'Rollout' && owner.name !== undefined) enqueue(`${run.metadata?.namespace ?? ''}/${owner.name}`);
  };
  const all = <T>(fn: (obj: T) => void): InformerHandlers<T> => ({ add: fn, update: (_old, obj) => fn(obj), delete: fn });
  return { rollouts: all(byRollout), replicaSets: all(byReplicaSet), pods: all(byPod), deployments: all(byDeployment), analysisRuns: all(byRun), experiments: all(byRun) };
}

export interface RolloutReconcilerFromInformersOptions {
  readonly kube: KubeClient;
  readonly informers: InformerFactory;
  readonly recorder: EventRecorder;
  readonly clock: Clock;
  readonly logger?: Logger;
}

/**
 * A RolloutReconciler over the shared informers (rollouts, ReplicaSets, Pods, Deployments, AnalysisRuns and
 * templates) and the typed clients; Istio objects are read with GETs (no informer needs their CRDs).
 */
export function rolloutReconcilerFromInformers({ kube, informers, recorder, clock, logger }: RolloutReconcilerFromInformersOptions): RolloutReconciler {
  return new RolloutReconciler({
    rollouts: informers.rollouts().lister,
    replicaSets: informers.replicaSets().lister,
    pods: informers.pods().lister,
    deployments: informers.deployments().lister,
    rolloutClient: kube.clients.rollouts,
    replicaSetClient: kube.clients.replicaSets,
    podClient: kube.clients.pods,
    deploymentClient: kube.clients.deployments,
    analysis: {
      analysisRuns: informers.analysisRuns().lister,
      analysisTemplates: informers.analysisTemplates().lister,
      clusterAnalysisTemplates: informers.clusterAnalysisTemplates().lister,
      analysisRunClient: kube.clients.analysisRuns,
    },
    experiments: { experiments: informers.experiments().lister, experimentClient: kube.clients.experiments },
    trafficRouting: { virtualServices: kube.clients.virtualServices, destinationRules: kube.clients.destinationRules },
    services: { services: informers.services().lister, serviceClient: kube.clients.services },
    evicter: podEvicter(kube.transport),
    recorder,
    clock,
    ...(logger === undefined ? {} : { logger }),
  });
}
