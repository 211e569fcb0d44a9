import { describe, expect, it } from 'vitest';
import { type Sample, parseIstioTotals, windowRate } from './success-rate.mjs';

const line = (reporter: string, service: string, code: string, value: number): string =>
  `istio_requests_total{reporter="${reporter}",source_workload="loadgen",destination_service_name="${service}",destination_service_namespace="demo",response_code="${code}",response_flags="-"} ${value}`;

describe('parseIstioTotals', () => {
  it('sums destination-reported requests per namespace/service and counts non-5xx as ok', () => {
    const text = [
      '# HELP istio_requests_total Total requests.',
      line('destination', 'demo-canary', '200', 30),
      line('destination', 'demo-canary', '500', 10),
      line('source', 'demo-canary', '200', 999),
      line('destination', 'demo-stable', '200', 60),
      'istio_request_duration_milliseconds_count{reporter="destination"} 5',
    ].join('\n');
    const totals = parseIstioTotals(text);
    expect(totals.get('demo/demo-canary')).toEqual({ total: 40, ok: 30 });
    expect(totals.get('demo/demo-stable')).toEqual({ total: 60, ok: 60 });
    expect(totals.size).toBe(2);
  });
});

describe('windowRate', () => {
  const at = (atMs: number, total: number, ok: number): Sample => ({ atMs, totals: new Map([['demo/demo-canary', { total, ok }]]) });
  it.each([
    { name: 'half of the new requests failed → 0.5', samples: [at(0, 100, 100), at(5000, 140, 120)], want: { requests: 40, successRate: 0.5 } },
    { name: 'samples older than the window are not the base', samples: [at(0, 0, 0), at(20_000, 100, 100), at(25_000, 110, 110)], want: { requests: 10, successRate: 1 } },
    { name: 'no new requests → no rate', samples: [at(0, 50, 50), at(5000, 50, 50)], want: { requests: 0, successRate: undefined } },
  ])('$name', ({ samples, want }) => {
    expect(windowRate(samples, 'demo/demo-canary', 10_000)).toEqual(want);
  });

  it('an unknown service has no requests', () => {
    expect(windowRate([at(0, 1, 1), at(1000, 2, 2)], 'demo/other', 10_000)).toEqual({ requests: 0, successRate: undefined });
  });
});
