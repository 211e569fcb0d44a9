/**
 * Analysis references inside a Rollout (step, background, pre/post promotion) and Rollout-side arguments.
 * parity: argo-rollouts pkg/apis/rollouts/v1alpha1/types.go RolloutAnalysis
 */
import type { AnalysisRunMetadata, AnalysisTemplateRef, DryRun, FieldRef, MeasurementRetention } from './common.js';

export interface RolloutAnalysis {
  templates?: AnalysisTemplateRef[];
  args?: AnalysisRunArgument[];
  dryRun?: DryRun[];
  measurementRetention?: MeasurementRetention[];
  analysisRunMetadata?: AnalysisRunMetadata;
}

/** Background analysis: created once `currentStepIndex >= startingStep`. */
export interface RolloutAnalysisBackground extends RolloutAnalysis {
  startingStep?: number;
}

/** Argument passed from a Rollout to an AnalysisTemplate. */
export interface AnalysisRunArgument {
  name: string;
  value?: string;
  valueFrom?: ArgumentValueFrom;
}

export interface ArgumentValueFrom {
  podTemplateHashValue?: ValueFromPodTemplateHash;
  fieldRef?: FieldRef;
}

export const VALUE_FROM_POD_TEMPLATE_HASH = { Stable: 'Stable', Latest: 'Latest' } as const;
export type ValueFromPodTemplateHash =
  (typeof VALUE_FROM_POD_TEMPLATE_HASH)[keyof typeof VALUE_FROM_POD_TEMPLATE_HASH];

/** `spec.analysis`: how many finished AnalysisRuns to keep (5 / 5 by default). */
export interface AnalysisRunStrategy {
  successfulRunHistoryLimit?: number;
  unsuccessfulRunHistoryLimit?: number;
}
