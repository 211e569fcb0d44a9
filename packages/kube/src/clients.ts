/**
 * One typed client per kind Serin touches. Argo kinds use @serin/api types; built-in kinds use
 * client-node's model types (structure only: objects are plain JSON, timestamps are strings).
 */
import type { V1Deployment, V1Job, V1Pod, V1ReplicaSet, V1Service, V2HorizontalPodAutoscaler } from '@kubernetes/client-node';
import type { AnalysisRun, AnalysisTemplate, ClusterAnalysisTemplate, Experiment, Rollout } from '@serin/api';
import { type ResourceClient, resourceClient } from './resource-client.js';
import { type ResourceDescriptor, Resources, istioResources } from './resources.js';
import type { Transport } from './transport.js';
import type { CustomObject, KubeEvent, Lease } from './wire-types.js';

export interface ResourceClients {
  readonly rollouts: ResourceClient<Rollout>;
  readonly analysisRuns: ResourceClient<AnalysisRun>;
  readonly analysisTemplates: ResourceClient<AnalysisTemplate>;
  readonly clusterAnalysisTemplates: ResourceClient<ClusterAnalysisTemplate>;
  readonly experiments: ResourceClient<Experiment>;
  readonly replicaSets: ResourceClient<V1ReplicaSet>;
  readonly deployments: ResourceClient<V1Deployment>;
  readonly pods: ResourceClient<V1Pod>;
  readonly services: ResourceClient<V1Service>;
  readonly jobs: ResourceClient<V1Job>;
  readonly events: ResourceClient<KubeEvent>;
  readonly leases: ResourceClient<Lease>;
  readonly horizontalPodAutoscalers: ResourceClient<V2HorizontalPodAutoscaler>;
  readonly virtualServices: ResourceClient<CustomObject>;
  readonly destinationRules: ResourceClient<CustomObject>;
  /** Any other custom resource (e.g. another traffic router's CRD). */
  custom(resource: ResourceDescriptor): ResourceClient<CustomObject>;
}

export interface ResourceClientsOptions {
  /** `--istio-api-version` (default v1alpha3). */
  readonly istioApiVersion?: string;
}

export function createResourceClients(transport: Transport, options: ResourceClientsOptions = {}): ResourceClients {
  const istio = istioResources(options.istioApiVersion);
  return {
    rollouts: resourceClient<Rollout>(transport, Resources.rollouts),
    analysisRuns: resourceClient<AnalysisRun>(transport, Resources.analysisRuns),
    analysisTemplates: resourceClient<AnalysisTemplate>(transport, Resources.analysisTemplates),
    clusterAnalysisTemplates: resourceClient<ClusterAnalysisTemplate>(transport, Resources.clusterAnalysisTemplates),
    experiments: resourceClient<Experiment>(transport, Resources.experiments),
    replicaSets: resourceClient<V1ReplicaSet>(transport, Resources.replicaSets),
    deployments: resourceClient<V1Deployment>(transport, Resources.deployments),
    pods: resourceClient<V1Pod>(transport, Resources.pods),
    services: resourceClient<V1Service>(transport, Resources.services),
    jobs: resourceClient<V1Job>(transport, Resources.jobs),
    events: resourceClient<KubeEvent>(transport, Resources.events),
    leases: resourceClient<Lease>(transport, Resources.leases),
    horizontalPodAutoscalers: resourceClient<V2HorizontalPodAutoscaler>(transport, Resources.horizontalPodAutoscalers),
    virtualServices: resourceClient<CustomObject>(transport, istio.virtualServices),
    destinationRules: resourceClient<CustomObject>(transport, istio.destinationRules),
    custom: (resource) => resourceClient<CustomObject>(transport, resource),
  };
}
