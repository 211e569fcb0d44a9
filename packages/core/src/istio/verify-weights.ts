/**
 * Beyond Argo (upstream Istio VerifyWeight returns nil, #701/#3333): the VirtualService as observed
 * (informer cache after the write) must already carry the desired weights on every managed route.
 */
import { type JsonObject, asArray, asObject } from './json.js';
import type { AdditionalDestination, IstioRouterSpec, VirtualServiceRef } from './router-spec.js';
import { IstioRouterError, RouteType, destinationsOf, hostService, routeName } from './routes.js';
import { managedRouteIndexes, setVirtualServiceWeight } from './virtual-service-weights.js';

export interface ObservedRouteWeight {
  readonly type: RouteType;
  readonly index: number;
  readonly name: string;
  /** Σ weights of destinations that are the canary (Service host or canary subset). */
  readonly canary: number;
  readonly stable: number;
}

export interface WeightVerification {
  readonly verified: boolean;
  readonly observed: readonly ObservedRouteWeight[];
  /** Why not verified (validation error text or the mismatching routes). */
  readonly reason?: string;
}

/** Canary/stable weights currently on each managed route. */
export function observedRouteWeights(spec: IstioRouterSpec, ref: VirtualServiceRef, vs: JsonObject): ObservedRouteWeight[] {
  const idx = managedRouteIndexes(spec, ref, vs);
  const dr = spec.destinationRule;
  const vsSpec = asObject(vs['spec']) ?? {};
  const out: ObservedRouteWeight[] = [];
  for (const [type, indexes] of [[RouteType.Http, idx.http], [RouteType.Tls, idx.tls], [RouteType.Tcp, idx.tcp]] as const) {
    const list = asArray(vsSpec[type]) ?? [];
    for (const i of indexes) {
      const route = asObject(list[i]) ?? {};
      let canary = 0;
      let stable = 0;
      for (const d of destinationsOf(route)) {
        const svc = hostService(d.host);
        if (svc === spec.canaryService || (d.subset !== '' && d.subset === dr?.canarySubsetName)) canary += d.weight;
        else if (svc === spec.stableService || (d.subset !== '' && d.subset === dr?.stableSubsetName)) stable += d.weight;
      }
      out.push({ type, index: i, name: routeName(route), canary, stable });
    }
  }
  return out;
}

/**
 * Verified ⇔ applying SetWeight(weight, additional) to the observed object would change nothing
 * (same rewrite rules, so stable, experiment and stranger destinations are all checked).
 */
export function verifyVirtualServiceWeights(spec: IstioRouterSpec, ref: VirtualServiceRef, vs: JsonObject, weight: number, additional: readonly AdditionalDestination[] = []): WeightVerification {
  try {
    const observed = observedRouteWeights(spec, ref, vs);
    if (!setVirtualServiceWeight(spec, ref, vs, weight, additional).changed) return { verified: true, observed };
    const off = observed.filter((o) => o.canary !== weight).map((o) => `${o.type}[${o.name !== '' ? o.name : o.index}] canary ${o.canary}`);
    const detail = off.length > 0 ? off.join(', ') : 'stable or additional destinations differ';
    return { verified: false, observed, reason: `VirtualService \`${ref.name}\` weights not yet ${weight}: ${detail}` };
  } catch (err) {
    if (err instanceof IstioRouterError) return { verified: false, observed: [], reason: err.message };
    throw err;
  }
}
