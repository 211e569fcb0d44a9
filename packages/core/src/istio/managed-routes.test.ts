import { describe, expect, it } from 'vitest';
import type { SetHeaderRoute, SetMirrorRoute } from '@serin/api';
import type { JsonObject } from './json.js';
import { canaryTarget, removeManagedRoutesFromVirtualService, setHeaderRouteOnVirtualService, setMirrorRouteOnVirtualService } from './managed-routes.js';
import { type IstioRouterSpec, istioRouterSpec } from './router-spec.js';
import { setVirtualServiceWeight } from './virtual-service-weights.js';
import { aRollout, regularVsvc, singleRouteVsvc, subsetVsvc, weightsOf } from './test-support/fixtures.js';

const routes = (obj: JsonObject): JsonObject[] => (obj['spec'] as { http: JsonObject[] }).http;
const names = (obj: JsonObject): string[] => routes(obj).map((r) => (typeof r['name'] === 'string' ? r['name'] : '<unnamed>'));

function hostSpec(managed: string[], routeNames: string[] = ['primary']): IstioRouterSpec {
  const s = istioRouterSpec(
    aRollout({ virtualService: { name: 'vsvc', routes: routeNames } }, {
      managedRoutes: managed,
      steps: [{ setHeaderRoute: { name: 'set-header-1' } }, { setMirrorRoute: { name: 'mirror-1' } }],
    }),
  );
  if (s === undefined) throw new Error();
  return s;
}
const ref = (s: IstioRouterSpec) => s.virtualServices[0] ?? (() => { throw new Error(); })();

// parity: argo-rollouts istio_test.go TestHttpReconcileHeaderRouteHostBased / SubsetBased / WithExtra,
// TestHttpReconcileMirrorRoute*, TestReconcileHeaderRouteAvoidDuplicates, TestRemoveManagedRoutes*
describe('setHeaderRoute', () => {
  it.each([
    { name: 'exact', value: { exact: 'firefox' }, header: 'agent' },
    { name: 'prefix', value: { prefix: 'fire' }, header: 'agent' },
    { name: 'regex', value: { regex: '.*Firefox.*' }, header: 'user-agent' },
    { name: 'cookie regex (seed A/B)', value: { regex: '^(.*?;)?(type=insider)(;.*)?$' }, header: 'cookie' },
  ])('host mode, $name match → canary Service with weight 100, placed first', ({ value, header }) => {
    const s = hostSpec(['set-header-1']);
    const step: SetHeaderRoute = { name: 'set-header-1', match: [{ headerName: header, headerValue: value }] };
    const out = setHeaderRouteOnVirtualService(s, ref(s), regularVsvc, step, canaryTarget(s, ''));
    expect(out.changed).toBe(true);
    expect(names(out.object)).toEqual(['set-header-1', 'primary', 'secondary']);
    expect(routes(out.object)[0]).toEqual({ name: 'set-header-1', match: [{ headers: { [header]: value } }], route: [{ destination: { host: 'canary' }, weight: 100 }] });
  });

  it('subset mode: DestinationRule host + canary subset', () => {
    const s = istioRouterSpec(aRollout({ virtualService: { name: 'reviews-vs', routes: ['http-primary'] }, destinationRule: { name: 'reviews', canarySubsetName: 'v2', stableSubsetName: 'v1' } }, { managedRoutes: ['hdr'] }));
    if (s === undefined) throw new Error();
    const step: SetHeaderRoute = { name: 'hdr', match: [{ headerName: 'cookie', headerValue: { regex: 'type=insider' } }] };
    const out = setHeaderRouteOnVirtualService(s, ref(s), subsetVsvc, step, canaryTarget(s, 'reviews.istio.svc.cluster.local'));
    expect(routes(out.object)[0]?.['route']).toEqual([{ destination: { host: 'reviews.istio.svc.cluster.local', subset: 'v2' }, weight: 100 }]);
  });

  it('carries the weighted route port onto the header destination', () => {
    const withPort = structuredClone(regularVsvc);
    const first = routes(withPort)[0]?.['route'] as Array<{ destination: JsonObject }>;
    if (first[0] !== undefined) first[0].destination['port'] = { number: 8443 };
    const s = hostSpec(['set-header-1']);
    const out = setHeaderRouteOnVirtualService(s, ref(s), withPort, { name: 'set-header-1', match: [{ headerName: 'a', headerValue: { exact: 'b' } }] }, canaryTarget(s, ''));
    expect(routes(out.object)[0]?.['route']).toEqual([{ destination: { host: 'canary', port: { number: 8443 } }, weight: 100 }]);
  });

  it('replaces rather than duplicates, and is a no-op when already present', () => {
    const s = hostSpec(['set-header-1']);
    const step: SetHeaderRoute = { name: 'set-header-1', match: [{ headerName: 'agent', headerValue: { exact: 'a' } }] };
    const once = setHeaderRouteOnVirtualService(s, ref(s), regularVsvc, step, canaryTarget(s, '')).object;
    const twice = setHeaderRouteOnVirtualService(s, ref(s), once, step, canaryTarget(s, ''));
    expect(twice.changed).toBe(false);
    expect(names(twice.object)).toEqual(['set-header-1', 'primary', 'secondary']);
    const updated = setHeaderRouteOnVirtualService(s, ref(s), once, { ...step, match: [{ headerName: 'agent', headerValue: { exact: 'b' } }] }, canaryTarget(s, ''));
    expect(updated.changed).toBe(true);
    expect(names(updated.object)).toEqual(['set-header-1', 'primary', 'secondary']);
  });

  it('match absent removes the route', () => {
    const s = hostSpec(['set-header-1']);
    const once = setHeaderRouteOnVirtualService(s, ref(s), regularVsvc, { name: 'set-header-1', match: [{ headerName: 'a', headerValue: { exact: 'b' } }] }, canaryTarget(s, '')).object;
    const removed = setHeaderRouteOnVirtualService(s, ref(s), once, { name: 'set-header-1' }, canaryTarget(s, ''));
    expect(names(removed.object)).toEqual(['primary', 'secondary']);
  });

  it('several managed routes keep managedRoutes order before user routes', () => {
    const s = hostSpec(['h1', 'h2', 'mirror-1']);
    const target = canaryTarget(s, '');
    let obj = setHeaderRouteOnVirtualService(s, ref(s), regularVsvc, { name: 'h2', match: [{ headerName: 'a', headerValue: { exact: 'x' } }] }, target).object;
    obj = setMirrorRouteOnVirtualService(s, ref(s), obj, { name: 'mirror-1', match: [{ method: { exact: 'GET' } }] }, target).object;
    obj = setHeaderRouteOnVirtualService(s, ref(s), obj, { name: 'h1', match: [{ headerName: 'a', headerValue: { exact: 'y' } }] }, target).object;
    expect(names(obj)).toEqual(['h1', 'h2', 'mirror-1', 'primary', 'secondary']);
  });
});

describe('setMirrorRoute', () => {
  it('copies the weighted route, mirrors to the canary with the percentage', () => {
    const s = hostSpec(['mirror-1']);
    const weighted = setVirtualServiceWeight(s, ref(s), regularVsvc, 20).object;
    const step: SetMirrorRoute = { name: 'mirror-1', percentage: 90, match: [{ method: { exact: 'GET' }, path: { prefix: '/' }, headers: { agent: { regex: 'firefox' } } }] };
    const out = setMirrorRouteOnVirtualService(s, ref(s), weighted, step, canaryTarget(s, ''));
    expect(routes(out.object)[0]).toEqual({
      name: 'mirror-1',
      match: [{ method: { exact: 'GET' }, uri: { prefix: '/' }, headers: { agent: { regex: 'firefox' } } }],
      route: [{ destination: { host: 'stable' }, weight: 80 }, { destination: { host: 'canary' }, weight: 20 }],
      mirror: { host: 'canary' },
      mirrorPercentage: { value: 90 },
    });
  });

  it('percentage defaults to 100; zero weights are omitted like Go omitempty', () => {
    const s = hostSpec(['mirror-1']);
    const out = setMirrorRouteOnVirtualService(s, ref(s), regularVsvc, { name: 'mirror-1', match: [{ method: { exact: 'POST' } }] }, canaryTarget(s, ''));
    expect(routes(out.object)[0]?.['mirrorPercentage']).toEqual({ value: 100 });
    expect(routes(out.object)[0]?.['route']).toEqual([{ destination: { host: 'stable' }, weight: 100 }, { destination: { host: 'canary' } }]);
  });

  it('a mirror route listed in managedRoutes is weighted by setWeight too', () => {
    const s = hostSpec(['mirror-1']);
    const mirrored = setMirrorRouteOnVirtualService(s, ref(s), regularVsvc, { name: 'mirror-1', match: [{ method: { exact: 'GET' } }] }, canaryTarget(s, '')).object;
    const out = setVirtualServiceWeight(s, ref(s), mirrored, 40).object;
    expect(weightsOf(out, 'http', 0)).toEqual([['stable', 60], ['canary', 40]]);
    expect(weightsOf(out, 'http', 1)).toEqual([['stable', 60], ['canary', 40]]);
    expect(weightsOf(out, 'http', 2)).toEqual([['stable', 100], ['canary', 0]]);
  });

  it('single unnamed route: the mirror copies it and stays first', () => {
    const s = istioRouterSpec(aRollout({ virtualService: { name: 'vsvc' } }, { managedRoutes: ['mirror-1'] }));
    if (s === undefined) throw new Error();
    const out = setMirrorRouteOnVirtualService(s, ref(s), singleRouteVsvc, { name: 'mirror-1', match: [{ path: { exact: '/x' } }] }, canaryTarget(s, ''));
    expect(names(out.object)).toEqual(['mirror-1', '<unnamed>']);
  });
});

describe('removeManagedRoutesFromVirtualService', () => {
  it('drops routes named by steps or managedRoutes, keeps user routes in order', () => {
    const s = hostSpec(['set-header-1', 'extra']);
    let obj = setHeaderRouteOnVirtualService(s, ref(s), regularVsvc, { name: 'set-header-1', match: [{ headerName: 'a', headerValue: { exact: 'b' } }] }, canaryTarget(s, '')).object;
    obj = setHeaderRouteOnVirtualService(s, ref(s), obj, { name: 'extra', match: [{ headerName: 'a', headerValue: { exact: 'c' } }] }, canaryTarget(s, '')).object;
    const out = removeManagedRoutesFromVirtualService(s, obj);
    expect(out.changed).toBe(true);
    expect(names(out.object)).toEqual(['primary', 'secondary']);
  });

  it('without managedRoutes, routes named by setHeaderRoute/setMirrorRoute steps are still removed', () => {
    const s = istioRouterSpec(aRollout({ virtualService: { name: 'vsvc', routes: ['primary'] } }, { steps: [{ setHeaderRoute: { name: 'set-header-1' } }, { setMirrorRoute: { name: 'mirror-1' } }] }));
    if (s === undefined) throw new Error();
    const withRoutes = { spec: { http: [{ name: 'mirror-1', route: [] }, { name: 'set-header-1', route: [] }, ...routes(regularVsvc)] } };
    expect(names(removeManagedRoutesFromVirtualService(s, withRoutes).object)).toEqual(['primary', 'secondary']);
  });

  it('nothing to remove → unchanged (no write)', () => {
    const s = hostSpec(['set-header-1']);
    expect(removeManagedRoutesFromVirtualService(s, regularVsvc).changed).toBe(false);
  });

  it('no spec.http → unchanged', () => {
    const s = hostSpec([]);
    expect(removeManagedRoutesFromVirtualService(s, { spec: { tls: [] } }).changed).toBe(false);
  });
});
