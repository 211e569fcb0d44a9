/**
 * Group/version/kind and resource descriptors for the five Argo Rollouts kinds.
 * parity: argo-rollouts pkg/apis/rollouts/v1alpha1/register.go, manifests/crds/*.yaml
 */

export const GROUP = 'argoproj.io' as const;
export const VERSION = 'v1alpha1' as const;
export const API_VERSION = 'argoproj.io/v1alpha1' as const;

export type ResourceScope = 'Namespaced' | 'Cluster';

export interface ResourceDescriptor {
  readonly group: typeof GROUP;
  readonly version: typeof VERSION;
  readonly apiVersion: typeof API_VERSION;
  readonly kind: string;
  readonly listKind: string;
  readonly plural: string;
  readonly singular: string;
  readonly shortNames: readonly string[];
  readonly scope: ResourceScope;
}

const describe = <const K extends string, const P extends string, const S extends string>(
  kind: K,
  plural: P,
  shortName: S,
  scope: ResourceScope,
) =>
  ({
    group: GROUP,
    version: VERSION,
    apiVersion: API_VERSION,
    kind,
    listKind: `${kind}List` as const,
    plural,
    singular: kind.toLowerCase() as Lowercase<K>,
    shortNames: [shortName] as const,
    scope,
  }) as const;

export const ROLLOUT_RESOURCE = describe('Rollout', 'rollouts', 'ro', 'Namespaced');
export const ANALYSIS_TEMPLATE_RESOURCE = describe('AnalysisTemplate', 'analysistemplates', 'at', 'Namespaced');
export const CLUSTER_ANALYSIS_TEMPLATE_RESOURCE = describe(
  'ClusterAnalysisTemplate',
  'clusteranalysistemplates',
  'cat',
  'Cluster',
);
export const ANALYSIS_RUN_RESOURCE = describe('AnalysisRun', 'analysisruns', 'ar', 'Namespaced');
export const EXPERIMENT_RESOURCE = describe('Experiment', 'experiments', 'exp', 'Namespaced');

/** Every kind Serin serves, in the order the CRDs are generated. */
export const RESOURCES = [
  ROLLOUT_RESOURCE,
  ANALYSIS_TEMPLATE_RESOURCE,
  CLUSTER_ANALYSIS_TEMPLATE_RESOURCE,
  ANALYSIS_RUN_RESOURCE,
  EXPERIMENT_RESOURCE,
] as const satisfies readonly ResourceDescriptor[];

export const KIND = {
  Rollout: 'Rollout',
  AnalysisTemplate: 'AnalysisTemplate',
  ClusterAnalysisTemplate: 'ClusterAnalysisTemplate',
  AnalysisRun: 'AnalysisRun',
  Experiment: 'Experiment',
} as const;
export type Kind = (typeof KIND)[keyof typeof KIND];
