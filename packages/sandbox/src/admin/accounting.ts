import type { RequestInfo } from './request-info.js';

/** Latency bucket upper bounds in seconds (a subset of apiserver_request_duration_seconds' buckets). */
export const LATENCY_BUCKETS_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

export interface RequestCount {
  verb: string;
  group: string;
  resource: string;
  subresource: string;
  userAgent: string;
  /** HTTP status → count. */
  codes: Record<string, number>;
  count: number;
  /** Cumulative counts per bucket bound (`le`), watches excluded (they last as long as the stream). */
  latency: { buckets: Record<string, number>; sumSeconds: number; count: number };
}

export interface RequestsSnapshot {
  total: number;
  /** Writes (create/update/patch/delete/deletecollection), all agents. */
  writes: number;
  requests: RequestCount[];
}

/**
 * Request accounting per verb × resource × user agent: counts by status code and a latency histogram. Serves
 * `/serin/requests` (JSON) and `/metrics` (Prometheus text, `serin_sandbox_requests_total` and
 * `serin_sandbox_request_duration_seconds`). Benchmarks use it to count a controller's API writes exactly.
 */
export class RequestAccounting {
  #rows = new Map<string, RequestCount>();

  record(info: RequestInfo, userAgent: string, code: number, durationSeconds: number): void {
    const key = JSON.stringify([info.verb, info.group, info.resource, info.subresource, userAgent]);
    let row = this.#rows.get(key);
    if (row === undefined) {
      const buckets = Object.fromEntries([...LATENCY_BUCKETS_SECONDS.map((b) => [String(b), 0]), ['+Inf', 0]]);
      row = { verb: info.verb, group: info.group, resource: info.resource, subresource: info.subresource, userAgent, codes: {}, count: 0, latency: { buckets, sumSeconds: 0, count: 0 } };
      this.#rows.set(key, row);
    }
    row.count++;
    row.codes[String(code)] = (row.codes[String(code)] ?? 0) + 1;
    if (info.verb === 'watch') return;
    row.latency.count++;
    row.latency.sumSeconds += durationSeconds;
    for (const bound of LATENCY_BUCKETS_SECONDS) if (durationSeconds <= bound) row.latency.buckets[String(bound)] = (row.latency.buckets[String(bound)] ?? 0) + 1;
    row.latency.buckets['+Inf'] = (row.latency.buckets['+Inf'] ?? 0) + 1;
  }

  reset(): void {
    this.#rows = new Map();
  }

  snapshot(): RequestsSnapshot {
    const requests = [...this.#rows.values()].map((r) => structuredClone(r));
    requests.sort((a, b) => (a.resource + a.verb + a.userAgent).localeCompare(b.resource + b.verb + b.userAgent));
    const total = requests.reduce((n, r) => n + r.count, 0);
    const writes = requests.filter((r) => ['create', 'update', 'patch', 'delete', 'deletecollection'].includes(r.verb)).reduce((n, r) => n + r.count, 0);
    return { total, writes, requests };
  }

  /** Requests matching every given field (e.g. `{ verb: 'list', resource: 'pods' }`). */
  count(match: Partial<Pick<RequestCount, 'verb' | 'group' | 'resource' | 'subresource' | 'userAgent'>>): number {
    let n = 0;
    for (const r of this.#rows.values()) {
      if (Object.entries(match).every(([k, v]) => r[k as keyof typeof match] === v)) n += r.count;
    }
    return n;
  }

  /** Prometheus text exposition format 0.0.4. */
  prometheus(): string {
    const lines: string[] = [
      '# HELP serin_sandbox_requests_total Requests served, by verb, group, resource, subresource, user agent and code.',
      '# TYPE serin_sandbox_requests_total counter',
    ];
    const rows = this.snapshot().requests;
    for (const r of rows) {
      for (const [code, n] of Object.entries(r.codes)) lines.push(`serin_sandbox_requests_total{${labels(r)},code="${code}"} ${n}`);
    }
    lines.push('# HELP serin_sandbox_request_duration_seconds Response latency (watches excluded).', '# TYPE serin_sandbox_request_duration_seconds histogram');
    for (const r of rows) {
      if (r.latency.count === 0) continue;
      for (const [le, n] of Object.entries(r.latency.buckets)) lines.push(`serin_sandbox_request_duration_seconds_bucket{${labels(r)},le="${le}"} ${n}`);
      lines.push(`serin_sandbox_request_duration_seconds_sum{${labels(r)}} ${r.latency.sumSeconds}`);
      lines.push(`serin_sandbox_request_duration_seconds_count{${labels(r)}} ${r.latency.count}`);
    }
    return `${lines.join('\n')}\n`;
  }
}

function labels(r: RequestCount): string {
  const esc = (v: string): string => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
  return `verb="${esc(r.verb)}",group="${esc(r.group)}",resource="${esc(r.resource)}",subresource="${esc(r.subresource)}",user_agent="${esc(r.userAgent)}"`;
}
