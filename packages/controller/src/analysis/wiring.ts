/**
 * Wiring helpers for the controller process: build the AnalysisRun reconciler from the shared runtime, and the
 * informer handlers that enqueue AnalysisRun keys (run changes, and analysis Job changes → their run).
 * parity: argo-rollouts analysis/controller.go (NewController: analysisRun and job informer handlers)
 */
import type { V1Job, V1Pod, V1Secret } from '@kubernetes/client-node';
import { type AnalysisRun, ANNOTATION } from '@serin/api';
import {
  type Clock,
  type EventRecorder,
  type InformerHandlers,
  type Lister,
  type Logger,
  type ResourceClients,
  Resources,
  type Transport,
  resourceClient,
} from '@serin/kube';
import { AnalysisRunReconciler } from './analysis-run-reconciler.js';
import type { HttpClient } from './http.js';
import { createMetricProviders } from './providers.js';

export interface AnalysisRunReconcilerDeps {
  readonly listers: { readonly analysisRuns: Lister<AnalysisRun> };
  readonly clients: ResourceClients;
  /** For the Secret reader (`valueFrom.secretKeyRef`), which has no typed client. */
  readonly transport: Transport;
  readonly recorder: EventRecorder;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Jobs informer cache (label `analysisrun.argoproj.io/uid`); without it Jobs are read with GET. */
  readonly jobLister?: Lister<V1Job>;
  /** Pods of analysis Jobs (for image-pull failures); optional. */
  readonly podLister?: Lister<V1Pod>;
  /** `ARGO_ROLLOUTS_PROMETHEUS_ADDRESS`. */
  readonly defaultPrometheusAddress?: string;
  /** `--analysis-jobs-namespace`. */
  readonly jobNamespace?: string;
  readonly http?: HttpClient;
}

/** The reconciler with the Prometheus, Web and Job providers. */
export function createAnalysisRunReconciler(deps: AnalysisRunReconcilerDeps): AnalysisRunReconciler {
  const logger = deps.logger.child({ controller: 'analysis' });
  return new AnalysisRunReconciler({
    analysisRuns: deps.listers.analysisRuns,
    analysisRunClient: deps.clients.analysisRuns,
    secrets: resourceClient<V1Secret>(deps.transport, Resources.secrets),
    providers: createMetricProviders({
      clock: deps.clock,
      jobs: deps.clients.jobs,
      logger,
      ...(deps.jobLister === undefined ? {} : { jobLister: deps.jobLister }),
      ...(deps.podLister === undefined ? {} : { podLister: deps.podLister }),
      ...(deps.defaultPrometheusAddress === undefined ? {} : { defaultPrometheusAddress: deps.defaultPrometheusAddress }),
      ...(deps.jobNamespace === undefined ? {} : { jobNamespace: deps.jobNamespace }),
      ...(deps.http === undefined ? {} : { http: deps.http }),
    }),
    recorder: deps.recorder,
    clock: deps.clock,
    logger,
  });
}

const keyOf = (namespace: string, name: string): string => (namespace === '' ? name : `${namespace}/${name}`);

/** AnalysisRun informer: every add/update/delete enqueues the run. */
export function analysisRunHandlers(enqueue: (key: string) => void): InformerHandlers<AnalysisRun> {
  const add = (run: AnalysisRun): void => enqueue(keyOf(run.metadata?.namespace ?? '', run.metadata?.name ?? ''));
  return { add, update: (_old, run) => add(run), delete: add };
}

/** The run that owns an analysis Job: its controller ownerReference, else the name/namespace annotations. */
export function analysisRunKeyForJob(job: V1Job): string | undefined {
  const owner = job.metadata?.ownerReferences?.find((o) => o.controller === true && o.kind === 'AnalysisRun');
  if (owner !== undefined) return keyOf(job.metadata?.namespace ?? '', owner.name);
  const name = job.metadata?.annotations?.[ANNOTATION.AnalysisRunName];
  const namespace = job.metadata?.annotations?.[ANNOTATION.AnalysisRunNamespace];
  return name === undefined ? undefined : keyOf(namespace ?? job.metadata?.namespace ?? '', name);
}

/** Job informer: a Job change enqueues its run, so Complete/Failed is seen without waiting for `resumeAt`. */
export function analysisJobHandlers(enqueue: (key: string) => void): InformerHandlers<V1Job> {
  const add = (job: V1Job): void => {
    const key = analysisRunKeyForJob(job);
    if (key !== undefined) enqueue(key);
  };
  return { add, update: (_old, job) => add(job), delete: add };
}
