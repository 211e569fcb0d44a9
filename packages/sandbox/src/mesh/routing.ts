/**
 * The mesh's own (small) Istio routing model, independent of Serin: which VirtualService serves a
 * request, which HTTP route matches (headers exact/prefix/regex, uri, method), which weighted
 * destination is picked, and the mirror. TLS/TCP routes pick by weight only.
 */
import type { JsonObject } from '../types.js';
import { isRecord } from '../types.js';
import type { Rng } from './rng.js';

export interface MeshRequest {
  /** Namespace the client calls from (short hosts resolve here). */
  readonly namespace: string;
  /** The requested host: a Service name, `svc.ns`, an FQDN or an external host matched by VS `hosts`. */
  readonly host: string;
  readonly method: string;
  readonly path: string;
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string>>;
  /** Ingress gateway (`ns/name`) the request enters through; absent = mesh-internal traffic. */
  readonly gateway?: string;
}

export interface ServiceRef {
  readonly name: string;
  readonly namespace: string;
}

export interface RouteTarget {
  readonly service: ServiceRef;
  /** DestinationRule subset name ('' for none). */
  readonly subset: string;
}

export interface RoutingDecision {
  readonly target: RouteTarget | undefined;
  readonly mirror?: RouteTarget;
  /** Name of the matched http route ('' when unnamed or no VirtualService). */
  readonly routeName: string;
  /** The VirtualService used, if any. */
  readonly virtualService?: string;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const obj = (v: unknown): JsonObject => (isRecord(v) ? v : {});

/** A destination/VS host → Service: `name`, `name.ns`, `name.ns.svc[.cluster.local]`; other hosts → undefined. */
export function serviceOfHost(host: string, defaultNamespace: string): ServiceRef | undefined {
  if (host === '' || host.startsWith('.') || host.includes('*')) return undefined;
  const parts = host.split('.');
  const name = parts[0] ?? '';
  if (parts.length === 1) return { name, namespace: defaultNamespace };
  if (parts.length === 2) return { name, namespace: parts[1] ?? defaultNamespace };
  if (parts[2] === 'svc') return { name, namespace: parts[1] ?? defaultNamespace };
  return undefined;
}

/** `*` matches all; `*.suffix` by suffix; otherwise both sides as Services, or equal strings. */
export function hostMatches(vsHost: string, vsNamespace: string, request: MeshRequest): boolean {
  if (vsHost === '*') return true;
  if (vsHost.startsWith('*.')) return request.host.endsWith(vsHost.slice(1));
  const a = serviceOfHost(vsHost, vsNamespace);
  const b = serviceOfHost(request.host, request.namespace);
  if (a !== undefined && b !== undefined) return a.name === b.name && a.namespace === b.namespace;
  return vsHost === request.host;
}

/** Istio StringMatch: exact, prefix, or RE2-style regex matched against the whole value. */
export function stringMatches(match: unknown, value: string | undefined): boolean {
  const m = obj(match);
  if (value === undefined) return false;
  if (typeof m['exact'] === 'string') return value === m['exact'];
  if (typeof m['prefix'] === 'string') return value.startsWith(m['prefix']);
  if (typeof m['regex'] === 'string') {
    try {
      return new RegExp(`^(?:${m['regex']})$`).test(value);
    } catch {
      return false;
    }
  }
  return true;
}

/** One HTTPMatchRequest: every condition given must hold (conditions the mesh doesn't model are ignored). */
export function matchRequest(match: unknown, request: MeshRequest): boolean {
  const m = obj(match);
  if (m['uri'] !== undefined && !stringMatches(m['uri'], request.path)) return false;
  if (m['method'] !== undefined && !stringMatches(m['method'], request.method)) return false;
  for (const [name, sm] of Object.entries(obj(m['headers']))) {
    if (!stringMatches(sm, request.headers[name.toLowerCase()])) return false;
  }
  return true;
}

/** Weighted pick among `route[]` (a lone destination takes everything; all-zero weights pick nothing). */
export function pickDestination(entries: readonly unknown[], rng: Rng): JsonObject | undefined {
  const dests = entries.map(obj);
  if (dests.length === 1) return obj(dests[0]?.['destination']);
  const weights = dests.map((d) => (typeof d['weight'] === 'number' && d['weight'] > 0 ? d['weight'] : 0));
  const total = weights.reduce((a, b) => a + b, 0);
  if (total <= 0) return undefined;
  let roll = rng.next() * total;
  for (let i = 0; i < dests.length; i++) {
    roll -= weights[i] ?? 0;
    if (roll < 0) return obj(dests[i]?.['destination']);
  }
  return obj(dests[dests.length - 1]?.['destination']);
}

function toTarget(destination: JsonObject | undefined, vsNamespace: string): RouteTarget | undefined {
  if (destination === undefined) return undefined;
  const service = serviceOfHost(str(destination['host']), vsNamespace);
  return service === undefined ? undefined : { service, subset: str(destination['subset']) };
}

/**
 * Whether a VirtualService applies to the request's traffic: `gateways` absent or containing `mesh` →
 * mesh-internal traffic; a gateway (`ns/name`, or `name` in the VirtualService's namespace) → traffic
 * entering through it.
 */
export function appliesTo(vs: JsonObject, request: MeshRequest): boolean {
  const ns = str(obj(vs['metadata'])['namespace']);
  const gateways = list(obj(vs['spec'])['gateways']).map(str);
  if (request.gateway === undefined) return gateways.length === 0 || gateways.includes('mesh');
  return gateways.some((g) => (g.includes('/') ? g : `${ns}/${g}`) === request.gateway);
}

/** The VirtualService (in the caller's namespace first, then any) bound to the traffic whose `hosts` match. */
export function findVirtualService(virtualServices: readonly JsonObject[], request: MeshRequest): JsonObject | undefined {
  const matching = virtualServices.filter((vs) => {
    const ns = str(obj(vs['metadata'])['namespace']);
    return appliesTo(vs, request) && list(obj(vs['spec'])['hosts']).some((h) => hostMatches(str(h), ns, request));
  });
  const exact = matching.filter((vs) => !list(obj(vs['spec'])['hosts']).includes('*'));
  const pool = exact.length > 0 ? exact : matching;
  return pool.find((vs) => str(obj(vs['metadata'])['namespace']) === request.namespace) ?? pool[0];
}

/**
 * Route one request. With a VirtualService: the first HTTP route whose `match` (any block) holds —
 * a route without `match` always holds — then a weighted destination, plus the mirror when the roll
 * falls under `mirrorPercentage` (default 100). Without HTTP routes: the first TLS/TCP route's weights.
 * Without a VirtualService: the requested Service itself.
 */
export function routeRequest(virtualServices: readonly JsonObject[], request: MeshRequest, rng: Rng): RoutingDecision {
  const vs = findVirtualService(virtualServices, request);
  if (vs === undefined) {
    const service = serviceOfHost(request.host, request.namespace);
    return { target: service === undefined ? undefined : { service, subset: '' }, routeName: '' };
  }
  const meta = obj(vs['metadata']);
  const ns = str(meta['namespace']);
  const name = str(meta['name']);
  const spec = obj(vs['spec']);
  const http = list(spec['http']).map(obj);
  if (http.length === 0) {
    const l4 = [...list(spec['tls']), ...list(spec['tcp'])].map(obj)[0];
    return { target: toTarget(pickDestination(list(l4?.['route']), rng), ns), routeName: '', virtualService: name };
  }
  const route = http.find((r) => {
    const matches = list(r['match']);
    return matches.length === 0 || matches.some((m) => matchRequest(m, request));
  });
  if (route === undefined) return { target: undefined, routeName: '', virtualService: name };
  const target = toTarget(pickDestination(list(route['route']), rng), ns);
  let mirror: RouteTarget | undefined;
  if (isRecord(route['mirror'])) {
    const pct = typeof obj(route['mirrorPercentage'])['value'] === 'number' ? (obj(route['mirrorPercentage'])['value'] as number) : 100;
    if (rng.next() * 100 < pct) mirror = toTarget(route['mirror'], ns);
  }
  return { target, ...(mirror !== undefined ? { mirror } : {}), routeName: str(route['name']), virtualService: name };
}
