/**
 * Web provider against a real local HTTP server (node:http on a free loopback port), and one AnalysisRun
 * reconciled end to end through it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { ANALYSIS_PHASE as P, type AnalysisRun, type Metric } from '@serin/api';
import { FakeClock, MemoryEventRecorder } from '@serin/kube';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnalysisRunReconciler } from './analysis-run-reconciler.js';
import { createMetricProviders } from './providers.js';
import { FakeAnalysisRuns, secretReader } from './testing.js';
import { webProvider } from './web.js';
import { nodeHttpClient } from './http.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

let server: Server;
let base = '';
const seen: Seen[] = [];

const routes: Record<string, (res: ServerResponse) => void> = {
  '/ok': (res) => res.setHeader('Content-Type', 'application/json').end(JSON.stringify({ data: { ok: true, successPercent: 0.97 }, results: [{ value: 0.42 }] })),
  '/degraded': (res) => res.end(JSON.stringify({ data: { ok: false, successPercent: 0.5 } })),
  '/null': (res) => res.end(JSON.stringify({ data: null })),
  '/unsorted': (res) => res.end('{"b":1,"a":"<x>"}'),
  '/text': (res) => res.end('all good'),
  '/boom': (res) => res.writeHead(500).end('internal'),
  '/missing': (res) => res.writeHead(404).end(),
  '/protected': (res) => {
    const auth = seen[seen.length - 1]?.headers.authorization;
    if (auth === 'Bearer t0k3n') res.end('{"ok":true}');
    else res.writeHead(403).end();
  },
  '/token': (res) => {
    const last = seen[seen.length - 1];
    const good = last?.headers.authorization === `Basic ${Buffer.from('client:s3cret').toString('base64')}` && last.body.includes('grant_type=client_credentials') && last.body.includes('scope=read+write');
    if (good) res.setHeader('Content-Type', 'application/json').end('{"access_token":"t0k3n","token_type":"bearer"}');
    else res.writeHead(401).end('{"error":"invalid_client"}');
  },
  '/slow': (res) => {
    setTimeout(() => res.end('{}'), 3_000).unref();
  },
};

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const path = (req.url ?? '').split('?')[0] ?? '';
      const route = routes[path];
      if (route === undefined) res.writeHead(404).end();
      else route(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const clock = new FakeClock(Date.parse('2026-11-27T10:00:00Z'));
const provider = webProvider({ http: nodeHttpClient, clock });
const run: AnalysisRun = { metadata: { name: 'r', namespace: 'default', uid: 'u' }, spec: { metrics: [] } };
const metric = (web: Partial<NonNullable<Metric['provider']['web']>>, extra: Partial<Metric> = {}): Metric => ({ name: 'web', provider: { web: { url: `${base}/ok`, ...web } }, ...extra });

describe('web provider against a local HTTP server', () => {
  it.each([
    { name: 'jsonPath bool + condition', metric: () => metric({ jsonPath: '{$.data.ok}' }, { successCondition: 'result == true' }), phase: P.Successful, value: 'true', message: undefined },
    { name: 'seed condition on {$.data}', metric: () => metric({ jsonPath: '{$.data}' }, { successCondition: 'result.ok && result.successPercent >= 0.90' }), phase: P.Successful, value: '{"ok":true,"successPercent":0.97}', message: undefined },
    { name: 'seed condition fails on degraded data', metric: () => metric({ url: `${base}/degraded`, jsonPath: '{$.data}' }, { successCondition: 'result.ok && result.successPercent >= 0.90' }), phase: P.Failed, value: '{"ok":false,"successPercent":0.5}', message: undefined },
    { name: 'failureCondition true → Failed', metric: () => metric({ jsonPath: '{$.results[0].value}' }, { failureCondition: 'result < 0.5' }), phase: P.Failed, value: '0.42', message: undefined },
    { name: 'no conditions → Successful', metric: () => metric({}), phase: P.Successful, value: '{"data":{"ok":true,"successPercent":0.97},"results":[{"value":0.42}]}', message: undefined },
    // parity: webmetric.go getValue json.Marshal — sorted map keys, HTML-safe strings
    { name: 'value is Go JSON: sorted keys, HTML escapes', metric: () => metric({ url: `${base}/unsorted`, jsonPath: '{$}' }), phase: P.Successful, value: '{"a":"\\u003cx\\u003e","b":1}', message: undefined },
    { name: 'a selected string is quoted and escaped', metric: () => metric({ url: `${base}/unsorted`, jsonPath: '{$.a}' }, { successCondition: 'result == "<x>"' }), phase: P.Successful, value: '"\\u003cx\\u003e"', message: undefined },
    { name: 'non-JSON body: condition error → no value', metric: () => metric({ url: `${base}/text` }, { successCondition: 'result.nope == 1' }), phase: P.Error, value: undefined, message: expect.stringContaining('could not evaluate successCondition') as unknown as string },
    { name: 'non-JSON body is a string result', metric: () => metric({ url: `${base}/text` }, { successCondition: 'result == "all good"' }), phase: P.Successful, value: 'all good', message: undefined },
    { name: 'non-2xx', metric: () => metric({ url: `${base}/boom` }), phase: P.Error, value: undefined, message: 'received non 2xx response code: 500' },
    { name: '404', metric: () => metric({ url: `${base}/missing` }), phase: P.Error, value: undefined, message: 'received non 2xx response code: 404' },
    { name: 'jsonPath naming a missing key', metric: () => metric({ jsonPath: '{$.data.nope}' }), phase: P.Error, value: undefined, message: 'Could not find JSONPath in body: nope is not found' },
    {
      name: 'nil result',
      metric: () => metric({ url: `${base}/null`, jsonPath: '{$.data}' }, { successCondition: 'result.ok == true' }),
      phase: P.Error,
      value: undefined, // upstream sets the value only after the condition evaluated
      message: 'could not evaluate successCondition "result.ok == true": metric result is nil or empty: no data returned from the metric provider',
    },
    { name: 'body with GET', metric: () => metric({ body: 'x' }), phase: P.Error, value: undefined, message: 'Body/JSONBody can only be used with POST or PUT WebMetric Method types' },
    { name: 'body and jsonBody', metric: () => metric({ method: 'POST', body: 'x', jsonBody: { a: 1 } }), phase: P.Error, value: undefined, message: 'use either Body or JSONBody; both cannot exists for WebMetric payload' },
  ])('$name', async ({ metric: m, phase, value, message }) => {
    const out = await provider.run(run, m());
    expect({ phase: out.phase, value: out.value, message: out.message }).toEqual({ phase, value, message });
    expect(out.startedAt).toBe('2026-11-27T10:00:00Z');
    expect(out.finishedAt).toBe('2026-11-27T10:00:00Z');
  });

  it('POST jsonBody sends JSON with Content-Type and the custom headers', async () => {
    seen.length = 0;
    const out = await provider.run(run, metric({ method: 'POST', jsonBody: { query: 'x', n: 1 }, headers: [{ key: 'X-Tenant', value: 'blue' }] }));
    expect(out.phase).toBe(P.Successful);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/ok', body: '{"query":"x","n":1}' });
    expect(seen[0]?.headers['content-type']).toBe('application/json');
    expect(seen[0]?.headers['x-tenant']).toBe('blue');
  });

  it.each([
    { name: 'client credentials → bearer token', secret: 's3cret', phase: P.Successful, message: undefined },
    { name: 'rejected credentials', secret: 'wrong', phase: P.Error, message: 'oauth2: cannot fetch token: 401 Unauthorized\nResponse: {"error":"invalid_client"}' },
  ])('OAuth2: $name', async ({ secret, phase, message }) => {
    const out = await provider.run(run, metric({ url: `${base}/protected`, jsonPath: '{$.ok}', authentication: { oauth2: { tokenUrl: `${base}/token`, clientId: 'client', clientSecret: secret, scopes: ['read', 'write'] } } }, { successCondition: 'result == true' }));
    expect({ phase: out.phase, message: out.message }).toEqual({ phase, message });
  });

  it('OAuth2 without a client secret is a configuration error', async () => {
    const out = await provider.run(run, metric({ authentication: { oauth2: { tokenUrl: `${base}/token`, clientId: 'client' } } }));
    expect(out).toMatchObject({ phase: P.Error, message: 'missing mandatory parameter in metric for OAuth2 setup' });
  });

  it('PUT with a string body', async () => {
    seen.length = 0;
    await provider.run(run, metric({ method: 'PUT', body: 'payload' }));
    expect(seen[0]).toMatchObject({ method: 'PUT', body: 'payload' });
  });

  it('timeoutSeconds bounds the request', async () => {
    const out = await provider.run(run, metric({ url: `${base}/slow`, timeoutSeconds: 1 }));
    expect(out.phase).toBe(P.Error);
    expect(out.message).toContain('Client.Timeout exceeded');
  });

  it('connection refused is an Error measurement, not a throw', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const out = await provider.run(run, metric({ url: `http://127.0.0.1:${port}/x` }));
    expect(out).toMatchObject({ phase: P.Error, message: `Get "http://127.0.0.1:${port}/x": dial tcp 127.0.0.1:${port}: connect: connection refused` });
  });
});

describe('TLS: insecure skips verification of a self-signed certificate', () => {
  let tls: Server;
  let tlsBase = '';
  let certDir = '';

  beforeAll(async () => {
    certDir = mkdtempSync(join(tmpdir(), 'serin-web-tls-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-keyout', join(certDir, 'key.pem'), '-out', join(certDir, 'cert.pem')], { stdio: 'ignore' });
    tls = createHttpsServer({ key: readFileSync(join(certDir, 'key.pem')), cert: readFileSync(join(certDir, 'cert.pem')) }, (_req, res) => res.end('{"ok":true}'));
    await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
    tlsBase = `https://127.0.0.1:${(tls.address() as AddressInfo).port}`;
  }, 30_000);

  afterAll(async () => {
    tls.closeAllConnections();
    await new Promise<void>((resolve) => tls.close(() => resolve()));
    rmSync(certDir, { recursive: true, force: true });
  });

  it.each([
    { name: 'insecure: true → measured', insecure: true, phase: P.Successful },
    { name: 'insecure unset → certificate error', insecure: false, phase: P.Error },
  ])('$name', async ({ insecure, phase }) => {
    const out = await provider.run(run, metric({ url: `${tlsBase}/`, jsonPath: '{$.ok}', insecure }, { successCondition: 'result == true' }));
    expect(out.phase).toBe(phase);
    if (phase === P.Error) expect(out.message).toMatch(/^Get "https:\/\/127\.0\.0\.1:\d+\/": self[- ]signed certificate/);
  });
});

describe('AnalysisRun reconciled through the real web provider', () => {
  it('a failing canary check fails the run with the upstream message', async () => {
    const runs = new FakeAnalysisRuns();
    runs.add({
      metadata: { name: 'canary-check', namespace: 'default' },
      spec: {
        args: [{ name: 'host', value: base }],
        metrics: [{ name: 'health', successCondition: 'result.ok', provider: { web: { url: '{{args.host}}/degraded', jsonPath: '{$.data}' } } }],
      },
    });
    const recorder = new MemoryEventRecorder();
    const reconciler = new AnalysisRunReconciler({
      analysisRuns: runs.store,
      analysisRunClient: runs.client,
      secrets: secretReader({}),
      providers: createMetricProviders({ clock, jobs: runs.client as never }),
      recorder,
      clock,
    });
    await reconciler.reconcile('default', 'canary-check');
    const status = runs.get('canary-check').status;
    expect(status).toMatchObject({ phase: P.Failed, message: 'Metric "health" assessed Failed due to failed (1) > failureLimit (0)' });
    expect(status?.metricResults?.[0]?.measurements?.[0]).toMatchObject({ phase: P.Failed, value: '{"ok":false,"successPercent":0.5}', metadata: { ResolvedURL: `${base}/degraded` } });
    expect(recorder.reasons()).toEqual(['MetricFailed', 'AnalysisRunFailed']);
  });
});
