/**
 * Blue-green reconciler test support: the shared FakeCluster (rollouts, ReplicaSets, pods, clock, events, write
 * log) plus Services, AnalysisRuns and analysis templates held in ObjectStores with recording clients.
 */
import type { V1Service } from '@kubernetes/client-node';
import type { AnalysisPhase, AnalysisRun, AnalysisTemplate, BlueGreenStrategy, ClusterAnalysisTemplate, Rollout } from '@serin/api';
import { KubeError, type KubeList, type KubeObject, type MergePatch, ObjectStore, type ResourceClient, type ResourceDescriptor, Resources, isRecord } from '@serin/kube';
import { aRollout } from '../../test-support/builders.js';
import { FakeCluster } from '../../test-support/fake-cluster.js';
import { BlueGreenReconciler, type BlueGreenReconcilerOptions } from '../bluegreen-reconciler.js';

function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isRecord(patch)) return patch;
  const out: Record<string, unknown> = isRecord(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

/** A recording ResourceClient over an ObjectStore (writes land in `cluster.writes`). */
export class RecordingClient<T extends KubeObject> implements ResourceClient<T> {
  constructor(
    readonly resource: ResourceDescriptor,
    private readonly store: ObjectStore<T>,
    private readonly cluster: FakeCluster,
  ) {}

  private save(obj: T): T {
    const copy = structuredClone(obj);
    copy.metadata = { ...copy.metadata, resourceVersion: String(this.cluster.nextResourceVersion()) };
    this.store.upsert(copy);
    return structuredClone(copy);
  }

  async get(namespace: string, name: string): Promise<T> {
    const obj = this.store.get(namespace, name);
    if (obj === undefined) throw new KubeError(404, 'NotFound', `${this.resource.plural} "${name}" not found`);
    return structuredClone(obj);
  }

  async list(namespace?: string): Promise<KubeList<T>> {
    return { items: structuredClone(this.store.list(namespace)) };
  }

  async create(namespace: string, obj: T): Promise<T> {
    const name = obj.metadata?.name ?? '';
    this.cluster.writes.push({ verb: 'create', kind: this.resource.kind, name, body: structuredClone(obj) });
    if (this.store.get(namespace, name) !== undefined) throw new KubeError(409, 'AlreadyExists', `${this.resource.plural} "${name}" already exists`);
    return this.save({ ...structuredClone(obj), metadata: { ...obj.metadata, namespace, uid: `uid-${name}`, creationTimestamp: new Date(this.cluster.clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z') as unknown as Date } });
  }

  async update(obj: T): Promise<T> {
    this.cluster.writes.push({ verb: 'update', kind: this.resource.kind, name: obj.metadata?.name ?? '' });
    return this.save(obj);
  }

  async updateStatus(obj: T): Promise<T> {
    return this.update(obj);
  }

  async patchMerge(namespace: string, name: string, patch: MergePatch): Promise<T> {
    this.cluster.writes.push({ verb: 'patch', kind: this.resource.kind, name, body: structuredClone(patch) });
    return this.save(mergePatch(await this.get(namespace, name), patch) as T);
  }

  async patchStatusMerge(namespace: string, name: string, patch: MergePatch): Promise<T> {
    this.cluster.writes.push({ verb: 'patchStatus', kind: this.resource.kind, name, body: structuredClone(patch) });
    return this.save(mergePatch(await this.get(namespace, name), patch) as T);
  }

  async delete(namespace: string, name: string): Promise<void> {
    this.cluster.writes.push({ verb: 'delete', kind: this.resource.kind, name });
    const obj = this.store.get(namespace, name);
    if (obj === undefined) throw new KubeError(404, 'NotFound', `${this.resource.plural} "${name}" not found`);
    this.store.remove(obj);
  }
}

export interface BlueGreenRolloutOptions {
  name?: string;
  replicas?: number;
  image?: string;
  blueGreen?: Partial<BlueGreenStrategy>;
  revisionHistoryLimit?: number;
}

/** The seed's blue-green `reviews` rollout shape: active/preview Services, template labels app/blue/green. */
export function aBlueGreenRollout(options: BlueGreenRolloutOptions = {}): Rollout {
  const name = options.name ?? 'reviews';
  const ro = aRollout({ name, replicas: options.replicas ?? 3, image: options.image ?? 'nginx:1.19', ...(options.revisionHistoryLimit === undefined ? {} : { revisionHistoryLimit: options.revisionHistoryLimit }) });
  ro.spec.strategy = { blueGreen: { activeService: 'rollout-bluegreen-active', previewService: 'rollout-bluegreen-preview', ...options.blueGreen } };
  return ro;
}

export function aService(name: string, selector: Record<string, string> = { app: 'reviews' }): V1Service {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default', uid: `uid-${name}` }, spec: { selector, ports: [{ port: 9080, protocol: 'TCP' }] } };
}

export class BlueGreenCluster extends FakeCluster {
  readonly services = new ObjectStore<V1Service>();
  readonly analysisRuns = new ObjectStore<AnalysisRun>();
  readonly analysisTemplates = new ObjectStore<AnalysisTemplate>();
  readonly clusterAnalysisTemplates = new ObjectStore<ClusterAnalysisTemplate>();
  readonly serviceClient = new RecordingClient<V1Service>(Resources.services, this.services, this);
  readonly analysisRunClient = new RecordingClient<AnalysisRun>(Resources.analysisRuns, this.analysisRuns, this);

  blueGreenReconciler(overrides: Partial<BlueGreenReconcilerOptions> = {}): BlueGreenReconciler {
    return new BlueGreenReconciler({
      rollouts: this.rollouts,
      replicaSets: this.replicaSets,
      pods: this.pods,
      services: this.services,
      analysisRuns: this.analysisRuns,
      analysisTemplates: this.analysisTemplates,
      clusterAnalysisTemplates: this.clusterAnalysisTemplates,
      rolloutClient: this.rolloutClient,
      replicaSetClient: this.replicaSetClient,
      serviceClient: this.serviceClient,
      analysisRunClient: this.analysisRunClient,
      podClient: this.podClient,
      evicter: this.evicter,
      recorder: this.recorder,
      clock: this.clock,
      ...overrides,
    });
  }

  service(name: string): V1Service {
    const svc = this.services.get('default', name);
    if (svc === undefined) throw new Error(`no service ${name}`);
    return svc;
  }

  hashOf(serviceName: string): string {
    return this.service(serviceName).spec?.selector?.['rollouts-pod-template-hash'] ?? '';
  }

  /** The analysis controller's part: give a run a phase (and message). */
  setRunPhase(name: string, phase: AnalysisPhase, message?: string): void {
    const run = this.analysisRuns.get('default', name);
    if (run === undefined) throw new Error(`no run ${name}`);
    this.analysisRuns.upsert({ ...run, metadata: { ...run.metadata, resourceVersion: String(this.nextResourceVersion()) }, status: { ...(run.status ?? {}), phase, ...(message === undefined ? {} : { message }) } } as AnalysisRun);
  }

  /** `replicas` of every RS of the rollout, by image. */
  replicasByImage(): Record<string, number> {
    return Object.fromEntries(this.replicaSets.list().map((rs) => [rs.spec?.template?.spec?.containers[0]?.image ?? '', rs.spec?.replicas ?? 0]));
  }
}

/** Reconcile, settle pods, repeat until a reconcile writes nothing (no clock movement). */
export async function convergeBlueGreen(cluster: BlueGreenCluster, reconciler: BlueGreenReconciler, name = 'reviews', maxRounds = 40): Promise<number | undefined> {
  let last: number | undefined;
  for (let round = 1; round <= maxRounds; round++) {
    const before = cluster.writes.length;
    last = (await reconciler.reconcile('default', name)).requeueAfterMs;
    cluster.settle();
    if (cluster.writes.length === before) return last;
  }
  throw new Error(`rollout did not converge in ${maxRounds} rounds`);
}

/** A blue-green rollout with its two Services, driven to Healthy on revision 1. */
export async function healthyBlueGreen(
  options: BlueGreenRolloutOptions = {},
  /** Extra objects before the first reconcile (e.g. the analysis templates the rollout references). */
  before: (cluster: BlueGreenCluster) => void = () => undefined,
): Promise<{ cluster: BlueGreenCluster; reconciler: BlueGreenReconciler }> {
  const cluster = new BlueGreenCluster();
  cluster.seed(aBlueGreenRollout(options));
  cluster.services.upsert(aService('rollout-bluegreen-active'));
  cluster.services.upsert(aService('rollout-bluegreen-preview'));
  before(cluster);
  const reconciler = cluster.blueGreenReconciler();
  await convergeBlueGreen(cluster, reconciler, options.name ?? 'reviews');
  return { cluster, reconciler };
}
