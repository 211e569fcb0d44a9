import { ANALYSIS_PHASE as P, type AnalysisRun, type Metric } from '@serin/api';
import { describe, expect, it } from 'vitest';
import { analysisRunStatusPatch, concludeAnalysisRun, prepareAnalysisRun } from './run-plan.js';
import { analysisRunTtlExpiresAtMs, isAnalysisRunTtlExceeded } from './ttl.js';

const NOW = Date.parse('2026-11-27T10:00:00Z');
const metric = (extra: Partial<Metric> = {}): Metric => ({ name: 'success-rate', provider: { prometheus: { address: 'http://p', query: 'q{svc="{{args.svc}}"}' } }, ...extra });
const run = (spec: Partial<AnalysisRun['spec']>, status?: AnalysisRun['status']): AnalysisRun => ({ spec: { metrics: [metric()], args: [{ name: 'svc', value: 'a' }], ...spec }, ...(status ? { status } : {}) });

describe('prepareAnalysisRun (spec problems end the run in Error)', () => {
  it.each([
    { name: 'unresolved argument', run: run({ args: [] }), message: 'Unable to resolve metric arguments: failed to resolve {{args.svc}}' },
    { name: 'argument without value', run: run({ args: [{ name: 'svc' }] }), message: 'Unable to resolve metric arguments: argument "svc" was not supplied' },
    { name: 'invalid metric', run: run({ metrics: [metric({ count: 2 })] }), message: 'Analysis spec invalid: metrics[0]: interval must be specified when count > 1' },
    { name: 'no metrics', run: run({ metrics: [] }), message: 'Analysis spec invalid: no metrics specified' },
    { name: 'dry-run rule matches nothing', run: run({ dryRun: [{ metricName: 'latency' }] }), message: "Analysis spec invalid: dryRun[0]: Rule didn't match any metric name(s)" },
    { name: 'retention rule matches nothing', run: run({ measurementRetention: [{ metricName: 'latency', limit: 2 }] }), message: "Analysis spec invalid: measurementRetention[0]: Rule didn't match any metric name(s)" },
  ])('$name', ({ run: r, message }) => {
    const out = prepareAnalysisRun(r, NOW);
    expect(out.kind).toBe('error');
    if (out.kind !== 'error') return;
    expect(out.status).toEqual({ phase: P.Error, message, metricResults: [] });
    expect(out.events).toEqual([{ type: 'Warning', reason: 'AnalysisRunError', message: 'Analysis Completed. Result: Error' }]);
  });

  it('a valid run gets resolved metrics and one task', () => {
    const out = prepareAnalysisRun(run({}), NOW);
    expect(out.kind === 'ready' && out.metrics[0]?.provider.prometheus?.query).toBe('q{svc="a"}');
    expect(out.kind === 'ready' && out.tasks.map((t) => t.metricName)).toEqual(['success-rate']);
  });
});

describe('concludeAnalysisRun', () => {
  it('completes the run: phase, message, completedAt, events', () => {
    const r = run({ metrics: [metric({ failureLimit: 0 })] }, {
      phase: P.Running,
      startedAt: '2026-11-27T09:59:00Z',
      metricResults: [{ name: 'success-rate', phase: P.Running, count: 1, failed: 1, measurements: [{ phase: P.Failed, value: '[0.5]', finishedAt: '2026-11-27T10:00:00Z' }] }],
    });
    const prepared = prepareAnalysisRun(r, NOW);
    if (prepared.kind !== 'ready') throw new Error('not ready');
    const out = concludeAnalysisRun(r, prepared, NOW);
    expect(out.status).toMatchObject({ phase: P.Failed, message: 'Metric "success-rate" assessed Failed due to failed (1) > failureLimit (0)', completedAt: '2026-11-27T10:00:00Z', runSummary: { count: 1, failed: 1 }, dryRunSummary: {} });
    expect(out.events.map((e) => e.reason)).toEqual(['MetricFailed', 'AnalysisRunFailed']);
    expect(out.nextReconcileAtMs).toBeUndefined();
  });

  it('schedules the next interval while running', () => {
    const r = run({ metrics: [metric({ interval: '30s' })] }, {
      phase: P.Running,
      startedAt: '2026-11-27T09:59:00Z',
      metricResults: [{ name: 'success-rate', phase: P.Running, count: 1, successful: 1, measurements: [{ phase: P.Successful, finishedAt: '2026-11-27T10:00:00Z' }] }],
    });
    const prepared = prepareAnalysisRun(r, NOW);
    if (prepared.kind !== 'ready') throw new Error('not ready');
    const out = concludeAnalysisRun(r, prepared, NOW);
    expect(out.status.phase).toBe(P.Running);
    expect(out.nextReconcileAtMs).toBe(NOW + 30_000);
  });
});

describe('analysisRunStatusPatch', () => {
  it.each([
    { name: 'unchanged (key order ignored)', current: { phase: P.Running, runSummary: { count: 1, failed: 0 } }, next: { runSummary: { failed: 0, count: 1 }, phase: P.Running }, patch: undefined },
    { name: 'changed field only', current: { phase: P.Running, startedAt: 'x' }, next: { phase: P.Failed, startedAt: 'x' }, patch: { status: { phase: P.Failed } } },
    { name: 'removed field → null', current: { phase: P.Running, message: 'm' }, next: { phase: P.Running }, patch: { status: { message: null } } },
  ])('$name', ({ current, next, patch }) => expect(analysisRunStatusPatch(current, next)).toEqual(patch));
});

describe('TTL (upstream TestExceededTtlChecked)', () => {
  const completed = (phase: AnalysisRun['status'] extends infer S ? (S extends { phase: infer Q } ? Q : never) : never, ttl: AnalysisRun['spec']['ttlStrategy']): AnalysisRun =>
    run({ ...(ttl ? { ttlStrategy: ttl } : {}) }, { phase, completedAt: '2026-11-27T10:00:00Z' });
  it.each([
    { name: 'success TTL passed', run: completed(P.Successful, { secondsAfterSuccess: 10 }), afterSeconds: 11, exceeded: true },
    { name: 'success TTL not passed', run: completed(P.Successful, { secondsAfterSuccess: 10 }), afterSeconds: 10, exceeded: false },
    { name: 'failure TTL for Failed', run: completed(P.Failed, { secondsAfterFailure: 5, secondsAfterCompletion: 100 }), afterSeconds: 6, exceeded: true },
    { name: 'completion TTL for Error', run: completed(P.Error, { secondsAfterFailure: 5, secondsAfterCompletion: 100 }), afterSeconds: 6, exceeded: false },
    { name: 'no TTL strategy', run: completed(P.Successful, undefined), afterSeconds: 1000, exceeded: false },
    { name: 'running run is never collected', run: run({ ttlStrategy: { secondsAfterCompletion: 0 } }, { phase: P.Running }), afterSeconds: 1000, exceeded: false },
  ])('$name', ({ run: r, afterSeconds, exceeded }) => {
    expect(isAnalysisRunTtlExceeded(r, NOW + afterSeconds * 1000)).toBe(exceeded);
  });

  it('expiry time is the first whole second past the TTL', () => {
    expect(analysisRunTtlExpiresAtMs(run({ ttlStrategy: { secondsAfterSuccess: 10 } }, { phase: P.Successful, completedAt: '2026-11-27T10:00:00Z' }))).toBe(NOW + 11_000);
  });
});
