/**
 * Shared wire shapes used by every argoproj.io/v1alpha1 kind.
 * parity: argo-rollouts pkg/apis/rollouts/v1alpha1/types.go, analysis_types.go
 */

/** Kubernetes `intstr.IntOrString`: a JSON number or string (`25`, `"25%"`). */
export type IntOrString = number | string;

/** Go `time.ParseDuration` text (`"30s"`, `"1m"`, no `d` unit). */
export type DurationString = string;

/** `metav1.Time` on the wire: RFC 3339 UTC, second precision (`"2020-09-22T09:10:05Z"`). */
export type Time = string;

/** `corev1.ConditionStatus`. */
export type ConditionStatus = 'True' | 'False' | 'Unknown';

/** Arbitrary JSON (`json.RawMessage` upstream). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Labels and annotations injected into pods (canaryMetadata, stableMetadata, previewMetadata, activeMetadata). */
export interface PodTemplateMetadata {
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

/** Labels and annotations applied to AnalysisRuns created from a Rollout or Experiment. */
export interface AnalysisRunMetadata {
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

/** Marks a metric as dry-run; `metricName` is an unanchored regular expression. */
export interface DryRun {
  metricName: string;
}

/** Overrides how many measurements are kept for metrics whose name matches `metricName` (regex). */
export interface MeasurementRetention {
  metricName: string;
  limit: number;
}

/** Reference to an AnalysisTemplate (or a ClusterAnalysisTemplate when `clusterScope`). */
export interface AnalysisTemplateRef {
  templateName: string;
  clusterScope?: boolean;
}

/** `{fieldPath}` resolved against the owning object (e.g. `metadata.labels['app']`). */
export interface FieldRef {
  fieldPath: string;
}

/** Experiment template Service request. */
export interface TemplateService {
  name?: string;
}
