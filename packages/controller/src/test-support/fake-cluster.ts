/**
 * An in-memory cluster for reconciler tests: ObjectStores serve as informer caches (always up to date), fake
 * ResourceClients write into them and record every write, a fake kubelet makes ReplicaSet pods exist and become
 * available on demand, and a FakeClock drives time.
 */
import type { V1Deployment, V1Pod, V1ReplicaSet } from '@kubernetes/client-node';
import type { Rollout } from '@serin/api';
import {
  FakeClock,
  KubeError,
  type KubeList,
  type KubeObject,
  MemoryEventRecorder,
  type MergePatch,
  ObjectStore,
  type ResourceClient,
  Resources,
  type ResourceDescriptor,
  isRecord,
} from '@serin/kube';
import type { PodEvicter } from '../rollout/pod-evicter.js';
import { RolloutReconciler } from '../rollout/rollout-reconciler.js';

export interface RecordedWrite {
  readonly verb: 'create' | 'update' | 'patch' | 'patchStatus' | 'delete' | 'evict';
  readonly kind: string;
  readonly name: string;
  readonly body?: unknown;
}

function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isRecord(patch)) return patch;
  const out: Record<string, unknown> = isRecord(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

const stamp = (ms: number): string => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** A ResourceClient over an ObjectStore: resourceVersions, generation on spec change, AlreadyExists, NotFound. */
class StoreClient<T extends KubeObject & { spec?: unknown; status?: unknown }> implements ResourceClient<T> {
  constructor(
    readonly resource: ResourceDescriptor,
    private readonly store: ObjectStore<T>,
    private readonly cluster: FakeCluster,
  ) {}

  private notFound(name: string): KubeError {
    return new KubeError(404, 'NotFound', `${this.resource.plural}.${this.resource.group || 'core'} "${name}" not found`);
  }

  private save(obj: T): T {
    const copy = structuredClone(obj);
    copy.metadata = { ...copy.metadata, resourceVersion: String(this.cluster.nextResourceVersion()) };
    this.store.upsert(copy);
    return structuredClone(copy);
  }

  async get(namespace: string, name: string): Promise<T> {
    const obj = this.store.get(namespace, name);
    if (obj === undefined) throw this.notFound(name);
    return structuredClone(obj);
  }

  async list(namespace?: string): Promise<KubeList<T>> {
    return { items: structuredClone(this.store.list(namespace)) };
  }

  async create(namespace: string, obj: T): Promise<T> {
    const name = obj.metadata?.name ?? '';
    this.cluster.writes.push({ verb: 'create', kind: this.resource.kind, name, body: structuredClone(obj) });
    const failure = this.cluster.failCreates.get(this.resource.kind);
    if (failure !== undefined) throw failure;
    if (this.store.get(namespace, name) !== undefined) throw new KubeError(409, 'AlreadyExists', `${this.resource.plural} "${name}" already exists`);
    const meta = { ...obj.metadata, namespace, uid: `uid-${name}`, generation: 1, creationTimestamp: stamp(this.cluster.clock.now()) };
    return this.save({ ...structuredClone(obj), metadata: meta } as T);
  }

  async update(obj: T): Promise<T> {
    this.cluster.writes.push({ verb: 'update', kind: this.resource.kind, name: obj.metadata?.name ?? '', body: structuredClone(obj) });
    return this.save(obj);
  }

  async updateStatus(obj: T): Promise<T> {
    this.cluster.writes.push({ verb: 'patchStatus', kind: this.resource.kind, name: obj.metadata?.name ?? '', body: structuredClone(obj) });
    const current = await this.get(obj.metadata?.namespace ?? '', obj.metadata?.name ?? '');
    return this.save({ ...current, status: structuredClone(obj.status) });
  }

  async patchMerge(namespace: string, name: string, patch: MergePatch): Promise<T> {
    this.cluster.writes.push({ verb: 'patch', kind: this.resource.kind, name, body: structuredClone(patch) });
    const current = await this.get(namespace, name);
    const { status: _ignored, ...rest } = patch as Record<string, unknown>;
    const next = mergePatch(current, rest) as T;
    if (JSON.stringify(next.spec) !== JSON.stringify(current.spec)) {
      next.metadata = { ...next.metadata, generation: ((current.metadata as { generation?: number } | undefined)?.generation ?? 1) + 1 } as T['metadata'];
    }
    return this.save(next);
  }

  async patchStatusMerge(namespace: string, name: string, patch: MergePatch): Promise<T> {
    this.cluster.writes.push({ verb: 'patchStatus', kind: this.resource.kind, name, body: structuredClone(patch) });
    const current = await this.get(namespace, name);
    const next = { ...current, status: mergePatch(current.status ?? {}, (patch as { status?: unknown }).status ?? {}) };
    return this.save(next as T);
  }

  async delete(namespace: string, name: string): Promise<void> {
    this.cluster.writes.push({ verb: 'delete', kind: this.resource.kind, name });
    const obj = this.store.get(namespace, name);
    if (obj === undefined) throw this.notFound(name);
    this.store.remove(obj);
  }
}

export const T0_MS = Date.parse('2026-11-27T10:00:00Z');

export class FakeCluster {
  readonly rollouts = new ObjectStore<Rollout>();
  readonly replicaSets = new ObjectStore<V1ReplicaSet>();
  readonly pods = new ObjectStore<V1Pod>();
  readonly deployments = new ObjectStore<V1Deployment>();
  readonly writes: RecordedWrite[] = [];
  readonly recorder = new MemoryEventRecorder();
  readonly clock: FakeClock;
  readonly rolloutClient: ResourceClient<Rollout>;
  readonly replicaSetClient: ResourceClient<V1ReplicaSet>;
  readonly deploymentClient: ResourceClient<V1Deployment>;
  readonly podClient: ResourceClient<V1Pod>;
  readonly evicter: PodEvicter;
  /** Pods whose eviction returns 429 (PodDisruptionBudget). */
  readonly protectedPods = new Set<string>();
  /** Kind → error every create of that kind throws (e.g. a quota rejection). */
  readonly failCreates = new Map<string, KubeError>();
  /** Images whose pods start but never become Ready (a broken release). */
  readonly brokenImages = new Set<string>();
  private rv = 100;
  private podSeq = 0;

  constructor(startMs = T0_MS) {
    this.clock = new FakeClock(startMs);
    this.rolloutClient = new StoreClient<Rollout>(Resources.rollouts, this.rollouts, this);
    this.replicaSetClient = new StoreClient<V1ReplicaSet>(Resources.replicaSets, this.replicaSets, this);
    this.deploymentClient = new StoreClient<V1Deployment>(Resources.deployments, this.deployments, this);
    this.podClient = new StoreClient<V1Pod>(Resources.pods, this.pods, this);
    this.evicter = {
      evict: async (namespace, name) => {
        this.writes.push({ verb: 'evict', kind: 'Pod', name });
        if (this.protectedPods.has(name)) throw new KubeError(429, 'TooManyRequests', 'Cannot evict pod as it would violate the pod\'s disruption budget.');
        const pod = this.pods.get(namespace, name);
        if (pod === undefined) throw new KubeError(404, 'NotFound', `pods "${name}" not found`);
        this.pods.remove(pod);
      },
    };
  }

  nextResourceVersion(): number {
    return ++this.rv;
  }

  reconciler(): RolloutReconciler {
    return new RolloutReconciler({
      rollouts: this.rollouts,
      replicaSets: this.replicaSets,
      pods: this.pods,
      deployments: this.deployments,
      deploymentClient: this.deploymentClient,
      podClient: this.podClient,
      rolloutClient: this.rolloutClient,
      replicaSetClient: this.replicaSetClient,
      evicter: this.evicter,
      recorder: this.recorder,
      clock: this.clock,
    });
  }

  /** Put objects into the caches as the API server would hold them (resourceVersion stamped). */
  seed(...objects: Array<Rollout | V1ReplicaSet | V1Pod | V1Deployment>): void {
    for (const obj of objects) {
      const copy = structuredClone(obj);
      copy.metadata = { ...copy.metadata, resourceVersion: String(this.nextResourceVersion()) };
      if (copy.kind === 'Rollout') this.rollouts.upsert(copy as Rollout);
      else if (copy.kind === 'ReplicaSet') this.replicaSets.upsert(copy as V1ReplicaSet);
      else if (copy.kind === 'Deployment') this.deployments.upsert(copy as V1Deployment);
      else this.pods.upsert(copy as V1Pod);
    }
  }

  rollout(name = 'guestbook', namespace = 'default'): Rollout {
    const ro = this.rollouts.get(namespace, name);
    if (ro === undefined) throw new Error(`no rollout ${name}`);
    return ro;
  }

  replicaSet(name: string, namespace = 'default'): V1ReplicaSet | undefined {
    return this.replicaSets.get(namespace, name);
  }

  /** The simulated kubelet: every RS gets exactly `spec.replicas` pods, all Ready and available. */
  settle(): void {
    for (const rs of this.replicaSets.list()) {
      const ns = rs.metadata?.namespace ?? '';
      const uid = rs.metadata?.uid ?? '';
      const want = rs.spec?.replicas ?? 1;
      const have = this.pods.ownedBy(uid).sort((a, b) => String(a.metadata?.name).localeCompare(String(b.metadata?.name)));
      for (let i = have.length; i < want; i++) {
        const name = `${rs.metadata?.name ?? ''}-p${++this.podSeq}`;
        const t = stamp(this.clock.now());
        this.seed({
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name, namespace: ns, uid: `uid-${name}`, creationTimestamp: t as unknown as Date, labels: { ...(rs.spec?.template?.metadata?.labels ?? {}) }, annotations: { ...(rs.spec?.template?.metadata?.annotations ?? {}) }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs.metadata?.name ?? '', uid, controller: true }] },
          status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: t as unknown as Date }] },
        });
      }
      for (const pod of have.slice(want)) this.pods.remove(pod);
      const n = Math.min(this.pods.ownedBy(uid).length, want);
      const broken = (rs.spec?.template?.spec?.containers ?? []).some((ct) => this.brokenImages.has(ct.image ?? ''));
      const up = broken ? 0 : n;
      const status = { replicas: n, readyReplicas: up, availableReplicas: up, fullyLabeledReplicas: n, observedGeneration: rs.metadata?.generation ?? 1 };
      if (JSON.stringify(status) !== JSON.stringify(rs.status)) {
        this.replicaSets.upsert({ ...rs, metadata: { ...rs.metadata, resourceVersion: String(this.nextResourceVersion()) }, status });
      }
    }
  }

  /** Positions in the write and event logs, for `writeLog(mark.writes)` / `eventsSince(mark)`. */
  mark(): { writes: number; events: number } {
    return { writes: this.writes.length, events: this.recorder.recorded.length };
  }

  /** `Reason: message` of the events recorded since `mark`. */
  eventsSince(mark: { events: number }): string[] {
    return this.recorder.recorded.slice(mark.events).map((e) => `${e.reason}: ${e.message}`);
  }

  /** Event reasons since `mark`. */
  reasonsSince(mark: { events: number }): string[] {
    return this.recorder.recorded.slice(mark.events).map((e) => e.reason);
  }

  /** Writes (not events) since `from`, as `verb kind/name`. */
  writeLog(from = 0): string[] {
    return this.writes.slice(from).map((w) => `${w.verb} ${w.kind}/${w.name}`);
  }

  /** Change the rollout as a user would (merge patch on the object; generation bumps on spec change). */
  async userPatch(patch: MergePatch, name = 'guestbook'): Promise<void> {
    const before = this.writes.length;
    await this.rolloutClient.patchMerge('default', name, patch);
    this.writes.splice(before);
  }

  /** `kubectl argo rollouts set image`-like change of the only container's image (bumps generation). */
  async setImage(image: string, name = 'guestbook'): Promise<void> {
    const ro = this.rollout(name);
    const template = structuredClone(ro.spec.template ?? {});
    const container = template.spec?.containers[0];
    if (container !== undefined) container.image = image;
    await this.userPatch({ spec: { template } }, name);
  }

  /** Patch the status as the CLI does (promote, abort, retry). */
  async userPatchStatus(patch: MergePatch, name = 'guestbook'): Promise<void> {
    const before = this.writes.length;
    await this.rolloutClient.patchStatusMerge('default', name, patch);
    this.writes.splice(before);
  }
}
