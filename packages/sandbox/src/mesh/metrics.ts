/**
 * Istio standard metrics as the sidecars export them: `istio_requests_total` (counter) and
 * `istio_request_duration_milliseconds` (histogram, Istio's default buckets), keyed by Istio's labels.
 */

/** Istio's default request-duration buckets (ms). */
export const DURATION_BUCKETS_MS = [0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000, 600000, 1800000, 3600000] as const;

export const LABEL_NAMES = [
  'reporter',
  'source_workload',
  'source_workload_namespace',
  'source_app',
  'destination_service',
  'destination_service_name',
  'destination_service_namespace',
  'destination_workload',
  'destination_workload_namespace',
  'destination_app',
  'destination_version',
  'destination_canonical_service',
  'request_protocol',
  'response_code',
  'response_flags',
  'connection_security_policy',
] as const;
export type IstioLabels = Record<(typeof LABEL_NAMES)[number], string>;

interface Series {
  readonly labels: IstioLabels;
  count: number;
  sumMs: number;
  readonly buckets: number[];
}

function escape(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function labelText(labels: IstioLabels, extra = ''): string {
  const parts = LABEL_NAMES.map((k) => `${k}="${escape(labels[k])}"`);
  return `{${parts.join(',')}${extra}}`;
}

function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 1000) / 1000);
}

export class IstioMetrics {
  private readonly series = new Map<string, Series>();

  record(labels: IstioLabels, durationMs: number): void {
    const key = LABEL_NAMES.map((k) => labels[k]).join('\u0000');
    let s = this.series.get(key);
    if (s === undefined) {
      s = { labels, count: 0, sumMs: 0, buckets: DURATION_BUCKETS_MS.map(() => 0) };
      this.series.set(key, s);
    }
    s.count++;
    s.sumMs += durationMs;
    DURATION_BUCKETS_MS.forEach((le, i) => {
      if (durationMs <= le) s.buckets[i] = (s.buckets[i] ?? 0) + 1;
    });
  }

  reset(): void {
    this.series.clear();
  }

  /** Σ count over series whose labels include every pair of `where`. */
  total(where: Partial<IstioLabels> = {}): number {
    let n = 0;
    for (const s of this.series.values()) {
      if (Object.entries(where).every(([k, v]) => s.labels[k as keyof IstioLabels] === v)) n += s.count;
    }
    return n;
  }

  /** Prometheus text exposition (format 0.0.4). */
  prometheus(): string {
    const all = [...this.series.values()];
    const out: string[] = [];
    out.push('# HELP istio_requests_total Total requests.', '# TYPE istio_requests_total counter');
    for (const s of all) out.push(`istio_requests_total${labelText(s.labels)} ${s.count}`);
    out.push('# HELP istio_request_duration_milliseconds Request duration in milliseconds.', '# TYPE istio_request_duration_milliseconds histogram');
    for (const s of all) {
      DURATION_BUCKETS_MS.forEach((le, i) => out.push(`istio_request_duration_milliseconds_bucket${labelText(s.labels, `,le="${le}"`)} ${s.buckets[i] ?? 0}`));
      out.push(`istio_request_duration_milliseconds_bucket${labelText(s.labels, ',le="+Inf"')} ${s.count}`);
      out.push(`istio_request_duration_milliseconds_sum${labelText(s.labels)} ${formatNumber(s.sumMs)}`);
      out.push(`istio_request_duration_milliseconds_count${labelText(s.labels)} ${s.count}`);
    }
    return `${out.join('\n')}\n`;
  }
}
