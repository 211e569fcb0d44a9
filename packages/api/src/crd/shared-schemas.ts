/**
 * Schema pieces shared by several kinds (analysis references, arguments, metadata maps) and the embedded
 * Kubernetes schemas every kind receives.
 * parity: argo-rollouts manifests/crds/*.yaml
 */
import type {
  AnalysisRunMetadata,
  AnalysisTemplateRef,
  DryRun,
  FieldRef,
  MeasurementRetention,
  PodTemplateMetadata,
  TemplateService,
} from '../types/common.js';
import type { AnalysisRunArgument, ArgumentValueFrom, RolloutAnalysis } from '../types/rollout-analysis.js';
import type { Argument, SecretKeyRef, ValueFrom } from '../types/analysis-template.js';
import { arrayOf, boolean, int32, type JSONSchemaProps, object, type PropertiesOf, string, stringMap } from './schema.js';

/** Structural schemas of the embedded Kubernetes types (derived from Kubernetes model metadata). */
export interface K8sSchemas {
  /** PodTemplateSpec with Argo's restricted `metadata` (labels, annotations). */
  podTemplateSpec: JSONSchemaProps;
  /** batch/v1 JobSpec (its pod template metadata restricted the same way). */
  jobSpec: JSONSchemaProps;
  labelSelector: JSONSchemaProps;
}

/** A label selector that server-side apply replaces as a whole. */
export const atomicSelector = (k8s: K8sSchemas): JSONSchemaProps => ({
  ...k8s.labelSelector,
  'x-kubernetes-map-type': 'atomic',
});

export const podTemplateMetadata = (): JSONSchemaProps =>
  object<PodTemplateMetadata>({ annotations: stringMap(), labels: stringMap() });

export const analysisRunMetadata = (): JSONSchemaProps =>
  object<AnalysisRunMetadata>({ annotations: stringMap(), labels: stringMap() });

export const dryRun = (): JSONSchemaProps => arrayOf(object<DryRun>({ metricName: string() }, ['metricName']));

export const measurementRetention = (): JSONSchemaProps =>
  arrayOf(object<MeasurementRetention>({ metricName: string(), limit: int32() }, ['limit', 'metricName']));

export const analysisTemplateRefs = (): JSONSchemaProps =>
  arrayOf(object<AnalysisTemplateRef>({ templateName: string(), clusterScope: boolean() }));

export const fieldRef = (): JSONSchemaProps => object<FieldRef>({ fieldPath: string() }, ['fieldPath']);

export const templateService = (): JSONSchemaProps => object<TemplateService>({ name: string() });

/** Rollout-side analysis arguments: `value` or `valueFrom.{podTemplateHashValue, fieldRef}`. */
export const rolloutAnalysisArgs = (): JSONSchemaProps =>
  arrayOf(
    object<AnalysisRunArgument>(
      {
        name: string(),
        value: string(),
        valueFrom: object<ArgumentValueFrom>({ podTemplateHashValue: string(), fieldRef: fieldRef() }),
      },
      ['name'],
    ),
  );

/** Template/run arguments: `value` or `valueFrom.{secretKeyRef, fieldRef}`. */
export const templateArgs = (): JSONSchemaProps =>
  arrayOf(
    object<Argument>(
      {
        name: string(),
        value: string(),
        valueFrom: object<ValueFrom>({
          secretKeyRef: object<SecretKeyRef>({ name: string(), key: string() }, ['key', 'name']),
          fieldRef: fieldRef(),
        }),
      },
      ['name'],
    ),
  );

export const rolloutAnalysisProperties = (): PropertiesOf<RolloutAnalysis> => ({
  templates: analysisTemplateRefs(),
  args: rolloutAnalysisArgs(),
  dryRun: dryRun(),
  measurementRetention: measurementRetention(),
  analysisRunMetadata: analysisRunMetadata(),
});

export const rolloutAnalysis = (): JSONSchemaProps => object<RolloutAnalysis>(rolloutAnalysisProperties());
