// The plugin's whole view of Kubernetes: a handful of verbs over resource types. Actions depend on this
// interface only, so tests drive them with an in-memory fake and the binary with HTTP (http-cluster.ts).

export interface ResourceType {
  readonly group: string;
  readonly version: string;
  /** URL plural, e.g. `rollouts`. */
  readonly plural: string;
  readonly kind: string;
  readonly namespaced: boolean;
}

const argo = (plural: string, kind: string, namespaced = true): ResourceType => ({ group: 'argoproj.io', version: 'v1alpha1', plural, kind, namespaced });

export const Resources = {
  rollouts: argo('rollouts', 'Rollout'),
  experiments: argo('experiments', 'Experiment'),
  analysisRuns: argo('analysisruns', 'AnalysisRun'),
  analysisTemplates: argo('analysistemplates', 'AnalysisTemplate'),
  clusterAnalysisTemplates: argo('clusteranalysistemplates', 'ClusterAnalysisTemplate', false),
  replicaSets: { group: 'apps', version: 'v1', plural: 'replicasets', kind: 'ReplicaSet', namespaced: true },
  deployments: { group: 'apps', version: 'v1', plural: 'deployments', kind: 'Deployment', namespaced: true },
  pods: { group: '', version: 'v1', plural: 'pods', kind: 'Pod', namespaced: true },
  podTemplates: { group: '', version: 'v1', plural: 'podtemplates', kind: 'PodTemplate', namespaced: true },
} as const satisfies Record<string, ResourceType>;

/** A Kubernetes object as JSON. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: {
    name?: string;
    generateName?: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    ownerReferences?: { uid?: string; kind?: string; name?: string; controller?: boolean }[];
    [key: string]: unknown;
  };
  spec?: Record<string, unknown> & object;
  status?: Record<string, unknown> & object;
  [key: string]: unknown;
}

export interface ObjectList {
  readonly items: KubeObject[];
  readonly resourceVersion: string;
}

export const PatchType = {
  Merge: 'application/merge-patch+json',
  Json: 'application/json-patch+json',
} as const;
export type PatchType = (typeof PatchType)[keyof typeof PatchType];

export interface ListQuery {
  readonly fieldSelector?: string;
  readonly labelSelector?: string;
}

/** An API error: HTTP status plus the server's Status message (e.g. `rollouts.argoproj.io "x" not found`). */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly reason = '',
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const isNotFound = (e: unknown): boolean => e instanceof ApiError && e.code === 404;
export const isConflict = (e: unknown): boolean => e instanceof ApiError && e.code === 409;

export interface WatchEvent {
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  readonly object: KubeObject;
}

export interface Cluster {
  /** `-n`, else the kubeconfig context namespace, else `default`. */
  readonly namespace: string;
  get(rt: ResourceType, namespace: string, name: string): Promise<KubeObject>;
  /** `namespace` undefined = all namespaces. */
  list(rt: ResourceType, namespace: string | undefined, query?: ListQuery): Promise<ObjectList>;
  patch(rt: ResourceType, namespace: string, name: string, type: PatchType, body: string, subresource?: 'status'): Promise<KubeObject>;
  replace(rt: ResourceType, namespace: string, obj: KubeObject): Promise<KubeObject>;
  create(rt: ResourceType, namespace: string, obj: KubeObject): Promise<KubeObject>;
  /** Stream changes after `resourceVersion`; resolves when the stream ends. Returns a stop function via `signal`. */
  watch(rt: ResourceType, namespace: string | undefined, query: ListQuery & { resourceVersion: string }, onEvent: (e: WatchEvent) => void, signal: AbortSignal): Promise<void>;
}
