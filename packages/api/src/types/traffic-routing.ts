/**
 * `spec.strategy.canary.trafficRouting`: one block per supported router.
 * parity: argo-rollouts pkg/apis/rollouts/v1alpha1/types.go RolloutTrafficRouting
 */
import type { JsonValue } from './common.js';

export interface RolloutTrafficRouting {
  istio?: IstioTrafficRouting;
  nginx?: NginxTrafficRouting;
  alb?: ALBTrafficRouting;
  smi?: SMITrafficRouting;
  ambassador?: AmbassadorTrafficRouting;
  appMesh?: AppMeshTrafficRouting;
  traefik?: TraefikTrafficRouting;
  /** Routes the rollout may add (setHeaderRoute / setMirrorRoute), in precedence order. */
  managedRoutes?: ManagedRoute[];
  apisix?: ApisixTrafficRouting;
  /** Traffic-router plugin name → plugin configuration. */
  plugins?: Record<string, JsonValue>;
  /** Default 100; only honoured with nginx and plugins. */
  maxTrafficWeight?: number;
}

export interface ManagedRoute {
  name: string;
}

export interface IstioTrafficRouting {
  virtualService?: IstioVirtualService;
  virtualServices?: IstioVirtualService[];
  destinationRule?: IstioDestinationRule;
}

export interface IstioVirtualService {
  name: string;
  routes?: string[];
  tlsRoutes?: IstioTLSRoute[];
  tcpRoutes?: IstioTCPRoute[];
}

export interface IstioTLSRoute {
  port?: number;
  sniHosts?: string[];
}

export interface IstioTCPRoute {
  port?: number;
}

export interface IstioDestinationRule {
  name: string;
  canarySubsetName: string;
  stableSubsetName: string;
  additionalSubsetNames?: string[];
}

export interface NginxTrafficRouting {
  /** Default `nginx.ingress.kubernetes.io`. */
  annotationPrefix?: string;
  stableIngress?: string;
  stableIngresses?: string[];
  additionalIngressAnnotations?: Record<string, string>;
  canaryIngressAnnotations?: Record<string, string>;
}

export interface ALBTrafficRouting {
  ingress?: string;
  ingresses?: string[];
  servicePort: number;
  rootService?: string;
  annotationPrefix?: string;
  stickinessConfig?: ALBStickinessConfig;
}

export interface ALBStickinessConfig {
  enabled: boolean;
  durationSeconds: number;
}

export interface SMITrafficRouting {
  rootService?: string;
  trafficSplitName?: string;
}

export interface AmbassadorTrafficRouting {
  mappings: string[];
}

export interface AppMeshTrafficRouting {
  virtualService?: AppMeshVirtualService;
  virtualNodeGroup?: AppMeshVirtualNodeGroup;
}

export interface AppMeshVirtualService {
  name: string;
  routes?: string[];
}

export interface AppMeshVirtualNodeGroup {
  canaryVirtualNodeRef: AppMeshVirtualNodeReference;
  stableVirtualNodeRef: AppMeshVirtualNodeReference;
}

export interface AppMeshVirtualNodeReference {
  name: string;
}

export interface TraefikTrafficRouting {
  weightedTraefikServiceName: string;
}

export interface ApisixTrafficRouting {
  route?: ApisixRoute;
}

export interface ApisixRoute {
  name: string;
  rules?: string[];
}
