/**
 * The five `apiextensions.k8s.io/v1` CustomResourceDefinitions, assembled from the schema objects:
 * names, scope, printer columns and subresources exactly as upstream.
 * parity: argo-rollouts manifests/crds/*.yaml (§1 of the compatibility reference)
 */
import {
  ANALYSIS_RUN_RESOURCE,
  ANALYSIS_TEMPLATE_RESOURCE,
  CLUSTER_ANALYSIS_TEMPLATE_RESOURCE,
  EXPERIMENT_RESOURCE,
  type ResourceDescriptor,
  ROLLOUT_RESOURCE,
} from '../types/gvk.js';
import { analysisRunSchema, analysisTemplateSchema, clusterAnalysisTemplateSchema } from './analysis-schema.js';
import { experimentSchema } from './experiment-schema.js';
import { rolloutSchema } from './rollout-schema.js';
import { type JSONSchemaProps, sortKeysDeep } from './schema.js';
import type { K8sSchemas } from './shared-schemas.js';

export interface PrinterColumn {
  name: string;
  type: 'integer' | 'string' | 'date';
  jsonPath: string;
  description: string;
}

export interface CustomResourceDefinition {
  apiVersion: 'apiextensions.k8s.io/v1';
  kind: 'CustomResourceDefinition';
  metadata: { name: string };
  spec: {
    group: string;
    names: { kind: string; listKind: string; plural: string; singular: string; shortNames: string[] };
    scope: 'Namespaced' | 'Cluster';
    versions: Array<{
      name: string;
      served: true;
      storage: true;
      additionalPrinterColumns: PrinterColumn[];
      subresources: { status?: Record<string, never>; scale?: Record<string, string> };
      schema: { openAPIV3Schema: JSONSchemaProps };
    }>;
  };
}

const AGE: PrinterColumn = {
  name: 'Age',
  type: 'date',
  jsonPath: '.metadata.creationTimestamp',
  description: 'Time since resource was created',
};

const ROLLOUT_COLUMNS: PrinterColumn[] = [
  { name: 'Desired', type: 'integer', jsonPath: '.spec.replicas', description: 'Number of desired pods' },
  {
    name: 'Current',
    type: 'integer',
    jsonPath: '.status.replicas',
    description: 'Total number of non-terminated pods targeted by this rollout',
  },
  {
    name: 'Up-to-date',
    type: 'integer',
    jsonPath: '.status.updatedReplicas',
    description: 'Total number of non-terminated pods targeted by this rollout that have the desired template spec',
  },
  {
    name: 'Available',
    type: 'integer',
    jsonPath: '.status.availableReplicas',
    description: 'Total number of available pods (ready for at least minReadySeconds) targeted by this rollout',
  },
  AGE,
];

const statusColumn = (description: string): PrinterColumn => ({
  name: 'Status',
  type: 'string',
  jsonPath: '.status.phase',
  description,
});

function crd(
  resource: ResourceDescriptor,
  schema: JSONSchemaProps,
  columns: PrinterColumn[],
  subresources: CustomResourceDefinition['spec']['versions'][number]['subresources'],
): CustomResourceDefinition {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${resource.plural}.${resource.group}` },
    spec: {
      group: resource.group,
      names: {
        kind: resource.kind,
        listKind: resource.listKind,
        plural: resource.plural,
        singular: resource.singular,
        shortNames: [...resource.shortNames],
      },
      scope: resource.scope,
      versions: [
        {
          name: resource.version,
          served: true,
          storage: true,
          additionalPrinterColumns: columns,
          subresources,
          schema: { openAPIV3Schema: sortKeysDeep(schema) },
        },
      ],
    },
  };
}

/** File name under `crds/` for each CRD, as upstream names them. */
export const CRD_FILE_NAMES = {
  Rollout: 'rollout-crd.yaml',
  AnalysisTemplate: 'analysis-template-crd.yaml',
  ClusterAnalysisTemplate: 'cluster-analysis-template-crd.yaml',
  AnalysisRun: 'analysis-run-crd.yaml',
  Experiment: 'experiment-crd.yaml',
} as const;

/** All five CRDs, in generation order (Rollout first). Pure: the embedded Kubernetes schemas are passed in. */
export function buildCrds(k8s: K8sSchemas): CustomResourceDefinition[] {
  return [
    crd(ROLLOUT_RESOURCE, rolloutSchema(k8s), ROLLOUT_COLUMNS, {
      status: {},
      scale: {
        specReplicasPath: '.spec.replicas',
        statusReplicasPath: '.status.HPAReplicas',
        labelSelectorPath: '.status.selector',
      },
    }),
    crd(ANALYSIS_TEMPLATE_RESOURCE, analysisTemplateSchema(k8s), [AGE], {}),
    crd(CLUSTER_ANALYSIS_TEMPLATE_RESOURCE, clusterAnalysisTemplateSchema(k8s), [AGE], {}),
    crd(ANALYSIS_RUN_RESOURCE, analysisRunSchema(k8s), [statusColumn('AnalysisRun status'), AGE], {}),
    crd(EXPERIMENT_RESOURCE, experimentSchema(k8s), [statusColumn('Experiment status'), AGE], {}),
  ];
}
