/**
 * Wiring for the manager: an Experiments work queue fed by Experiment changes and by changes of the ReplicaSets,
 * Services and AnalysisRuns an Experiment controls; the reconciler over the manager's context.
 * parity: argo-rollouts experiments/controller.go NewController (event handlers)
 */
import type { V1ReplicaSet, V1Service } from '@kubernetes/client-node';
import type { AnalysisRun, Experiment } from '@serin/api';
import type { InformerHandlers, KubeObject } from '@serin/kube';
import { objectKey } from '@serin/kube';
import type { ReconcilerContext } from '../manager/manager.js';
import { ExperimentReconciler } from './experiment-reconciler.js';

const controllerOf = (obj: KubeObject): { kind?: string; name?: string } | undefined => (obj.metadata?.ownerReferences ?? []).find((r) => r.controller === true);

export interface ExperimentEventHandlers {
  readonly experiments: InformerHandlers<Experiment>;
  readonly replicaSets: InformerHandlers<V1ReplicaSet>;
  readonly services: InformerHandlers<V1Service>;
  readonly analysisRuns: InformerHandlers<AnalysisRun>;
}

/** `enqueue(namespace/name)` of the Experiment itself or of the Experiment controlling the changed object. */
export function experimentEventHandlers(enqueue: (key: string) => void): ExperimentEventHandlers {
  const byOwner = (obj: KubeObject): void => {
    const owner = controllerOf(obj);
    if (owner?.kind === 'Experiment' && owner.name !== undefined) enqueue(`${obj.metadata?.namespace ?? ''}/${owner.name}`);
  };
  const all = <T>(fn: (obj: T) => void): InformerHandlers<T> => ({ add: fn, update: (_old, obj) => fn(obj), delete: fn });
  return { experiments: all((ex: Experiment) => enqueue(objectKey(ex))), replicaSets: all(byOwner), services: all(byOwner), analysisRuns: all(byOwner) };
}

/** An ExperimentReconciler from the manager's ReconcilerContext. */
export function experimentReconcilerFromContext(context: ReconcilerContext): ExperimentReconciler {
  const { listers, clients } = context;
  return new ExperimentReconciler({
    experiments: listers.experiments,
    replicaSets: listers.replicaSets,
    services: listers.services,
    analysisRuns: listers.analysisRuns,
    analysisTemplates: listers.analysisTemplates,
    ...(listers.clusterAnalysisTemplates === undefined ? {} : { clusterAnalysisTemplates: listers.clusterAnalysisTemplates }),
    experimentClient: clients.experiments,
    replicaSetClient: clients.replicaSets,
    serviceClient: clients.services,
    analysisRunClient: clients.analysisRuns,
    recorder: context.recorder,
    clock: context.clock,
    logger: context.logger,
  });
}
