/**
 * The API resources Serin reads or writes, and how their URLs are built.
 *   namespaced:  /api/v1/namespaces/<ns>/<plural>[/<name>[/status]]           (core group)
 *                /apis/<group>/<version>/namespaces/<ns>/<plural>[/<name>[/status]]
 *   cluster:     /apis/<group>/<version>/<plural>[/<name>]
 *   all namespaces (list/watch of a namespaced kind): omit `namespaces/<ns>`.
 */
export interface ResourceDescriptor {
  /** API group; `''` is the core group. */
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly plural: string;
  readonly namespaced: boolean;
}

const d = (group: string, version: string, kind: string, plural: string, namespaced = true): ResourceDescriptor => ({ group, version, kind, plural, namespaced });

export const Resources = {
  rollouts: d('argoproj.io', 'v1alpha1', 'Rollout', 'rollouts'),
  analysisRuns: d('argoproj.io', 'v1alpha1', 'AnalysisRun', 'analysisruns'),
  analysisTemplates: d('argoproj.io', 'v1alpha1', 'AnalysisTemplate', 'analysistemplates'),
  clusterAnalysisTemplates: d('argoproj.io', 'v1alpha1', 'ClusterAnalysisTemplate', 'clusteranalysistemplates', false),
  experiments: d('argoproj.io', 'v1alpha1', 'Experiment', 'experiments'),
  replicaSets: d('apps', 'v1', 'ReplicaSet', 'replicasets'),
  deployments: d('apps', 'v1', 'Deployment', 'deployments'),
  pods: d('', 'v1', 'Pod', 'pods'),
  services: d('', 'v1', 'Service', 'services'),
  events: d('', 'v1', 'Event', 'events'),
  configMaps: d('', 'v1', 'ConfigMap', 'configmaps'),
  secrets: d('', 'v1', 'Secret', 'secrets'),
  jobs: d('batch', 'v1', 'Job', 'jobs'),
  leases: d('coordination.k8s.io', 'v1', 'Lease', 'leases'),
  horizontalPodAutoscalers: d('autoscaling', 'v2', 'HorizontalPodAutoscaler', 'horizontalpodautoscalers'),
  ingresses: d('networking.k8s.io', 'v1', 'Ingress', 'ingresses'),
  /** Istio; the version follows `--istio-api-version` (default v1alpha3), see `istioResources`. */
  virtualServices: d('networking.istio.io', 'v1alpha3', 'VirtualService', 'virtualservices'),
  destinationRules: d('networking.istio.io', 'v1alpha3', 'DestinationRule', 'destinationrules'),
} as const satisfies Record<string, ResourceDescriptor>;

/** Istio descriptors for a given `--istio-api-version`. */
export function istioResources(version = 'v1alpha3'): { virtualServices: ResourceDescriptor; destinationRules: ResourceDescriptor } {
  return {
    virtualServices: { ...Resources.virtualServices, version },
    destinationRules: { ...Resources.destinationRules, version },
  };
}

export function apiVersionOf(r: ResourceDescriptor): string {
  return r.group === '' ? r.version : `${r.group}/${r.version}`;
}

/**
 * URL path for a resource. `namespace` undefined/'' on a namespaced kind means all namespaces
 * (valid for list/watch only).
 */
export function resourcePath(r: ResourceDescriptor, namespace?: string, name?: string, subresource?: string): string {
  const base = r.group === '' ? `/api/${r.version}` : `/apis/${r.group}/${r.version}`;
  const ns = r.namespaced && namespace !== undefined && namespace !== '' ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  const obj = name === undefined ? '' : `/${encodeURIComponent(name)}`;
  const sub = name !== undefined && subresource !== undefined ? `/${subresource}` : '';
  return `${base}${ns}/${r.plural}${obj}${sub}`;
}
