/**
 * Prometheus provider against a REAL Prometheus (Debian package `prometheus`): started on a free loopback port with
 * a temp dir, scraping itself and a tiny exporter this test controls every second. If the binary is missing the
 * suite FAILS (it is never skipped): install it with `apt-get install -y --no-install-recommends prometheus`.
 */
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ANALYSIS_PHASE as P, type AnalysisRun, CONDITION_MESSAGE, type Metric } from '@serin/api';
import { assessRolloutAnalysis } from '@serin/core';
import { MemoryEventRecorder, systemClock } from '@serin/kube';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AnalysisRunReconciler } from './analysis-run-reconciler.js';
import { nodeHttpClient } from './http.js';
import { prometheusProvider } from './prometheus.js';
import { createMetricProviders } from './providers.js';
import { type PrometheusServer, startPrometheusServer } from '../test-support/prometheus-server.js';
import { FakeAnalysisRuns, secretReader } from './testing.js';

let prometheus: PrometheusServer | undefined;
let exporter: Server;
let address = '';

/** Requests by service and code, as the exporter reports them (the test changes these). */
const requests: Record<string, Record<string, number>> = { stable: { '200': 990, '500': 10 }, canary: { '200': 40, '500': 60 } };

const pollUntil = (what: string, attempts: number, probe: () => Promise<boolean>): Promise<void> => {
  if (prometheus === undefined) throw new Error('prometheus not started');
  return prometheus.pollUntil(what, attempts, probe);
};
const instantQuery = async (query: string): Promise<unknown[]> => (prometheus === undefined ? [] : prometheus.query(query));

/** Why Prometheus could not be started; every test then fails with it (never skipped). */
let setupError: Error | undefined;

async function startPrometheus(): Promise<void> {
  exporter = createServer((_req, res) => {
    const lines = ['# TYPE http_requests_total counter'];
    for (const [service, codes] of Object.entries(requests)) for (const [code, n] of Object.entries(codes)) lines.push(`http_requests_total{service="${service}",code="${code}"} ${n}`);
    res.setHeader('Content-Type', 'text/plain; version=0.0.4').end(`${lines.join('\n')}\n`);
  });
  await new Promise<void>((resolve) => exporter.listen(0, '127.0.0.1', resolve));
  const exporterPort = (exporter.address() as AddressInfo).port;
  prometheus = await startPrometheusServer({ scrapeSelf: true, jobs: [{ name: 'exporter', target: `127.0.0.1:${exporterPort}` }] });
  address = prometheus.address;
  await pollUntil('three scrapes of itself', 200, async () => (await instantQuery('count_over_time(up{job="self"}[1m]) >= 3')).length === 1);
  await pollUntil('exporter samples', 160, async () => (await instantQuery('http_requests_total{service="canary"}')).length === 2);
}

beforeAll(async () => {
  try {
    await startPrometheus();
  } catch (e) {
    setupError = e instanceof Error ? e : new Error(String(e));
  }
}, 90_000);

beforeEach(() => {
  if (setupError !== undefined) throw setupError;
});

afterAll(async () => {
  await prometheus?.stop();
  if (exporter !== undefined) await new Promise<void>((resolve) => exporter.close(() => resolve()));
});

const clock = systemClock();
const provider = prometheusProvider({ http: nodeHttpClient, clock });
const run: AnalysisRun = { metadata: { name: 'r', namespace: 'default', uid: 'u' }, spec: { metrics: [] } };
const metric = (query: string, extra: Partial<Metric> = {}, prometheus: Record<string, unknown> = {}): Metric => ({ name: 'm', provider: { prometheus: { address, query, ...prometheus } }, ...extra });

const ERROR_RATIO = (service: string): string => `sum(http_requests_total{service="${service}",code=~"5.."}) / sum(http_requests_total{service="${service}"})`;

describe('prometheus provider against a real Prometheus', () => {
  it('instant query `up`: vector → list of floats', async () => {
    const out = await provider.run(run, metric('up{job="self"}', { successCondition: 'result[0] == 1' }));
    expect({ phase: out.phase, value: out.value }).toEqual({ phase: P.Successful, value: '[1]' });
  });

  it('scalar result → float', async () => {
    const out = await provider.run(run, metric('scalar(up{job="self"})', { successCondition: 'result == 1' }));
    expect({ phase: out.phase, value: out.value }).toEqual({ phase: P.Successful, value: '1' });
  });

  it('error ratio of the canary breaks the seed condition', async () => {
    const out = await provider.run(run, metric(ERROR_RATIO('canary'), { successCondition: 'result[0] <= 0.05' }));
    expect({ phase: out.phase, value: out.value }).toEqual({ phase: P.Failed, value: '[0.6]' });
  });

  it('NaN from 0/0 is a float the condition can test', async () => {
    const out = await provider.run(run, metric('vector(0) / vector(0)', { successCondition: 'isNaN(result[0])' }));
    expect({ phase: out.phase, value: out.value }).toEqual({ phase: P.Successful, value: '[NaN]' });
  });

  it('+Inf is formatted as Go does', async () => {
    const out = await provider.run(run, metric('vector(1) / vector(0)', { successCondition: 'isInf(result[0])' }));
    expect({ phase: out.phase, value: out.value }).toEqual({ phase: P.Successful, value: '[+Inf]' });
  });

  it('empty vector → nil-or-empty evaluation error', async () => {
    const out = await provider.run(run, metric('up{job="nope"}', { successCondition: 'result[0] >= 0.95' }));
    // upstream sets the value only once the condition evaluated: this Error measurement has none
    expect(out).toMatchObject({ phase: P.Error, message: 'could not evaluate successCondition "result[0] >= 0.95": metric result is nil or empty: no data returned from the metric provider' });
    expect(out).not.toHaveProperty('value');
  });

  it('string result → client_golang\'s decoder error (unexpected value type "string")', async () => {
    const out = await provider.run(run, metric('"hello"'));
    expect(out).toMatchObject({ phase: P.Error, message: 'unexpected value type "string"' });
  });

  it('a bad query is an Error measurement with the API error', async () => {
    const out = await provider.run(run, metric('sum(('));
    expect(out.phase).toBe(P.Error);
    expect(out.message).toMatch(/^bad_data: invalid parameter "query"/);
  });

  it('rangeQuery: matrix samples flattened, times from now()', async () => {
    const out = await provider.run(run, metric('up{job="self"}', { successCondition: 'len(result) >= 2 && all(result, {# == 1})' }, { rangeQuery: { start: 'now() - duration("5s")', end: 'now()', step: '1s' } }));
    expect({ phase: out.phase, value: out.value, message: out.message }).toMatchObject({ phase: P.Successful, value: expect.stringMatching(/^\[1(,1)+\]$/) });
  });

  it('rangeQuery with a bad step', async () => {
    const out = await provider.run(run, metric('up', {}, { rangeQuery: { start: 'now()', end: 'now()', step: '1d' } }));
    expect(out).toMatchObject({ phase: P.Error, message: 'failed to parse rangeQuery.step as duration: time: unknown unit "d" in duration "1d"' });
  });

  it.each([
    { name: 'no address', prometheus: { address: '' }, message: 'prometheus address is not configured' },
    { name: 'address not a URL', prometheus: { address: 'not a url' }, message: 'prometheus address is not is url format' },
    { name: 'negative timeout', prometheus: { timeout: -1 }, message: 'prometheus timeout should not be negative' },
    { name: 'basic auth without password', prometheus: { authentication: { basicAuth: { username: 'u' } } }, message: 'missing mandatory parameter in metric for basic auth setup: password' },
  ])('config error: $name', async ({ prometheus, message }) => {
    const out = await provider.run(run, metric('up', {}, prometheus));
    expect(out).toMatchObject({ phase: P.Error, message });
  });
});

describe('AnalysisRuns reconciled against real Prometheus, and what the Rollout does with them', () => {
  const reconcileRun = async (service: string): Promise<AnalysisRun> => {
    const runs = new FakeAnalysisRuns();
    runs.add({
      metadata: { name: `${service}-run`, namespace: 'default' },
      spec: {
        args: [{ name: 'service-name', value: service }, { name: 'prometheus', value: address }],
        metrics: [{ name: 'success-rate', successCondition: 'result[0] >= 0.95', provider: { prometheus: { address: '{{args.prometheus}}', query: 'sum(http_requests_total{service="{{args.service-name}}",code!~"5.."}) / sum(http_requests_total{service="{{args.service-name}}"})' } } }],
      },
    });
    const reconciler = new AnalysisRunReconciler({
      analysisRuns: runs.store,
      analysisRunClient: runs.client,
      secrets: secretReader({}),
      providers: createMetricProviders({ clock, jobs: runs.client as never }),
      recorder: new MemoryEventRecorder(),
      clock,
    });
    await reconciler.reconcile('default', `${service}-run`);
    return runs.get(`${service}-run`);
  };

  it('a canary with a high error ratio fails its run, and the Rollout aborts with the upstream message', async () => {
    const run = await reconcileRun('canary');
    expect(run.status).toMatchObject({ phase: P.Failed, message: 'Metric "success-rate" assessed Failed due to failed (1) > failureLimit (0)' });
    expect(run.status?.metricResults?.[0]).toMatchObject({ metadata: { ResolvedPrometheusQuery: 'sum(http_requests_total{service="canary",code!~"5.."}) / sum(http_requests_total{service="canary"})' }, measurements: [{ phase: P.Failed, value: '[0.4]' }] });
    const decision = assessRolloutAnalysis(run, 'Step');
    expect(decision.kind).toBe('Abort');
    if (decision.kind !== 'Abort') return;
    expect(`RolloutAborted: ${CONDITION_MESSAGE.aborted(3, decision.message)}`).toBe(
      'RolloutAborted: Rollout aborted update to revision 3: Step-based analysis phase error/failed: Metric "success-rate" assessed Failed due to failed (1) > failureLimit (0)',
    );
  });

  it('a healthy service passes its run, and the Rollout goes on', async () => {
    const run = await reconcileRun('stable');
    expect(run.status).toMatchObject({ phase: P.Successful, metricResults: [{ measurements: [{ phase: P.Successful, value: '[0.99]' }] }] });
    expect(assessRolloutAnalysis(run, 'Step')).toEqual({ kind: 'None' });
  });
});
