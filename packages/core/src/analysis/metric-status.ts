/**
 * Metric assessment: the phase of one metric from its counters and last measurement.
 * parity: argo-rollouts analysis/analysis.go assessMetricStatus, assessMetricFailureInconclusiveOrError;
 *         pkg/apis/rollouts/v1alpha1/analysis_types.go EffectiveCount; utils/analysis/helpers.go IsTerminating, IsWorse
 */
import {
  ANALYSIS_PHASE,
  ANALYSIS_PHASE_ORDER,
  type AnalysisPhase,
  type AnalysisRun,
  type Metric,
  type MetricResult,
  getConsecutiveErrorLimitOrDefault,
  intOrStringValue,
  isAnalysisPhaseCompleted,
} from '@serin/api';

/**
 * How many measurements a metric takes: `count` when set and non-zero; 1 when neither count nor interval is set;
 * `undefined` (unlimited) when only `interval` is set.
 */
export function effectiveCount(metric: Metric): number | undefined {
  const count = metric.count === undefined ? 0 : intOrStringValue(metric.count);
  if (count !== 0) return count;
  return metric.interval ? undefined : 1;
}

/** Whether the metric has taken all its measurements (`count >= effectiveCount`). */
export function countReached(metric: Metric, result: Pick<MetricResult, 'count'> | undefined): boolean {
  const target = effectiveCount(metric);
  return target !== undefined && (result?.count ?? 0) >= target;
}

export interface LimitAssessment {
  /** `undefined` when no limit is exceeded. */
  readonly phase?: AnalysisPhase;
  /** `failed (n) > failureLimit (l)` etc.; '' when no limit is exceeded. */
  readonly reason: string;
}

/**
 * Limits in order, a later one overriding an earlier one (so Error beats Inconclusive beats Failed):
 * `failureLimit >= 0 && failed > failureLimit` → Failed; `inconclusive > inconclusiveLimit` → Inconclusive;
 * `consecutiveError > consecutiveErrorLimit (default 4)` → Error.
 */
export function assessMetricFailureInconclusiveOrError(metric: Metric, result: MetricResult): LimitAssessment {
  let phase: AnalysisPhase | undefined;
  let reason = '';
  const failureLimit = metric.failureLimit === undefined ? 0 : intOrStringValue(metric.failureLimit);
  const failed = result.failed ?? 0;
  if (failureLimit >= 0 && failed > failureLimit) {
    phase = ANALYSIS_PHASE.Failed;
    reason = `failed (${failed}) > failureLimit (${failureLimit})`;
  }
  const inconclusiveLimit = metric.inconclusiveLimit === undefined ? 0 : intOrStringValue(metric.inconclusiveLimit);
  const inconclusive = result.inconclusive ?? 0;
  if (inconclusive > inconclusiveLimit) {
    phase = ANALYSIS_PHASE.Inconclusive;
    reason = `inconclusive (${inconclusive}) > inconclusiveLimit (${inconclusiveLimit})`;
  }
  const errorLimit = getConsecutiveErrorLimitOrDefault(metric);
  const consecutiveError = result.consecutiveError ?? 0;
  if (consecutiveError > errorLimit) {
    phase = ANALYSIS_PHASE.Error;
    reason = `consecutiveErrors (${consecutiveError}) > consecutiveErrorLimit (${errorLimit})`;
  }
  return phase === undefined ? { reason } : { phase, reason };
}

/**
 * The metric's phase:
 * 1. a completed phase stays; 2. no measurements → Pending (Successful when terminating); 3. last measurement in
 * flight → Running; 4. a limit exceeded → its phase; 5. `consecutiveSuccessLimit > 0` reached → Successful;
 * 6. count reached → Inconclusive when both failureLimit (≥ 0 or unset) and consecutiveSuccessLimit apply, Failed when
 * only consecutiveSuccessLimit applies, else Successful; 7. otherwise Running (Successful when terminating).
 */
export function assessMetricStatus(metric: Metric, result: MetricResult, terminating: boolean): AnalysisPhase {
  if (isAnalysisPhaseCompleted(result.phase)) return result.phase;
  const measurements = result.measurements ?? [];
  const last = measurements[measurements.length - 1];
  if (last === undefined) return terminating ? ANALYSIS_PHASE.Successful : ANALYSIS_PHASE.Pending;
  if (!isAnalysisPhaseCompleted(last.phase)) return ANALYSIS_PHASE.Running;

  const limits = assessMetricFailureInconclusiveOrError(metric, result);
  if (limits.phase !== undefined) return limits.phase;

  const successLimit = metric.consecutiveSuccessLimit === undefined ? 0 : intOrStringValue(metric.consecutiveSuccessLimit);
  if (successLimit > 0 && (result.consecutiveSuccess ?? 0) >= successLimit) return ANALYSIS_PHASE.Successful;

  if (countReached(metric, result)) {
    const failureApplicable = metric.failureLimit === undefined || intOrStringValue(metric.failureLimit) >= 0;
    const successApplicable = successLimit > 0;
    if (failureApplicable && successApplicable) return ANALYSIS_PHASE.Inconclusive;
    if (successApplicable) return ANALYSIS_PHASE.Failed;
    return ANALYSIS_PHASE.Successful;
  }
  return terminating ? ANALYSIS_PHASE.Successful : ANALYSIS_PHASE.Running;
}

/**
 * A run is terminating when `spec.terminate` is set or a non-dry-run metric ended Failed, Error or Inconclusive:
 * no new measurements are started, in-flight ones are terminated.
 */
export function isTerminating(run: Pick<AnalysisRun, 'spec' | 'status'>): boolean {
  if (run.spec.terminate === true) return true;
  return (run.status?.metricResults ?? []).some(
    (r) => r.dryRun !== true && (r.phase === ANALYSIS_PHASE.Failed || r.phase === ANALYSIS_PHASE.Error || r.phase === ANALYSIS_PHASE.Inconclusive),
  );
}

/** `next` is worse than `current` in Successful < Running < Pending < Inconclusive < Error < Failed. */
export function isWorsePhase(current: AnalysisPhase, next: AnalysisPhase): boolean {
  return ANALYSIS_PHASE_ORDER.indexOf(next) > ANALYSIS_PHASE_ORDER.indexOf(current);
}

/** The metric result by name. */
export function metricResultOf(run: Pick<AnalysisRun, 'status'>, metricName: string): MetricResult | undefined {
  return run.status?.metricResults?.find((r) => r.name === metricName);
}
