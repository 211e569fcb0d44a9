/**
 * Managed header and mirror routes (setHeaderRoute / setMirrorRoute steps) and their removal.
 * parity: argo-rollouts rollout/trafficrouting/istio/istio.go createHeaderRoute, createMirrorRoute,
 * removeRoute, RemoveManagedRoutes
 */
import type { SetHeaderRoute, SetMirrorRoute, StringMatch } from '@serin/api';
import { type JsonObject, asArray, asObject, deepEqual } from './json.js';
import { orderManagedRoutes, partitionManagedRoutes } from './managed-route-order.js';
import type { IstioRouterSpec, VirtualServiceRef } from './router-spec.js';
import { IstioMessage, IstioRouterError, RouteType, destinationsOf, httpRouteIndexes, routeName, routesOf } from './routes.js';
import type { VirtualServiceRewrite } from './virtual-service-weights.js';

/** `{exact|regex|prefix}` with empty values left out (Go omitempty). */
export function stringMatch(m: StringMatch | undefined): JsonObject | undefined {
  if (m === undefined) return undefined;
  const out: JsonObject = {};
  if (m.exact) out['exact'] = m.exact;
  if (m.regex) out['regex'] = m.regex;
  if (m.prefix) out['prefix'] = m.prefix;
  return out;
}

function destination(host: string, subset: string, port: number): JsonObject {
  return { host, ...(subset !== '' ? { subset } : {}), ...(port > 0 ? { port: { number: port } } : {}) };
}

/** Where managed routes send traffic: the DestinationRule host + canary subset, else the canary Service. */
export interface CanaryTarget {
  readonly host: string;
  readonly subset: string;
}

export function canaryTarget(spec: IstioRouterSpec, destinationRuleHost: string): CanaryTarget {
  return {
    host: destinationRuleHost !== '' ? destinationRuleHost : spec.canaryService,
    subset: spec.destinationRule?.canarySubsetName ?? '',
  };
}

/** The destinations of the route SetWeight manages (the first one), used for ports and mirror copies. */
function weightedRoute(ref: VirtualServiceRef, http: readonly JsonObject[], managed: readonly string[]): JsonObject | undefined {
  const idx = httpRouteIndexes(ref.routes, http, managed);
  return idx[0] === undefined ? undefined : http[idx[0]];
}

/**
 * `{name, match: [{headers: {<h>: {exact|regex|prefix}}}…], route: [{destination: {host, subset?,
 * port?}, weight: 100}]}`; the port is the weighted route's first destination port.
 */
export function buildHeaderRoute(ref: VirtualServiceRef, http: readonly JsonObject[], managed: readonly string[], step: SetHeaderRoute, target: CanaryTarget): JsonObject {
  let port = 0;
  try {
    const weighted = weightedRoute(ref, http, managed);
    port = weighted === undefined ? 0 : (destinationsOf(weighted)[0]?.port ?? 0);
  } catch {
    port = 0;
  }
  return {
    name: step.name ?? '',
    match: (step.match ?? []).map((m) => ({ headers: { [m.headerName]: stringMatch(m.headerValue) ?? {} } })),
    route: [{ destination: destination(target.host, target.subset, port), weight: 100 }],
  };
}

/**
 * `{name, match: [{method, uri, headers}…], route: <copy of the weighted route's destinations>,
 * mirror: {host, subset?, port?}, mirrorPercentage: {value: percentage ?? 100}}`.
 */
export function buildMirrorRoute(ref: VirtualServiceRef, http: readonly JsonObject[], managed: readonly string[], step: SetMirrorRoute, target: CanaryTarget): JsonObject {
  const weighted = weightedRoute(ref, http, managed);
  const dests = weighted === undefined ? [] : destinationsOf(weighted);
  const route = dests.map((d) => ({ destination: destination(d.host, d.subset, d.port), ...(d.weight !== 0 ? { weight: d.weight } : {}) }));
  const match = (step.match ?? []).map((m) => {
    const out: JsonObject = {};
    const method = stringMatch(m.method);
    const uri = stringMatch(m.path);
    if (method !== undefined) out['method'] = method;
    if (uri !== undefined) out['uri'] = uri;
    if (m.headers !== undefined && Object.keys(m.headers).length > 0) {
      out['headers'] = Object.fromEntries(Object.entries(m.headers).map(([k, v]) => [k, stringMatch(v) ?? {}]));
    }
    return out;
  });
  return {
    name: step.name,
    match,
    route,
    mirror: destination(target.host, target.subset, dests[0]?.port ?? 0),
    mirrorPercentage: { value: step.percentage ?? 100 },
  };
}

function withHttp(vs: JsonObject, http: unknown[]): VirtualServiceRewrite {
  const spec = asObject(vs['spec']) ?? {};
  const before = asArray(spec[RouteType.Http]) ?? [];
  if (deepEqual(before, http)) return { object: vs, changed: false };
  return { object: structuredClone({ ...vs, spec: { ...spec, [RouteType.Http]: http } }), changed: true };
}

function httpOrThrow(vs: JsonObject): JsonObject[] {
  const http = routesOf(vs, RouteType.Http);
  if (http === undefined) throw new IstioRouterError(IstioMessage.specHttpNotFound);
  return http;
}

/**
 * Create or replace a header route (placed by `managedRoutes` order, before user routes); `match`
 * absent removes it. Serin writes nothing when the VirtualService already has exactly that route.
 */
export function setHeaderRouteOnVirtualService(spec: IstioRouterSpec, ref: VirtualServiceRef, vs: JsonObject, step: SetHeaderRoute, target: CanaryTarget): VirtualServiceRewrite {
  const name = step.name ?? '';
  const rest = httpOrThrow(vs).filter((r) => routeName(r) !== name);
  const managed = spec.managedRoutes ?? [];
  const next = step.match === undefined ? rest : [...rest, buildHeaderRoute(ref, rest, managed, step, target)];
  return withHttp(vs, spec.managedRoutes !== undefined ? orderManagedRoutes(next, spec.managedRoutes) : next);
}

/** Create or replace a mirror route (prepended, then ordered by `managedRoutes`); `match` absent removes it. */
export function setMirrorRouteOnVirtualService(spec: IstioRouterSpec, ref: VirtualServiceRef, vs: JsonObject, step: SetMirrorRoute, target: CanaryTarget): VirtualServiceRewrite {
  const rest = httpOrThrow(vs).filter((r) => routeName(r) !== step.name);
  const managed = spec.managedRoutes ?? [];
  const next = step.match === undefined ? rest : [buildMirrorRoute(ref, rest, managed, step, target), ...rest];
  return withHttp(vs, spec.managedRoutes !== undefined ? orderManagedRoutes(next, spec.managedRoutes) : next);
}

/**
 * Remove every route named by a setHeaderRoute/setMirrorRoute step or listed in `managedRoutes`.
 * A VirtualService without `spec.http` is left alone.
 */
export function removeManagedRoutesFromVirtualService(spec: IstioRouterSpec, vs: JsonObject): VirtualServiceRewrite {
  const http = routesOf(vs, RouteType.Http);
  if (http === undefined) return { object: vs, changed: false };
  const names = [...spec.stepRouteNames, ...(spec.managedRoutes ?? [])];
  const kept = partitionManagedRoutes(http, names).unmanaged;
  return withHttp(vs, kept);
}
