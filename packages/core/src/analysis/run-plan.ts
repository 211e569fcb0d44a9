/**
 * The pure halves of one AnalysisRun reconcile, around the provider I/O in the controller:
 * `prepareAnalysisRun` (resolve, validate, select dry-run and retention rules, pick the tasks) and
 * `concludeAnalysisRun` (assess, complete, trim, schedule). Each returns the whole next status.
 * parity: argo-rollouts analysis/analysis.go reconcileAnalysisRun — keep the order of the checks
 */
import {
  ANALYSIS_PHASE,
  EVENT_MESSAGE,
  type AnalysisPhase,
  type AnalysisRun,
  type AnalysisRunStatus,
  type MeasurementRetention,
  type Metric,
  analysisRunEventReason,
  isAnalysisPhaseCompleted,
  validateMetrics,
} from '@serin/api';
import { metaTime } from '../rollout/time.js';
import { resolveMetricsWithoutSecrets } from './args.js';
import { trimMeasurements } from './measurement.js';
import { type AnalysisEvent, assessRunStatus } from './run-status.js';
import { dryRunMetricNames, measurementRetentionByMetric } from './rules.js';
import { type MetricTask, calculateNextReconcileTime, generateMetricTasks } from './tasks.js';

export const ANALYSIS_MESSAGE = {
  unableToResolveArgs: (err: string) => `Unable to resolve metric arguments: ${err}`,
  specInvalid: (err: string) => `Analysis spec invalid: ${err}`,
} as const;

/** `AnalysisRun<Phase>` / `Analysis Completed. Result: <Phase>` (Warning for Error and Failed). */
export function analysisRunCompletionEvent(phase: AnalysisPhase): AnalysisEvent {
  const warning = phase === ANALYSIS_PHASE.Error || phase === ANALYSIS_PHASE.Failed;
  return { type: warning ? 'Warning' : 'Normal', reason: analysisRunEventReason(phase), message: EVENT_MESSAGE.analysisCompleted(phase) };
}

export interface ErroredRun {
  readonly kind: 'error';
  readonly status: AnalysisRunStatus;
  readonly events: AnalysisEvent[];
}

export interface ReadyRun {
  readonly kind: 'ready';
  /** Metrics with arguments resolved (secret arguments replaced by a placeholder). */
  readonly metrics: Metric[];
  readonly dryRun: ReadonlySet<string>;
  readonly retention: ReadonlyMap<string, MeasurementRetention>;
  readonly tasks: MetricTask[];
}

/**
 * The run ending in phase Error with `message` (upstream does not set completedAt on these paths).
 */
export function errorRunStatus(run: Pick<AnalysisRun, 'status'>, message: string): ErroredRun {
  const status: AnalysisRunStatus = { ...structuredClone(run.status ?? { phase: ANALYSIS_PHASE.Pending }), phase: ANALYSIS_PHASE.Error, message };
  if (status.metricResults === undefined) status.metricResults = [];
  return { kind: 'error', status, events: [analysisRunCompletionEvent(ANALYSIS_PHASE.Error)] };
}

/**
 * Resolve arguments (`Unable to resolve metric arguments: …`), validate metrics, dry-run and retention rules
 * (`Analysis spec invalid: …`), then choose the tasks for this reconcile.
 */
export function prepareAnalysisRun(run: Pick<AnalysisRun, 'spec' | 'status'>, nowMs: number): ErroredRun | ReadyRun {
  const resolved = resolveMetricsWithoutSecrets(run.spec.metrics ?? [], run.spec.args);
  if (!resolved.ok) return errorRunStatus(run, ANALYSIS_MESSAGE.unableToResolveArgs(resolved.error));
  const metrics = resolved.value;
  const invalid = validateMetrics(metrics);
  if (invalid !== undefined) return errorRunStatus(run, ANALYSIS_MESSAGE.specInvalid(invalid));
  const dryRun = dryRunMetricNames(run.spec.dryRun, metrics);
  if (!dryRun.ok) return errorRunStatus(run, ANALYSIS_MESSAGE.specInvalid(dryRun.error));
  const retention = measurementRetentionByMetric(run.spec.measurementRetention, metrics);
  if (!retention.ok) return errorRunStatus(run, ANALYSIS_MESSAGE.specInvalid(retention.error));
  return { kind: 'ready', metrics, dryRun: dryRun.value, retention: retention.value, tasks: generateMetricTasks(run, metrics, nowMs) };
}

export interface ConcludedRun {
  readonly status: AnalysisRunStatus;
  readonly events: AnalysisEvent[];
  /** Metrics whose measurement history was trimmed (providers garbage-collect, e.g. old Jobs). */
  readonly trimmed: ReadonlyArray<{ readonly metricName: string; readonly limit: number }>;
  /** When to reconcile again (absolute ms), undefined = nothing scheduled. */
  readonly nextReconcileAtMs?: number;
}

/**
 * After the measurements were recorded into `run.status.metricResults`: assess the run; on a phase change set phase
 * and message (and on completion `completedAt` and the `AnalysisRun<Phase>` event); trim histories; schedule.
 */
export function concludeAnalysisRun(run: Pick<AnalysisRun, 'spec' | 'status'>, prepared: ReadyRun, nowMs: number): ConcludedRun {
  const current: AnalysisRunStatus = structuredClone(run.status ?? { phase: ANALYSIS_PHASE.Pending });
  const assessment = assessRunStatus({ spec: run.spec, status: current }, prepared.metrics, prepared.dryRun, nowMs);
  const status: AnalysisRunStatus = {
    ...current,
    metricResults: assessment.metricResults,
    startedAt: assessment.startedAt,
    runSummary: assessment.runSummary,
    dryRunSummary: assessment.dryRunSummary,
  };
  const events = [...assessment.events];
  if (assessment.phase !== current.phase) {
    status.phase = assessment.phase;
    if (assessment.message === '') delete status.message;
    else status.message = assessment.message;
    if (isAnalysisPhaseCompleted(assessment.phase)) {
      events.push(analysisRunCompletionEvent(assessment.phase));
      if (status.completedAt === undefined) status.completedAt = metaTime(nowMs);
    }
  }
  const trim = trimMeasurements(status.metricResults ?? [], prepared.retention, new Set(prepared.metrics.map((m) => m.name)));
  status.metricResults = trim.metricResults;
  const next = calculateNextReconcileTime({ spec: run.spec, status }, prepared.metrics, nowMs);
  return { status, events, trimmed: trim.trimmed, ...(next === undefined ? {} : { nextReconcileAtMs: next }) };
}

/**
 * Top-level merge patch taking `current` to `next` (`{status: {...changed keys, removed keys: null}}`), or undefined
 * when nothing changed. Arrays are replaced whole, as RFC 7386 does.
 */
export function analysisRunStatusPatch(current: AnalysisRunStatus | undefined, next: AnalysisRunStatus): { status: Record<string, unknown> } | undefined {
  const before = (current ?? {}) as unknown as Record<string, unknown>;
  const after = next as unknown as Record<string, unknown>;
  const patch: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const a = before[key];
    const b = after[key];
    if (b === undefined) {
      if (a !== undefined) patch[key] = null;
    } else if (!jsonEqual(a, b)) {
      patch[key] = b;
    }
  }
  return Object.keys(patch).length === 0 ? undefined : { status: patch };
}

/** Structural equality of JSON values (object key order ignored). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const ka = Object.keys(ra).filter((k) => ra[k] !== undefined);
  const kb = Object.keys(rb).filter((k) => rb[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(rb, k) && jsonEqual(ra[k], rb[k]));
}
