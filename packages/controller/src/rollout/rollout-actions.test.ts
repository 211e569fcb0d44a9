import type { V1Pod, V1ReplicaSet } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import type { Rollout } from '@serin/api';
import { ACTION, BG_ACTION, SERVICE_ACTION, applyPodTemplateDefaults } from '@serin/core';
import { FakeClock, KubeError, type KubeObject, type Lister, MemoryEventRecorder, type ResourceClient, StaleCacheError, silentLogger } from '@serin/kube';
import { aRollout } from '../test-support/builders.js';
import { RolloutActionExecutor, isSharedRolloutAction } from './rollout-actions.js';
import { VersionTracker } from './version-tracker.js';

type Call = readonly [method: string, ...args: unknown[]];

/** A client that records every call; `behave` overrides a method (default: echo a written object). */
function fakeClient<T extends KubeObject>(calls: Call[], behave: Partial<Record<keyof ResourceClient<T>, (...args: unknown[]) => Promise<unknown>>> = {}): ResourceClient<T> {
  const method =
    (name: keyof ResourceClient<T>) =>
    async (...args: unknown[]): Promise<never> => {
      calls.push([name, ...args]);
      const impl = behave[name];
      return (impl === undefined ? { metadata: { resourceVersion: '7' } } : await impl(...args)) as never;
    };
  return {
    resource: { group: '', version: 'v1', plural: 'fakes', kind: 'Fake', namespaced: true },
    get: method('get'),
    list: method('list'),
    create: method('create'),
    update: method('update'),
    updateStatus: method('updateStatus'),
    patchMerge: method('patchMerge'),
    patchStatusMerge: method('patchStatusMerge'),
    delete: method('delete'),
  } as unknown as ResourceClient<T>;
}

function listerOf<T extends KubeObject>(objects: readonly T[]): Lister<T> {
  const find = (name: string): T | undefined => objects.find((o) => o.metadata?.name === name);
  return { get: (_ns, name) => find(name), getByKey: (key) => find(key.split('/')[1] ?? ''), list: () => [...objects], byIndex: () => [], ownedBy: () => [], size: () => objects.length };
}

const err = (code: number, reason: string): KubeError => new KubeError(code, reason, `${reason.toLowerCase()}: boom`);
const rejectWith = (e: KubeError) => (): Promise<never> => Promise.reject(e);

interface Setup {
  readonly existing?: readonly V1ReplicaSet[];
  readonly rsCreate?: () => Promise<unknown>;
  readonly rsDelete?: () => Promise<unknown>;
  readonly podPatch?: () => Promise<unknown>;
  readonly evict?: () => Promise<void>;
}

function setup(s: Setup = {}) {
  const rolloutCalls: Call[] = [];
  const rsCalls: Call[] = [];
  const podCalls: Call[] = [];
  const evictions: string[] = [];
  const recorder = new MemoryEventRecorder();
  const executor = new RolloutActionExecutor({
    replicaSets: listerOf(s.existing ?? []),
    rolloutClient: fakeClient<Rollout>(rolloutCalls),
    replicaSetClient: fakeClient<V1ReplicaSet>(rsCalls, { ...(s.rsCreate === undefined ? {} : { create: s.rsCreate }), ...(s.rsDelete === undefined ? {} : { delete: s.rsDelete }) }),
    podClient: fakeClient<V1Pod>(podCalls, s.podPatch === undefined ? {} : { patchMerge: s.podPatch }),
    evicter: {
      evict: async (_ns, name) => {
        evictions.push(name);
        if (s.evict !== undefined) await s.evict();
      },
    },
    recorder,
    clock: new FakeClock(Date.parse('2026-11-27T10:00:00Z')),
    versions: new VersionTracker(),
  });
  return { executor, rolloutCalls, rsCalls, podCalls, evictions, recorder };
}

const rollout = aRollout({ status: { collisionCount: 2 } as Rollout['status'] & object });
const desired: V1ReplicaSet = { metadata: { name: 'guestbook-abc', namespace: 'default' }, spec: { selector: {}, template: rollout.spec.template ?? {} } };
/** `<rollout>-abc` as the API server stores it (pod defaults applied), controlled by `ownerUid`, running `image`. */
const existingRs = (ownerUid: string, image: string): V1ReplicaSet => ({
  metadata: { name: 'guestbook-abc', namespace: 'default', ownerReferences: [{ apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', name: 'guestbook', uid: ownerUid, controller: true }] },
  spec: {
    selector: {},
    template: applyPodTemplateDefaults({ ...rollout.spec.template, spec: { containers: [{ ...rollout.spec.template?.spec?.containers[0], name: 'guestbook', image }] } }) as NonNullable<V1ReplicaSet['spec']>['template'],
  },
});
const pod = (name: string, uid: string, deleting = false): V1Pod => ({ metadata: { name, uid, ...(deleting ? { deletionTimestamp: new Date(0) } : {}) } });
const createAction = { kind: ACTION.CreateReplicaSet, replicaSet: desired } as const;

describe('RolloutActionExecutor: CreateReplicaSet hits AlreadyExists', () => {
  it.each([
    { row: 'ours with an equal template → adopt (no status write)', existing: existingRs('uid-guestbook', 'nginx:1.19'), statusWrites: [] },
    { row: 'ours with another template → collision: collisionCount 2 → 3', existing: existingRs('uid-guestbook', 'nginx:1.20'), statusWrites: [{ status: { collisionCount: 3 } }] },
    { row: 'controlled by another rollout → collision: collisionCount 2 → 3', existing: existingRs('uid-other', 'nginx:1.19'), statusWrites: [{ status: { collisionCount: 3 } }] },
  ])('$row', async ({ existing, statusWrites }) => {
    const t = setup({ existing: [existing], rsCreate: rejectWith(err(409, 'AlreadyExists')) });
    const stop = await t.executor.execute(rollout, createAction, [], silentLogger);
    expect(stop).toEqual({ requeueAfterMs: 1 });
    expect(t.rolloutCalls.filter(([m]) => m === 'patchStatusMerge').map((c) => c[3])).toEqual(statusWrites);
    expect(t.recorder.recorded).toEqual([]);
  });
});

describe('RolloutActionExecutor: CreateReplicaSet fails otherwise', () => {
  it('records a ReplicaSetCreateError Warning, sets Progressing=False with the same message and rethrows', async () => {
    const t = setup({ rsCreate: rejectWith(err(500, 'InternalError')) });
    await expect(t.executor.execute(rollout, createAction, [], silentLogger)).rejects.toThrow('internalerror: boom');
    const message = 'Failed to create new replica set "guestbook-abc": internalerror: boom';
    expect(t.recorder.recorded.map((e) => [e.type, e.reason, e.message])).toEqual([['Warning', 'ReplicaSetCreateError', message]]);
    const [patch] = t.rolloutCalls.filter(([m]) => m === 'patchStatusMerge').map((c) => c[3] as { status: { conditions: unknown[] } });
    expect(patch?.status.conditions).toEqual([expect.objectContaining({ type: 'Progressing', status: 'False', reason: 'ReplicaSetCreateError', message })]);
  });

  it('after a successful create, reports a stale cache until the cache shows the new ReplicaSet', async () => {
    const t = setup();
    expect(await t.executor.execute(rollout, createAction, [], silentLogger)).toBeUndefined();
    expect(() => t.executor.assertCaughtUp('default', 'guestbook', [], [])).toThrow(StaleCacheError);
    t.executor.assertCaughtUp('default', 'guestbook', [desired], []);
    expect(() => t.executor.assertCaughtUp('default', 'guestbook', [], [])).not.toThrow();
  });
});

describe('RolloutActionExecutor: EvictPod', () => {
  const running = pod('web-1', 'uid-1');

  it('tolerates a PodDisruptionBudget refusal (429) and remembers nothing', async () => {
    const t = setup({ evict: rejectWith(err(429, 'TooManyRequests')) });
    expect(await t.executor.execute(rollout, { kind: ACTION.EvictPod, name: 'web-1' }, [running], silentLogger)).toBeUndefined();
    expect(() => t.executor.assertCaughtUp('default', 'guestbook', [], [running])).not.toThrow();
  });

  it('propagates any other eviction error', async () => {
    const t = setup({ evict: rejectWith(err(500, 'InternalError')) });
    await expect(t.executor.execute(rollout, { kind: ACTION.EvictPod, name: 'web-1' }, [running], silentLogger)).rejects.toThrow(KubeError);
  });

  it.each([
    { row: 'still running in the cache → stale (it would be evicted twice)', cached: [running], stale: true },
    { row: 'terminating in the cache → caught up', cached: [pod('web-1', 'uid-1', true)], stale: false },
    { row: 'gone from the cache → caught up', cached: [], stale: false },
    { row: 'replaced by a new pod of the same name → caught up', cached: [pod('web-1', 'uid-2')], stale: false },
  ])('an evicted pod $row', async ({ cached, stale }) => {
    const t = setup();
    await t.executor.execute(rollout, { kind: ACTION.EvictPod, name: 'web-1' }, [running], silentLogger);
    expect(t.evictions).toEqual(['web-1']);
    const check = (): void => t.executor.assertCaughtUp('default', 'guestbook', [], cached);
    if (stale) expect(check).toThrow(StaleCacheError);
    else expect(check).not.toThrow();
  });

  it('forget drops the bookkeeping of a deleted rollout', async () => {
    const t = setup();
    await t.executor.execute(rollout, { kind: ACTION.EvictPod, name: 'web-1' }, [running], silentLogger);
    t.executor.forget('default', 'guestbook');
    expect(() => t.executor.assertCaughtUp('default', 'guestbook', [], [running])).not.toThrow();
  });
});

describe('RolloutActionExecutor: NotFound on delete / pod patch', () => {
  it.each([
    { row: 'DeleteReplicaSet', action: { kind: ACTION.DeleteReplicaSet, name: 'guestbook-old', uid: 'uid-old' } as const, failing: 'rsDelete' as const },
    { row: 'PatchPod', action: { kind: ACTION.PatchPod, name: 'web-1', patch: { metadata: { labels: { role: 'stable' } } } } as const, failing: 'podPatch' as const },
  ])('$row: NotFound is tolerated, another error propagates', async ({ action, failing }) => {
    const gone = setup({ [failing]: rejectWith(err(404, 'NotFound')) });
    expect(await gone.executor.execute(rollout, action, [], silentLogger)).toBeUndefined();
    expect([...gone.rsCalls, ...gone.podCalls].map(([m]) => m)).toEqual([action.kind === ACTION.PatchPod ? 'patchMerge' : 'delete']);
    const broken = setup({ [failing]: rejectWith(err(500, 'InternalError')) });
    await expect(broken.executor.execute(rollout, action, [], silentLogger)).rejects.toThrow(KubeError);
  });
});

describe('isSharedRolloutAction', () => {
  it.each([
    { row: 'ACTION.PatchStatus', kind: ACTION.PatchStatus, shared: true },
    { row: 'ACTION.CreateReplicaSet', kind: ACTION.CreateReplicaSet, shared: true },
    { row: 'ACTION.ScaleDeployment', kind: ACTION.ScaleDeployment, shared: true },
    { row: 'BG_ACTION.CreateAnalysisRun', kind: BG_ACTION.CreateAnalysisRun, shared: false },
    { row: 'SERVICE_ACTION.PatchService', kind: SERVICE_ACTION.PatchService, shared: false },
  ])('$row → $shared', ({ kind, shared }) => {
    expect(isSharedRolloutAction({ kind })).toBe(shared);
  });
});
