/**
 * Reading a VirtualService's routes and choosing the ones a Rollout manages.
 * parity: argo-rollouts rollout/trafficrouting/istio/istio.go getHttpRouteIndexesToPatch,
 * searchTlsRoute, searchTcpRoute, getHost
 */
import type { IstioTCPRoute, IstioTLSRoute } from '@serin/api';
import { type JsonObject, asArray, asInt, asObject, asString, isObject } from './json.js';

export const RouteType = { Http: 'http', Tls: 'tls', Tcp: 'tcp' } as const;
export type RouteType = (typeof RouteType)[keyof typeof RouteType];

/** One `route[]` entry: `{destination: {host, subset, port: {number}}, weight}`. */
export interface DestinationView {
  readonly host: string;
  readonly subset: string;
  readonly port: number;
  readonly weight: number;
}

export const IstioMessage = {
  httpRouteNotFound: (name: string) => `HTTP Route '${name}' is not found in the defined Virtual Service.`,
  noTlsRoute: 'No matching TLS routes found in the defined Virtual Service.',
  noTcpRoute: 'No matching TCP routes found in the defined Virtual Service.',
  singleHttpRoute:
    'spec.http[] should be set in VirtualService and it must have exactly one route when omitting spec.strategy.canary.trafficRouting.istio.virtualService.routes',
  singleTlsRoute:
    'spec.tls[] should be set in VirtualService and it must have exactly one route when omitting spec.strategy.canary.trafficRouting.istio.virtualService.tlsRoutes',
  singleTcpRoute:
    'spec.tcp[] should be set in VirtualService and it must have exactly one route when omitting spec.strategy.canary.trafficRouting.istio.virtualService.tcpRoutes',
  canaryServiceMissing: (svc: string) => `Canary Service '${svc}' not found in route`,
  stableServiceMissing: (svc: string) => `Stable Service '${svc}' not found in route`,
  canarySubsetMissing: (s: string) => `Canary DestinationRule subset '${s}' not found in route`,
  stableSubsetMissing: (s: string) => `Stable DestinationRule subset '${s}' not found in route`,
  specHttpNotFound: 'spec.http not found',
} as const;

/** A router error carrying upstream's message (recorded as `TrafficRoutingError`). */
export class IstioRouterError extends Error {
  override readonly name = 'IstioRouterError';
}

/** `spec.<type>` as an array of route objects; undefined when the field is absent. */
export function routesOf(vs: JsonObject, type: RouteType): JsonObject[] | undefined {
  const list = asArray(asObject(vs['spec'])?.[type]);
  return list?.map((r) => asObject(r) ?? {});
}

export function routeName(route: JsonObject): string {
  return asString(route['name']);
}

export function destinationsOf(route: JsonObject): DestinationView[] {
  return (asArray(route['route']) ?? []).map((entry) => {
    const e = asObject(entry) ?? {};
    const d = asObject(e['destination']) ?? {};
    return { host: asString(d['host']), subset: asString(d['subset']), port: asInt(asObject(d['port'])?.['number']), weight: asInt(e['weight']) };
  });
}

/**
 * The Service a destination host names: the part before the first `.` (`canary.ns.svc.cluster.local`
 * → `canary`); a host starting with `.` names nothing.
 */
export function hostService(host: string): string {
  const dot = host.indexOf('.');
  if (dot === 0) return '';
  return dot < 0 ? host : host.slice(0, dot);
}

/**
 * HTTP routes to weight. Names given → each must exist (upstream message otherwise). No names → the
 * only route when there is one, else the only route outside `managedRoutes` (Serin: upstream picks the
 * first unnamed route and silently weights nothing when all are named, #4741), else the first unnamed.
 */
export function httpRouteIndexes(names: readonly string[], routes: readonly JsonObject[], managed: readonly string[] = []): number[] {
  if (names.length === 0) {
    if (routes.length === 1) return [0];
    const unmanaged = routes.map((r, i) => [r, i] as const).filter(([r]) => !managed.includes(routeName(r)));
    if (unmanaged.length === 1 && unmanaged[0] !== undefined) return [unmanaged[0][1]];
    const unnamed = routes.findIndex((r) => routeName(r) === '');
    return unnamed >= 0 ? [unnamed] : [];
  }
  return names.map((name) => {
    const i = routes.findIndex((r) => routeName(r) === name);
    if (i < 0) throw new IstioRouterError(IstioMessage.httpRouteNotFound(name));
    return i;
  });
}

interface L4Match {
  readonly ports: ReadonlySet<number>;
  readonly sniHosts: ReadonlySet<string>;
}

function l4Match(route: JsonObject): L4Match {
  const ports = new Set<number>();
  const sniHosts = new Set<string>();
  for (const m of asArray(route['match']) ?? []) {
    const match = asObject(m) ?? {};
    ports.add(asInt(match['port']));
    for (const h of asArray(match['sniHosts']) ?? []) if (typeof h === 'string') sniHosts.add(h);
  }
  return { ports, sniHosts };
}

function samePort(m: L4Match, port: number): boolean {
  if (m.ports.size > 1) return false;
  const only = m.ports.size === 0 ? 0 : [...m.ports][0];
  return only === port;
}

function sameSet(a: ReadonlySet<string>, b: readonly string[]): boolean {
  const bs = new Set(b);
  return a.size === bs.size && [...a].every((x) => bs.has(x));
}

/**
 * TLS routes to weight: a route matches an entry when its match blocks name exactly one distinct port
 * equal to `port` (0 when absent) and the union of their `sniHosts` equals the entry's set. No entries
 * → route 0. An entry matching nothing → `No matching TLS routes …`.
 */
export function tlsRouteIndexes(entries: readonly IstioTLSRoute[], routes: readonly JsonObject[]): number[] {
  if (entries.length === 0) return routes.length > 0 ? [0] : [];
  return entries.flatMap((entry) => {
    const found = routes.flatMap((r, i) => {
      const m = l4Match(r);
      return samePort(m, entry.port ?? 0) && sameSet(m.sniHosts, entry.sniHosts ?? []) ? [i] : [];
    });
    if (found.length === 0) throw new IstioRouterError(IstioMessage.noTlsRoute);
    return found;
  });
}

/** TCP routes to weight: as TLS, by port only. */
export function tcpRouteIndexes(entries: readonly IstioTCPRoute[], routes: readonly JsonObject[]): number[] {
  if (entries.length === 0) return routes.length > 0 ? [0] : [];
  return entries.flatMap((entry) => {
    const found = routes.flatMap((r, i) => (samePort(l4Match(r), entry.port ?? 0) ? [i] : []));
    if (found.length === 0) throw new IstioRouterError(IstioMessage.noTcpRoute);
    return found;
  });
}

export function isRouteObject(value: unknown): value is JsonObject {
  return isObject(value);
}
