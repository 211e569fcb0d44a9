/**
 * Schema of `spec.strategy.canary.trafficRouting` (every router upstream accepts).
 * parity: argo-rollouts manifests/crds/rollout-crd.yaml
 */
import type {
  ALBStickinessConfig,
  ALBTrafficRouting,
  AmbassadorTrafficRouting,
  ApisixRoute,
  ApisixTrafficRouting,
  AppMeshTrafficRouting,
  AppMeshVirtualNodeGroup,
  AppMeshVirtualNodeReference,
  AppMeshVirtualService,
  IstioDestinationRule,
  IstioTCPRoute,
  IstioTLSRoute,
  IstioTrafficRouting,
  IstioVirtualService,
  ManagedRoute,
  NginxTrafficRouting,
  RolloutTrafficRouting,
  SMITrafficRouting,
  TraefikTrafficRouting,
} from '../types/traffic-routing.js';
import { arrayOf, boolean, freeformObject, int32, int64, type JSONSchemaProps, object, string, stringMap } from './schema.js';

const strings = (): JSONSchemaProps => arrayOf(string());

const istioVirtualService = (): JSONSchemaProps =>
  object<IstioVirtualService>(
    {
      name: string(),
      routes: strings(),
      tlsRoutes: arrayOf(object<IstioTLSRoute>({ port: int64(), sniHosts: strings() })),
      tcpRoutes: arrayOf(object<IstioTCPRoute>({ port: int64() })),
    },
    ['name'],
  );

const appMeshNodeRef = (): JSONSchemaProps => object<AppMeshVirtualNodeReference>({ name: string() }, ['name']);

export const trafficRouting = (): JSONSchemaProps =>
  object<RolloutTrafficRouting>({
    istio: object<IstioTrafficRouting>({
      virtualService: istioVirtualService(),
      virtualServices: arrayOf(istioVirtualService()),
      destinationRule: object<IstioDestinationRule>(
        { name: string(), canarySubsetName: string(), stableSubsetName: string(), additionalSubsetNames: strings() },
        ['canarySubsetName', 'name', 'stableSubsetName'],
      ),
    }),
    nginx: object<NginxTrafficRouting>({
      annotationPrefix: string(),
      stableIngress: string(),
      stableIngresses: strings(),
      additionalIngressAnnotations: stringMap(),
      canaryIngressAnnotations: stringMap(),
    }),
    alb: object<ALBTrafficRouting>(
      {
        ingress: string(),
        ingresses: strings(),
        servicePort: int32(),
        rootService: string(),
        annotationPrefix: string(),
        stickinessConfig: object<ALBStickinessConfig>({ enabled: boolean(), durationSeconds: int64() }, [
          'durationSeconds',
          'enabled',
        ]),
      },
      ['servicePort'],
    ),
    smi: object<SMITrafficRouting>({ rootService: string(), trafficSplitName: string() }),
    ambassador: object<AmbassadorTrafficRouting>({ mappings: strings() }, ['mappings']),
    appMesh: object<AppMeshTrafficRouting>({
      virtualService: object<AppMeshVirtualService>({ name: string(), routes: strings() }, ['name']),
      virtualNodeGroup: object<AppMeshVirtualNodeGroup>(
        { canaryVirtualNodeRef: appMeshNodeRef(), stableVirtualNodeRef: appMeshNodeRef() },
        ['canaryVirtualNodeRef', 'stableVirtualNodeRef'],
      ),
    }),
    traefik: object<TraefikTrafficRouting>({ weightedTraefikServiceName: string() }, ['weightedTraefikServiceName']),
    managedRoutes: arrayOf(object<ManagedRoute>({ name: string() }, ['name'])),
    apisix: object<ApisixTrafficRouting>({
      route: object<ApisixRoute>({ name: string(), rules: strings() }, ['name']),
    }),
    plugins: freeformObject(),
    maxTrafficWeight: int32(),
  });
