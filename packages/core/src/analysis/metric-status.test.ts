import { ANALYSIS_PHASE as P, type AnalysisPhase, type Measurement, type Metric, type MetricResult } from '@serin/api';
import { describe, expect, it } from 'vitest';
import { assessMetricFailureInconclusiveOrError, assessMetricStatus, effectiveCount, isTerminating } from './metric-status.js';

const done: Measurement = { phase: P.Failed, startedAt: '2026-11-27T10:00:00Z', finishedAt: '2026-11-27T10:00:00Z' };
const metric = (m: Partial<Metric> = {}): Metric => ({ name: 'success-rate', provider: { prometheus: { query: 'q' } }, ...m });
const result = (r: Partial<MetricResult> = {}): MetricResult => ({ name: 'success-rate', phase: P.Running, measurements: [done], ...r });

// parity: argo-rollouts analysis/analysis_test.go TestAssessMetricStatus* — rows are upstream's expectations
describe('assessMetricStatus (upstream analysis_test.go)', () => {
  it.each<{ name: string; metric: Metric; result: MetricResult; running: AnalysisPhase; terminating: AnalysisPhase }>([
    { name: 'no measurements', metric: metric(), result: result({ measurements: [] }), running: P.Pending, terminating: P.Successful },
    { name: 'in-flight measurement', metric: metric(), result: result({ measurements: [done, { phase: P.Running, startedAt: '2026-11-27T10:00:00Z' }] }), running: P.Running, terminating: P.Running },
    { name: 'completed phase stays', metric: metric(), result: result({ phase: P.Inconclusive }), running: P.Inconclusive, terminating: P.Inconclusive },
    { name: 'failed > failureLimit', metric: metric({ failureLimit: 2, interval: '60s' }), result: result({ failed: 3, count: 3 }), running: P.Failed, terminating: P.Failed },
    { name: 'failed == failureLimit keeps running', metric: metric({ failureLimit: 2, interval: '60s' }), result: result({ failed: 2, count: 2 }), running: P.Running, terminating: P.Successful },
    { name: 'inconclusive > inconclusiveLimit', metric: metric({ inconclusiveLimit: 2, interval: '60s' }), result: result({ inconclusive: 3, count: 3 }), running: P.Inconclusive, terminating: P.Inconclusive },
    { name: 'consecutiveError > default limit 4', metric: metric({ interval: '60s' }), result: result({ consecutiveError: 5, error: 5 }), running: P.Error, terminating: P.Error },
    { name: 'consecutiveError == 4 keeps running', metric: metric({ interval: '60s' }), result: result({ consecutiveError: 4, error: 4 }), running: P.Running, terminating: P.Successful },
    { name: 'Error beats Inconclusive beats Failed', metric: metric({ interval: '60s' }), result: result({ failed: 1, inconclusive: 1, consecutiveError: 5 }), running: P.Error, terminating: P.Error },
    { name: 'count reached', metric: metric({ count: 10, interval: '60s', failureLimit: 5 }), result: result({ count: 10, successful: 10 }), running: P.Successful, terminating: P.Successful },
    { name: 'count not reached', metric: metric({ count: 11, interval: '60s', failureLimit: 5 }), result: result({ count: 10, successful: 10 }), running: P.Running, terminating: P.Successful },
    { name: 'no count no interval: one measurement', metric: metric(), result: result({ count: 1, successful: 1 }), running: P.Successful, terminating: P.Successful },
    // TestAssessMetricStatusConsecutiveSuccessLimit (failureLimit -1)
    { name: 'CSL reached, indefinite', metric: metric({ failureLimit: -1, consecutiveSuccessLimit: 3, interval: '60s' }), result: result({ failed: 3, successful: 4, consecutiveSuccess: 3, count: 7 }), running: P.Successful, terminating: P.Successful },
    { name: 'CSL not reached, indefinite', metric: metric({ failureLimit: -1, consecutiveSuccessLimit: 5, interval: '60s' }), result: result({ failed: 3, successful: 4, consecutiveSuccess: 3, count: 7 }), running: P.Running, terminating: P.Successful },
    { name: 'CSL not reached at count → Failed', metric: metric({ failureLimit: -1, consecutiveSuccessLimit: 5, interval: '60s', count: 7 }), result: result({ failed: 3, successful: 4, consecutiveSuccess: 3, count: 7 }), running: P.Failed, terminating: P.Failed },
    { name: 'CSL reached at count', metric: metric({ failureLimit: -1, consecutiveSuccessLimit: 3, interval: '60s', count: 7 }), result: result({ failed: 3, successful: 4, consecutiveSuccess: 3, count: 7 }), running: P.Successful, terminating: P.Successful },
    { name: 'CSL reached before count', metric: metric({ failureLimit: -1, consecutiveSuccessLimit: 3, interval: '60s', count: 9 }), result: result({ failed: 3, successful: 4, consecutiveSuccess: 3, count: 7 }), running: P.Successful, terminating: P.Successful },
    // TestAssessMetricStatusFailureLimitAndConsecutiveSuccessLimit (failureLimit 4, CSL 4)
    { name: 'FL+CSL indefinite, neither', metric: metric({ failureLimit: 4, consecutiveSuccessLimit: 4, interval: '60s' }), result: result({ failed: 3, successful: 4, consecutiveSuccess: 3, count: 7 }), running: P.Running, terminating: P.Successful },
    { name: 'FL+CSL indefinite, FL violated', metric: metric({ failureLimit: 4, consecutiveSuccessLimit: 4, interval: '60s' }), result: result({ failed: 5, successful: 9, consecutiveSuccess: 0, count: 9 }), running: P.Failed, terminating: P.Failed },
    { name: 'FL+CSL indefinite, CSL met', metric: metric({ failureLimit: 4, consecutiveSuccessLimit: 4, interval: '60s' }), result: result({ failed: 3, successful: 5, consecutiveSuccess: 4, count: 8 }), running: P.Successful, terminating: P.Successful },
    { name: 'FL+CSL indefinite, both', metric: metric({ failureLimit: 4, consecutiveSuccessLimit: 4, interval: '60s' }), result: result({ failed: 5, successful: 5, consecutiveSuccess: 4, count: 10 }), running: P.Failed, terminating: P.Failed },
    { name: 'FL+CSL count reached, neither → Inconclusive', metric: metric({ failureLimit: 4, consecutiveSuccessLimit: 4, interval: '60s', count: 10 }), result: result({ failed: 4, successful: 6, consecutiveSuccess: 3, count: 10 }), running: P.Inconclusive, terminating: P.Inconclusive },
    { name: 'FL+CSL count reached, FL violated', metric: metric({ failureLimit: 4, consecutiveSuccessLimit: 4, interval: '60s', count: 10 }), result: result({ failed: 5, successful: 5, consecutiveSuccess: 3, count: 10 }), running: P.Failed, terminating: P.Failed },
    { name: 'FL+CSL count reached, CSL met', metric: metric({ failureLimit: 4, consecutiveSuccessLimit: 4, interval: '60s', count: 10 }), result: result({ failed: 4, successful: 6, consecutiveSuccess: 4, count: 10 }), running: P.Successful, terminating: P.Successful },
    { name: 'FL+CSL count not reached, neither', metric: metric({ failureLimit: 4, consecutiveSuccessLimit: 4, interval: '60s', count: 10 }), result: result({ failed: 3, successful: 5, consecutiveSuccess: 3, count: 8 }), running: P.Running, terminating: P.Successful },
    { name: 'FL+CSL count not reached, FL violated', metric: metric({ failureLimit: 4, consecutiveSuccessLimit: 4, interval: '60s', count: 10 }), result: result({ failed: 5, successful: 3, consecutiveSuccess: 3, count: 8 }), running: P.Failed, terminating: P.Failed },
    { name: 'FL+CSL count not reached, both', metric: metric({ failureLimit: 4, consecutiveSuccessLimit: 4, interval: '60s', count: 10 }), result: result({ failed: 5, successful: 4, consecutiveSuccess: 4, count: 9 }), running: P.Failed, terminating: P.Failed },
    { name: 'string limits ("2")', metric: metric({ failureLimit: '2', interval: '60s' }), result: result({ failed: 3, count: 3 }), running: P.Failed, terminating: P.Failed },
  ])('$name', ({ metric: m, result: r, running, terminating }) => {
    expect(assessMetricStatus(m, r, false)).toBe(running);
    expect(assessMetricStatus(m, r, true)).toBe(terminating);
  });
});

describe('assessMetricFailureInconclusiveOrError reasons (exact text)', () => {
  it.each([
    { name: 'failed', metric: metric({ failureLimit: 3 }), result: result({ failed: 4 }), phase: P.Failed, reason: 'failed (4) > failureLimit (3)' },
    { name: 'inconclusive', metric: metric({ inconclusiveLimit: 1 }), result: result({ inconclusive: 2 }), phase: P.Inconclusive, reason: 'inconclusive (2) > inconclusiveLimit (1)' },
    { name: 'errors', metric: metric({ consecutiveErrorLimit: 2 }), result: result({ consecutiveError: 3 }), phase: P.Error, reason: 'consecutiveErrors (3) > consecutiveErrorLimit (2)' },
    { name: 'failureLimit -1 disables', metric: metric({ failureLimit: -1, consecutiveSuccessLimit: 1 }), result: result({ failed: 9 }), phase: undefined, reason: '' },
    { name: 'nothing exceeded', metric: metric(), result: result({ successful: 1 }), phase: undefined, reason: '' },
  ])('$name', ({ metric: m, result: r, phase, reason }) => {
    expect(assessMetricFailureInconclusiveOrError(m, r)).toEqual(phase === undefined ? { reason } : { phase, reason });
  });
});

describe('effectiveCount', () => {
  it.each([
    { name: 'count set', metric: metric({ count: 3, interval: '1m' }), expected: 3 },
    { name: 'string count', metric: metric({ count: '5', interval: '1m' }), expected: 5 },
    { name: 'neither → 1', metric: metric(), expected: 1 },
    { name: 'count 0 without interval → 1', metric: metric({ count: 0 }), expected: 1 },
    { name: 'only interval → unlimited', metric: metric({ interval: '1m' }), expected: undefined },
  ])('$name', ({ metric: m, expected }) => expect(effectiveCount(m)).toBe(expected));
});

describe('isTerminating', () => {
  it.each([
    { name: 'spec.terminate', terminate: true, results: [], expected: true },
    { name: 'a metric Failed', terminate: false, results: [result({ phase: P.Failed })], expected: true },
    { name: 'a metric Inconclusive', terminate: false, results: [result({ phase: P.Inconclusive })], expected: true },
    { name: 'a dry-run metric Failed', terminate: false, results: [result({ phase: P.Failed, dryRun: true })], expected: false },
    { name: 'all running', terminate: false, results: [result()], expected: false },
  ])('$name', ({ terminate, results, expected }) => {
    expect(isTerminating({ spec: { metrics: [], terminate }, status: { phase: P.Running, metricResults: results } })).toBe(expected);
  });
});
