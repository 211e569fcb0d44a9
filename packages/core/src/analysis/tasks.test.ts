import { ANALYSIS_PHASE as P, type AnalysisRun, type Measurement, type Metric, type MetricResult } from '@serin/api';
import { describe, expect, it } from 'vitest';
import { calculateNextReconcileTime, generateMetricTasks } from './tasks.js';

const NOW = Date.parse('2026-11-27T10:00:00Z');
const at = (deltaSeconds: number): string => new Date(NOW + deltaSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
const metric = (extra: Partial<Metric> = {}): Metric => ({ name: 'm', provider: { web: { url: 'http://x' } }, ...extra });
const done = (phase: Measurement['phase'], finishedSecondsAgo: number): Measurement => ({ phase, startedAt: at(-finishedSecondsAgo), finishedAt: at(-finishedSecondsAgo) });
const run = (results: MetricResult[], extra: { terminate?: boolean; startedAt?: string } = {}): Pick<AnalysisRun, 'spec' | 'status'> => ({
  spec: { metrics: [], ...(extra.terminate ? { terminate: true } : {}) },
  status: { phase: P.Running, metricResults: results, ...(extra.startedAt ? { startedAt: extra.startedAt } : {}) },
});
const res = (extra: Partial<MetricResult>): MetricResult => ({ name: 'm', phase: P.Running, ...extra });

// parity: argo-rollouts analysis/analysis_test.go TestGenerateMetricTasks*, TestCalculateNextReconcile*
describe('generateMetricTasks', () => {
  it.each([
    { name: 'never measured → measure now', metric: metric(), run: run([]), tasks: 1, resume: false },
    { name: 'completed metric is skipped', metric: metric({ interval: '60s' }), run: run([res({ phase: P.Successful, measurements: [done(P.Successful, 120)] })]), tasks: 0, resume: false },
    { name: 'interval not yet passed', metric: metric({ interval: '60s' }), run: run([res({ count: 1, measurements: [done(P.Successful, 30)] })]), tasks: 0, resume: false },
    { name: 'interval passed', metric: metric({ interval: '60s' }), run: run([res({ count: 1, measurements: [done(P.Successful, 61)] })]), tasks: 1, resume: false },
    { name: 'count reached', metric: metric({ interval: '60s', count: 1 }), run: run([res({ count: 1, measurements: [done(P.Successful, 61)] })]), tasks: 0, resume: false },
    { name: 'no interval/count: one measurement only', metric: metric(), run: run([res({ count: 1, measurements: [done(P.Successful, 600)] })]), tasks: 0, resume: false },
    { name: 'error retries after 10 s', metric: metric({ interval: '5m' }), run: run([res({ error: 1, consecutiveError: 1, measurements: [done(P.Error, 11)] })]), tasks: 1, resume: false },
    { name: 'error retry not before 10 s', metric: metric({ interval: '5m' }), run: run([res({ error: 1, consecutiveError: 1, measurements: [done(P.Error, 9)] })]), tasks: 0, resume: false },
    { name: 'in-flight measurement is resumed', metric: metric(), run: run([res({ measurements: [{ phase: P.Running, startedAt: at(-5) }] })]), tasks: 1, resume: true },
    { name: 'in-flight waits for resumeAt', metric: metric(), run: run([res({ measurements: [{ phase: P.Running, startedAt: at(-5), resumeAt: at(5) }] })]), tasks: 0, resume: false },
    { name: 'terminating resumes in-flight at once (to terminate it)', metric: metric(), run: run([res({ measurements: [{ phase: P.Running, startedAt: at(-5), resumeAt: at(5) }] })], { terminate: true }), tasks: 1, resume: true },
    { name: 'terminating starts nothing new', metric: metric(), run: run([], { terminate: true }), tasks: 0, resume: false },
    { name: 'initialDelay without startedAt waits', metric: metric({ initialDelay: '30s' }), run: run([]), tasks: 0, resume: false },
    { name: 'initialDelay not passed', metric: metric({ initialDelay: '30s' }), run: run([], { startedAt: at(-10) }), tasks: 0, resume: false },
    { name: 'initialDelay passed', metric: metric({ initialDelay: '30s' }), run: run([], { startedAt: at(-30) }), tasks: 1, resume: false },
  ])('$name', ({ metric: m, run: r, tasks, resume }) => {
    const out = generateMetricTasks(r, [m], NOW);
    expect(out).toHaveLength(tasks);
    expect(out[0]?.incompleteMeasurement !== undefined).toBe(tasks > 0 && resume);
  });
});

describe('calculateNextReconcileTime', () => {
  it.each([
    { name: 'interval after the last finish', metrics: [metric({ interval: '30s' })], run: run([res({ count: 1, measurements: [done(P.Successful, 10)] })]), at: NOW + 20_000 },
    { name: '10 s after an error', metrics: [metric({ interval: '5m' })], run: run([res({ error: 1, measurements: [done(P.Error, 0)] })]), at: NOW + 10_000 },
    { name: 'end of initial delay', metrics: [metric({ initialDelay: '1m' })], run: run([], { startedAt: at(0) }), at: NOW + 60_000 },
    { name: 'resumeAt of an in-flight measurement', metrics: [metric()], run: run([res({ measurements: [{ phase: P.Running, startedAt: at(0), resumeAt: at(7) }] })]), at: NOW + 7_000 },
    { name: 'no interval → nothing scheduled', metrics: [metric()], run: run([res({ count: 1, measurements: [done(P.Successful, 0)] })]), at: undefined },
    { name: 'count reached → nothing scheduled', metrics: [metric({ interval: '1m', count: 1 })], run: run([res({ count: 1, measurements: [done(P.Successful, 0)] })]), at: undefined },
    {
      name: 'earliest of several metrics',
      metrics: [metric({ interval: '1m' }), { ...metric({ interval: '10s' }), name: 'fast' }],
      run: run([res({ count: 1, measurements: [done(P.Successful, 0)] }), { name: 'fast', phase: P.Running, count: 1, measurements: [done(P.Successful, 0)] }]),
      at: NOW + 10_000,
    },
  ])('$name', ({ metrics, run: r, at: expected }) => {
    expect(calculateNextReconcileTime(r, metrics, NOW)).toBe(expected);
  });
});
