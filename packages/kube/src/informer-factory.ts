/**
 * Shared informers: one per kind, created on first request and shared by every reconciler, with
 * upstream's list filters:
 *   ReplicaSets, Pods                      `rollouts-pod-template-hash` (exists)
 *   Jobs                                   `analysisrun.argoproj.io/uid` (exists)
 *   Rollouts, AnalysisRuns, AnalysisTemplates, Experiments, ClusterAnalysisTemplates
 *                                          instance-id selector (see selectors.ts)
 *   everything else                        unfiltered
 * Namespaced kinds are watched in `namespace` (`--namespaced`) or all namespaces;
 * ClusterAnalysisTemplates always cluster-wide.
 * parity: argo-rollouts cmd/rollouts-controller/main.go (informer factories)
 */
import type { V1Deployment, V1Job, V1Pod, V1ReplicaSet, V1Service } from '@kubernetes/client-node';
import type { AnalysisRun, AnalysisTemplate, ClusterAnalysisTemplate, Experiment, Rollout } from '@serin/api';
import type { Clock } from './clock.js';
import { Informer } from './informer.js';
import { DefaultWatchTimeoutSeconds, listWatch } from './list-watch.js';
import type { Logger } from './logger.js';
import type { KubeObject } from './object.js';
import { type ResourceDescriptor, Resources, istioResources } from './resources.js';
import { AnalysisRunUidLabel, PodTemplateHashLabel, instanceIdSelector } from './selectors.js';
import type { IndexFunc } from './store.js';
import type { Transport } from './transport.js';
import type { CustomObject } from './wire-types.js';

export interface InformerFactoryOptions {
  readonly transport: Transport;
  readonly clock: Clock;
  readonly logger?: Logger;
  /** `--namespaced`: the one namespace to watch; '' / undefined = all namespaces. */
  readonly namespace?: string;
  /** `--instance-id`. */
  readonly instanceId?: string;
  /** `--rollout-resync` in ms (upstream default 900 s). */
  readonly resyncMs?: number;
  /** First restart delay after a non-410 list/watch failure (default 1 s, doubling to 30 s). */
  readonly restartInitialMs?: number;
  /** See InformerOptions.minWatchMs (default 1000). */
  readonly minWatchMs?: number;
  /** Server-side watch timeout, so connections are recycled (default 300 s; 0 = none). */
  readonly watchTimeoutSeconds?: number;
  readonly istioApiVersion?: string;
}

/** Label selector used for a resource (exported so tests and the sandbox accounting can assert it). */
export function selectorFor(resource: ResourceDescriptor, instanceId: string): string | undefined {
  switch (resource.plural) {
    case Resources.replicaSets.plural:
    case Resources.pods.plural:
      return PodTemplateHashLabel;
    case Resources.jobs.plural:
      return AnalysisRunUidLabel;
    case Resources.rollouts.plural:
    case Resources.analysisRuns.plural:
    case Resources.analysisTemplates.plural:
    case Resources.clusterAnalysisTemplates.plural:
    case Resources.experiments.plural:
      return resource.group === 'argoproj.io' ? instanceIdSelector(instanceId) : undefined;
    default:
      return undefined;
  }
}

export class InformerFactory {
  private readonly informers = new Map<string, Informer<KubeObject>>();
  private started = false;

  constructor(private readonly options: InformerFactoryOptions) {
    instanceIdSelector(options.instanceId ?? ''); // fail fast on a bad --instance-id
  }

  /** The shared informer for `resource` (created on first call; started if the factory is). */
  forResource<T extends KubeObject>(resource: ResourceDescriptor, indexers?: Readonly<Record<string, IndexFunc<T>>>): Informer<T> {
    const id = `${resource.group}/${resource.version}/${resource.plural}`;
    const existing = this.informers.get(id);
    if (existing !== undefined) return existing as unknown as Informer<T>;
    const labelSelector = selectorFor(resource, this.options.instanceId ?? '');
    const namespace = resource.namespaced ? (this.options.namespace ?? '') : '';
    const lw = listWatch<T>(this.options.transport, resource, {
      namespace,
      watchTimeoutSeconds: this.options.watchTimeoutSeconds ?? DefaultWatchTimeoutSeconds,
      ...(labelSelector === undefined ? {} : { labelSelector }),
    });
    const informer = new Informer<T>(lw, {
      clock: this.options.clock,
      name: resource.plural,
      ...(this.options.logger === undefined ? {} : { logger: this.options.logger }),
      ...(this.options.resyncMs === undefined ? {} : { resyncMs: this.options.resyncMs }),
      ...(this.options.restartInitialMs === undefined ? {} : { restartInitialMs: this.options.restartInitialMs }),
      ...(this.options.minWatchMs === undefined ? {} : { minWatchMs: this.options.minWatchMs }),
      ...(indexers === undefined ? {} : { indexers }),
    });
    this.informers.set(id, informer as unknown as Informer<KubeObject>);
    if (this.started) informer.start();
    return informer;
  }

  rollouts(): Informer<Rollout> {
    return this.forResource<Rollout>(Resources.rollouts);
  }
  analysisRuns(): Informer<AnalysisRun> {
    return this.forResource<AnalysisRun>(Resources.analysisRuns);
  }
  analysisTemplates(): Informer<AnalysisTemplate> {
    return this.forResource<AnalysisTemplate>(Resources.analysisTemplates);
  }
  clusterAnalysisTemplates(): Informer<ClusterAnalysisTemplate> {
    return this.forResource<ClusterAnalysisTemplate>(Resources.clusterAnalysisTemplates);
  }
  experiments(): Informer<Experiment> {
    return this.forResource<Experiment>(Resources.experiments);
  }
  replicaSets(): Informer<V1ReplicaSet> {
    return this.forResource<V1ReplicaSet>(Resources.replicaSets);
  }
  pods(): Informer<V1Pod> {
    return this.forResource<V1Pod>(Resources.pods);
  }
  services(): Informer<V1Service> {
    return this.forResource<V1Service>(Resources.services);
  }
  jobs(): Informer<V1Job> {
    return this.forResource<V1Job>(Resources.jobs);
  }
  deployments(): Informer<V1Deployment> {
    return this.forResource<V1Deployment>(Resources.deployments);
  }
  virtualServices(): Informer<CustomObject> {
    return this.forResource<CustomObject>(istioResources(this.options.istioApiVersion).virtualServices);
  }
  destinationRules(): Informer<CustomObject> {
    return this.forResource<CustomObject>(istioResources(this.options.istioApiVersion).destinationRules);
  }

  /** Start every informer created so far and any created later. */
  start(): void {
    this.started = true;
    for (const inf of this.informers.values()) inf.start();
  }

  hasSynced(): boolean {
    return [...this.informers.values()].every((i) => i.hasSynced());
  }

  /** Resolves when every informer created so far has synced. */
  async waitForCacheSync(): Promise<void> {
    await Promise.all([...this.informers.values()].map((i) => i.waitForSync()));
  }

  stop(): void {
    this.started = false;
    for (const inf of this.informers.values()) inf.stop();
  }
}
