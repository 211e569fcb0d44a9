/**
 * Decider + actor + Istio router + simulated mesh in one sandbox: the seed's bookinfo `reviews` steps
 * 20 → 40 → 60 → 80 → 100 driven through planTrafficRouting/reconcileTrafficRouting (the rollout
 * reconciler is not involved), with the VirtualService weights observed at each step, the mesh's
 * traffic split following them, one VirtualService patch per weight change, and an abort to 0.
 */
import type { V1ReplicaSet } from '@kubernetes/client-node';
import type { CanaryStep, Rollout, TrafficWeights } from '@serin/api';
import { planTrafficRouting } from '@serin/core';
import { MemoryEventRecorder } from '@serin/kube';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type IstioSandbox, startIstioSandbox, until } from './__fixtures__/istio-sandbox.js';
import { newTrafficRouters } from './istio-router.js';
import { reconcileTrafficRouting } from './reconcile-traffic-routing.js';
import { WrittenObjects } from './written-objects.js';

const NS = 'istio';
const REPLICAS = 5;
const steps: CanaryStep[] = [
  { setWeight: 20 },
  { pause: {} },
  { setWeight: 40 },
  { pause: { duration: 10 } },
  { setWeight: 60 },
  { pause: { duration: 10 } },
  { setWeight: 80 },
  { pause: { duration: 10 } },
];

let env: IstioSandbox;

function replicaSet(hash: string, replicas: number, available: number, image: string, version?: string): V1ReplicaSet {
  const labels = { app: 'reviews', 'rollouts-pod-template-hash': hash, ...(version !== undefined ? { version } : {}) };
  return {
    metadata: { name: `reviews-v1-${hash}`, namespace: NS, labels },
    spec: { replicas, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'reviews', image }] } } },
    status: { replicas, availableReplicas: available, readyReplicas: available },
  };
}

function rollout(status: Rollout['status']): Rollout {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    metadata: { name: 'reviews-v1', namespace: NS, annotations: { 'rollout.argoproj.io/revision': '2' } },
    spec: {
      replicas: REPLICAS,
      selector: { matchLabels: { app: 'reviews' } },
      template: { metadata: { labels: { app: 'reviews' } }, spec: { containers: [{ name: 'reviews', image: 'x' }] } },
      strategy: {
        canary: {
          trafficRouting: { istio: { virtualService: { name: 'reviews-vs', routes: ['http-primary'] }, destinationRule: { name: 'reviews', canarySubsetName: 'v2', stableSubsetName: 'v1' } } },
          steps,
        },
      },
    },
    status,
  } as Rollout;
}

beforeEach(async () => {
  env = await startIstioSandbox();
  const { sandbox } = env;
  sandbox.api.create(sandbox.api.type('', 'v1', 'services'), NS, { metadata: { name: 'reviews' }, spec: { selector: { app: 'reviews' }, ports: [{ name: 'http', port: 9080 }] } });
  const rsType = sandbox.api.type('apps', 'v1', 'replicasets');
  const { status: _s1, ...stable } = replicaSet('aaa', REPLICAS, REPLICAS, 'docker.io/istio/examples-bookinfo-reviews-v1:1.16.2', 'v1');
  const { status: _s2, ...canary } = replicaSet('bbb', REPLICAS, REPLICAS, 'docker.io/istio/examples-bookinfo-reviews-v2:bad-1', 'v2');
  sandbox.api.create(rsType, NS, stable);
  sandbox.api.create(rsType, NS, canary);
  // the seed's DestinationRule selects by `version`; the Rollout's pods share one template, so pin by hash only
  const drType = sandbox.api.type('networking.istio.io', 'v1alpha3', 'destinationrules');
  const dr = sandbox.api.get(drType, NS, 'reviews');
  sandbox.api.update(drType, NS, 'reviews', { ...dr, spec: { ...(dr['spec'] as object), subsets: [{ name: 'v1' }, { name: 'v2' }] } });
  // one VirtualService per gateway host, as in the S12 scenario (the host-split variant is for S11)
  sandbox.api.delete(sandbox.api.type('networking.istio.io', 'v1alpha3', 'virtualservices'), NS, 'reviews-host-vs');
  const ready = () => sandbox.store.list('/pods', NS).filter((p) => (p['status'] as { phase?: string } | undefined)?.phase === 'Running').length;
  await until(() => ready() === 2 * REPLICAS, 'pods running');
  await until(() => (env.destinationRules.lister.get(NS, 'reviews')?.spec?.['subsets'] as Array<{ labels?: unknown }> | undefined)?.[0]?.labels === undefined, 'DR edit cached');
  await until(() => env.virtualServices.lister.get(NS, 'reviews-host-vs') === undefined, 'VS delete cached');
});
afterEach(async () => {
  await env.stop();
});

describe('bookinfo reviews through planTrafficRouting → reconcileTrafficRouting → Istio → mesh', () => {
  it('20 → 40 → 60 → 80 → 100 with weights observed each step, mesh split following, one VS patch per change; abort → 0', { timeout: 60_000 }, async () => {
    const recorder = new MemoryEventRecorder();
    const written = new WrittenObjects();
    let weights: TrafficWeights | undefined;
    const observed: Array<[number, Array<[string, number]>, number]> = [];

    const reconcile = async (status: NonNullable<Rollout['status']>, canaryAvailable: number) => {
      const ro = rollout({ ...status, ...(weights ? { canary: { weights } } : {}) });
      const newRS = replicaSet('bbb', canaryAvailable, canaryAvailable, '');
      const stableRS = replicaSet('aaa', REPLICAS, REPLICAS, '');
      const plan = planTrafficRouting({ rollout: ro, newRS, stableRS, otherRSs: [] });
      const routers = newTrafficRouters({
        rollout: ro,
        virtualServices: env.client.clients.virtualServices,
        destinationRules: env.client.clients.destinationRules,
        virtualServiceLister: env.virtualServices.lister,
        destinationRuleLister: env.destinationRules.lister,
        recorder,
        written,
        replicaSets: [newRS, stableRS],
      });
      const result = await reconcileTrafficRouting(plan, { rollout: ro, routers, recorder });
      if (result.weights) weights = result.weights;
      return { plan, result };
    };

    for (const [index, weight] of [[0, 20], [2, 40], [4, 60], [6, 80], [8, 100]] as const) {
      const status = { stableRS: 'aaa', currentPodHash: 'bbb', currentStepIndex: index };
      const canaryPods = Math.ceil((REPLICAS * weight) / 100);
      const first = await reconcile(status, canaryPods);
      expect(first.plan.desiredWeight).toBe(weight);
      // requeue until the informer shows the weight (the step would not advance before)
      let verified = first.result.done;
      while (!verified) {
        await new Promise((r) => setTimeout(r, 20));
        verified = (await reconcile(status, canaryPods)).result.done;
      }
      expect(weights?.verified).toBe(true);
      const vs = await env.client.clients.virtualServices.get(NS, 'reviews-vs');
      const route = ((vs.spec?.['http'] as Array<{ route: Array<{ destination: { subset: string }; weight: number }> }>)[0]?.route ?? []).map((d) => [d.destination.subset, d.weight] as [string, number]);
      env.sandbox.mesh.metrics.reset();
      env.sandbox.mesh.send({ namespace: NS, host: 'bookinfo.example.com', gateway: 'istio/bookinfo-gateway', count: 1000 });
      const toCanary = env.sandbox.mesh.metrics.total({ reporter: 'destination', destination_version: 'v2' });
      const p = weight / 100;
      expect(Math.abs(toCanary - 1000 * p), `canary share at ${weight}`).toBeLessThanOrEqual(4 * Math.sqrt(1000 * p * (1 - p)));
      // the bad canary image answers 500 about half the time, visible in istio_requests_total
      if (weight === 100) expect(env.sandbox.mesh.metrics.total({ reporter: 'source', response_code: '500' })).toBeGreaterThan(0);
      observed.push([weight, route, toCanary]);
    }
    expect(observed.map(([w, route]) => [w, route])).toEqual([
      [20, [['v1', 80], ['v2', 20]]],
      [40, [['v1', 60], ['v2', 40]]],
      [60, [['v1', 40], ['v2', 60]]],
      [80, [['v1', 20], ['v2', 80]]],
      [100, [['v1', 0], ['v2', 100]]],
    ]);
    expect(env.writesTo('virtualservices')).toHaveLength(5);
    expect(env.writesTo('destinationrules')).toHaveLength(1);
    expect(env.writeStatuses.every((code) => code === 200)).toBe(true);
    const dr = await env.client.clients.destinationRules.get(NS, 'reviews');
    expect((dr.spec?.['subsets'] as Array<{ labels: Record<string, string> }>).map((s) => s.labels)).toEqual([{ 'rollouts-pod-template-hash': 'aaa' }, { 'rollouts-pod-template-hash': 'bbb' }]);

    const abort = await reconcile({ stableRS: 'aaa', currentPodHash: 'bbb', currentStepIndex: 8, abort: true }, REPLICAS);
    expect(abort.plan).toMatchObject({ desiredWeight: 0, switchCanaryServiceToStable: true, removeManagedRoutes: true });
    const vs = await env.client.clients.virtualServices.get(NS, 'reviews-vs');
    expect(JSON.stringify(vs.spec?.['http'])).toContain('"subset":"v2"},"weight":0');
    expect(env.writesTo('virtualservices')).toHaveLength(6);
    expect(recorder.recorded.filter((e) => e.reason === 'TrafficWeightUpdated').map((e) => e.message)).toEqual([
      'Traffic weight updated to 20',
      'Traffic weight updated from 20 to 40',
      'Traffic weight updated from 40 to 60',
      'Traffic weight updated from 60 to 80',
      'Traffic weight updated from 80 to 100',
      'Traffic weight updated from 100 to 0',
    ]);
  });
});
