import { CoreV1Api } from '@kubernetes/client-node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoreChange } from '../store.js';
import type { JsonObject, KubeObject } from '../types.js';
import { isRecord } from '../types.js';
import { conditionStatus } from './pod-simulation.js';
import { BURST_REPLICAS } from './replica-set.js';
import type { ClusterHarness } from './test-harness.js';
import { clusterHarness, eventually, replicaSetYaml } from './test-harness.js';

let h: ClusterHarness;
beforeEach(async () => {
  h = await clusterHarness({ podReadyMs: 100 });
});
afterEach(async () => {
  await h.close();
});

const pods = (): KubeObject[] => h.objects('/pods');
const ready = (p: KubeObject): boolean => conditionStatus(p, 'Ready') === 'True';
const rsStatus = (name: string): JsonObject => {
  const rs = h.sandbox.store.get('apps/replicasets', 'default', name);
  return isRecord(rs?.['status']) ? rs['status'] : {};
};
const containerStatus = (p: KubeObject): JsonObject => {
  const list = isRecord(p['status']) && Array.isArray(p['status']['containerStatuses']) ? p['status']['containerStatuses'] : [];
  return isRecord(list[0]) ? list[0] : {};
};
const allReady = (n: number) => (): KubeObject[] | undefined => {
  const list = pods();
  return list.length === n && list.every(ready) ? list : undefined;
};

describe('ReplicaSet controller and simulated kubelet (real kubectl)', () => {
  it('creates <rs>-<5 chars> pods that become Running and Ready only once the kubelet runs, and scales with kubectl scale', async () => {
    h.sandbox.controllers?.kubelet.pause();
    expect((await h.apply(replicaSetYaml('web', 2))).stdout).toBe('replicaset.apps/web created\n');
    const created = await eventually('2 pods', () => (pods().length === 2 ? pods() : undefined));
    for (const p of created) {
      expect(p.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(p.metadata.labels).toEqual({ app: 'web' });
      expect(p.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: expect.any(String), controller: true, blockOwnerDeletion: true }]);
      expect(ready(p)).toBe(false);
    }
    expect(rsStatus('web')).toEqual({ replicas: 2, fullyLabeledReplicas: 2, observedGeneration: 1 });

    h.sandbox.controllers?.kubelet.resume();
    const running = await eventually('2 ready pods', allReady(2));
    expect(running.map((p) => (p['status'] as JsonObject)['phase'])).toEqual(['Running', 'Running']);
    expect(running.map((p) => (p['spec'] as JsonObject)['nodeName'])).toEqual(['serin-node-1', 'serin-node-1']);
    expect(containerStatus(running[0] ?? { metadata: {} })).toMatchObject({ name: 'main', ready: true, started: true, restartCount: 0, state: { running: {} } });

    expect((await h.kubectl(['scale', 'rs', 'web', '--replicas=4'])).stdout).toBe('replicaset.apps/web scaled\n');
    await eventually('4 ready pods', allReady(4));
    await eventually('status of 4', () => (rsStatus('web')['availableReplicas'] === 4 ? true : undefined));
    expect(rsStatus('web')).toEqual({ replicas: 4, fullyLabeledReplicas: 4, readyReplicas: 4, availableReplicas: 4, observedGeneration: 2 });
    const table = await h.kubectl(['get', 'rs', 'web']);
    expect(table.stdout).toMatch(/^web\s+4\s+4\s+4\s+\d+s$/m);
  });

  it('deletes not-ready pods first on scale-down, then the newest', async () => {
    await h.apply(replicaSetYaml('web', 2));
    const first = await eventually('2 ready pods', allReady(2));
    h.sandbox.controllers?.kubelet.pause();
    await h.kubectl(['scale', 'rs', 'web', '--replicas=4']);
    const four = await eventually('4 pods', () => (pods().length === 4 ? pods() : undefined));
    const fresh = four.filter((p) => !first.some((f) => f.metadata.name === p.metadata.name)).map((p) => p.metadata.name);
    expect(fresh).toHaveLength(2);
    await h.kubectl(['scale', 'rs', 'web', '--replicas=2']);
    const left = await eventually('2 pods', () => (pods().length === 2 ? pods() : undefined));
    expect(left.map((p) => p.metadata.name).sort()).toEqual(first.map((p) => p.metadata.name).sort());
  });

  it('replaces a pod deleted with kubectl delete pod', async () => {
    await h.apply(replicaSetYaml('web', 2));
    const before = await eventually('2 ready pods', allReady(2));
    const victim = before[0]?.metadata.name ?? '';
    expect((await h.kubectl(['delete', 'pod', victim])).stdout).toBe(`pod "${victim}" deleted\n`);
    const after = await eventually('2 ready pods again', () => {
      const list = allReady(2)();
      return list !== undefined && !list.some((p) => p.metadata.name === victim) ? list : undefined;
    });
    expect(after).toHaveLength(2);
  });

  it('replaces a pod evicted through the eviction subresource (client-node)', async () => {
    await h.apply(replicaSetYaml('web', 1));
    const [victim] = await eventually('1 ready pod', allReady(1));
    const name = victim?.metadata.name ?? '';
    const core = h.kc.makeApiClient(CoreV1Api);
    await core.createNamespacedPodEviction({ name, namespace: 'default', body: { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name, namespace: 'default' } } });
    const [replacement] = await eventually('a new ready pod', () => {
      const list = allReady(1)();
      return list !== undefined && list[0]?.metadata.name !== name ? list : undefined;
    });
    expect(replacement?.metadata.name).toMatch(/^web-/);
  });

  it('adopts a matching orphan pod instead of creating a new one', async () => {
    await h.apply('apiVersion: v1\nkind: Pod\nmetadata:\n  name: stray\n  labels:\n    app: web\nspec:\n  containers:\n  - name: main\n    image: nginx:1.25\n');
    await h.apply(replicaSetYaml('web', 2));
    const list = await eventually('2 ready pods', allReady(2));
    const stray = list.find((p) => p.metadata.name === 'stray');
    const rs = h.sandbox.store.get('apps/replicasets', 'default', 'web');
    expect(stray?.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: rs?.metadata.uid, controller: true, blockOwnerDeletion: true }]);
  });

  it('counts pods as available only minReadySeconds after they became ready', async () => {
    const statuses: JsonObject[] = [];
    h.sandbox.store.onChange((c: StoreChange) => {
      if (c.resource === 'apps/replicasets' && isRecord(c.object['status'])) statuses.push(c.object['status']);
    });
    await h.apply(replicaSetYaml('web', 2, { minReadySeconds: 2 }));
    await eventually('2 available', () => (rsStatus('web')['availableReplicas'] === 2 ? true : undefined));
    expect(statuses).toContainEqual({ replicas: 2, fullyLabeledReplicas: 2, readyReplicas: 2, observedGeneration: 1 });
    expect(statuses.at(-1)).toEqual({ replicas: 2, fullyLabeledReplicas: 2, readyReplicas: 2, availableReplicas: 2, observedGeneration: 1 });
  });
});

describe('large scale-ups', () => {
  it('creates pods in bursts of BURST_REPLICAS per sync until the count is reached', async () => {
    h.sandbox.controllers?.kubelet.pause();
    const creates: number[] = [];
    let current = 0;
    h.sandbox.store.onChange((c: StoreChange) => {
      if (c.resource === '/pods' && c.type === 'ADDED') current++;
      if (c.resource === 'apps/replicasets' && c.type === 'MODIFIED' && c.previous?.['status'] !== c.object['status']) creates.push(current);
    });
    await h.apply(replicaSetYaml('big', BURST_REPLICAS * 2 + 7));
    await eventually('all pods', () => (pods().length === BURST_REPLICAS * 2 + 7 ? true : undefined));
    expect(creates.slice(0, 3)).toEqual([BURST_REPLICAS, BURST_REPLICAS * 2, BURST_REPLICAS * 2 + 7]);
  });
});

describe('kubelet failure injection by image', () => {
  it.each([
    { image: 'registry.example/does-not-exist:1.0', phase: 'Pending', reason: 'ImagePullBackOff' },
    { image: 'example/crash:1.0', phase: 'Running', reason: 'CrashLoopBackOff' },
  ])('$image → $reason, never ready', async ({ image, phase, reason }) => {
    await h.apply(replicaSetYaml('bad', 1, { image }));
    const pod = await eventually(reason, () => pods().find((p) => isRecord(containerStatus(p)['state']) && JSON.stringify(containerStatus(p)['state']).includes(reason)));
    expect((pod['status'] as JsonObject)['phase']).toBe(phase);
    expect(conditionStatus(pod, 'Ready')).toBe('False');
    // a good ReplicaSet started later becomes ready while the bad one still is not
    await h.apply(replicaSetYaml('good', 1));
    await eventually('good pod ready', () => pods().find((p) => p.metadata.name?.startsWith('good-') === true && ready(p)));
    expect(pods().filter((p) => p.metadata.name?.startsWith('bad-') === true).some(ready)).toBe(false);
    expect(rsStatus('bad')['readyReplicas']).toBeUndefined();
  });

  it('crash: the restart count keeps rising', async () => {
    await h.apply(replicaSetYaml('bad', 1, { image: 'example/crash:1.0' }));
    const pod = await eventually('3 restarts', () => pods().find((p) => Number(containerStatus(p)['restartCount']) >= 3));
    expect(containerStatus(pod)).toMatchObject({ ready: false, lastState: { terminated: { exitCode: 1, reason: 'Error' } } });
  });

  it('slow-start: ready eventually (5 × the delay)', async () => {
    await h.apply(replicaSetYaml('slow', 1, { image: 'example/slow-start:1' }));
    const pod = await eventually('slow pod ready', () => pods().find(ready));
    expect(containerStatus(pod)['ready']).toBe(true);
  });

  it('leaves a pod bound to another node exactly as written', async () => {
    const podsType = h.sandbox.api.type('', 'v1', 'pods');
    const created = h.sandbox.api.create(podsType, 'default', { metadata: { name: 'elsewhere', labels: { app: 'x' } }, spec: { nodeName: 'real-node-7', containers: [{ name: 'main', image: 'nginx' }] } }).object;
    const status = { phase: 'Running', conditions: [{ type: 'Ready', status: 'False' }] };
    const written = h.sandbox.api.update(podsType, 'default', 'elsewhere', { ...created, status }, { subresource: 'status' }).object;
    await h.apply(replicaSetYaml('web', 1));
    await eventually('web pod ready', () => pods().find((p) => p.metadata.name?.startsWith('web-') === true && ready(p)));
    const after = h.sandbox.store.get('/pods', 'default', 'elsewhere');
    expect(after?.metadata.resourceVersion).toBe(written.metadata.resourceVersion);
    expect(after?.['status']).toEqual(status);
  });

  it('holds Ready False until every readiness gate condition is True', async () => {
    const manifest = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: gated\nspec:\n  readinessGates:\n  - conditionType: argoproj.io/e2e-readiness\n  containers:\n  - name: main\n    image: nginx:1.25\n';
    await h.apply(manifest);
    const pod = await eventually('containers ready', () => pods().find((p) => conditionStatus(p, 'ContainersReady') === 'True'));
    expect(conditionStatus(pod, 'Ready')).toBe('False');
    const patch = JSON.stringify({ status: { conditions: [{ type: 'argoproj.io/e2e-readiness', status: 'True' }] } });
    const r = await h.kubectl(['patch', 'pod', 'gated', '--subresource=status', '--type=strategic', '-p', patch]);
    expect(r.stderr).toBe('');
    const gated = await eventually('gated pod ready', () => pods().find(ready));
    expect(conditionStatus(gated, 'argoproj.io/e2e-readiness')).toBe('True');
  });
});

describe('Deployment', () => {
  it('records observedGeneration for each spec change and creates no pods', async () => {
    const deploy = (image: string): string =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: api\n  template:\n    metadata:\n      labels:\n        app: api\n    spec:\n      containers:\n      - name: main\n        image: ${image}\n`;
    await h.apply(deploy('nginx:1.25'));
    const observed = (): unknown => (h.sandbox.store.get('apps/deployments', 'default', 'api')?.['status'] as JsonObject | undefined)?.['observedGeneration'];
    await eventually('generation 1 observed', () => (observed() === 1 ? true : undefined));
    await h.apply(deploy('nginx:1.26'));
    await eventually('generation 2 observed', () => (observed() === 2 ? true : undefined));
    expect(pods()).toEqual([]);
  });
});
