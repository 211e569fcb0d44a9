import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SandboxApi } from '../ops/api.js';
import { Registry } from '../registry.js';
import { Store } from '../store.js';
import type { StoreChange } from '../store.js';
import type { KubeObject } from '../types.js';
import type { OwnerState } from './garbage-collector.js';
import { decideDependent } from './garbage-collector.js';
import { startControllers } from './index.js';
import { conditionStatus } from './pod-simulation.js';
import type { ClusterHarness } from './test-harness.js';
import { clusterHarness, eventually, replicaSetYaml } from './test-harness.js';

const ref = (uid: string, blockOwnerDeletion = false): OwnerState['ref'] => ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: uid, uid, ...(blockOwnerDeletion ? { blockOwnerDeletion } : {}) });

describe('decideDependent', () => {
  it.each<{ name: string; owners: OwnerState[]; want: ReturnType<typeof decideDependent> }>([
    { name: 'no owners: keep', owners: [], want: { kind: 'keep' } },
    { name: 'owner present: keep', owners: [{ ref: ref('a'), state: 'present' }], want: { kind: 'keep' } },
    { name: 'only owner gone: delete in background', owners: [{ ref: ref('a'), state: 'absent' }], want: { kind: 'delete', propagationPolicy: 'Background' } },
    { name: 'owner waiting, blocking ref: delete in foreground', owners: [{ ref: ref('a', true), state: 'waiting' }], want: { kind: 'delete', propagationPolicy: 'Foreground' } },
    { name: 'owner waiting, non-blocking ref: delete in background', owners: [{ ref: ref('a'), state: 'waiting' }], want: { kind: 'delete', propagationPolicy: 'Background' } },
    {
      name: 'one of two owners gone: drop its reference',
      owners: [
        { ref: ref('a'), state: 'absent' },
        { ref: ref('b'), state: 'present' },
      ],
      want: { kind: 'dropReferences', uids: ['a'] },
    },
  ])('$name', ({ owners, want }) => {
    expect(decideDependent(owners)).toEqual(want);
  });
});

let h: ClusterHarness;
beforeEach(async () => {
  h = await clusterHarness({ podReadyMs: 50 });
});
afterEach(async () => {
  await h.close();
});

const pods = (): KubeObject[] => h.objects('/pods');
async function readyReplicaSet(): Promise<KubeObject[]> {
  await h.apply(replicaSetYaml('web', 3));
  return eventually('3 ready pods', () => {
    const list = pods();
    return list.length === 3 && list.every((p) => conditionStatus(p, 'Ready') === 'True') ? list : undefined;
  });
}

describe('garbage collection with kubectl delete --cascade', () => {
  it('background: the ReplicaSet goes at once, then its pods', async () => {
    await readyReplicaSet();
    expect((await h.kubectl(['delete', 'rs', 'web', '--cascade=background'])).stdout).toBe('replicaset.apps "web" deleted\n');
    await eventually('pods gone', () => (pods().length === 0 ? true : undefined));
    expect(h.objects('apps/replicasets')).toEqual([]);
  });

  it('foreground: pods are deleted before the ReplicaSet', async () => {
    await readyReplicaSet();
    const deletions: string[] = [];
    h.sandbox.store.onChange((c: StoreChange) => {
      if (c.type === 'DELETED') deletions.push(`${c.object.kind ?? ''}/${c.object.metadata.name ?? ''}`);
    });
    const r = await h.kubectl(['delete', 'rs', 'web', '--cascade=foreground']);
    expect(r.stdout).toBe('replicaset.apps "web" deleted\n');
    await eventually('ReplicaSet gone', () => (h.objects('apps/replicasets').length === 0 ? true : undefined));
    expect(deletions).toHaveLength(4);
    expect(deletions.slice(0, 3).every((d) => d.startsWith('Pod/web-'))).toBe(true);
    expect(deletions[3]).toBe('ReplicaSet/web');
  });

  it('orphan: the ReplicaSet goes, its pods stay without owner references', async () => {
    const before = await readyReplicaSet();
    expect((await h.kubectl(['delete', 'rs', 'web', '--cascade=orphan'])).stdout).toBe('replicaset.apps "web" deleted\n');
    await eventually('ReplicaSet gone', () => (h.objects('apps/replicasets').length === 0 ? true : undefined));
    const after = await eventually('references stripped', () => (pods().every((p) => p.metadata.ownerReferences === undefined) ? pods() : undefined));
    expect(after.map((p) => p.metadata.name).sort()).toEqual(before.map((p) => p.metadata.name).sort());
    // a new ReplicaSet with the same selector adopts them instead of creating pods
    await h.apply(replicaSetYaml('web', 3));
    await eventually('adopted', () => (pods().every((p) => p.metadata.ownerReferences?.length === 1) ? true : undefined));
    expect(pods().map((p) => p.metadata.name).sort()).toEqual(before.map((p) => p.metadata.name).sort());
  });

  it('deleting an owner of any kind deletes its dependents (ConfigMap owned by a Service)', async () => {
    await h.kubectl(['create', 'service', 'clusterip', 'owner', '--tcp=80:80']);
    const svc = h.sandbox.store.get('/services', 'default', 'owner');
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dep', ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: 'owner', uid: svc?.metadata.uid }] } };
    await h.apply(JSON.stringify(cm));
    await h.kubectl(['delete', 'svc', 'owner']);
    await eventually('configmap collected', () => (h.sandbox.store.get('/configmaps', 'default', 'dep') === undefined ? true : undefined));
  });
});

describe('namespace lifecycle', () => {
  it('kubectl delete ns removes everything in it, then the namespace', async () => {
    await h.kubectl(['create', 'ns', 'team']);
    await h.kubectl(['apply', '-n', 'team', '-f', '-'], { stdin: replicaSetYaml('web', 2) });
    await h.kubectl(['create', 'configmap', 'settings', '-n', 'team', '--from-literal=a=b']);
    await h.kubectl(['create', 'service', 'clusterip', 'web', '-n', 'team', '--tcp=80:8080']);
    await eventually('2 pods', () => (h.objects('/pods', 'team').length === 2 ? true : undefined));
    const phases: unknown[] = [];
    h.sandbox.store.onChange((c: StoreChange) => {
      if (c.resource === '/namespaces' && c.object.metadata.name === 'team') phases.push(`${c.type} ${String((c.object['status'] as { phase?: string } | undefined)?.phase)}`);
    });
    const r = await h.kubectl(['delete', 'ns', 'team']);
    expect(r.stdout).toBe('namespace "team" deleted\n');
    expect(phases).toEqual(['MODIFIED Terminating', 'DELETED Terminating']);
    for (const bucket of ['/pods', '/configmaps', '/services', '/endpoints', 'apps/replicasets']) expect(h.objects(bucket, 'team')).toEqual([]);
    expect((await h.kubectl(['get', 'ns', 'team'])).stderr).toBe('Error from server (NotFound): namespaces "team" not found\n');
  });

  it('answers DELETE with 202 and a Terminating namespace, refuses new content, and waits for finalizers', async () => {
    await h.kubectl(['create', 'ns', 'held']);
    await h.apply('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: pinned\n  namespace: held\n  finalizers:\n  - example.com/hold\n');
    const res = await fetch(`${h.sandbox.url}/api/v1/namespaces/held`, { method: 'DELETE' });
    expect(res.status).toBe(202);
    expect(((await res.json()) as { status: { phase: string } }).status.phase).toBe('Terminating');
    await eventually('configmap marked for deletion', () => h.sandbox.store.get('/configmaps', 'held', 'pinned')?.metadata.deletionTimestamp);
    const refused = await h.kubectl(['create', 'configmap', 'late', '-n', 'held']);
    expect(refused.stderr).toContain('unable to create new content in namespace held because it is being terminated');
    expect(h.sandbox.store.get('/namespaces', undefined, 'held')).toBeDefined();
    await h.kubectl(['patch', 'cm', 'pinned', '-n', 'held', '--type=json', '-p', '[{"op":"remove","path":"/metadata/finalizers"}]']);
    await eventually('namespace gone', () => (h.sandbox.store.get('/namespaces', undefined, 'held') === undefined ? true : undefined));
  });
});

describe('references to owners that never existed', () => {
  it('are collected only after the grace period, unless a loader fixes them first', async () => {
    const store = new Store();
    const api = new SandboxApi({ store, registry: new Registry(), now: () => new Date() });
    api.create(api.type('', 'v1', 'namespaces'), undefined, { metadata: { name: 'default' } });
    const controllers = startControllers({ api, store, now: () => new Date(), podReadyMs: 10, danglingOwnerGraceMs: 300 });
    try {
      const cms = api.type('', 'v1', 'configmaps');
      const owner = api.create(cms, 'default', { metadata: { name: 'owner' } }).object;
      const stale = [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: 'uid-from-a-recorded-fixture' }];
      api.create(cms, 'default', { metadata: { name: 'dangling', ownerReferences: stale } });
      const fixed = api.create(cms, 'default', { metadata: { name: 'fixed', ownerReferences: stale } }).object;
      await new Promise((r) => setTimeout(r, 50));
      expect(store.get('/configmaps', 'default', 'dangling')).toBeDefined();
      const ownerReferences = [{ ...stale[0], uid: owner.metadata.uid }];
      api.update(cms, 'default', 'fixed', { ...fixed, metadata: { ...fixed.metadata, ownerReferences } });
      await eventually('dangling collected', () => (store.get('/configmaps', 'default', 'dangling') === undefined ? true : undefined));
      expect(store.get('/configmaps', 'default', 'fixed')).toBeDefined();
    } finally {
      controllers.stop();
    }
  });
});
