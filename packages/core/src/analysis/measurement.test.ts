import { ANALYSIS_PHASE as P, type Measurement, type MetricResult } from '@serin/api';
import { describe, expect, it } from 'vitest';
import { errorMeasurement, recordMeasurement, terminatedMeasurement, trimMeasurements } from './measurement.js';

const NOW = Date.parse('2026-11-27T10:00:00Z');
const base: MetricResult = { name: 'm', phase: P.Running, count: 2, successful: 1, failed: 1, consecutiveSuccess: 0, consecutiveError: 1, error: 1, measurements: [{ phase: P.Error }] };

describe('recordMeasurement counters (upstream runMeasurements)', () => {
  it.each([
    { name: 'Successful', phase: P.Successful, counters: { count: 3, successful: 2, failed: 1, error: 1, consecutiveSuccess: 1 } },
    { name: 'Failed', phase: P.Failed, counters: { count: 3, successful: 1, failed: 2, error: 1 } },
    { name: 'Inconclusive', phase: P.Inconclusive, counters: { count: 3, successful: 1, failed: 1, error: 1, inconclusive: 1 } },
    { name: 'Error (count unchanged)', phase: P.Error, counters: { count: 2, successful: 1, failed: 1, error: 2, consecutiveError: 2 } },
    { name: 'Running (no counters move)', phase: P.Running, counters: { count: 2, successful: 1, failed: 1, error: 1, consecutiveError: 1 } },
  ])('$name', ({ phase, counters }) => {
    const out = recordMeasurement({ metricName: 'm', result: base, measurement: { phase, startedAt: '2026-11-27T09:59:59Z' }, replacesLast: false, dryRun: false, nowMs: NOW });
    const { name: _n, phase: _p, measurements, ...rest } = out;
    expect(rest).toEqual(counters);
    expect(measurements).toHaveLength(2);
    expect(measurements?.[1]?.finishedAt).toBe(phase === P.Running ? undefined : '2026-11-27T10:00:00Z');
  });

  it('a resumed measurement replaces the last one; secrets in the message are redacted', () => {
    const out = recordMeasurement({
      metricName: 'm',
      result: { name: 'm', phase: P.Running, measurements: [{ phase: P.Running }] },
      measurement: { phase: P.Error, message: 'GET http://x?token=s3cr3t failed' },
      replacesLast: true,
      dryRun: false,
      secrets: ['s3cr3t'],
      nowMs: NOW,
    });
    expect(out.measurements).toEqual([{ phase: P.Error, message: 'GET http://x?token=***** failed', finishedAt: '2026-11-27T10:00:00Z' }]);
  });

  it('the first measurement creates the result with dryRun flag and provider metadata', () => {
    const out = recordMeasurement({ metricName: 'm', result: undefined, measurement: { phase: P.Successful }, replacesLast: false, dryRun: true, metadata: { ResolvedPrometheusQuery: 'up' }, nowMs: NOW });
    expect(out).toMatchObject({ name: 'm', phase: P.Running, dryRun: true, metadata: { ResolvedPrometheusQuery: 'up' }, count: 1, successful: 1, consecutiveSuccess: 1 });
  });
});

describe('measurement helpers', () => {
  it('errorMeasurement keeps startedAt and sets finishedAt', () => {
    expect(errorMeasurement({ phase: P.Running, startedAt: '2026-11-27T09:00:00Z' }, 'boom', NOW)).toEqual({ phase: P.Error, message: 'boom', startedAt: '2026-11-27T09:00:00Z', finishedAt: '2026-11-27T10:00:00Z' });
  });

  it.each([
    { name: 'Inconclusive gets Metric Terminated', phase: P.Inconclusive, message: 'Metric Terminated' },
    { name: 'Successful gets Metric Terminated', phase: P.Successful, message: 'Metric Terminated' },
    { name: 'Error keeps its message', phase: P.Error, message: 'x' },
  ])('terminatedMeasurement: $name', ({ phase, message }) => {
    expect(terminatedMeasurement({ phase, message: 'x' }).message).toBe(message);
  });
});

describe('trimMeasurements (default 10, retention rule overrides)', () => {
  const many = (n: number): Measurement[] => Array.from({ length: n }, (_, i) => ({ phase: P.Successful, value: String(i) }));
  it.each([
    { name: 'under the default', n: 10, rule: undefined, kept: 10, trimmed: [] },
    { name: 'over the default', n: 12, rule: undefined, kept: 10, trimmed: [{ metricName: 'm', limit: 10 }] },
    { name: 'retention rule', n: 12, rule: 3, kept: 3, trimmed: [{ metricName: 'm', limit: 3 }] },
    { name: 'retention limit 0 means default', n: 12, rule: 0, kept: 10, trimmed: [{ metricName: 'm', limit: 10 }] },
  ])('$name', ({ n, rule, kept, trimmed }) => {
    const retention = new Map(rule === undefined ? [] : [['m', { metricName: 'm', limit: rule }]]);
    const out = trimMeasurements([{ name: 'm', phase: P.Running, measurements: many(n) }], retention, new Set(['m']));
    expect(out.metricResults[0]?.measurements).toHaveLength(kept);
    expect(out.metricResults[0]?.measurements?.[kept - 1]?.value).toBe(String(n - 1));
    expect(out.trimmed).toEqual(trimmed);
  });
});
