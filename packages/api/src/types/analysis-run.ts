/**
 * AnalysisRun: an instantiated analysis with its measurements.
 * parity: argo-rollouts pkg/apis/rollouts/v1alpha1/analysis_types.go AnalysisRun
 */
import type { V1ListMeta, V1ObjectMeta } from '@kubernetes/client-node';
import type { DryRun, MeasurementRetention, Time } from './common.js';
import type { Argument, Metric } from './analysis-template.js';
import type { AnalysisPhase } from '../constants/analysis-strings.js';

export type { AnalysisPhase } from '../constants/analysis-strings.js';

export interface AnalysisRun {
  apiVersion?: 'argoproj.io/v1alpha1';
  kind?: 'AnalysisRun';
  metadata?: V1ObjectMeta;
  spec: AnalysisRunSpec;
  status?: AnalysisRunStatus;
}

export interface AnalysisRunList {
  apiVersion?: 'argoproj.io/v1alpha1';
  kind?: 'AnalysisRunList';
  metadata?: V1ListMeta;
  items: AnalysisRun[];
}

export interface AnalysisRunSpec {
  metrics: Metric[];
  args?: Argument[];
  terminate?: boolean;
  dryRun?: DryRun[];
  measurementRetention?: MeasurementRetention[];
  ttlStrategy?: TTLStrategy;
}

export interface TTLStrategy {
  secondsAfterCompletion?: number;
  secondsAfterFailure?: number;
  secondsAfterSuccess?: number;
}

export interface AnalysisRunStatus {
  phase: AnalysisPhase;
  message?: string;
  metricResults?: MetricResult[];
  startedAt?: Time;
  runSummary?: RunSummary;
  dryRunSummary?: RunSummary;
  completedAt?: Time;
}

export interface RunSummary {
  count?: number;
  successful?: number;
  failed?: number;
  inconclusive?: number;
  error?: number;
}

export interface MetricResult {
  name: string;
  phase: AnalysisPhase;
  measurements?: Measurement[];
  message?: string;
  count?: number;
  successful?: number;
  failed?: number;
  inconclusive?: number;
  error?: number;
  consecutiveError?: number;
  dryRun?: boolean;
  metadata?: Record<string, string>;
  consecutiveSuccess?: number;
}

export interface Measurement {
  phase: AnalysisPhase;
  message?: string;
  startedAt?: Time;
  finishedAt?: Time;
  value?: string;
  metadata?: Record<string, string>;
  resumeAt?: Time;
}
