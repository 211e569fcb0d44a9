/**
 * The measurement loop's scheduling decisions: which metrics to measure in this reconcile, and when to come back.
 * parity: argo-rollouts analysis/analysis.go generateMetricTasks, calculateNextReconcileTime
 */
import { ANALYSIS_PHASE, DEFAULTS, type AnalysisRun, type Measurement, type Metric, isAnalysisPhaseCompleted, parseGoDurationMs } from '@serin/api';
import { parseMetaTime } from '../rollout/time.js';
import { countReached, isTerminating, metricResultOf } from './metric-status.js';

/** Retry delay after an Error measurement (also used when no interval is set). */
export const ERROR_RETRY_INTERVAL_MS = DEFAULTS.analysisErrorRetryIntervalSeconds * 1000;

export interface MetricTask {
  /** Index into `run.spec.metrics` (unresolved: arguments are resolved, with secrets, just before measuring). */
  readonly metricIndex: number;
  readonly metricName: string;
  /** The in-flight measurement to resume (or terminate); absent for a new measurement. */
  readonly incompleteMeasurement?: Measurement;
}

function lastMeasurementOf(run: Pick<AnalysisRun, 'status'>, name: string): Measurement | undefined {
  const measurements = metricResultOf(run, name)?.measurements ?? [];
  return measurements[measurements.length - 1];
}

/** Interval before the next measurement: 10 s after an Error, else `interval`; `null` when unparsable. */
function intervalAfter(metric: Metric, last: Measurement): number | undefined | null {
  if (last.phase === ANALYSIS_PHASE.Error) return ERROR_RETRY_INTERVAL_MS;
  if (metric.interval) return parseGoDurationMs(metric.interval);
  return undefined;
}

/**
 * Metrics to measure now (`metrics` are the argument-resolved metrics, in spec order):
 * - completed metrics are skipped;
 * - an in-flight measurement is resumed once its `resumeAt` has passed (at once when terminating, to terminate it);
 * - when terminating nothing new starts;
 * - the first measurement waits `initialDelay` after `status.startedAt`;
 * - once the effective count is reached nothing more is taken;
 * - otherwise a measurement is due when `now > lastFinishedAt + interval` (10 s after an Error).
 */
export function generateMetricTasks(run: Pick<AnalysisRun, 'spec' | 'status'>, metrics: readonly Metric[], nowMs: number): MetricTask[] {
  const terminating = isTerminating(run);
  const tasks: MetricTask[] = [];
  for (const [metricIndex, metric] of metrics.entries()) {
    const result = metricResultOf(run, metric.name);
    if (isAnalysisPhaseCompleted(result?.phase)) continue;
    const last = lastMeasurementOf(run, metric.name);
    const task = { metricIndex, metricName: metric.name };
    if (last !== undefined && last.finishedAt === undefined) {
      const resumeAtMs = parseMetaTime(last.resumeAt);
      if (!terminating && resumeAtMs !== undefined && resumeAtMs > nowMs) continue;
      tasks.push({ ...task, incompleteMeasurement: last });
      continue;
    }
    if (terminating) continue;
    if (last === undefined) {
      if (metric.initialDelay) {
        const startedAtMs = parseMetaTime(run.status?.startedAt);
        const delayMs = parseGoDurationMs(metric.initialDelay);
        if (startedAtMs === undefined || delayMs === null || startedAtMs + delayMs > nowMs) continue;
      }
      tasks.push(task);
      continue;
    }
    if (countReached(metric, result)) continue;
    const interval = intervalAfter(metric, last);
    if (interval === null) continue;
    const finishedAtMs = parseMetaTime(last.finishedAt) ?? 0;
    if (nowMs > finishedAtMs + (interval ?? ERROR_RETRY_INTERVAL_MS)) tasks.push(task);
  }
  return tasks;
}

/**
 * The earliest time any incomplete metric needs attention: end of its initial delay, its in-flight measurement's
 * `resumeAt`, or `lastFinishedAt + interval` (10 s after an Error). `undefined` = nothing scheduled.
 */
export function calculateNextReconcileTime(run: Pick<AnalysisRun, 'spec' | 'status'>, metrics: readonly Metric[], nowMs: number): number | undefined {
  let earliest: number | undefined;
  const consider = (ms: number): void => {
    if (earliest === undefined || ms < earliest) earliest = ms;
  };
  for (const metric of metrics) {
    const result = metricResultOf(run, metric.name);
    if (isAnalysisPhaseCompleted(result?.phase)) continue;
    const last = lastMeasurementOf(run, metric.name);
    if (last === undefined) {
      if (metric.initialDelay) {
        const delayMs = parseGoDurationMs(metric.initialDelay);
        if (delayMs !== null) consider((parseMetaTime(run.status?.startedAt) ?? nowMs) + delayMs);
      }
      continue;
    }
    if (last.finishedAt === undefined) {
      const resumeAtMs = parseMetaTime(last.resumeAt);
      if (resumeAtMs !== undefined) consider(resumeAtMs);
      continue;
    }
    if (countReached(metric, result)) continue;
    const interval = intervalAfter(metric, last);
    if (interval === null || interval === undefined) continue;
    consider((parseMetaTime(last.finishedAt) ?? nowMs) + interval);
  }
  return earliest;
}
