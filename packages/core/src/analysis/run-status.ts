/**
 * Run assessment: metric phases from their measurements, then the run's phase, message and summaries.
 * parity: argo-rollouts analysis/analysis.go assessRunStatus — keep the message rules and the dry-run handling
 */
import {
  ANALYSIS_PHASE,
  EVENT_MESSAGE,
  type AnalysisPhase,
  type AnalysisRun,
  type Metric,
  type MetricResult,
  type RunSummary,
  isAnalysisPhaseCompleted,
  metricEventReason,
} from '@serin/api';
import { metaTime } from '../rollout/time.js';
import { assessMetricFailureInconclusiveOrError, assessMetricStatus, isTerminating, isWorsePhase } from './metric-status.js';

/** Run message when `spec.terminate` was requested and nothing worse happened. */
export const RUN_TERMINATED_MESSAGE = 'Run Terminated';

export interface AnalysisEvent {
  readonly type: 'Normal' | 'Warning';
  readonly reason: string;
  readonly message: string;
}

export interface RunAssessment {
  readonly phase: AnalysisPhase;
  readonly message: string;
  readonly metricResults: MetricResult[];
  readonly runSummary: RunSummary;
  readonly dryRunSummary: RunSummary;
  readonly startedAt: string;
  /** `Metric<Phase>` events for metrics that completed in this assessment. */
  readonly events: AnalysisEvent[];
}

const eventType = (phase: AnalysisPhase): 'Normal' | 'Warning' =>
  phase === ANALYSIS_PHASE.Error || phase === ANALYSIS_PHASE.Failed ? 'Warning' : 'Normal';

type MutableSummary = { count: number; successful: number; failed: number; inconclusive: number; error: number };

function countPhase(summary: MutableSummary, phase: AnalysisPhase | undefined): void {
  switch (phase) {
    case ANALYSIS_PHASE.Error:
      summary.error++;
      break;
    case ANALYSIS_PHASE.Failed:
      summary.failed++;
      break;
    case ANALYSIS_PHASE.Inconclusive:
      summary.inconclusive++;
      break;
    default:
      summary.successful++;
  }
}

const compact = (s: MutableSummary): RunSummary => Object.fromEntries(Object.entries(s).filter(([, v]) => v !== 0)) as RunSummary;

/**
 * Assess every metric (`assessMetricStatus`), then the run:
 * - Running until every metric completed (a metric without a result is incomplete);
 * - then the worst completed phase among non-dry-run metrics, with message
 *   `Metric "<name>" assessed <Phase> due to <reason>[: "Error Message: <last measurement message>"]`;
 * - terminating (spec.terminate, or a non-dry-run metric Failed/Error/Inconclusive): the worst phase so far, or
 *   Successful when nothing completed; `Run Terminated` is the message for spec.terminate when nothing is worse;
 * - dry-run metrics never set the run phase; their result message becomes `Metric assessed <Phase> due to <reason>`.
 */
export function assessRunStatus(run: Pick<AnalysisRun, 'spec' | 'status'>, metrics: readonly Metric[], dryRun: ReadonlySet<string>, nowMs: number): RunAssessment {
  const terminating = isTerminating(run);
  const results = (run.status?.metricResults ?? []).map((r) => ({ ...r }));
  const events: AnalysisEvent[] = [];
  const runSummary: MutableSummary = { count: 0, successful: 0, failed: 0, inconclusive: 0, error: 0 };
  const dryRunSummary: MutableSummary = { count: 0, successful: 0, failed: 0, inconclusive: 0, error: 0 };
  let worst: AnalysisPhase | undefined;
  let worstMessage = run.spec.terminate === true ? RUN_TERMINATED_MESSAGE : '';
  let everythingCompleted = true;

  for (const metric of metrics) {
    const isDryRun = dryRun.has(metric.name);
    if (isDryRun) dryRunSummary.count++;
    else runSummary.count++;
    const index = results.findIndex((r) => r.name === metric.name);
    const result = results[index];
    if (result === undefined) {
      everythingCompleted = false;
      continue;
    }
    const phase = assessMetricStatus(metric, result, terminating);
    if (result.phase !== phase) {
      if (isAnalysisPhaseCompleted(phase)) {
        events.push({ type: eventType(phase), reason: metricEventReason(phase), message: EVENT_MESSAGE.metricCompleted(metric.name, phase) });
      }
      const measurements = result.measurements ?? [];
      const last = measurements[measurements.length - 1];
      if (last !== undefined) {
        if (last.message === undefined || last.message === '') delete result.message;
        else result.message = last.message;
      }
      result.phase = phase;
    }
    if (!isAnalysisPhaseCompleted(phase)) {
      everythingCompleted = false;
      continue;
    }
    const limits = assessMetricFailureInconclusiveOrError(metric, result);
    if (!isDryRun) {
      if (worst === undefined || isWorsePhase(worst, phase)) {
        worst = phase;
        if (limits.reason !== '') {
          worstMessage = `Metric "${metric.name}" assessed ${phase} due to ${limits.reason}`;
          if (result.message !== undefined && result.message !== '') worstMessage += `: "Error Message: ${result.message}"`;
        }
      }
      countPhase(runSummary, limits.phase);
    } else {
      if (worst === undefined) worst = ANALYSIS_PHASE.Successful;
      if (limits.reason !== '') result.message = `Metric assessed ${phase} due to ${limits.reason}`;
      countPhase(dryRunSummary, limits.phase);
    }
  }

  const base = {
    metricResults: results,
    runSummary: compact(runSummary),
    dryRunSummary: compact(dryRunSummary),
    startedAt: run.status?.startedAt ?? metaTime(nowMs),
    events,
  };
  const message = worstMessage.trim();
  if (terminating) return { ...base, phase: worst ?? ANALYSIS_PHASE.Successful, message };
  if (!everythingCompleted || worst === undefined) return { ...base, phase: ANALYSIS_PHASE.Running, message: '' };
  return { ...base, phase: worst, message };
}
