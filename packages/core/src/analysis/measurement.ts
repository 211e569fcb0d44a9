/**
 * Recording a measurement into its metric result, measurement retention and secret redaction.
 * parity: argo-rollouts analysis/analysis.go runMeasurements (counters, redaction), garbageCollectMeasurements
 */
import { ANALYSIS_PHASE, DEFAULTS, type AnalysisPhase, type Measurement, type MeasurementRetention, type MetricResult, isAnalysisPhaseCompleted } from '@serin/api';
import { metaTime } from '../rollout/time.js';

/** Measurement message when an in-flight measurement is terminated with a Successful/Inconclusive outcome. */
export const METRIC_TERMINATED_MESSAGE = 'Metric Terminated';

/** Text secret values are replaced with in measurement messages. */
export const REDACTED = '*****';

/** Replace every non-empty secret value in `text` with `*****`. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret !== '') out = out.split(secret).join(REDACTED);
  return out;
}

/** An Error measurement (a provider failure never throws): phase Error, the message, finishedAt now if unset. */
export function errorMeasurement(base: Measurement | undefined, message: string, nowMs: number): Measurement {
  return { ...(base ?? { startedAt: metaTime(nowMs) }), phase: ANALYSIS_PHASE.Error, message, finishedAt: base?.finishedAt ?? metaTime(nowMs) };
}

export interface RecordMeasurementInput {
  readonly metricName: string;
  /** The metric result before this measurement (undefined on the first one). */
  readonly result: MetricResult | undefined;
  readonly measurement: Measurement;
  /** True when `measurement` replaces the last (in-flight) measurement instead of being appended. */
  readonly replacesLast: boolean;
  readonly dryRun: boolean;
  /** Provider metadata stored on a new metric result (e.g. the resolved Prometheus query). */
  readonly metadata?: Record<string, string>;
  readonly secrets?: readonly string[];
  readonly nowMs: number;
}

/**
 * The metric result with the measurement recorded. A completed measurement gets `finishedAt` and moves counters:
 * Successful → successful, count, consecutiveSuccess +1, consecutiveError 0; Failed → failed, count +1, both
 * consecutive counters 0; Inconclusive → inconclusive, count +1, both consecutive counters 0; Error → error,
 * consecutiveError +1, consecutiveSuccess 0 (count unchanged). Secret values in the message become `*****`.
 */
export function recordMeasurement(input: RecordMeasurementInput): MetricResult {
  const result: MetricResult = input.result === undefined
    ? { name: input.metricName, phase: ANALYSIS_PHASE.Running, ...(input.dryRun ? { dryRun: true } : {}), ...(input.metadata !== undefined && Object.keys(input.metadata).length > 0 ? { metadata: input.metadata } : {}) }
    : structuredClone(input.result);
  const measurement: Measurement = { ...input.measurement };
  const inc = (key: 'count' | 'successful' | 'failed' | 'inconclusive' | 'error' | 'consecutiveError' | 'consecutiveSuccess'): void => {
    result[key] = (result[key] ?? 0) + 1;
  };
  if (isAnalysisPhaseCompleted(measurement.phase)) {
    if (measurement.finishedAt === undefined) measurement.finishedAt = metaTime(input.nowMs);
    switch (measurement.phase) {
      case ANALYSIS_PHASE.Successful:
        inc('successful');
        inc('count');
        result.consecutiveError = 0;
        inc('consecutiveSuccess');
        break;
      case ANALYSIS_PHASE.Failed:
        inc('failed');
        inc('count');
        result.consecutiveError = 0;
        result.consecutiveSuccess = 0;
        break;
      case ANALYSIS_PHASE.Inconclusive:
        inc('inconclusive');
        inc('count');
        result.consecutiveError = 0;
        result.consecutiveSuccess = 0;
        break;
      case ANALYSIS_PHASE.Error:
        inc('error');
        inc('consecutiveError');
        result.consecutiveSuccess = 0;
        break;
    }
  }
  if (measurement.message !== undefined) {
    const message = redactSecrets(measurement.message, input.secrets ?? []);
    measurement.message = message;
  }
  const measurements = [...(result.measurements ?? [])];
  if (input.replacesLast && measurements.length > 0) measurements[measurements.length - 1] = measurement;
  else measurements.push(measurement);
  result.measurements = measurements;
  return omitZeroCounters(result);
}

const COUNTERS = ['count', 'successful', 'failed', 'inconclusive', 'error', 'consecutiveError', 'consecutiveSuccess'] as const;

/** Zero counters are omitted on the wire (`omitempty` upstream). */
export function omitZeroCounters(result: MetricResult): MetricResult {
  const out = { ...result };
  for (const key of COUNTERS) if (out[key] === 0) delete out[key];
  return out;
}

/** Outcome of terminating an in-flight measurement: Successful/Inconclusive carry `Metric Terminated`. */
export function terminatedMeasurement(measurement: Measurement): Measurement {
  const terminated: AnalysisPhase[] = [ANALYSIS_PHASE.Successful, ANALYSIS_PHASE.Inconclusive];
  return terminated.includes(measurement.phase) ? { ...measurement, message: METRIC_TERMINATED_MESSAGE } : measurement;
}

/** Measurements kept for a metric: the rule's `limit` when > 0, else 10. */
export function measurementLimit(retention: MeasurementRetention | undefined, defaultLimit: number = DEFAULTS.measurementHistoryLimit): number {
  return retention !== undefined && retention.limit > 0 ? retention.limit : defaultLimit;
}

export interface TrimDecision {
  readonly metricResults: MetricResult[];
  /** Metrics whose history was trimmed, with the limit (providers garbage-collect their artefacts, e.g. Jobs). */
  readonly trimmed: ReadonlyArray<{ readonly metricName: string; readonly limit: number }>;
}

/**
 * Keep the last N measurements of each metric (N from `measurementLimit`). Only metrics present in `knownMetrics`
 * are trimmed (upstream skips results whose metric cannot be resolved).
 */
export function trimMeasurements(results: readonly MetricResult[], retention: ReadonlyMap<string, MeasurementRetention>, knownMetrics: ReadonlySet<string>): TrimDecision {
  const trimmed: Array<{ metricName: string; limit: number }> = [];
  const metricResults = results.map((result) => {
    const measurements = result.measurements ?? [];
    const limit = measurementLimit(retention.get(result.name));
    if (measurements.length <= limit || !knownMetrics.has(result.name)) return result;
    trimmed.push({ metricName: result.name, limit });
    return { ...result, measurements: measurements.slice(measurements.length - limit) };
  });
  return { metricResults, trimmed };
}
