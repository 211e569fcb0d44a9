/**
 * AnalysisTemplate, ClusterAnalysisTemplate and the Metric/Argument shapes they share with AnalysisRun.
 * parity: argo-rollouts pkg/apis/rollouts/v1alpha1/analysis_types.go
 */
import type { V1ListMeta, V1ObjectMeta } from '@kubernetes/client-node';
import type { AnalysisTemplateRef, DryRun, DurationString, FieldRef, IntOrString, MeasurementRetention } from './common.js';
import type { MetricProvider } from './metric-providers.js';

export interface AnalysisTemplate {
  apiVersion?: 'argoproj.io/v1alpha1';
  kind?: 'AnalysisTemplate';
  metadata?: V1ObjectMeta;
  spec: AnalysisTemplateSpec;
}

export interface ClusterAnalysisTemplate {
  apiVersion?: 'argoproj.io/v1alpha1';
  kind?: 'ClusterAnalysisTemplate';
  metadata?: V1ObjectMeta;
  spec: AnalysisTemplateSpec;
}

export interface AnalysisTemplateList {
  apiVersion?: 'argoproj.io/v1alpha1';
  kind?: 'AnalysisTemplateList';
  metadata?: V1ListMeta;
  items: AnalysisTemplate[];
}

export interface ClusterAnalysisTemplateList {
  apiVersion?: 'argoproj.io/v1alpha1';
  kind?: 'ClusterAnalysisTemplateList';
  metadata?: V1ListMeta;
  items: ClusterAnalysisTemplate[];
}

export interface AnalysisTemplateSpec {
  metrics?: Metric[];
  args?: Argument[];
  dryRun?: DryRun[];
  measurementRetention?: MeasurementRetention[];
  /** Composition: templates whose metrics and args are merged into this one. */
  templates?: AnalysisTemplateRef[];
}

export interface Metric {
  name: string;
  interval?: DurationString;
  initialDelay?: DurationString;
  count?: IntOrString;
  successCondition?: string;
  failureCondition?: string;
  /** Default 0; -1 disables. */
  failureLimit?: IntOrString;
  /** Default 0. */
  inconclusiveLimit?: IntOrString;
  /** Default 4. */
  consecutiveErrorLimit?: IntOrString;
  provider: MetricProvider;
  /** Default 0 = disabled. */
  consecutiveSuccessLimit?: IntOrString;
}

/** Template argument declaration (and AnalysisRun argument). */
export interface Argument {
  name: string;
  value?: string;
  valueFrom?: ValueFrom;
}

export interface ValueFrom {
  secretKeyRef?: SecretKeyRef;
  fieldRef?: FieldRef;
}

export interface SecretKeyRef {
  name: string;
  key: string;
}
