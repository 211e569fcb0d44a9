/**
 * The metric-provider contract. A provider never throws: every failure is returned as a measurement with phase
 * Error and the message (the reconciler still guards against a throwing provider).
 * parity: argo-rollouts metricproviders/provider.go Provider
 */
import type { AnalysisRun, Measurement, Metric } from '@serin/api';

export interface MetricProvider {
  /** `Prometheus`, `Web`, `Job`. */
  readonly type: string;
  /** Start a measurement (finished, or in flight with `resumeAt`). */
  run(run: AnalysisRun, metric: Metric): Promise<Measurement>;
  /** Continue an in-flight measurement. */
  resume(run: AnalysisRun, metric: Metric, measurement: Measurement): Promise<Measurement>;
  /** Stop an in-flight measurement (the run is terminating). */
  terminate(run: AnalysisRun, metric: Metric, measurement: Measurement): Promise<Measurement>;
  /** Delete artefacts beyond the newest `limit` (e.g. old Jobs); errors are returned, not thrown. */
  garbageCollect(run: AnalysisRun, metric: Metric, limit: number): Promise<void>;
  /** Stored once in the metric result's `metadata` (e.g. the resolved Prometheus query). */
  metadata(metric: Metric): Record<string, string> | undefined;
}

/** A provider for the metric, or the reason none can be built (becomes an Error measurement). */
export type ProviderFactory = (metric: Metric, run: AnalysisRun) => MetricProvider | { readonly error: string };

/** Message of any thrown value. */
export const errorMessage = (e: unknown): string => (e instanceof Error ? e.message : String(e));
