/**
 * The Prometheus provider's requests (form fields, headers, basic auth, address path prefix, range parameters),
 * checked against a recording HTTP server that answers like the Prometheus API.
 */
import { type IncomingMessage, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ANALYSIS_PHASE as P, type AnalysisRun, type Metric } from '@serin/api';
import { FakeClock } from '@serin/kube';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HttpClient, type HttpRequest, nodeHttpClient } from './http.js';
import { prometheusProvider } from './prometheus.js';

interface Seen {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  form: URLSearchParams;
}

let server: Server;
let base = '';
const seen: Seen[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, form: new URLSearchParams(body) });
      const warnings = req.headers['x-want-warnings'] === 'yes' ? { warnings: ['PromQL info: metric might not be a counter'] } : {};
      res.setHeader('Content-Type', 'application/json').end(JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [{ metric: {}, value: [1, '0.99'] }] }, ...warnings }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const NOW = Date.parse('2026-11-27T10:00:00.500Z');
const clock = new FakeClock(NOW);
const run: AnalysisRun = { metadata: { name: 'r', namespace: 'default', uid: 'u' }, spec: { metrics: [] } };
const metric = (prometheus: Record<string, unknown>): Metric => ({ name: 'm', successCondition: 'result[0] > 0.9', provider: { prometheus: { address: base, query: 'up', ...prometheus } } });

describe('prometheus provider requests', () => {
  it('instant query: POST /api/v1/query with query and time (unix seconds)', async () => {
    seen.length = 0;
    const out = await prometheusProvider({ http: nodeHttpClient, clock }).run(run, metric({}));
    expect(out).toMatchObject({ phase: P.Successful, value: '[0.99]' });
    expect(seen).toHaveLength(1);
    expect({ method: seen[0]?.method, path: seen[0]?.path, query: seen[0]?.form.get('query'), time: seen[0]?.form.get('time') }).toEqual({ method: 'POST', path: '/api/v1/query', query: 'up', time: String(NOW / 1000) });
  });

  it('a path prefix in the address is kept; headers and basic auth are sent', async () => {
    seen.length = 0;
    await prometheusProvider({ http: nodeHttpClient, clock }).run(run, metric({ address: `${base}/prom/`, headers: [{ key: 'X-Scope-OrgID', value: 'tenant-1' }], authentication: { basicAuth: { username: 'u', password: 'p' } } }));
    expect(seen[0]?.path).toBe('/prom/api/v1/query');
    expect(seen[0]?.headers['x-scope-orgid']).toBe('tenant-1');
    expect(seen[0]?.headers.authorization).toBe(`Basic ${Buffer.from('u:p').toString('base64')}`);
  });

  it('range query: start/end from expressions over now(), step in seconds', async () => {
    seen.length = 0;
    await prometheusProvider({ http: nodeHttpClient, clock }).run(run, metric({ rangeQuery: { start: 'now() - duration("10m")', end: 'now()', step: '1m' } }));
    expect(seen[0]?.path).toBe('/api/v1/query_range');
    expect({ start: seen[0]?.form.get('start'), end: seen[0]?.form.get('end'), step: seen[0]?.form.get('step') }).toEqual({ start: String((NOW - 600_000) / 1000), end: String(NOW / 1000), step: '60' });
  });

  it('the default address (ARGO_ROLLOUTS_PROMETHEUS_ADDRESS) is used when the metric has none', async () => {
    seen.length = 0;
    const out = await prometheusProvider({ http: nodeHttpClient, clock, defaultAddress: base }).run(run, metric({ address: '' }));
    expect(out.phase).toBe(P.Successful);
    expect(seen).toHaveLength(1);
  });

  it('warnings go to measurement metadata', async () => {
    const out = await prometheusProvider({ http: nodeHttpClient, clock }).run(run, metric({ headers: [{ key: 'X-Want-Warnings', value: 'yes' }] }));
    expect(out.metadata).toEqual({ warnings: '"PromQL info: metric might not be a counter"' });
  });

  it('the resolved query is the metric result metadata', () => {
    expect(prometheusProvider({ http: nodeHttpClient, clock }).metadata(metric({ query: 'sum(x)' }))).toEqual({ ResolvedPrometheusQuery: 'sum(x)' });
  });
});

describe('prometheus provider: GET fallback and Error measurements (scripted HTTP)', () => {
  const vector = JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [{ metric: {}, value: [1, '0.99'] }] }, warnings: ['w'] });
  const scripted = (postStatus: number) => {
    const requests: HttpRequest[] = [];
    const http: HttpClient = async (req) => {
      requests.push(req);
      return req.method === 'POST' ? { status: postStatus, body: 'method not allowed', headers: {} } : { status: 200, body: vector, headers: {} };
    };
    return { http, requests };
  };

  // parity: prometheus/client_golang api/prometheus/v1/api.go DoGetFallback
  it.each([
    { name: '405 Method Not Allowed', status: 405 },
    { name: '501 Not Implemented', status: 501 },
    { name: '403 Forbidden', status: 403 },
  ])('POST answered $name → the same form as a GET query string', async ({ status }) => {
    const { http, requests } = scripted(status);
    const out = await prometheusProvider({ http, clock }).run(run, metric({ address: 'http://prom:9090', headers: [{ key: 'X-Scope-OrgID', value: 't' }] }));
    expect(out).toMatchObject({ phase: P.Successful, value: '[0.99]' });
    expect(requests.map((r) => r.method)).toEqual(['POST', 'GET']);
    const get = new URL(requests[1]?.url ?? '');
    expect({ path: get.pathname, query: get.searchParams.get('query'), time: get.searchParams.get('time'), body: requests[1]?.body }).toEqual({ path: '/api/v1/query', query: 'up', time: String(NOW / 1000), body: undefined });
    expect(requests[1]?.headers).toEqual({ 'X-Scope-OrgID': 't' });
    expect(requests[0]?.body).toBe(get.search.slice(1));
  });

  it('the form is encoded as Go url.Values.Encode: keys sorted, * escaped, ~ kept, space as +', async () => {
    const { http, requests } = scripted(200);
    await prometheusProvider({ http, clock }).run(run, metric({ address: 'http://prom:9090', query: 'sum(rate(x{a=~"b"}[5m])) * 100', rangeQuery: { start: 'now()', end: 'now()', step: '1m' } }));
    expect(requests[0]?.body).toBe(`end=${NOW / 1000}&query=sum%28rate%28x%7Ba%3D~%22b%22%7D%5B5m%5D%29%29+%2A+100&start=${NOW / 1000}&step=60`);
  });

  it('other failures are not retried', async () => {
    const { http, requests } = scripted(404);
    const out = await prometheusProvider({ http, clock }).run(run, metric({ address: 'http://prom:9090' }));
    expect(out).toMatchObject({ phase: P.Error, message: 'client_error: client error: 404' });
    expect(requests).toHaveLength(1);
  });

  // parity: argo-rollouts prometheus.go Run sets Value (and warnings) only after processResponse succeeded
  it('a condition that cannot be evaluated → Error without value or warnings', async () => {
    const http: HttpClient = async () => ({ status: 200, body: vector, headers: {} });
    const out = await prometheusProvider({ http, clock }).run(run, { ...metric({ address: 'http://prom:9090' }), successCondition: 'result.nope > 1' });
    expect(out.phase).toBe(P.Error);
    expect(out.message).toBeTruthy();
    expect(out).not.toHaveProperty('value');
    expect(out).not.toHaveProperty('metadata');
  });

  it.each([
    { name: '204 No Content', status: 204, body: '' },
    { name: 'a success document without data', status: 200, body: '{"status":"success"}' },
  ])('$name → Go\'s json.Unmarshal of no bytes', async ({ status, body }) => {
    const http: HttpClient = async () => ({ status, body, headers: {} });
    const out = await prometheusProvider({ http, clock }).run(run, metric({ address: 'http://prom:9090' }));
    expect(out).toMatchObject({ phase: P.Error, message: 'unexpected end of JSON input' });
  });

  it('a 400 whose document says success → bad_response: inconsistent body for response code', async () => {
    const http: HttpClient = async () => ({ status: 400, body: vector, headers: {} });
    const out = await prometheusProvider({ http, clock }).run(run, metric({ address: 'http://prom:9090' }));
    expect(out).toMatchObject({ phase: P.Error, message: 'bad_response: inconsistent body for response code' });
  });
});
