// Success rate of a Service from Istio's `istio_requests_total` (reporter="destination"), computed from
// counter samples over a sliding window — the fallback metric source when Prometheus is not installed.
//   rate(svc) = Δ non-5xx requests / Δ all requests over the last `windowMs`

/** Sum `istio_requests_total{reporter="destination"}` per `namespace/service`: { total, ok }. */
export function parseIstioTotals(text) {
  const totals = new Map();
  for (const line of text.split('\n')) {
    if (!line.startsWith('istio_requests_total{')) continue;
    const close = line.lastIndexOf('}');
    const labels = Object.fromEntries([...line.slice(line.indexOf('{') + 1, close).matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    if (labels.reporter !== 'destination') continue;
    const value = Number(line.slice(close + 1).trim().split(/\s+/)[0]);
    if (!Number.isFinite(value)) continue;
    const key = `${labels.destination_service_namespace}/${labels.destination_service_name}`;
    const t = totals.get(key) ?? { total: 0, ok: 0 };
    t.total += value;
    if (!String(labels.response_code ?? '').startsWith('5')) t.ok += value;
    totals.set(key, t);
  }
  return totals;
}

/** Samples `{ atMs, totals }`, oldest first; the rate between the newest and the oldest within the window. */
export function windowRate(samples, key, windowMs) {
  const newest = samples[samples.length - 1];
  if (newest === undefined) return undefined;
  const oldest = samples.find((s) => newest.atMs - s.atMs <= windowMs) ?? newest;
  const a = oldest.totals.get(key) ?? { total: 0, ok: 0 };
  const b = newest.totals.get(key) ?? { total: 0, ok: 0 };
  const requests = b.total - a.total;
  if (requests <= 0) return { requests: 0, successRate: undefined };
  return { requests, successRate: (b.ok - a.ok) / requests };
}
