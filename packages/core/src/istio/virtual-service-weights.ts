/**
 * SetWeight on one VirtualService: validate the managed routes, then rewrite their destination weights.
 * parity: argo-rollouts rollout/trafficrouting/istio/istio.go reconcileVirtualService, processRoutes,
 * ValidateHTTPRoutes / ValidateTlsRoutes / ValidateTcpRoutes, validateVirtualServiceRouteDestinations
 */
import { type JsonObject, asArray, asInt, asObject, isObject } from './json.js';
import { orderManagedRoutes, partitionManagedRoutes } from './managed-route-order.js';
import type { AdditionalDestination, IstioRouterSpec, VirtualServiceRef } from './router-spec.js';
import {
  type DestinationView,
  IstioMessage,
  IstioRouterError,
  RouteType,
  destinationsOf,
  hostService,
  httpRouteIndexes,
  routeName,
  routesOf,
  tcpRouteIndexes,
  tlsRouteIndexes,
} from './routes.js';

export interface ManagedRouteIndexes {
  readonly http: readonly number[];
  readonly tls: readonly number[];
  readonly tcp: readonly number[];
}

/** Both the stable and the canary destination must be present (by Service host, or by subset in DR mode). */
export function validateRouteDestinations(spec: IstioRouterSpec, destinations: readonly DestinationView[]): void {
  const dr = spec.destinationRule;
  if (dr !== undefined) {
    if (!destinations.some((d) => d.subset === dr.canarySubsetName)) throw new IstioRouterError(IstioMessage.canarySubsetMissing(dr.canarySubsetName));
    if (!destinations.some((d) => d.subset === dr.stableSubsetName)) throw new IstioRouterError(IstioMessage.stableSubsetMissing(dr.stableSubsetName));
    return;
  }
  if (!destinations.some((d) => hostService(d.host) === spec.canaryService)) throw new IstioRouterError(IstioMessage.canaryServiceMissing(spec.canaryService));
  if (!destinations.some((d) => hostService(d.host) === spec.stableService)) throw new IstioRouterError(IstioMessage.stableServiceMissing(spec.stableService));
}

/**
 * The routes SetWeight rewrites, after validating them (throws `IstioRouterError` with upstream's
 * message). HTTP mirror routes listed in `managedRoutes` are weighted too.
 */
export function managedRouteIndexes(spec: IstioRouterSpec, ref: VirtualServiceRef, vs: JsonObject): ManagedRouteIndexes {
  const managed = spec.managedRoutes ?? [];
  const http = routesOf(vs, RouteType.Http);
  const tls = routesOf(vs, RouteType.Tls);
  const tcp = routesOf(vs, RouteType.Tcp);
  let httpIdx: number[] = [];
  if (http !== undefined) {
    httpIdx = httpRouteIndexes(ref.routes, http, managed);
    for (const i of httpIdx) validateRouteDestinations(spec, destinationsOf(http[i] ?? {}));
    if (ref.routes.length === 0 && partitionManagedRoutes(http, managed).unmanaged.length > 1) throw new IstioRouterError(IstioMessage.singleHttpRoute);
    http.forEach((r, i) => {
      if (r['mirror'] !== undefined && managed.includes(routeName(r)) && !httpIdx.includes(i)) httpIdx.push(i);
    });
  }
  const tlsIdx = tls === undefined ? [] : validated(spec, tls, tlsRouteIndexes(ref.tlsRoutes, tls), ref.tlsRoutes.length === 0 && tls.length > 1, IstioMessage.singleTlsRoute);
  const tcpIdx = tcp === undefined ? [] : validated(spec, tcp, tcpRouteIndexes(ref.tcpRoutes, tcp), ref.tcpRoutes.length === 0 && tcp.length > 1, IstioMessage.singleTcpRoute);
  return { http: httpIdx, tls: tlsIdx, tcp: tcpIdx };
}

function validated(spec: IstioRouterSpec, routes: readonly JsonObject[], idx: number[], ambiguous: boolean, message: string): number[] {
  for (const i of idx) validateRouteDestinations(spec, destinationsOf(routes[i] ?? {}));
  if (ambiguous) throw new IstioRouterError(message);
  return idx;
}

/**
 * Rewrite one route's `route[]` for canary weight `w`:
 * stableWeight = max(0, 100 − w − Σ additional − Σ weights of `additionalSubsetNames` destinations)
 * (100, not maxTrafficWeight — upstream quirk kept). Canary → w, stable → stableWeight, existing
 * experiment Service → its weight, additional subset → unchanged, any other non-zero destination is
 * deleted; missing experiment Services are appended in sorted host order. Returns the new list.
 */
export function rewriteRouteWeights(spec: IstioRouterSpec, entries: readonly unknown[], weight: number, additional: readonly AdditionalDestination[]): unknown[] {
  const dr = spec.destinationRule;
  const extraSubsets = dr?.additionalSubsetNames ?? [];
  const views = entries.map((e) => destinationsOf({ route: [e] })[0] as DestinationView);
  const pending = new Map<string, number>();
  let stableWeight = 100 - weight;
  for (const d of additional) {
    if (d.serviceName === undefined || d.serviceName === '') continue; // never write a host-less destination (#4890)
    pending.set(d.serviceName, d.weight);
    stableWeight -= d.weight;
  }
  for (const v of views) if (v.subset !== '' && extraSubsets.includes(v.subset)) stableWeight -= v.weight;
  stableWeight = Math.max(0, stableWeight);

  const out: unknown[] = [];
  entries.forEach((entry, i) => {
    const v = views[i] as DestinationView;
    const svc = hostService(v.host);
    const set = (w: number): void => {
      out.push(v.weight === w || !isObject(entry) ? entry : { ...entry, weight: w });
    };
    if (svc === '') out.push(entry);
    else if (svc === spec.canaryService || (v.subset !== '' && v.subset === dr?.canarySubsetName)) set(weight);
    else if (svc === spec.stableService || (v.subset !== '' && v.subset === dr?.stableSubsetName)) set(stableWeight);
    else if (pending.has(svc)) {
      set(pending.get(svc) ?? 0);
      pending.delete(svc);
    } else if (v.subset !== '' && extraSubsets.includes(v.subset)) out.push(entry);
    else if (v.weight === 0) out.push(entry);
    // else: a stranger carrying weight is dropped
  });
  for (const host of [...pending.keys()].sort()) out.push({ destination: { host }, weight: pending.get(host) ?? 0 });
  return out;
}

function rewriteList(spec: IstioRouterSpec, routes: unknown[], indexes: readonly number[], weight: number, additional: readonly AdditionalDestination[]): unknown[] {
  return routes.map((r, i) => {
    if (!indexes.includes(i) || !isObject(r)) return r;
    const entries = asArray(r['route']) ?? [];
    const next = rewriteRouteWeights(spec, entries, weight, additional);
    return sameWeights(entries, next) ? r : { ...r, route: next };
  });
}

function sameWeights(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export interface VirtualServiceRewrite {
  /** The whole new object (a copy; the input is never mutated). */
  readonly object: JsonObject;
  readonly changed: boolean;
}

/** SetWeight for one VirtualService: the rewritten object, and whether anything changed. */
export function setVirtualServiceWeight(spec: IstioRouterSpec, ref: VirtualServiceRef, vs: JsonObject, weight: number, additional: readonly AdditionalDestination[] = []): VirtualServiceRewrite {
  const idx = managedRouteIndexes(spec, ref, vs);
  const specObj = asObject(vs['spec']) ?? {};
  const nextSpec: JsonObject = { ...specObj };
  let changed = false;
  for (const [type, indexes] of [[RouteType.Http, idx.http], [RouteType.Tls, idx.tls], [RouteType.Tcp, idx.tcp]] as const) {
    const list = asArray(specObj[type]);
    if (list === undefined || indexes.length === 0) continue;
    const next = rewriteList(spec, list, indexes, weight, additional);
    if (!sameWeights(list, next)) {
      nextSpec[type] = next;
      changed = true;
    }
  }
  if (!changed) return { object: vs, changed: false };
  const http = asArray(nextSpec[RouteType.Http]);
  if (http !== undefined && spec.managedRoutes !== undefined) nextSpec[RouteType.Http] = orderManagedRoutes(http, spec.managedRoutes);
  return { object: structuredClone({ ...vs, spec: nextSpec }), changed: true };
}

/** The weight a route gives a destination, for verification and the mesh. */
export function destinationWeight(entry: unknown): number {
  return asInt(asObject(entry)?.['weight']);
}
