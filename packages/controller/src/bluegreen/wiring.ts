/**
 * Wiring for the manager: which informer events enqueue a blue-green rollout (its Services, its AnalysisRuns) and
 * a reconciler built from a KubeClient and the shared informers.
 * parity: argo-rollouts rollout/controller.go NewController (service and AnalysisRun event handlers)
 */
import type { V1Service } from '@kubernetes/client-node';
import type { AnalysisRun, Rollout } from '@serin/api';
import type { Clock, EventRecorder, InformerFactory, InformerHandlers, KubeClient, KubeObject, Lister, Logger } from '@serin/kube';
import { objectKey } from '@serin/kube';
import { podEvicter } from '../rollout/pod-evicter.js';
import { BlueGreenReconciler } from './bluegreen-reconciler.js';

const controllerOf = (obj: KubeObject): { kind?: string; name?: string } | undefined => (obj.metadata?.ownerReferences ?? []).find((r) => r.controller === true);

export interface BlueGreenEventHandlers {
  readonly services: InformerHandlers<V1Service>;
  readonly analysisRuns: InformerHandlers<AnalysisRun>;
}

/**
 * A Service change enqueues every blue-green Rollout naming it (active or preview); an AnalysisRun change enqueues
 * its controlling Rollout.
 */
export function blueGreenEventHandlers(enqueue: (key: string) => void, listers: { readonly rollouts: Lister<Rollout> }): BlueGreenEventHandlers {
  const byService = (svc: V1Service): void => {
    for (const ro of listers.rollouts.list(svc.metadata?.namespace ?? '')) {
      const bg = ro.spec.strategy?.blueGreen;
      if (bg !== undefined && (bg.activeService === svc.metadata?.name || bg.previewService === svc.metadata?.name)) enqueue(objectKey(ro));
    }
  };
  const byRun = (run: AnalysisRun): void => {
    const owner = controllerOf(run);
    if (owner?.kind === 'Rollout' && owner.name !== undefined) enqueue(`${run.metadata?.namespace ?? ''}/${owner.name}`);
  };
  const all = <T>(fn: (obj: T) => void): InformerHandlers<T> => ({ add: fn, update: (_old, obj) => fn(obj), delete: fn });
  return { services: all(byService), analysisRuns: all(byRun) };
}

export interface CreateBlueGreenReconcilerOptions {
  readonly kube: KubeClient;
  readonly informers: InformerFactory;
  readonly recorder: EventRecorder;
  readonly clock: Clock;
  readonly logger?: Logger;
}

/** A BlueGreenReconciler over the shared informers and the typed clients. */
export function createBlueGreenReconciler({ kube, informers, recorder, clock, logger }: CreateBlueGreenReconcilerOptions): BlueGreenReconciler {
  return new BlueGreenReconciler({
    rollouts: informers.rollouts().lister,
    replicaSets: informers.replicaSets().lister,
    pods: informers.pods().lister,
    services: informers.services().lister,
    analysisRuns: informers.analysisRuns().lister,
    analysisTemplates: informers.analysisTemplates().lister,
    clusterAnalysisTemplates: informers.clusterAnalysisTemplates().lister,
    deployments: informers.deployments().lister,
    rolloutClient: kube.clients.rollouts,
    replicaSetClient: kube.clients.replicaSets,
    serviceClient: kube.clients.services,
    analysisRunClient: kube.clients.analysisRuns,
    podClient: kube.clients.pods,
    deploymentClient: kube.clients.deployments,
    evicter: podEvicter(kube.transport),
    recorder,
    clock,
    ...(logger === undefined ? {} : { logger }),
  });
}
