import { describe, expect, it } from 'vitest';
import type { IstioTrafficRouting } from '@serin/api';
import type { JsonObject } from './json.js';
import { type IstioRouterSpec, istioRouterSpec } from './router-spec.js';
import { IstioMessage } from './routes.js';
import { setVirtualServiceWeight } from './virtual-service-weights.js';
import {
  aRollout,
  regularMixedVsvc,
  regularTcpVsvc,
  regularTlsVsvc,
  regularVsvc,
  singleRouteVsvc,
  sniTlsVsvc,
  subsetVsvc,
  vs,
  weightsOf,
} from './test-support/fixtures.js';

function spec(istio: IstioTrafficRouting, extra: Parameters<typeof aRollout>[1] = {}): IstioRouterSpec {
  const s = istioRouterSpec(aRollout(istio, extra));
  if (s === undefined) throw new Error('no istio');
  return s;
}

function apply(s: IstioRouterSpec, obj: JsonObject, weight: number, additional: Parameters<typeof setVirtualServiceWeight>[4] = []) {
  const ref = s.virtualServices[0];
  if (ref === undefined) throw new Error('no vs');
  return setVirtualServiceWeight(s, ref, obj, weight, additional);
}

// parity: argo-rollouts rollout/trafficrouting/istio/istio_test.go (TestHttpReconcileWeightsBaseCase,
// TestTls*/TestTcp*ReconcileWeightsBaseCase, TestReconcileWeightsBaseCase, TestReconcileVirtualServiceExperimentStep, …)
describe('setVirtualServiceWeight: which routes are rewritten', () => {
  it.each([
    {
      name: 'http: named route primary only',
      istio: { virtualService: { name: 'vsvc', routes: ['primary'] } },
      obj: regularVsvc,
      expect: { 'http.0': [['stable', 90], ['canary', 10]], 'http.1': [['stable', 100], ['canary', 0]] },
    },
    {
      name: 'http: both named routes',
      istio: { virtualService: { name: 'vsvc', routes: ['primary', 'secondary'] } },
      obj: regularVsvc,
      expect: { 'http.0': [['stable', 90], ['canary', 10]], 'http.1': [['stable', 90], ['canary', 10]] },
    },
    {
      name: 'http: single unnamed route inferred, FQDN hosts matched by the name before the first dot',
      istio: { virtualService: { name: 'vsvc' } },
      obj: singleRouteVsvc,
      expect: { 'http.0': [['stable.default.svc.cluster.local', 90], ['canary.default.svc.cluster.local', 10]] },
    },
    {
      name: 'tls: port 3000',
      istio: { virtualService: { name: 'vsvc', tlsRoutes: [{ port: 3000 }] } },
      obj: regularTlsVsvc,
      expect: { 'tls.0': [['stable', 90], ['canary', 10]], 'tls.1': [['stable', 100], ['canary', 0]] },
    },
    {
      name: 'tls: SNI hosts only (set equality across match blocks, no port)',
      istio: { virtualService: { name: 'vsvc', tlsRoutes: [{ sniHosts: ['bar.foo.com', 'foo.bar.com'] }] } },
      obj: sniTlsVsvc,
      expect: { 'tls.0': [['stable', 100], ['canary', 0]], 'tls.1': [['stable', 90], ['canary', 10]], 'tls.2': [['stable', 100], ['canary', 0]] },
    },
    {
      name: 'tls: port and SNI hosts',
      istio: { virtualService: { name: 'vsvc', tlsRoutes: [{ port: 3000, sniHosts: ['foo.bar.com', 'bar.foo.com'] }] } },
      obj: sniTlsVsvc,
      expect: { 'tls.0': [['stable', 90], ['canary', 10]], 'tls.1': [['stable', 100], ['canary', 0]], 'tls.2': [['stable', 100], ['canary', 0]] },
    },
    {
      name: 'tcp: port 3001',
      istio: { virtualService: { name: 'vsvc', tcpRoutes: [{ port: 3001 }] } },
      obj: regularTcpVsvc,
      expect: { 'tcp.0': [['stable', 100], ['canary', 0]], 'tcp.1': [['stable', 90], ['canary', 10]] },
    },
    {
      name: 'mixed: http primary + tls 3000 + tcp 3001',
      istio: { virtualService: { name: 'vsvc', routes: ['primary'], tlsRoutes: [{ port: 3000 }], tcpRoutes: [{ port: 3001 }] } },
      obj: regularMixedVsvc,
      expect: {
        'http.0': [['stable', 90], ['canary', 10]],
        'http.1': [['stable', 100], ['canary', 0]],
        'tls.0': [['stable', 90], ['canary', 10]],
        'tls.1': [['stable', 100], ['canary', 0]],
        'tcp.0': [['stable', 100], ['canary', 0]],
        'tcp.1': [['stable', 90], ['canary', 10]],
      },
    },
    {
      name: 'DestinationRule subsets (seed bookinfo reviews-vs)',
      istio: { virtualService: { name: 'reviews-vs', routes: ['http-primary'] }, destinationRule: { name: 'reviews', canarySubsetName: 'v2', stableSubsetName: 'v1' } },
      obj: subsetVsvc,
      expect: { 'http.0': [['v1', 90], ['v2', 10]] },
    },
  ] as const)('$name', ({ istio, obj, expect: expected }) => {
    const before = structuredClone(obj);
    const out = apply(spec(istio as IstioTrafficRouting), obj, 10);
    expect(out.changed).toBe(true);
    for (const [key, weights] of Object.entries(expected)) {
      const [type, index] = key.split('.') as ['http' | 'tls' | 'tcp', string];
      expect(weightsOf(out.object, type, Number(index)), key).toEqual(weights);
    }
    expect(obj, 'input not mutated').toEqual(before);
  });

  it('writes weights as JSON numbers and keeps every other field', () => {
    const out = apply(spec({ virtualService: { name: 'vsvc', routes: ['primary'] } }), regularVsvc, 30);
    const spec0 = out.object['spec'] as JsonObject;
    expect(spec0['gateways']).toEqual(['istio-rollout-gateway']);
    expect(JSON.stringify(spec0['http'])).toContain('"weight":30');
  });

  it.each([
    { name: 'http', istio: { virtualService: { name: 'vsvc', routes: ['primary'] } }, obj: regularVsvc, w: 0 },
    { name: 'tls', istio: { virtualService: { name: 'vsvc', tlsRoutes: [{ port: 3000 }] } }, obj: regularTlsVsvc, w: 0 },
    { name: 'tcp', istio: { virtualService: { name: 'vsvc', tcpRoutes: [{ port: 3000 }] } }, obj: regularTcpVsvc, w: 0 },
  ] as const)('no change when the weights are already desired ($name)', ({ istio, obj, w }) => {
    const out = apply(spec(istio as unknown as IstioTrafficRouting), obj, w);
    expect(out.changed).toBe(false);
    expect(out.object).toBe(obj);
  });

  it('ping-pong: ping is stable when status.canary.stablePingPong is ping', () => {
    const rollout = aRollout({ virtualService: { name: 'vsvc', routes: ['primary'] } });
    const canary = rollout.spec.strategy?.canary;
    if (canary === undefined) throw new Error();
    delete canary.stableService;
    delete canary.canaryService;
    canary.pingPong = { pingService: 'ping', pongService: 'pong' };
    rollout.status = { canary: { stablePingPong: 'ping' } } as typeof rollout.status;
    const s = istioRouterSpec(rollout);
    const obj = vs(JSON.stringify(regularVsvc).replaceAll('"stable"', '"ping"').replaceAll('"canary"', '"pong"'));
    if (s === undefined || s.virtualServices[0] === undefined) throw new Error();
    const out = setVirtualServiceWeight(s, s.virtualServices[0], obj, 10);
    expect(weightsOf(out.object, 'http', 0)).toEqual([['ping', 90], ['pong', 10]]);
  });
});

describe('setVirtualServiceWeight: experiment and additional destinations', () => {
  const s = spec({ virtualService: { name: 'vsvc', routes: ['primary'] } });

  it('appends an experiment Service and takes its weight from stable; removes it when the weight disappears', () => {
    const withExp = apply(s, regularVsvc, 10, [{ serviceName: 'exp-svc', weight: 20, podTemplateHash: 'abc' }]);
    expect(weightsOf(withExp.object, 'http', 0)).toEqual([['stable', 70], ['canary', 10], ['exp-svc', 20]]);
    const without = apply(s, withExp.object, 10);
    expect(weightsOf(without.object, 'http', 0)).toEqual([['stable', 90], ['canary', 10]]);
  });

  it('appends several experiment Services in sorted host order and removes all of them afterwards', () => {
    const withExp = apply(s, regularVsvc, 10, [
      { serviceName: 'exp-b', weight: 5 },
      { serviceName: 'exp-a', weight: 15 },
    ]);
    expect(weightsOf(withExp.object, 'http', 0)).toEqual([['stable', 70], ['canary', 10], ['exp-a', 15], ['exp-b', 5]]);
    expect(weightsOf(apply(s, withExp.object, 20).object, 'http', 0)).toEqual([['stable', 80], ['canary', 20]]);
  });

  it('never writes a destination without a host (#4890)', () => {
    const out = apply(s, regularVsvc, 10, [{ serviceName: '', weight: 20 }]);
    expect(weightsOf(out.object, 'http', 0)).toEqual([['stable', 90], ['canary', 10]]);
  });

  it('keeps additionalSubsetNames destinations unchanged and subtracts them from stable', () => {
    const obj = vs(`
spec:
  http:
  - route:
    - {destination: {host: rollout-service, subset: stable}, weight: 100}
    - {destination: {host: rollout-service, subset: canary}, weight: 0}
    - {destination: {host: additional-service, subset: stable-subset}, weight: 20}`);
    const sub = spec({ virtualService: { name: 'vsvc' }, destinationRule: { name: 'dr', canarySubsetName: 'canary', stableSubsetName: 'stable', additionalSubsetNames: ['stable-subset'] } });
    expect(weightsOf(apply(sub, obj, 10).object, 'http', 0)).toEqual([['stable', 70], ['canary', 10], ['stable-subset', 20]]);
  });

  it('deletes a stranger destination with weight but leaves a 0-weight stranger', () => {
    const obj = vs(`
spec:
  http:
  - name: primary
    route:
    - {destination: {host: stable}, weight: 80}
    - {destination: {host: canary}, weight: 0}
    - {destination: {host: stranger}, weight: 20}
    - {destination: {host: idle}, weight: 0}`);
    expect(weightsOf(apply(s, obj, 10).object, 'http', 0)).toEqual([['stable', 90], ['canary', 10], ['idle', 0]]);
  });

  it('clamps the stable weight at 0', () => {
    const out = apply(s, regularVsvc, 90, [{ serviceName: 'exp', weight: 30 }]);
    expect(weightsOf(out.object, 'http', 0)).toEqual([['stable', 0], ['canary', 90], ['exp', 30]]);
  });
});

describe('setVirtualServiceWeight: validation messages (upstream text)', () => {
  it.each([
    { name: 'named http route missing', istio: { virtualService: { name: 'vsvc', routes: ['missing'] } }, obj: regularVsvc, msg: IstioMessage.httpRouteNotFound('missing') },
    { name: 'several http routes and no names', istio: { virtualService: { name: 'vsvc' } }, obj: regularVsvc, msg: IstioMessage.singleHttpRoute },
    { name: 'tls port not found', istio: { virtualService: { name: 'vsvc', tlsRoutes: [{ port: 9999 }] } }, obj: regularTlsVsvc, msg: IstioMessage.noTlsRoute },
    { name: 'several tls routes and no tlsRoutes', istio: { virtualService: { name: 'vsvc' } }, obj: regularTlsVsvc, msg: IstioMessage.singleTlsRoute },
    { name: 'tcp port not found', istio: { virtualService: { name: 'vsvc', tcpRoutes: [{ port: 9999 }] } }, obj: regularTcpVsvc, msg: IstioMessage.noTcpRoute },
    { name: 'several tcp routes and no tcpRoutes', istio: { virtualService: { name: 'vsvc' } }, obj: regularTcpVsvc, msg: IstioMessage.singleTcpRoute },
    {
      name: 'canary service missing from the route',
      istio: { virtualService: { name: 'vsvc', routes: ['primary'] } },
      obj: vs(JSON.stringify(regularVsvc).replaceAll('"canary"', '"other"')),
      msg: "Canary Service 'canary' not found in route",
    },
    {
      name: 'stable service missing from the route',
      istio: { virtualService: { name: 'vsvc', routes: ['primary'] } },
      obj: vs(JSON.stringify(regularVsvc).replaceAll('"stable"', '"other"')),
      msg: "Stable Service 'stable' not found in route",
    },
    {
      name: 'canary subset missing',
      istio: { virtualService: { name: 'reviews-vs', routes: ['http-primary'] }, destinationRule: { name: 'reviews', canarySubsetName: 'v3', stableSubsetName: 'v1' } },
      obj: subsetVsvc,
      msg: "Canary DestinationRule subset 'v3' not found in route",
    },
    {
      name: 'stable subset missing',
      istio: { virtualService: { name: 'reviews-vs', routes: ['http-primary'] }, destinationRule: { name: 'reviews', canarySubsetName: 'v2', stableSubsetName: 'v0' } },
      obj: subsetVsvc,
      msg: "Stable DestinationRule subset 'v0' not found in route",
    },
  ] as const)('$name', ({ istio, obj, msg }) => {
    expect(() => apply(spec(istio as IstioTrafficRouting), obj, 10)).toThrow(msg);
  });

  it('a host starting with "." matches no Service', () => {
    const obj = vs(JSON.stringify(singleRouteVsvc).replace('canary.default', '.canary'));
    expect(() => apply(spec({ virtualService: { name: 'vsvc' } }), obj, 10)).toThrow("Canary Service 'canary' not found in route");
  });

  it('all routes named, no routes given, but only one outside managedRoutes: that one is weighted (no silent no-op, #4741)', () => {
    const obj = vs(`
spec:
  http:
  - name: header-route
    route: [{destination: {host: canary}, weight: 100}]
  - name: primary
    route: [{destination: {host: stable}, weight: 100}, {destination: {host: canary}, weight: 0}]`);
    const out = apply(spec({ virtualService: { name: 'vsvc' } }, { managedRoutes: ['header-route'] }), obj, 20);
    expect(weightsOf(out.object, 'http', 1)).toEqual([['stable', 80], ['canary', 20]]);
    expect(weightsOf(out.object, 'http', 0)).toEqual([['canary', 100]]);
  });
});

describe('multiple VirtualServices', () => {
  it('resolves each reference (ns/name or the Rollout namespace) with its own routes', () => {
    const s = spec({ virtualServices: [{ name: 'vsvc1', routes: ['primary'] }, { name: 'other/vsvc2', routes: ['secondary'] }] });
    expect(s.virtualServices.map((r) => [r.namespace, r.name, r.routes])).toEqual([
      ['default', 'vsvc1', ['primary']],
      ['other', 'vsvc2', ['secondary']],
    ]);
    const [a, b] = s.virtualServices;
    if (a === undefined || b === undefined) throw new Error();
    expect(weightsOf(setVirtualServiceWeight(s, a, regularVsvc, 10).object, 'http', 0)).toEqual([['stable', 90], ['canary', 10]]);
    const second = setVirtualServiceWeight(s, b, regularVsvc, 10).object;
    expect(weightsOf(second, 'http', 0)).toEqual([['stable', 100], ['canary', 0]]);
    expect(weightsOf(second, 'http', 1)).toEqual([['stable', 90], ['canary', 10]]);
  });
});
