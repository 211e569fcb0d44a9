/**
 * The controller manager: shared informers → event handlers that enqueue Rollout keys → the
 * `Rollouts` work queue → `--rollout-threads` workers → the Rollout reconciler.
 *
 * Order (upstream Manager.startLeading): create informers and handlers, start informers, wait until
 * every cache has synced, then start workers. `stop()` shuts the queue down, lets in-flight
 * reconciles finish (drain), stops the informers and flushes pending Events.
 * parity: argo-rollouts controller/controller.go (Manager.Run / startLeading), rollout/controller.go
 */
import type { V1Deployment, V1Job, V1Pod, V1ReplicaSet, V1Service } from '@kubernetes/client-node';
import { type AnalysisRun, type AnalysisTemplate, type ClusterAnalysisTemplate, type Experiment, type Rollout } from '@serin/api';
import { type IstioKind, rolloutsReferencingIstioObject } from '@serin/core';
import {
  type Clock,
  type CustomObject,
  type EventRecorder,
  InformerFactory,
  type Lister,
  type Logger,
  type ResourceClients,
  type Transport,
  WorkQueue,
  createEventRecorder,
  runWorkers,
  splitKey,
} from '@serin/kube';
import { type ControllerMetrics, ReconcileKind } from '../metrics/metrics.js';
import { IstioInformers } from './istio-informers.js';
import { rolloutKey } from './enqueue.js';
import { addManagerEventHandlers } from './event-handlers.js';

/** What a reconciler (Rollout, AnalysisRun) exposes to the manager. */
export interface RolloutReconcilerLike {
  reconcile(namespace: string, name: string): Promise<void | { readonly requeueAfterMs?: number }>;
}
export type AnalysisRunReconcilerLike = RolloutReconcilerLike;
export type ExperimentReconcilerLike = RolloutReconcilerLike;

export interface ControllerListers {
  readonly rollouts: Lister<Rollout>;
  readonly replicaSets: Lister<V1ReplicaSet>;
  readonly pods: Lister<V1Pod>;
  readonly services: Lister<V1Service>;
  readonly deployments: Lister<V1Deployment>;
  readonly analysisRuns: Lister<AnalysisRun>;
  readonly analysisTemplates: Lister<AnalysisTemplate>;
  /** Absent in `--namespaced` mode (no cluster-wide read). */
  readonly clusterAnalysisTemplates?: Lister<ClusterAnalysisTemplate>;
  readonly experiments: Lister<Experiment>;
  /** Jobs labelled `analysisrun.argoproj.io/uid` (the Job metric provider). */
  readonly jobs: Lister<V1Job>;
  /** VirtualServices / DestinationRules (`--istio-api-version`); empty until Istio is detected and synced. */
  readonly virtualServices?: Lister<CustomObject>;
  readonly destinationRules?: Lister<CustomObject>;
}

/** Everything a reconciler is built from. */
export interface ReconcilerContext {
  readonly listers: ControllerListers;
  readonly clients: ResourceClients;
  /** For requests without a typed client (the pods/eviction subresource). */
  readonly transport: Transport;
  readonly recorder: EventRecorder;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Schedule another reconcile of `namespace/name` (upstream enqueueRolloutAfter). */
  enqueueRolloutAfter(key: string, delayMs: number): void;
  enqueueAnalysisRunAfter(key: string, delayMs: number): void;
  enqueueExperimentAfter(key: string, delayMs: number): void;
}

export type RolloutReconcilerFactory = (context: ReconcilerContext) => RolloutReconcilerLike;
export type AnalysisRunReconcilerFactory = (context: ReconcilerContext) => AnalysisRunReconcilerLike;
export type ExperimentReconcilerFactory = (context: ReconcilerContext) => ExperimentReconcilerLike;

export interface ManagerOptions {
  readonly transport: Transport;
  readonly clients: ResourceClients;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Absent: no Rollouts queue (`--controllers=analysis`). */
  readonly createRolloutReconciler?: RolloutReconcilerFactory;
  /** Absent: no AnalysisRuns queue. */
  readonly createAnalysisRunReconciler?: AnalysisRunReconcilerFactory;
  /** Absent: no Experiments queue. */
  readonly createExperimentReconciler?: ExperimentReconcilerFactory;
  readonly metrics?: ControllerMetrics;
  /** Events recorder; default: one writing through `clients.events` and counting into `metrics`. */
  readonly recorder?: EventRecorder;
  /** `--namespaced` namespace; '' = all namespaces. */
  readonly namespace?: string;
  readonly instanceId?: string;
  /** `--rollout-threads` (default 10). */
  readonly rolloutThreads?: number;
  /** `--analysis-threads` (default 30). */
  readonly analysisThreads?: number;
  /** `--experiment-threads` (default 10). */
  readonly experimentThreads?: number;
  /** `--rollout-resync` in ms (default 900 s). */
  readonly resyncMs?: number;
  /** Delay before a deleted object's per-object series are dropped (default 65 s, upstream's). */
  readonly metricCleanupDelayMs?: number;
  /** Informer tuning for tests. */
  readonly minWatchMs?: number;
  readonly restartInitialMs?: number;
  /** `--istio-api-version` (default v1alpha3). */
  readonly istioApiVersion?: string;
  /** Re-check for the Istio CRDs this often while they are absent (default 30 s; 0 = only at start). */
  readonly istioRecheckMs?: number;
}

/** parity: argo-rollouts utils/defaults DefaultMetricCleanupDelay (65 s): let Prometheus scrape the last values. */
export const MetricCleanupDelayMs = 65_000;

export class Manager {
  readonly informers: InformerFactory;
  readonly rolloutQueue: WorkQueue;
  readonly analysisRunQueue: WorkQueue;
  readonly experimentQueue: WorkQueue;
  readonly recorder: EventRecorder;
  readonly listers: ControllerListers;
  /** VirtualService / DestinationRule informers (Rollouts queue only). */
  readonly istio: IstioInformers | undefined;
  private readonly log: Logger;
  private workers: Array<Promise<void>> = [];
  private state: 'new' | 'starting' | 'running' | 'stopped' = 'new';

  constructor(private readonly options: ManagerOptions) {
    const { clock, logger, metrics } = options;
    this.log = logger;
    this.informers = new InformerFactory({
      transport: options.transport,
      clock,
      logger,
      namespace: options.namespace ?? '',
      instanceId: options.instanceId ?? '',
      resyncMs: options.resyncMs ?? 900_000,
      ...(options.minWatchMs === undefined ? {} : { minWatchMs: options.minWatchMs }),
      ...(options.restartInitialMs === undefined ? {} : { restartInitialMs: options.restartInitialMs }),
      ...(options.istioApiVersion === undefined ? {} : { istioApiVersion: options.istioApiVersion }),
    });
    this.rolloutQueue = new WorkQueue({ clock, name: 'Rollouts' });
    this.analysisRunQueue = new WorkQueue({ clock, name: 'AnalysisRuns' });
    this.experimentQueue = new WorkQueue({ clock, name: 'Experiments' });
    this.recorder =
      options.recorder ??
      createEventRecorder({ events: options.clients.events, clock, logger, ...(metrics === undefined ? {} : { onEvent: (e) => metrics.recordEvent(e) }) });
    const f = this.informers;
    const namespaced = (options.namespace ?? '') !== '';
    this.istio =
      options.createRolloutReconciler === undefined
        ? undefined
        : new IstioInformers({
            informers: f,
            virtualServices: options.clients.virtualServices,
            namespace: options.namespace ?? '',
            clock,
            logger,
            onChange: (kind, ns, name) => this.enqueueIstioReferrers(kind, ns, name),
            ...(options.istioRecheckMs === undefined ? {} : { recheckMs: options.istioRecheckMs }),
          });
    this.listers = {
      rollouts: f.rollouts().lister,
      replicaSets: f.replicaSets().lister,
      pods: f.pods().lister,
      services: f.services().lister,
      deployments: f.deployments().lister,
      analysisRuns: f.analysisRuns().lister,
      analysisTemplates: f.analysisTemplates().lister,
      experiments: f.experiments().lister,
      jobs: f.jobs().lister,
      ...(namespaced ? {} : { clusterAnalysisTemplates: f.clusterAnalysisTemplates().lister }),
      ...(this.istio === undefined ? {} : { virtualServices: this.istio.virtualServices, destinationRules: this.istio.destinationRules }),
    };
    metrics?.setListers(this.listers);
    metrics?.registerQueue(this.rolloutQueue);
    metrics?.registerQueue(this.analysisRunQueue);
    metrics?.registerQueue(this.experimentQueue);
    this.addEventHandlers();
  }

  /** Start informers, wait for every cache, start the workers. Resolves once workers run. */
  async start(): Promise<void> {
    if (this.state !== 'new') throw new Error(`manager already ${this.state}`);
    this.state = 'starting';
    const context: ReconcilerContext = {
      listers: this.listers,
      clients: this.options.clients,
      transport: this.options.transport,
      recorder: this.recorder,
      clock: this.options.clock,
      logger: this.log,
      enqueueRolloutAfter: (key, delayMs) => this.rolloutQueue.addAfter(key, delayMs),
      enqueueAnalysisRunAfter: (key, delayMs) => this.analysisRunQueue.addAfter(key, delayMs),
      enqueueExperimentAfter: (key, delayMs) => this.experimentQueue.addAfter(key, delayMs),
    };
    const rollouts = this.options.createRolloutReconciler?.(context);
    const analysisRuns = this.options.createAnalysisRunReconciler?.(context);
    const experiments = this.options.createExperimentReconciler?.(context);
    // Istio informers join the initial cache sync when the CRDs exist now; otherwise a periodic re-check
    if (this.istio !== undefined) await this.istio.ensure();
    if (this.state !== 'starting') return; // stopped while detecting
    this.log.info('Starting Controllers');
    this.informers.start();
    this.log.info("Waiting for controller's informer caches to sync");
    await this.informers.waitForCacheSync();
    if (this.state !== 'starting') return; // stopped while syncing
    if (rollouts !== undefined) {
      const threads = this.options.rolloutThreads ?? 10;
      this.log.info('Starting Rollout workers', { threads });
      this.workers.push(this.runLoop(this.rolloutQueue, threads, rollouts, 'rollout', ReconcileKind.Rollout));
      this.log.info('Started rollout workers');
    }
    if (analysisRuns !== undefined) {
      const threads = this.options.analysisThreads ?? 30;
      this.log.info('Starting analysis workers', { threads });
      this.workers.push(this.runLoop(this.analysisRunQueue, threads, analysisRuns, 'analysisrun', ReconcileKind.AnalysisRun));
      this.log.info('Started analysis workers');
    }
    if (experiments !== undefined) {
      const threads = this.options.experimentThreads ?? 10;
      this.log.info('Starting Experiment workers', { threads });
      this.workers.push(this.runLoop(this.experimentQueue, threads, experiments, 'experiment', ReconcileKind.Experiment));
      this.log.info('Started Experiment workers');
    }
    this.state = 'running';
    this.log.info('Started controller');
  }

  /** `threads` workers feeding `reconciler` from `queue`, observing `<kind>_reconcile` and `<kind>_reconcile_error`. */
  private runLoop(queue: WorkQueue, threads: number, reconciler: RolloutReconcilerLike, objType: string, kind: ReconcileKind): Promise<void> {
    const metrics = this.options.metrics;
    return runWorkers(
      queue,
      threads,
      async (key) => {
        const { namespace, name } = splitKey(key);
        return reconciler.reconcile(namespace, name);
      },
      {
        clock: this.options.clock,
        logger: this.log,
        objType,
        onReconciled: ({ key, durationMs, error }) => {
          if (metrics === undefined) return;
          const { namespace, name } = splitKey(key);
          metrics.observeWork(queue.name, durationMs / 1000);
          metrics.observeReconcile(kind, namespace, name, durationMs / 1000);
          if (error !== undefined) metrics.incReconcileError(kind, namespace, name);
        },
      },
    );
  }

  get isRunning(): boolean {
    return this.state === 'running';
  }

  /** Stop taking work, finish in-flight reconciles, stop informers, flush Events. Idempotent. */
  async stop(): Promise<void> {
    if (this.state === 'stopped') return;
    this.state = 'stopped';
    this.log.info('Shutting down workers');
    await Promise.all([this.rolloutQueue.shutDownWithDrain(), this.analysisRunQueue.shutDownWithDrain(), this.experimentQueue.shutDownWithDrain()]);
    await Promise.all(this.workers);
    this.log.info('All workers have stopped');
    this.istio?.stop();
    this.informers.stop();
    await this.recorder.flush();
  }

  /** Drop a deleted object's series after one more scrape interval (upstream: 65 s). */
  private removeMetricsLater(kind: ReconcileKind, namespace: string, name: string): void {
    const metrics = this.options.metrics;
    if (metrics === undefined) return;
    this.options.clock.setTimeout(() => metrics.remove(kind, namespace, name), this.options.metricCleanupDelayMs ?? MetricCleanupDelayMs);
  }

  private enqueue(key: string | undefined): void {
    if (key !== undefined) this.rolloutQueue.add(key);
  }

  /** parity: argo-rollouts rollout/controller.go (VirtualService/DestinationRule handlers → referencing Rollouts) */
  private enqueueIstioReferrers(kind: IstioKind, namespace: string, name: string): void {
    for (const ro of rolloutsReferencingIstioObject(this.informers.rollouts().lister.list(), kind, namespace, name)) this.enqueue(rolloutKey(ro));
  }

  private enqueueAnalysisRun(key: string | undefined): void {
    if (key !== undefined) this.analysisRunQueue.add(key);
  }

  private enqueueExperiment(key: string | undefined): void {
    if (key !== undefined) this.experimentQueue.add(key);
  }

  private addEventHandlers(): void {
    addManagerEventHandlers({
      informers: this.informers,
      clusterScoped: this.listers.clusterAnalysisTemplates !== undefined,
      log: this.log,
      recorder: this.recorder,
      metrics: this.options.metrics,
      enqueueRollout: (key) => this.enqueue(key),
      enqueueAnalysisRun: (key) => this.enqueueAnalysisRun(key),
      enqueueExperiment: (key) => this.enqueueExperiment(key),
      removeMetricsLater: (kind, ns, name) => this.removeMetricsLater(kind, ns, name),
    });
  }
}
