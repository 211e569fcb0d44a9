import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubectlHarness } from './test-support/kubectl.js';
import { kubectlHarness } from './test-support/kubectl.js';
import { isRecord } from './types.js';

const CRDS = new URL('../../../crds/', import.meta.url).pathname;
const rollout = (replicas: number): string => `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  name: basic
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: basic}
  strategy:
    canary: {steps: [{setWeight: 50}]}
  template:
    metadata:
      labels: {app: basic}
    spec:
      containers: [{name: basic, image: argoproj/rollouts-demo:blue}]
`;

let h: KubectlHarness;
beforeEach(async () => {
  h = await kubectlHarness();
});
afterEach(async () => {
  await h.close();
});

async function until<T>(read: () => Promise<T>, done: (v: T) => boolean): Promise<T> {
  let v = await read();
  for (let i = 0; i < 100 && !done(v); i++) {
    await new Promise((r) => setTimeout(r, 20));
    v = await read();
  }
  return v;
}

function specReplicas(name: string): Promise<unknown> {
  const t = h.sandbox.api.type('argoproj.io', 'v1alpha1', 'rollouts');
  return Promise.resolve((h.sandbox.api.get(t, 'default', name)['spec'] as Record<string, unknown>)['replicas']);
}

describe('kubectl autoscale against the sandbox (HPA at autoscaling/v1 and v2, simulated HPA controller)', () => {
  it('creates an HPA for a Rollout from a protobuf v1 body and raises the Rollout to minReplicas', async () => {
    await h.kubectl(['apply', '--server-side', '-f', CRDS]);
    await h.kubectl(['apply', '-f', h.file('ro.yaml', rollout(1))]);
    const created = await h.kubectl(['autoscale', 'rollout/basic', '--min=2', '--max=5']);
    expect(created.stderr).toBe('');
    expect(created.stdout).toBe('horizontalpodautoscaler.autoscaling/basic autoscaled\n');

    expect(await until(() => specReplicas('basic'), (r) => r === 2)).toBe(2);

    const table = await h.kubectl(['get', 'hpa']);
    expect(table.stdout).toMatch(/^NAME\s+REFERENCE\s+TARGETS\s+MINPODS\s+MAXPODS\s+REPLICAS\s+AGE\nbasic\s+Rollout\/basic\s+cpu: <unknown>\/80%\s+2\s+5\s+\d\s+\d+s\n$/);

    const v2 = JSON.parse((await h.kubectl(['get', 'hpa', 'basic', '-o', 'json'])).stdout) as Record<string, unknown>;
    expect(v2['apiVersion']).toBe('autoscaling/v2');
    expect(v2['spec']).toEqual({
      scaleTargetRef: { kind: 'Rollout', name: 'basic', apiVersion: 'argoproj.io/v1alpha1' },
      minReplicas: 2,
      maxReplicas: 5,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }],
    });
    const status = isRecord(v2['status']) ? v2['status'] : {};
    expect(status['desiredReplicas']).toBe(2);
    expect(typeof status['lastScaleTime']).toBe('string');
    const conditions = (Array.isArray(status['conditions']) ? status['conditions'] : []).filter(isRecord);
    expect(conditions.map((c) => [c['type'], c['status']])).toEqual([
      ['AbleToScale', 'True'],
      ['ScalingActive', 'False'],
      ['ScalingLimited', expect.stringMatching(/^(True|False)$/)],
    ]);
    expect(conditions[1]?.['reason']).toBe('FailedGetResourceMetric');

    const v1 = await h.kubectl(['get', 'horizontalpodautoscalers.v1.autoscaling', 'basic', '-o', 'yaml']);
    expect(v1.stdout).toMatch(/^apiVersion: autoscaling\/v1\nkind: HorizontalPodAutoscaler\n/);
    expect(v1.stdout).toContain('\n  targetCPUUtilizationPercentage: 80\n');
    expect(v1.stdout).not.toContain('metrics');
    expect(v1.stdout).toContain('\n  desiredReplicas: 2\n');
  });

  it.each([
    { name: 'above maxReplicas', replicas: 7, expected: 5 },
    { name: 'within range', replicas: 3, expected: 3 },
  ])('clamps a Rollout $name into [2, 5]', async ({ replicas, expected }) => {
    await h.kubectl(['apply', '--server-side', '-f', CRDS]);
    await h.kubectl(['apply', '-f', h.file('ro.yaml', rollout(replicas))]);
    await h.kubectl(['autoscale', 'rollout/basic', '--min=2', '--max=5', '--cpu-percent=60']);
    const hpa = h.sandbox.api.type('autoscaling', 'v2', 'horizontalpodautoscalers');
    const desired = await until(
      () => Promise.resolve(h.sandbox.api.get(hpa, 'default', 'basic')['status']),
      (s) => isRecord(s) && s['desiredReplicas'] !== undefined,
    );
    expect(isRecord(desired) ? desired['desiredReplicas'] : undefined).toBe(expected);
    expect(await specReplicas('basic')).toBe(expected);
    const v1 = await h.kubectl(['get', '--raw', '/apis/autoscaling/v1/namespaces/default/horizontalpodautoscalers/basic']);
    expect((JSON.parse(v1.stdout) as { spec: unknown }).spec).toEqual({
      scaleTargetRef: { kind: 'Rollout', name: 'basic', apiVersion: 'argoproj.io/v1alpha1' },
      minReplicas: 2,
      maxReplicas: 5,
      targetCPUUtilizationPercentage: 60,
    });
  });

  it.each([
    { name: 'server-side apply', args: (f: string) => ['apply', '--server-side', '-f', f] },
    { name: 'client-side apply', args: (f: string) => ['apply', '-f', f] },
  ])('stores an autoscaling/v1 HPA written by $name in v2 form (minReplicas defaulted)', async ({ args }) => {
    const f = h.file('hpa.yaml', `apiVersion: autoscaling/v1
kind: HorizontalPodAutoscaler
metadata: {name: web}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  maxReplicas: 3
  targetCPUUtilizationPercentage: 40
`);
    expect((await h.kubectl(args(f))).code).toBe(0);
    const applied = h.sandbox.store.get('autoscaling/horizontalpodautoscalers', 'default', 'web');
    expect(applied?.apiVersion).toBe('autoscaling/v2');
    expect(applied?.['spec']).toEqual({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
      minReplicas: 1,
      maxReplicas: 3,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 40 } } }],
    });
    const patched = await h.kubectl(['patch', 'horizontalpodautoscalers.v1.autoscaling', 'web', '-p', '{"spec":{"targetCPUUtilizationPercentage":55}}']);
    expect(patched.stdout).toBe('horizontalpodautoscaler.autoscaling/web patched\n');
    const stored = h.sandbox.store.get('autoscaling/horizontalpodautoscalers', 'default', 'web');
    expect(stored?.apiVersion).toBe('autoscaling/v2');
    expect(stored?.['spec']).toEqual({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
      minReplicas: 1,
      maxReplicas: 3,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 55 } } }],
    });
  });

  it('lists both autoscaling versions in discovery, v2 preferred', async () => {
    const r = await h.kubectl(['api-versions']);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('autoscaling/'))).toEqual(['autoscaling/v1', 'autoscaling/v2']);
    const group = JSON.parse((await h.kubectl(['get', '--raw', '/apis/autoscaling'])).stdout) as { preferredVersion: unknown };
    expect(group.preferredVersion).toEqual({ groupVersion: 'autoscaling/v2', version: 'v2' });
  });

  it.each([
    { name: 'unknown group', path: '/apis/nope/v1/foos' },
    { name: 'unserved version of a served group', path: '/apis/autoscaling/v9/namespaces/default/horizontalpodautoscalers' },
  ])('answers $name with the plain 404 kube-apiserver gives', async ({ path }) => {
    const r = await h.kubectl(['get', '--raw', path]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('Error from server (NotFound): the server could not find the requested resource\n');
  });
});
