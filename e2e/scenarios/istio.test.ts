// Seed S11 (Istio host split: canary/stable Services, VirtualService route http-primary rewritten per step) with
// the header-route (A/B, seed §1.3) and mirror steps on managed routes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fixturesDir } from '../dsl/paths.js';
import { scenario } from '../dsl/scenario.js';
import { type World, startWorld } from '../dsl/world.js';

vi.setConfig({ testTimeout: 120_000 });

const V2 = 'docker.io/istio/examples-bookinfo-reviews-v2:1.16.2';
const STABLE = 'reviews-v1-stable';
const CANARY = 'reviews-v1-canary';

let world: World;
beforeAll(async () => {
  world = await startWorld({ istio: true });
});
afterAll(async () => {
  await world?.close();
});

describe('Istio host split (seed S11) with header and mirror routes', () => {
  it('rewrites http-primary per step, adds and removes the managed routes, ends 100/0 on the new stable', async () => {
    const s = await scenario(world, 'istio');
    await s.given.fixture('istio-host-split.yaml');
    await s.then.rollout('reviews-v1').reaches({ phase: 'Healthy', available: 5 });
    // the controller pins the Services to the stable pod-template hash
    await s.then.virtualService('reviews-vs', 'http-primary', { [STABLE]: 100, [CANARY]: 0 });

    await s.when.setImage('reviews-v1', 'reviews', V2);
    await s.then.rollout('reviews-v1').reaches({ phase: 'Paused', step: 1 });
    await s.then.virtualService('reviews-vs', 'http-primary', { [STABLE]: 80, [CANARY]: 20 });
    await s.then.rollout('reviews-v1').shows(['SetWeight:     20', 'ActualWeight:  20']);
    // seed S8: the controller pins the canary/stable Services to the pod-template hashes
    const ro = await world.cluster.rollout(s.namespace, 'reviews-v1');
    expect((await world.cluster.serviceSelector(s.namespace, CANARY))?.['rollouts-pod-template-hash']).toBe(ro?.status?.currentPodHash);
    expect((await world.cluster.serviceSelector(s.namespace, STABLE))?.['rollouts-pod-template-hash']).toBe(ro?.status?.stableRS);
    expect(ro?.status?.currentPodHash).not.toBe(ro?.status?.stableRS);

    await s.when.promote('reviews-v1');
    await s.then.rollout('reviews-v1').reaches({ phase: 'Paused', step: 4 });
    const vs = await world.cluster.virtualService(s.namespace, 'reviews-vs');
    const names = ((vs?.['spec'] as { http?: { name?: string }[] } | undefined)?.http ?? []).map((h) => h.name);
    expect(names).toEqual(['header-route', 'mirror-route', 'http-primary']);
    await s.then.virtualService('reviews-vs', 'header-route', { [CANARY]: 100 });
    const mesh = world.sandbox?.mesh;
    if (mesh !== undefined) {
      // through the simulated mesh: the A/B header always reaches the canary; plain GETs are mirrored to it
      const toCanary = (): number => mesh.metrics.total({ reporter: 'source', destination_service_name: CANARY, destination_service_namespace: s.namespace });
      const before = toCanary();
      const ab = mesh.send({ namespace: s.namespace, host: 'reviews', count: 100, headers: { 'x-canary': 'yes' } });
      expect(ab.codes).toEqual({ '200': 100 });
      expect(toCanary() - before).toBe(100);
      const plain = mesh.send({ namespace: s.namespace, host: 'reviews', count: 200 });
      const mirrored = Object.values(plain.mirrored).reduce((a, b) => a + b, 0);
      expect(mirrored).toBeGreaterThan(0);
      expect(mirrored).toBeLessThan(200);
    }

    await s.when.promote('reviews-v1');
    await s.then.rollout('reviews-v1').reaches({ phase: 'Healthy', step: 7, updated: 5, available: 5, stableIsCurrent: true });
    await s.then.virtualService('reviews-vs', 'http-primary', { [STABLE]: 100, [CANARY]: 0 });
    const after = await world.cluster.virtualService(s.namespace, 'reviews-vs');
    expect(((after?.['spec'] as { http?: { name?: string }[] } | undefined)?.http ?? []).map((h) => h.name)).toEqual(['http-primary']);
    await s.then.rollout('reviews-v1').recorded(['TrafficWeightUpdated']);
  });
});

describe('Istio subset split (seed S12)', () => {
  it('pins the DestinationRule subsets to the stable and canary hashes, keeps their traffic policies, shifts subset weights', async () => {
    const s = await scenario(world, 'subsets');
    await s.given.fixture('istio-subset-split.yaml');
    await s.then.rollout('reviews-v1').reaches({ phase: 'Healthy', available: 4 });
    await s.when.setImage('reviews-v1', 'reviews', V2);
    await s.then.rollout('reviews-v1').reaches({ phase: 'Paused', step: 1 });
    await s.then.virtualService('reviews-vs', 'http-primary', { 'reviews/v1': 75, 'reviews/v2': 25 });
    const ro = await world.cluster.rollout(s.namespace, 'reviews-v1');
    const dr = (await s.when.kubectl(['get', 'destinationrule', 'reviews', '-o', 'json'])).stdout;
    const subsets = (JSON.parse(dr) as { spec: { subsets: { name: string; labels: Record<string, string>; trafficPolicy?: unknown }[] } }).spec.subsets;
    const hashOf = (name: string): string | undefined => subsets.find((x) => x.name === name)?.labels['rollouts-pod-template-hash'];
    expect(hashOf('v1')).toBe(ro?.status?.stableRS);
    expect(hashOf('v2')).toBe(ro?.status?.currentPodHash);
    expect(subsets.find((x) => x.name === 'v1')?.trafficPolicy).toEqual({ loadBalancer: { simple: 'ROUND_ROBIN' } });

    await s.when.promote('reviews-v1');
    await s.then.rollout('reviews-v1').reaches({ phase: 'Healthy', updated: 4, available: 4, stableIsCurrent: true });
    await s.then.virtualService('reviews-vs', 'http-primary', { 'reviews/v1': 100, 'reviews/v2': 0 });
  });
});


describe('HPA on the subset-split Rollout (seed S26)', () => {
  it('an autoscaling/v2 HPA with minReplicas 5 scales the replicas-1 Rollout through its scale subresource; the controller follows', async () => {
    const s = await scenario(world, 'hpa');
    await s.given.manifest(readFileSync(join(fixturesDir, 'istio-subset-split.yaml'), 'utf8').replace('replicas: 4', 'replicas: 1'));
    await s.then.rollout('reviews-v1').reaches({ phase: 'Healthy', specReplicas: 1, available: 1 });
    await s.given.manifest(`
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: reviews-v1}
spec:
  scaleTargetRef: {apiVersion: argoproj.io/v1alpha1, kind: Rollout, name: reviews-v1}
  minReplicas: 5
  maxReplicas: 10
  metrics:
  - type: Resource
    resource: {name: cpu, target: {type: Utilization, averageUtilization: 80}}
`);
    await s.then.rollout('reviews-v1').reaches({ phase: 'Healthy', specReplicas: 5, replicas: 5, updated: 5, available: 5, selector: 'app=reviews' });
    await s.then.rollout('reviews-v1').shows(['  Desired:       5', '  Current:       5', '  Updated:       5', '  Ready:         5', '  Available:     5']);
    const hpa = JSON.parse((await s.when.kubectl(['get', 'hpa', 'reviews-v1', '-o', 'json'])).stdout) as { status?: { currentReplicas?: number; desiredReplicas?: number } };
    expect(hpa.status).toMatchObject({ desiredReplicas: 5 });

    // an update under the HPA keeps the scaled size: the canary step splits 5, promotion lands on 5 new pods
    await s.when.setImage('reviews-v1', 'reviews', V2);
    await s.then.rollout('reviews-v1').reaches({ phase: 'Paused', step: 1, specReplicas: 5 });
    await s.when.promote('reviews-v1');
    await s.then.rollout('reviews-v1').reaches({ phase: 'Healthy', updated: 5, available: 5, stableIsCurrent: true });
  });
});
