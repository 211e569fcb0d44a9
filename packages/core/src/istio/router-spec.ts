/**
 * What the Istio router needs from a Rollout, resolved once: the stable/canary Services (ping-pong
 * aware), the DestinationRule subsets, the VirtualService references with their namespaces, and the
 * managed route names.
 * parity: argo-rollouts rollout/trafficrouting/service_helper.go GetStableAndCanaryServices,
 * utils/istio/istio.go GetVirtualServiceNamespaceName, MultipleVirtualServiceConfigured
 */
import type { IstioDestinationRule, IstioTCPRoute, IstioTLSRoute, Rollout, WeightDestination } from '@serin/api';
import { PING_PONG } from '@serin/api';

export interface VirtualServiceRef {
  readonly namespace: string;
  readonly name: string;
  readonly routes: readonly string[];
  readonly tlsRoutes: readonly IstioTLSRoute[];
  readonly tcpRoutes: readonly IstioTCPRoute[];
}

export interface IstioRouterSpec {
  readonly rolloutName: string;
  readonly namespace: string;
  readonly stableService: string;
  readonly canaryService: string;
  readonly destinationRule?: IstioDestinationRule;
  readonly virtualServices: readonly VirtualServiceRef[];
  /** `trafficRouting.managedRoutes[].name` in precedence order; undefined when the field is absent. */
  readonly managedRoutes?: readonly string[];
  /** Names of every `setHeaderRoute` / `setMirrorRoute` in the steps (removed with the managed routes). */
  readonly stepRouteNames: readonly string[];
}

/** An experiment-step destination (weight taken from the stable share). */
export type AdditionalDestination = Pick<WeightDestination, 'weight' | 'serviceName' | 'podTemplateHash'>;

/**
 * A VirtualService reference → `{namespace, name}`, as upstream: a trailing `.cluster.local` is dropped, then
 * `name.namespace` — the last `.`-segment is the namespace (a namespace cannot contain a period), everything
 * before it the name (`reviews.v2.edge` → `reviews.v2` in `edge`). A bare name takes the Rollout's namespace.
 * Serin also accepts `namespace/name` (a `/` cannot appear in either part).
 * parity: argo-rollouts utils/istio/istio.go GetVirtualServiceNamespaceName (after #4766)
 */
export function splitVirtualServiceName(ref: string, defaultNamespace: string): { namespace: string; name: string } {
  const slash = ref.indexOf('/');
  if (slash >= 0) {
    const ns = ref.slice(0, slash);
    return { namespace: ns === '' ? defaultNamespace : ns, name: ref.slice(slash + 1) };
  }
  const bare = ref.endsWith('.cluster.local') ? ref.slice(0, -'.cluster.local'.length) : ref;
  const dot = bare.lastIndexOf('.');
  if (dot < 0) return { namespace: defaultNamespace, name: bare };
  const ns = bare.slice(dot + 1);
  return { namespace: ns === '' ? defaultNamespace : ns, name: bare.slice(0, dot) };
}

/**
 * Stable and canary Service names. With `pingPong` (and neither stableService nor canaryService set),
 * ping is stable when `status.canary.stablePingPong == "ping"`, else pong.
 */
export function stableAndCanaryServices(rollout: Rollout): { stable: string; canary: string } {
  const canary = rollout.spec.strategy?.canary;
  const stable = canary?.stableService ?? '';
  const can = canary?.canaryService ?? '';
  const pp = canary?.pingPong;
  if (pp !== undefined && stable === '' && can === '') {
    return rollout.status?.canary?.stablePingPong === PING_PONG.Ping
      ? { stable: pp.pingService, canary: pp.pongService }
      : { stable: pp.pongService, canary: pp.pingService };
  }
  return { stable, canary: can };
}

/** Resolve the Istio router spec of a Rollout; undefined when it has no `trafficRouting.istio`. */
export function istioRouterSpec(rollout: Rollout): IstioRouterSpec | undefined {
  const canary = rollout.spec.strategy?.canary;
  const istio = canary?.trafficRouting?.istio;
  if (canary === undefined || istio === undefined) return undefined;
  const namespace = rollout.metadata?.namespace ?? 'default';
  const list = istio.virtualServices !== undefined && istio.virtualServices.length > 0 ? istio.virtualServices : istio.virtualService ? [istio.virtualService] : [];
  const { stable, canary: can } = stableAndCanaryServices(rollout);
  const stepRouteNames: string[] = [];
  for (const step of canary.steps ?? []) {
    if (step.setHeaderRoute?.name !== undefined) stepRouteNames.push(step.setHeaderRoute.name);
    if (step.setMirrorRoute?.name !== undefined) stepRouteNames.push(step.setMirrorRoute.name);
  }
  const managed = canary.trafficRouting?.managedRoutes;
  return {
    rolloutName: rollout.metadata?.name ?? '',
    namespace,
    stableService: stable,
    canaryService: can,
    ...(istio.destinationRule !== undefined ? { destinationRule: istio.destinationRule } : {}),
    virtualServices: list.map((vs) => ({
      ...splitVirtualServiceName(vs.name, namespace),
      routes: vs.routes ?? [],
      tlsRoutes: vs.tlsRoutes ?? [],
      tcpRoutes: vs.tcpRoutes ?? [],
    })),
    ...(managed !== undefined ? { managedRoutes: managed.map((m) => m.name) } : {}),
    stepRouteNames,
  };
}
