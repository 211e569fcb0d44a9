import { describe, expect, it } from 'vitest';
import type { Metric } from '../types/analysis-template.js';
import { validateMetrics } from './validate-metrics.js';

const aMetric = (overrides: Partial<Metric> = {}): Metric => ({
  name: 'success-rate',
  provider: { prometheus: { address: 'http://prometheus', query: 'q' } },
  ...overrides,
});

describe('validateMetrics (upstream ValidateMetrics texts)', () => {
  it.each([
    { name: 'valid single measurement', metrics: [aMetric()], error: undefined },
    { name: 'valid repeated measurement', metrics: [aMetric({ count: 5, interval: '1m', failureLimit: 1 })], error: undefined },
    { name: 'no metrics', metrics: [], error: 'no metrics specified' },
    { name: 'duplicate name', metrics: [aMetric(), aMetric()], error: "metrics[1]: duplicate name 'success-rate'" },
    {
      name: 'count below failureLimit + consecutiveSuccessLimit',
      metrics: [aMetric({ count: 1, failureLimit: 2 })],
      error: 'metrics[0]: count (1) must be >= failureLimit + consecutiveSuccessLimit (2 + 0) if both >= 0',
    },
    {
      name: 'count below consecutiveSuccessLimit with failureLimit disabled',
      metrics: [aMetric({ count: 2, interval: '1m', failureLimit: -1, consecutiveSuccessLimit: 3 })],
      error: 'metrics[0]: count must be >= consecutiveSuccessLimit',
    },
    { name: 'count below inconclusiveLimit', metrics: [aMetric({ count: 1, inconclusiveLimit: 2 })], error: 'metrics[0]: count must be >= inconclusiveLimit' },
    {
      name: 'bad interval',
      metrics: [aMetric({ interval: '60s-typo' })],
      error: 'metrics[0]: invalid interval string: time: unknown unit "s-typo" in duration "60s-typo"',
    },
    {
      name: 'bad initialDelay',
      metrics: [aMetric({ initialDelay: '1d' })],
      error: 'metrics[0]: invalid startDelay string: time: unknown unit "d" in duration "1d"',
    },
    { name: 'count > 1 without interval', metrics: [aMetric({ count: 2 })], error: 'metrics[0]: interval must be specified when count > 1' },
    { name: 'failureLimit below -1', metrics: [aMetric({ failureLimit: -2 })], error: 'metrics[0]: failureLimit must be >= 0, or -1 to be disabled' },
    { name: 'negative inconclusiveLimit', metrics: [aMetric({ inconclusiveLimit: -1 })], error: 'metrics[0]: inconclusiveLimit must be >= 0' },
    { name: 'negative consecutiveErrorLimit', metrics: [aMetric({ consecutiveErrorLimit: '-1' })], error: 'metrics[0]: consecutiveErrorLimit must be >= 0' },
    { name: 'negative consecutiveSuccessLimit', metrics: [aMetric({ consecutiveSuccessLimit: -1 })], error: 'metrics[0]: consecutiveSuccessLimit must be >= 0' },
    {
      name: 'both limits disabled',
      metrics: [aMetric({ failureLimit: -1 })],
      error: 'metrics[0]: failureLimit and consecutiveSuccessLimit cannot both be disabled',
    },
    { name: 'no provider', metrics: [aMetric({ provider: {} })], error: 'metrics[0]: no provider specified' },
    {
      name: 'two providers',
      metrics: [aMetric({ provider: { prometheus: { query: 'q' }, web: { url: 'http://x' } } })],
      error: 'metrics[0]: multiple providers specified',
    },
    {
      name: 'two plugins',
      metrics: [aMetric({ provider: { plugin: { 'a/one': {}, 'a/two': {} } } })],
      error: 'metrics[0]: multiple providers specified',
    },
    { name: 'one plugin', metrics: [aMetric({ provider: { plugin: { 'a/one': {} } } })], error: undefined },
  ])('$name', ({ metrics, error }) => {
    expect(validateMetrics(metrics)).toBe(error);
  });
});
