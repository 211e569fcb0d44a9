// `get rollout -w` (no TTY): data is refetched only when a watch reports a change; ages re-render from cache.
import { describe, expect, it } from 'vitest';
import { runCli } from '../test-support/harness.js';
import { FixtureNow, loadFixture } from '../test-support/fixtures.js';
import { Resources, PatchType } from '../kube/cluster.js';
import type { KubeObject } from '../kube/cluster.js';

function canary() {
  const f = loadFixture('TestGetCanaryRollout');
  const objects = [f.rollout, ...f.objects.replicaSets, ...f.objects.pods] as KubeObject[];
  return { objects, namespace: f.namespace, name: f.rolloutName };
}

const lists = (r: Awaited<ReturnType<typeof runCli>>) => r.cluster.requests.filter((q) => q.verb === 'LIST').length;
const frames = (out: string) => out.split('Name:            canary-demo\n').length - 1;

describe('get rollout -w', () => {
  it('without changes: one fetch, one frame (ages stay 7d), stops at --timeout-seconds, closes its watches', async () => {
    const f = canary();
    const r = await runCli(['get', 'rollout', f.name, '-w', '--no-color', '--timeout-seconds', '5'], { objects: f.objects, namespace: f.namespace, nowMs: FixtureNow });
    expect(r.code).toBe(0);
    expect(frames(r.stdout)).toBe(1);
    expect(lists(r)).toBe(4);
    expect(r.cluster.openWatches).toBe(0);
  });

  it('a change to the rollout refetches once and prints a new frame', async () => {
    const f = canary();
    let patched = false;
    const r = await runCli(['get', 'rollout', f.name, '-w', '--no-color', '--timeout-seconds', '5'], {
      objects: f.objects,
      namespace: f.namespace,
      nowMs: FixtureNow,
      onSleep: (cluster, now) => {
        if (!patched && now >= FixtureNow + 2000) {
          patched = true;
          void cluster.patch(Resources.rollouts, f.namespace, f.name, PatchType.Merge, '{"status":{"currentStepIndex":1}}', 'status');
        }
      },
    });
    expect(r.code).toBe(0);
    expect(frames(r.stdout)).toBe(2);
    expect(lists(r)).toBe(8);
    expect(r.stdout).toContain('  Step:          0/8\n');
    expect(r.stdout).toContain('  Step:          1/8\n');
  });

  it('a failed watch (410) costs one refetch, then watches restart from the new versions', async () => {
    const f = canary();
    const r = await runCli(['get', 'rollout', f.name, '-w', '--no-color', '--timeout-seconds', '5'], { objects: f.objects, namespace: f.namespace, nowMs: FixtureNow, failWatches: 5 });
    expect(r.code).toBe(0);
    expect(lists(r)).toBe(8);
    expect(r.cluster.openWatches).toBe(0);
  });

  it('ages advance without refetching', async () => {
    const f = canary();
    const young = f.objects.map((o) => ({ ...o, metadata: { ...o.metadata, creationTimestamp: new Date(FixtureNow - 100_000).toISOString() } }));
    const r = await runCli(['get', 'rollout', f.name, '-w', '--no-color', '--timeout-seconds', '3'], { objects: young, namespace: f.namespace, nowMs: FixtureNow });
    expect(frames(r.stdout)).toBe(3);
    expect(r.stdout).toContain('100s');
    expect(r.stdout).toContain('102s');
    expect(lists(r)).toBe(4);
  });
});

describe('status (watch)', () => {
  it('prints each distinct phase line until Healthy, re-reading only on changes', async () => {
    const ro: KubeObject = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Rollout',
      metadata: { name: 'demo', namespace: 'default', uid: 'u' },
      spec: { replicas: 1, strategy: { canary: {} } },
      status: { phase: 'Progressing', message: 'more replicas need to be updated' },
    };
    let step = 0;
    const r = await runCli(['status', 'demo', '--timeout', '10m'], {
      objects: [ro],
      onSleep: (cluster) => {
        step++;
        if (step === 1) void cluster.patch(Resources.rollouts, 'default', 'demo', PatchType.Merge, '{"status":{"message":"updated replicas are still becoming available"}}', 'status');
        if (step === 3) void cluster.patch(Resources.rollouts, 'default', 'demo', PatchType.Merge, '{"status":{"phase":"Healthy","message":""}}', 'status');
      },
    });
    expect({ code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({
      code: 0,
      stdout: 'Progressing - more replicas need to be updated\nProgressing - updated replicas are still becoming available\nHealthy\n',
      stderr: '',
    });
    expect(r.cluster.requests.filter((q) => q.verb === 'GET')).toHaveLength(3);
  });
});
