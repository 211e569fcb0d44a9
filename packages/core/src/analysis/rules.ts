/**
 * Dry-run and measurement-retention rule matching: `metricName` is an unanchored regular expression (`.*` = all);
 * a rule that matches no metric is a spec error.
 * parity: argo-rollouts utils/analysis/helpers.go GetDryRunMetrics, GetMeasurementRetentionMetrics
 * Known difference: patterns are JavaScript regular expressions, not RE2 (the common subset behaves the same);
 * an invalid pattern matches nothing, as Go's ignored MatchString error does.
 */
import type { DryRun, MeasurementRetention, Metric } from '@serin/api';
import type { Resolved } from './args.js';

function matches(pattern: string, name: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(name);
  } catch {
    return false;
  }
}

/** Names of dry-run metrics; `dryRun[<i>]: Rule didn't match any metric name(s)` when a rule matches nothing. */
export function dryRunMetricNames(rules: readonly DryRun[] | undefined, metrics: readonly Metric[]): Resolved<ReadonlySet<string>> {
  const names = new Set<string>();
  for (const [i, rule] of (rules ?? []).entries()) {
    const matched = metrics.filter((m) => matches(rule.metricName, m.name));
    if (matched.length === 0) return { ok: false, error: `dryRun[${i}]: Rule didn't match any metric name(s)` };
    for (const m of matched) names.add(m.name);
  }
  return { ok: true, value: names };
}

/**
 * Retention rule per metric name (the last matching rule wins);
 * `measurementRetention[<i>]: Rule didn't match any metric name(s)` when a rule matches nothing.
 */
export function measurementRetentionByMetric(rules: readonly MeasurementRetention[] | undefined, metrics: readonly Metric[]): Resolved<ReadonlyMap<string, MeasurementRetention>> {
  const byName = new Map<string, MeasurementRetention>();
  for (const [i, rule] of (rules ?? []).entries()) {
    const matched = metrics.filter((m) => matches(rule.metricName, m.name));
    if (matched.length === 0) return { ok: false, error: `measurementRetention[${i}]: Rule didn't match any metric name(s)` };
    for (const m of matched) byName.set(m.name, rule);
  }
  return { ok: true, value: byName };
}
