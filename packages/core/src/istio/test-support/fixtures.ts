/** VirtualService / DestinationRule fixtures shaped like upstream istio_test.go's YAML constants. */
import type { CanaryStep, IstioTrafficRouting, Rollout } from '@serin/api';
import { parse } from 'yaml';
import type { JsonObject } from '../json.js';

export function vs(yaml: string): JsonObject {
  return parse(yaml) as JsonObject;
}

const twoDest = (stable: string, canary: string) => `
    route:
    - destination:
        host: ${stable}
      weight: 100
    - destination:
        host: ${canary}
      weight: 0`;

export const regularVsvc = vs(`
metadata: {name: vsvc, namespace: default}
spec:
  gateways: [istio-rollout-gateway]
  hosts: [istio-rollout.dev.argoproj.io]
  http:
  - name: primary${twoDest("'stable'", 'canary')}
  - name: secondary${twoDest("'stable'", 'canary')}`);

export const regularTlsVsvc = vs(`
metadata: {name: vsvc, namespace: default}
spec:
  tls:
  - match:
    - port: 3000${twoDest('stable', 'canary')}
  - match:
    - port: 3001${twoDest('stable', 'canary')}`);

export const regularTcpVsvc = vs(`
metadata: {name: vsvc, namespace: default}
spec:
  tcp:
  - match:
    - port: 3000${twoDest('stable', 'canary')}
  - match:
    - port: 3001${twoDest('stable', 'canary')}`);

export const regularMixedVsvc = vs(`
metadata: {name: vsvc, namespace: default}
spec:
  http:
  - name: primary${twoDest('stable', 'canary')}
  - name: secondary${twoDest('stable', 'canary')}
  tls:
  - match:
    - port: 3000${twoDest('stable', 'canary')}
  - match:
    - port: 3001${twoDest('stable', 'canary')}
  tcp:
  - match:
    - port: 3000${twoDest('stable', 'canary')}
  - match:
    - port: 3001${twoDest('stable', 'canary')}`);

export const sniTlsVsvc = vs(`
metadata: {name: vsvc, namespace: default}
spec:
  tls:
  - match:
    - port: 3000
      sniHosts: [foo.bar.com]
    - port: 3000
      sniHosts: [bar.foo.com]${twoDest('stable', 'canary')}
  - match:
    - sniHosts: [foo.bar.com, bar.foo.com]${twoDest('stable', 'canary')}
  - match:
    - port: 3001
      sniHosts: [foo.bar.com]
    - port: 3002
      sniHosts: [foo.bar.com]${twoDest('stable', 'canary')}`);

export const singleRouteVsvc = vs(`
metadata: {name: vsvc, namespace: default}
spec:
  http:
  - route:
    - destination:
        host: stable.default.svc.cluster.local
      weight: 100
    - destination:
        host: canary.default.svc.cluster.local
      weight: 0`);

export const subsetVsvc = vs(`
metadata: {name: reviews-vs, namespace: istio}
spec:
  gateways: [istio/bookinfo-gateway]
  hosts: ["*"]
  http:
  - name: http-primary
    route:
    - destination: {host: reviews, subset: v1}
      weight: 100
    - destination: {host: reviews, subset: v2}
      weight: 0`);

export const reviewsDestinationRule = vs(`
metadata: {name: reviews, namespace: istio}
spec:
  host: reviews.istio.svc.cluster.local
  trafficPolicy:
    loadBalancer: {simple: LEAST_CONN}
  subsets:
  - name: v1
    labels: {version: v1}
    trafficPolicy:
      loadBalancer: {simple: ROUND_ROBIN}
  - name: v2
    labels: {version: v2}
    trafficPolicy:
      loadBalancer: {simple: LEAST_CONN}
  - name: stray
    labels: {version: v0}`);

export function aRollout(istio: IstioTrafficRouting, extra: { managedRoutes?: string[]; steps?: CanaryStep[]; stableService?: string; canaryService?: string; namespace?: string } = {}): Rollout {
  return {
    metadata: { name: 'rollout', namespace: extra.namespace ?? 'default' },
    spec: {
      strategy: {
        canary: {
          ...(istio.destinationRule === undefined || extra.stableService !== undefined ? { stableService: extra.stableService ?? 'stable', canaryService: extra.canaryService ?? 'canary' } : {}),
          trafficRouting: { istio, ...(extra.managedRoutes ? { managedRoutes: extra.managedRoutes.map((name) => ({ name })) } : {}) },
          ...(extra.steps ? { steps: extra.steps } : {}),
        },
      },
    },
  } as Rollout;
}

/** `[host|subset, weight]` pairs of one route. */
export function weightsOf(obj: JsonObject, type: 'http' | 'tls' | 'tcp', index: number): Array<[string, number]> {
  const spec = obj['spec'] as Record<string, Array<{ route: Array<{ destination: { host: string; subset?: string }; weight?: number }> }>>;
  const route = spec[type]?.[index]?.route ?? [];
  return route.map((r) => [r.destination.subset ?? r.destination.host, r.weight ?? 0]);
}
