/**
 * AnalysisRun / AnalysisTemplate metric validation; returns the first problem as upstream's error text
 * (a run with an invalid spec ends in phase Error with `Analysis spec invalid: <text>`).
 * parity: argo-rollouts utils/analysis/factory.go ValidateMetrics, ValidateMetric — keep check order
 */
import type { Metric } from '../types/analysis-template.js';
import type { MetricProvider } from '../types/metric-providers.js';
import { intOrStringValue } from '../defaults/defaults.js';
import { parseGoDuration } from '../duration.js';

const SINGLE_PROVIDERS = [
  'prometheus',
  'job',
  'web',
  'wavefront',
  'kayenta',
  'datadog',
  'newRelic',
  'cloudWatch',
  'graphite',
  'influxdb',
  'skywalking',
] as const satisfies ReadonlyArray<keyof MetricProvider>;

/** Number of providers set; each entry of `plugin` counts as one. */
function providerCount(provider: MetricProvider): number {
  const builtIn = SINGLE_PROVIDERS.filter((key) => provider[key] !== undefined).length;
  return builtIn + Object.keys(provider.plugin ?? {}).length;
}

/** One metric: limits, count/interval consistency, durations, exactly one provider. `undefined` = valid. */
export function validateMetric(metric: Metric): string | undefined {
  const count = metric.count === undefined ? 0 : intOrStringValue(metric.count);
  const failureLimit = metric.failureLimit === undefined ? 0 : intOrStringValue(metric.failureLimit);
  const consecutiveSuccessLimit =
    metric.consecutiveSuccessLimit === undefined ? 0 : intOrStringValue(metric.consecutiveSuccessLimit);
  const inconclusiveLimit = metric.inconclusiveLimit === undefined ? 0 : intOrStringValue(metric.inconclusiveLimit);

  if (consecutiveSuccessLimit < 0) return 'consecutiveSuccessLimit must be >= 0';
  if (failureLimit < -1) return 'failureLimit must be >= 0, or -1 to be disabled';
  if (consecutiveSuccessLimit === 0 && failureLimit === -1) {
    return 'failureLimit and consecutiveSuccessLimit cannot both be disabled';
  }
  if (inconclusiveLimit < 0) return 'inconclusiveLimit must be >= 0';
  if (metric.consecutiveErrorLimit !== undefined && intOrStringValue(metric.consecutiveErrorLimit) < 0) {
    return 'consecutiveErrorLimit must be >= 0';
  }
  if (count > 0) {
    if (consecutiveSuccessLimit >= 0 && failureLimit >= 0) {
      if (count < failureLimit + consecutiveSuccessLimit) {
        return `count (${count}) must be >= failureLimit + consecutiveSuccessLimit (${failureLimit} + ${consecutiveSuccessLimit}) if both >= 0`;
      }
    } else if (consecutiveSuccessLimit >= 0 && failureLimit < 0 && count < consecutiveSuccessLimit) {
      return 'count must be >= consecutiveSuccessLimit';
    }
    if (count < inconclusiveLimit) return 'count must be >= inconclusiveLimit';
  }
  if (count > 1 && !metric.interval) return 'interval must be specified when count > 1';
  if (metric.interval) {
    const interval = parseGoDuration(metric.interval);
    if ('error' in interval) return `invalid interval string: ${interval.error}`;
  }
  if (metric.initialDelay) {
    const delay = parseGoDuration(metric.initialDelay);
    if ('error' in delay) return `invalid startDelay string: ${delay.error}`;
  }
  const providers = providerCount(metric.provider);
  if (providers === 0) return 'no provider specified';
  if (providers > 1) return 'multiple providers specified';
  return undefined;
}

/** All metrics: at least one, unique names, each valid (`metrics[<i>]: …`). `undefined` = valid. */
export function validateMetrics(metrics: readonly Metric[]): string | undefined {
  if (metrics.length === 0) return 'no metrics specified';
  const names = new Set<string>();
  for (const [i, metric] of metrics.entries()) {
    if (names.has(metric.name)) return `metrics[${i}]: duplicate name '${metric.name}'`;
    names.add(metric.name);
    const error = validateMetric(metric);
    if (error !== undefined) return `metrics[${i}]: ${error}`;
  }
  return undefined;
}
