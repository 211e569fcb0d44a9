/**
 * The Istio router actor against the sandbox API server with Istio CRDs: writes counted through the
 * sandbox request log, objects read back from the server, events from a memory recorder.
 */
import type { Rollout } from '@serin/api';
import { type CustomObject, MemoryEventRecorder } from '@serin/kube';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type IstioSandbox, startIstioSandbox, until } from './__fixtures__/istio-sandbox.js';
import { IstioTrafficRouter, newTrafficRouters } from './istio-router.js';
import { WrittenObjects } from './written-objects.js';

function reviewsRollout(options: { subset?: boolean; managedRoutes?: string[] } = {}): Rollout {
  const istio = options.subset === false
    ? { virtualService: { name: 'reviews-host-vs', routes: ['http-primary'] } }
    : { virtualService: { name: 'reviews-vs', routes: ['http-primary'] }, destinationRule: { name: 'reviews', canarySubsetName: 'v2', stableSubsetName: 'v1' } };
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    metadata: { name: 'reviews-v1', namespace: 'istio', uid: 'u1' },
    spec: {
      strategy: {
        canary: {
          ...(options.subset === false ? { canaryService: 'reviews-v1-canary', stableService: 'reviews-v1-stable' } : {}),
          trafficRouting: { istio, ...(options.managedRoutes ? { managedRoutes: options.managedRoutes.map((name) => ({ name })) } : {}) },
          steps: [{ setWeight: 20 }, { setHeaderRoute: { name: 'insiders', match: [{ headerName: 'cookie', headerValue: { regex: '^(.*?;)?(type=insider)(;.*)?$' } }] } }, { pause: {} }],
        },
      },
    },
  } as Rollout;
}

type Route = { name?: string; route: Array<{ destination: { host: string; subset?: string }; weight?: number }> };
const httpOf = (obj: CustomObject | undefined): Route[] => ((obj?.spec?.['http'] ?? []) as Route[]);
const weights = (obj: CustomObject | undefined, i = 0): Array<[string, number]> =>
  (httpOf(obj)[i]?.route ?? []).map((r) => [r.destination.subset ?? r.destination.host, r.weight ?? 0]);

let env: IstioSandbox;
let recorder: MemoryEventRecorder;
let written: WrittenObjects;

function router(rollout: Rollout): IstioTrafficRouter {
  const [r] = newTrafficRouters({
    rollout,
    virtualServices: env.client.clients.virtualServices,
    destinationRules: env.client.clients.destinationRules,
    virtualServiceLister: env.virtualServices.lister,
    destinationRuleLister: env.destinationRules.lister,
    recorder,
    written,
  });
  if (!(r instanceof IstioTrafficRouter)) throw new Error('expected an Istio router');
  return r;
}

const serverVs = (name: string) => env.client.clients.virtualServices.get('istio', name);

beforeEach(async () => {
  env = await startIstioSandbox();
  recorder = new MemoryEventRecorder();
  written = new WrittenObjects();
});
afterEach(async () => {
  await env.stop();
});

describe('IstioTrafficRouter.setWeight', () => {
  it('one VirtualService patch per weight change, none when unchanged (even before the cache caught up)', async () => {
    const r = router(reviewsRollout());
    await r.setWeight(20);
    expect(env.writesTo('virtualservices')).toEqual(['PATCH /apis/networking.istio.io/v1alpha3/namespaces/istio/virtualservices/reviews-vs']);
    expect(weights(await serverVs('reviews-vs'))).toEqual([['v1', 80], ['v2', 20]]);
    await r.setWeight(20);
    await router(reviewsRollout()).setWeight(20);
    expect(env.writesTo('virtualservices')).toHaveLength(1);
    await r.setWeight(40);
    expect(env.writesTo('virtualservices')).toHaveLength(2);
    expect(weights(await serverVs('reviews-vs'))).toEqual([['v1', 60], ['v2', 40]]);
    await until(() => weights(env.virtualServices.lister.get('istio', 'reviews-vs'))[1]?.[1] === 40, 'cache at 40');
    await r.setWeight(40);
    expect(env.writesTo('virtualservices')).toHaveLength(2);
    expect(recorder.recorded.map((e) => [e.reason, e.message])).toEqual([
      ['Updated VirtualService', "VirtualService `reviews-vs` set to desiredWeight '20'"],
      ['Updated VirtualService', "VirtualService `reviews-vs` set to desiredWeight '40'"],
    ]);
  });

  it('keeps everything else on the object (gateways, hosts, subset hosts)', async () => {
    await router(reviewsRollout()).setWeight(60);
    const vs = await serverVs('reviews-vs');
    expect(vs.spec?.['gateways']).toEqual(['istio/bookinfo-gateway']);
    expect(vs.spec?.['hosts']).toEqual(['*']);
    expect(httpOf(vs)[0]?.route.map((d) => d.destination)).toEqual([{ host: 'reviews', subset: 'v1' }, { host: 'reviews', subset: 'v2' }]);
  });

  it('host split with canary/stable Services', async () => {
    await router(reviewsRollout({ subset: false })).setWeight(80);
    expect(weights(await serverVs('reviews-host-vs'))).toEqual([['reviews-v1-stable', 20], ['reviews-v1-canary', 80]]);
  });

  it('a validation error rejects with the upstream message and writes nothing', async () => {
    const ro = reviewsRollout();
    const vsRef = ro.spec.strategy?.canary?.trafficRouting?.istio?.virtualService;
    if (vsRef) vsRef.routes = ['nope'];
    await expect(router(ro).setWeight(20)).rejects.toThrow("HTTP Route 'nope' is not found in the defined Virtual Service.");
    expect(env.writesTo('virtualservices')).toHaveLength(0);
  });

  it('a missing VirtualService records VirtualServiceNotFound (Warning) and rejects', async () => {
    const ro = reviewsRollout();
    const vsRef = ro.spec.strategy?.canary?.trafficRouting?.istio?.virtualService;
    if (vsRef) vsRef.name = 'missing-vs';
    await expect(router(ro).setWeight(20)).rejects.toThrow(/not found/);
    expect(recorder.recorded).toEqual([expect.objectContaining({ type: 'Warning', reason: 'VirtualServiceNotFound', message: 'VirtualService `missing-vs` not found' })]);
  });

  it('a conflicting out-of-band edit is retried once from a fresh read', async () => {
    const r = router(reviewsRollout());
    await r.setWeight(20);
    await until(() => weights(env.virtualServices.lister.get('istio', 'reviews-vs'))[1]?.[1] === 20, 'cache at 20');
    // someone else edits the object; our cache does not know yet
    const current = await serverVs('reviews-vs');
    env.virtualServices.stop();
    await env.client.clients.virtualServices.update({ ...current, metadata: { ...current.metadata, labels: { touched: 'yes' } } });
    const before = env.writes.length;
    await r.setWeight(30);
    expect(env.writeStatuses.slice(before)).toEqual([409, 200]);
    const vs = await serverVs('reviews-vs');
    expect(weights(vs)).toEqual([['v1', 70], ['v2', 30]]);
    expect(vs.metadata?.labels).toEqual({ touched: 'yes' });
  });
});

describe('write checked against the server answer', () => {
  it('a write whose result does not carry the weights (e.g. a mutating webhook) records WeightVerifyError', async () => {
    const real = env.client.clients.virtualServices;
    const resetting = {
      ...real,
      patchMerge: async (...args: Parameters<typeof real.patchMerge>) => {
        const out = await real.patchMerge(...args);
        return { ...out, spec: { ...out.spec, http: [{ name: 'http-primary', route: [{ destination: { host: 'reviews', subset: 'v1' }, weight: 100 }, { destination: { host: 'reviews', subset: 'v2' }, weight: 0 }] }] } };
      },
    };
    const [r] = newTrafficRouters({ rollout: reviewsRollout(), virtualServices: resetting, destinationRules: env.client.clients.destinationRules, recorder });
    await r?.setWeight(20);
    expect(recorder.recorded.map((e) => [e.type, e.reason, e.message])).toEqual([
      ['Normal', 'Updated VirtualService', "VirtualService `reviews-vs` set to desiredWeight '20'"],
      ['Warning', 'WeightVerifyError', 'Failed to verify weight: VirtualService `reviews-vs` weights not yet 20: http[http-primary] canary 0'],
    ]);
  });
});

describe('multiple VirtualServices', () => {
  it('one patch per VirtualService per weight change, including ones in another namespace named as upstream (name.namespace) and as Serin also allows (namespace/name)', async () => {
    const { sandbox } = env;
    sandbox.api.create(sandbox.api.type('', 'v1', 'namespaces'), undefined, { metadata: { name: 'edge' } });
    const vsType = sandbox.api.type('networking.istio.io', 'v1alpha3', 'virtualservices');
    const copy = sandbox.api.get(vsType, 'istio', 'reviews-vs');
    sandbox.api.create(vsType, 'edge', { apiVersion: copy.apiVersion, kind: copy.kind, metadata: { name: 'reviews-edge' }, spec: copy['spec'] });
    sandbox.api.create(vsType, 'edge', { apiVersion: copy.apiVersion, kind: copy.kind, metadata: { name: 'reviews.gw' }, spec: copy['spec'] });
    const ro = reviewsRollout();
    const istio = ro.spec.strategy?.canary?.trafficRouting?.istio;
    if (istio === undefined) throw new Error();
    delete istio.virtualService;
    istio.virtualServices = [{ name: 'reviews-vs', routes: ['http-primary'] }, { name: 'reviews-edge.edge', routes: ['http-primary'] }, { name: 'edge/reviews.gw', routes: ['http-primary'] }];
    await router(ro).setWeight(30);
    await router(ro).setWeight(30);
    expect(env.writesTo('virtualservices')).toEqual([
      'PATCH /apis/networking.istio.io/v1alpha3/namespaces/istio/virtualservices/reviews-vs',
      'PATCH /apis/networking.istio.io/v1alpha3/namespaces/edge/virtualservices/reviews-edge',
      'PATCH /apis/networking.istio.io/v1alpha3/namespaces/edge/virtualservices/reviews.gw',
    ]);
    expect(weights(await env.client.clients.virtualServices.get('edge', 'reviews-edge'))).toEqual([['v1', 70], ['v2', 30]]);
    expect(weights(await env.client.clients.virtualServices.get('edge', 'reviews.gw'))).toEqual([['v1', 70], ['v2', 30]]);
    expect(recorder.recorded.map((e) => e.message)).toEqual([
      "VirtualService `reviews-vs` set to desiredWeight '30'",
      "VirtualService `reviews-edge` set to desiredWeight '30'",
      "VirtualService `reviews.gw` set to desiredWeight '30'",
    ]);
  });
});

describe('IstioTrafficRouter.verifyWeight', () => {
  it('false until the informer cache shows the desired weights, then true', async () => {
    const r = router(reviewsRollout());
    expect(await r.verifyWeight(20)).toBe(false);
    await r.setWeight(20);
    await until(async () => (await r.verifyWeight(20)) === true, 'weight 20 verified');
    expect(await r.verifyWeight(40)).toBe(false);
  });
});

describe('IstioTrafficRouter.updateHash', () => {
  it('pins the subsets, annotates managed-by, records UpdatedDestinationRule once', async () => {
    const r = router(reviewsRollout());
    await r.updateHash('canaryhash', 'stablehash');
    await until(() => env.destinationRules.lister.get('istio', 'reviews')?.metadata?.annotations !== undefined, 'dr cached');
    await router(reviewsRollout()).updateHash('canaryhash', 'stablehash');
    expect(env.writesTo('destinationrules')).toHaveLength(1);
    const dr = await env.client.clients.destinationRules.get('istio', 'reviews');
    expect(dr.metadata?.annotations).toEqual({ 'argo-rollouts.argoproj.io/managed-by-rollouts': 'reviews-v1' });
    expect((dr.spec?.['subsets'] as Array<{ labels: Record<string, string> }>).map((s) => s.labels)).toEqual([
      { version: 'v1', 'rollouts-pod-template-hash': 'stablehash' },
      { version: 'v2', 'rollouts-pod-template-hash': 'canaryhash' },
    ]);
    expect(dr.spec?.['trafficPolicy']).toEqual({ loadBalancer: { simple: 'LEAST_CONN' } });
    expect(recorder.recorded.map((e) => e.message)).toEqual(['DestinationRule reviews subset updated (v2: canaryhash, v1: stablehash)']);
  });

  it('is delayed while a traffic-receiving ReplicaSet is not fully available', async () => {
    const ro = reviewsRollout();
    const [r] = newTrafficRouters({
      rollout: ro,
      virtualServices: env.client.clients.virtualServices,
      destinationRules: env.client.clients.destinationRules,
      recorder,
      replicaSets: [{ metadata: { name: 'reviews-v1-c', labels: { 'rollouts-pod-template-hash': 'c' } }, spec: { replicas: 2, selector: {} }, status: { replicas: 2, availableReplicas: 1 } }],
    });
    await expect(r?.updateHash('c', 's')).rejects.toThrow('delaying destination rule switch: ReplicaSet reviews-v1-c not fully available');
    expect(env.writesTo('destinationrules')).toHaveLength(0);
  });

  // dynamicStableScale rollback to stable: promoted back to `s` (2/2 of spec 4) while the weights still name the
  // previous canary `c` (3 pods, 2 available)
  const rollingBack = (o: { abort?: boolean; dynamicStableScale: boolean }): Rollout => {
    const ro = reviewsRollout();
    ro.spec.replicas = 4;
    if (ro.spec.strategy?.canary !== undefined) ro.spec.strategy.canary.dynamicStableScale = o.dynamicStableScale;
    ro.status = { stableRS: 's', currentPodHash: 's', ...(o.abort === true ? { abort: true } : {}), canary: { weights: { canary: { weight: 50, podTemplateHash: 'c' }, stable: { weight: 50, podTemplateHash: 's' } } } };
    return ro;
  };
  const rsOf = (hash: string, replicas: number, available: number) => ({ metadata: { name: `reviews-v1-${hash}`, labels: { 'rollouts-pod-template-hash': hash } }, spec: { replicas, selector: {} }, status: { replicas, availableReplicas: available } });

  it.each([
    { name: 'dynamic rollback to stable: the short previous canary does not delay the switch', rollout: rollingBack({ dynamicStableScale: true }), writes: 1 },
    { name: 'abort: the short canary does not delay the switch', rollout: rollingBack({ abort: true, dynamicStableScale: false }), writes: 1 },
    { name: 'no dynamicStableScale, no abort: the short canary delays it', rollout: rollingBack({ dynamicStableScale: false }), writes: 0 },
  ])('$name', async ({ rollout, writes }) => {
    const [r] = newTrafficRouters({
      rollout,
      virtualServices: env.client.clients.virtualServices,
      destinationRules: env.client.clients.destinationRules,
      recorder,
      replicaSets: [rsOf('c', 3, 2), rsOf('s', 2, 2)],
    });
    const result = r?.updateHash('c', 's');
    if (writes === 0) await expect(result).rejects.toThrow('delaying destination rule switch: ReplicaSet reviews-v1-c not fully available');
    else await result;
    expect(env.writesTo('destinationrules')).toHaveLength(writes);
  });
});

describe('managed routes', () => {
  it('setHeaderRoute (cookie regex) goes first; removeManagedRoutes restores the user routes; each written once', async () => {
    const ro = reviewsRollout({ managedRoutes: ['insiders'] });
    const step = ro.spec.strategy?.canary?.steps?.[1]?.setHeaderRoute;
    if (step === undefined) throw new Error();
    await router(ro).setHeaderRoute(step);
    const vs = await serverVs('reviews-vs');
    expect(httpOf(vs).map((h) => h.name)).toEqual(['insiders', 'http-primary']);
    expect(httpOf(vs)[0]).toEqual({
      name: 'insiders',
      match: [{ headers: { cookie: { regex: '^(.*?;)?(type=insider)(;.*)?$' } } }],
      route: [{ destination: { host: 'reviews.istio.svc.cluster.local', subset: 'v2' }, weight: 100 }],
    });
    await until(() => httpOf(env.virtualServices.lister.get('istio', 'reviews-vs')).length === 2, 'cache has the header route');
    await router(ro).setHeaderRoute(step);
    await router(ro).removeManagedRoutes();
    expect(httpOf(await serverVs('reviews-vs')).map((h) => h.name)).toEqual(['http-primary']);
    await router(ro).removeManagedRoutes();
    expect(env.writesTo('virtualservices')).toHaveLength(2);
    expect(recorder.recorded.map((e) => e.message)).toEqual([
      "VirtualService `reviews-vs` set headerRoute 'insiders'",
      'VirtualService `reviews-vs` removed all managed routes.',
    ]);
  });

  it('setMirrorRoute copies the weighted route and mirrors to the canary subset', async () => {
    const ro = reviewsRollout({ managedRoutes: ['mirror'] });
    await router(ro).setWeight(20);
    await router(ro).setMirrorRoute({ name: 'mirror', percentage: 50, match: [{ method: { exact: 'GET' } }] });
    const first = httpOf(await serverVs('reviews-vs'))[0] as Record<string, unknown>;
    expect(first['mirror']).toEqual({ host: 'reviews.istio.svc.cluster.local', subset: 'v2' });
    expect(first['mirrorPercentage']).toEqual({ value: 50 });
    expect(weights(await serverVs('reviews-vs'), 0)).toEqual([['v1', 80], ['v2', 20]]);
  });
});

describe('--istio-api-version', () => {
  it.each(['v1beta1', 'v1'])('%s: reads and writes through that version', async (version) => {
    await env.stop();
    env = await startIstioSandbox({ istioApiVersion: version });
    await router(reviewsRollout()).setWeight(20);
    expect(env.writesTo('virtualservices')).toEqual([`PATCH /apis/networking.istio.io/${version}/namespaces/istio/virtualservices/reviews-vs`]);
  });
});
