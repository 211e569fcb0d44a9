/**
 * Referenced-resource validation of a VirtualService against the Rollout (feeds the `InvalidSpec`
 * condition like upstream's ValidateRolloutReferencedResources).
 * parity: argo-rollouts pkg/apis/rollouts/validation/validation_references.go ValidateVirtualService
 */
import type { Rollout } from '@serin/api';
import { fieldError } from '@serin/api';
import { type JsonObject, asObject } from './json.js';
import { istioRouterSpec } from './router-spec.js';
import { partitionManagedRoutes } from './managed-route-order.js';
import { IstioMessage, IstioRouterError, RouteType, destinationsOf, httpRouteIndexes, routesOf, tcpRouteIndexes, tlsRouteIndexes } from './routes.js';
import { validateRouteDestinations } from './virtual-service-weights.js';

type FieldError = ReturnType<typeof fieldError.invalid>;

function attempt(check: () => void): string | undefined {
  try {
    check();
    return undefined;
  } catch (err) {
    if (err instanceof IstioRouterError) return err.message;
    throw err;
  }
}

/**
 * Field errors for one VirtualService object (`obj`, matched by name) referenced by the Rollout:
 * `Istio VirtualService has invalid HTTP|TLS|TCP routes. Error: <router message>`, or
 * `Unable to get any of the HTTP, TCP or TLS routes for the Istio VirtualService`.
 */
export function validateVirtualServiceReference(rollout: Rollout, obj: JsonObject): FieldError[] {
  const spec = istioRouterSpec(rollout);
  const istioPath = 'spec.strategy.canary.trafficRouting.istio';
  if (spec === undefined) return [fieldError.invalid(istioPath, rollout.metadata?.name ?? '', 'Rollout object is not configured with Istio traffic routing')];
  const multiple = (rollout.spec.strategy?.canary?.trafficRouting?.istio?.virtualServices?.length ?? 0) > 0;
  const path = `${istioPath}.${multiple ? 'virtualServices' : 'virtualService'}.name`;
  const name = typeof asObject(obj['metadata'])?.['name'] === 'string' ? (asObject(obj['metadata'])?.['name'] as string) : '';
  const ref = spec.virtualServices.find((r) => r.name === name);
  if (ref === undefined) return [];
  const http = routesOf(obj, RouteType.Http);
  const tls = routesOf(obj, RouteType.Tls);
  const tcp = routesOf(obj, RouteType.Tcp);
  const errors: FieldError[] = [];
  if (http === undefined && tls === undefined && tcp === undefined) errors.push(fieldError.invalid(path, name, 'Unable to get any of the HTTP, TCP or TLS routes for the Istio VirtualService'));
  const managed = spec.managedRoutes ?? [];
  const httpErr =
    http === undefined
      ? undefined
      : attempt(() => {
          for (const i of httpRouteIndexes(ref.routes, http, managed)) validateRouteDestinations(spec, destinationsOf(http[i] ?? {}));
          if (ref.routes.length === 0 && partitionManagedRoutes(http, managed).unmanaged.length > 1) throw new IstioRouterError(IstioMessage.singleHttpRoute);
        });
  if (httpErr !== undefined) errors.push(fieldError.invalid(path, name, `Istio VirtualService has invalid HTTP routes. Error: ${httpErr}`));
  const tlsErr =
    tls === undefined
      ? undefined
      : attempt(() => {
          for (const i of tlsRouteIndexes(ref.tlsRoutes, tls)) validateRouteDestinations(spec, destinationsOf(tls[i] ?? {}));
          if (ref.tlsRoutes.length === 0 && tls.length > 1) throw new IstioRouterError(IstioMessage.singleTlsRoute);
        });
  if (tlsErr !== undefined) errors.push(fieldError.invalid(path, name, `Istio VirtualService has invalid TLS routes. Error: ${tlsErr}`));
  const tcpErr =
    tcp === undefined
      ? undefined
      : attempt(() => {
          for (const i of tcpRouteIndexes(ref.tcpRoutes, tcp)) validateRouteDestinations(spec, destinationsOf(tcp[i] ?? {}));
          if (ref.tcpRoutes.length === 0 && tcp.length > 1) throw new IstioRouterError(IstioMessage.singleTcpRoute);
        });
  if (tcpErr !== undefined) errors.push(fieldError.invalid(path, name, `Istio VirtualService has invalid TCP routes. Error: ${tcpErr}`));
  return errors;
}
