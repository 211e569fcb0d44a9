import { ANALYSIS_PHASE as P, type AnalysisRun, type Measurement, type Metric, type MetricResult } from '@serin/api';
import { describe, expect, it } from 'vitest';
import { assessRunStatus } from './run-status.js';

const NOW = Date.parse('2026-11-27T10:00:00Z');
const m = (name: string, extra: Partial<Metric> = {}): Metric => ({ name, provider: { web: { url: 'http://x' } }, ...extra });
const finished = (phase: Measurement['phase'], message?: string): Measurement => ({ phase, startedAt: '2026-11-27T09:59:00Z', finishedAt: '2026-11-27T09:59:00Z', ...(message ? { message } : {}) });
const r = (name: string, extra: Partial<MetricResult>): MetricResult => ({ name, phase: P.Running, ...extra });
const run = (metrics: Metric[], results: MetricResult[], terminate = false): AnalysisRun => ({ spec: { metrics, ...(terminate ? { terminate } : {}) }, status: { phase: P.Running, metricResults: results } });

describe('assessRunStatus (upstream TestAssessRunStatus*)', () => {
  it.each([
    {
      name: 'one metric still running → run Running, no message',
      run: run([m('latency'), m('success-rate')], [r('latency', { phase: P.Successful }), r('success-rate', { phase: P.Running, measurements: [{ phase: P.Running }] })]),
      dryRun: [],
      phase: P.Running,
      message: '',
    },
    {
      name: 'worst of completed metrics (phases already set, no limit reason → no message)',
      run: run([m('latency'), m('success-rate')], [r('latency', { phase: P.Successful }), r('success-rate', { phase: P.Failed })]),
      dryRun: [],
      phase: P.Failed,
      message: '',
    },
    {
      name: 'failure limit message',
      run: run([m('success-rate', { failureLimit: 3, interval: '1m' })], [r('success-rate', { failed: 4, count: 4, measurements: [finished(P.Failed)] })]),
      dryRun: [],
      phase: P.Failed,
      message: 'Metric "success-rate" assessed Failed due to failed (4) > failureLimit (3)',
    },
    {
      name: 'error message from the provider is appended',
      run: run([m('success-rate', { interval: '1m' })], [r('success-rate', { error: 5, consecutiveError: 5, measurements: [finished(P.Error, 'connection refused')] })]),
      dryRun: [],
      phase: P.Error,
      message: 'Metric "success-rate" assessed Error due to consecutiveErrors (5) > consecutiveErrorLimit (4): "Error Message: connection refused"',
    },
    {
      name: 'metric not started yet → Running',
      run: run([m('a'), m('b', { initialDelay: '1m' })], [r('a', { successful: 1, count: 1, measurements: [finished(P.Successful)] })]),
      dryRun: [],
      phase: P.Running,
      message: '',
    },
    {
      name: 'failing dry-run metric does not fail the run',
      run: run([m('dry', { interval: '1m' }), m('real')], [r('dry', { dryRun: true, failed: 1, count: 1, measurements: [finished(P.Failed)] }), r('real', { successful: 1, count: 1, measurements: [finished(P.Successful)] })]),
      dryRun: ['dry'],
      phase: P.Successful,
      message: '',
    },
    {
      name: 'only dry-run metrics → Successful',
      run: run([m('dry')], [r('dry', { dryRun: true, failed: 1, count: 1, measurements: [finished(P.Failed)] })]),
      dryRun: ['dry'],
      phase: P.Successful,
      message: '',
    },
    {
      name: 'terminate with nothing measured → Successful, Run Terminated',
      run: run([m('a', { interval: '1m' })], [], true),
      dryRun: [],
      phase: P.Successful,
      message: 'Run Terminated',
    },
    {
      name: 'terminate with an indefinite metric measured → Successful',
      run: run([m('a', { interval: '1m' })], [r('a', { successful: 2, count: 2, measurements: [finished(P.Successful)] })], true),
      dryRun: [],
      phase: P.Successful,
      message: 'Run Terminated',
    },
  ])('$name', ({ run: input, dryRun, phase, message }) => {
    const out = assessRunStatus(input, input.spec.metrics, new Set(dryRun), NOW);
    expect({ phase: out.phase, message: out.message }).toEqual({ phase, message });
  });

  it('updates metric phases from measurements (fail-after-30 flips to Failed while the sibling runs)', () => {
    const input = run([m('sleep-infinity'), m('fail-after-30')], [r('sleep-infinity', { measurements: [{ phase: P.Running }] }), r('fail-after-30', { count: 1, failed: 1, measurements: [finished(P.Failed)] })]);
    const out = assessRunStatus(input, input.spec.metrics, new Set(), NOW);
    expect(out.phase).toBe(P.Running); // terminating is decided from the phases before this assessment
    expect(out.metricResults.map((x) => x.phase)).toEqual([P.Running, P.Failed]);
    expect(out.events).toEqual([{ type: 'Warning', reason: 'MetricFailed', message: "Metric 'fail-after-30' Completed. Result: Failed" }]);
  });

  it('a failed metric terminates its indefinite sibling on the next assessment (TestReconcileAnalysisRunTerminateSiblingAfterFail)', () => {
    const metrics = [m('a', { interval: '1m' }), m('b', { interval: '1m' })];
    const first = assessRunStatus(run(metrics, [r('a', { failed: 1, count: 1, measurements: [finished(P.Failed)] }), r('b', { successful: 1, count: 1, measurements: [finished(P.Successful)] })]), metrics, new Set(), NOW);
    expect(first.metricResults.map((x) => x.phase)).toEqual([P.Failed, P.Running]);
    const second = assessRunStatus({ spec: { metrics }, status: { phase: P.Running, metricResults: first.metricResults } }, metrics, new Set(), NOW);
    expect(second.metricResults.map((x) => x.phase)).toEqual([P.Failed, P.Successful]);
    expect({ phase: second.phase, message: second.message }).toEqual({ phase: P.Failed, message: 'Metric "a" assessed Failed due to failed (1) > failureLimit (0)' });
  });

  it('summaries count non-dry-run and dry-run metrics separately; dry-run message explains the phase', () => {
    const input = run(
      [m('dry', { interval: '1m' }), m('ok'), m('bad', { interval: '1m' })],
      [r('dry', { dryRun: true, failed: 1, count: 1, measurements: [finished(P.Failed)] }), r('ok', { successful: 1, count: 1, measurements: [finished(P.Successful)] }), r('bad', { failed: 1, count: 1, measurements: [finished(P.Failed)] })],
    );
    const out = assessRunStatus(input, input.spec.metrics, new Set(['dry']), NOW);
    expect(out.runSummary).toEqual({ count: 2, successful: 1, failed: 1 });
    expect(out.dryRunSummary).toEqual({ count: 1, failed: 1 });
    expect(out.metricResults[0]?.message).toBe('Metric assessed Failed due to failed (1) > failureLimit (0)');
    expect(out.startedAt).toBe('2026-11-27T10:00:00Z');
  });
});
