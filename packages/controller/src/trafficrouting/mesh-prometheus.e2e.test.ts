/**
 * The usual Istio success-rate analysis against a REAL Prometheus (Debian package `prometheus`) scraping
 * the sandbox's simulated mesh at `/serin/mesh/metrics`: a canary on a `bad-*` image fails the template,
 * a good image passes. The mesh's load generator runs on its own; the test only polls until Prometheus has
 * enough samples (it counts, it does not time). Fails (never skips) when the binary is missing.
 */
import { ANALYSIS_PHASE as P, type AnalysisRun, type Metric } from '@serin/api';
import { type Sandbox, startSandbox } from '@serin/sandbox';
import { systemClock } from '@serin/kube';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { nodeHttpClient } from '../analysis/http.js';
import { prometheusProvider } from '../analysis/prometheus.js';
import { type PrometheusServer, startPrometheusServer } from '../test-support/prometheus-server.js';
import { yamlDocs } from './__fixtures__/istio-sandbox.js';

const NS = 'istio';

let sandbox: Sandbox;
let prometheus: PrometheusServer | undefined;
let address = '';
let setupError: Error | undefined;

const pollUntil = (what: string, attempts: number, probe: () => Promise<boolean>): Promise<void> => {
  if (prometheus === undefined) throw new Error('prometheus not started');
  return prometheus.pollUntil(what, attempts, probe);
};
const instantQuery = async (query: string): Promise<unknown[]> => (prometheus === undefined ? [] : prometheus.query(query));

/** A Service `name` with `replicas` Ready pods on `image` (through a ReplicaSet and the simulated kubelet). */
function workload(name: string, image: string, replicas = 2): void {
  const labels = { app: name, 'rollouts-pod-template-hash': 'h1' };
  sandbox.api.create(sandbox.api.type('', 'v1', 'services'), NS, { metadata: { name }, spec: { selector: { app: name }, ports: [{ name: 'http', port: 9080 }] } });
  sandbox.api.create(sandbox.api.type('apps', 'v1', 'replicasets'), NS, {
    metadata: { name: `${name}-h1`, labels },
    spec: { replicas, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'app', image }] } } },
  });
}

async function start(): Promise<void> {
  sandbox = await startSandbox({ port: 0, podReadyMs: 50, mesh: { seed: 5 } });
  const crds = sandbox.api.type('apiextensions.k8s.io', 'v1', 'customresourcedefinitions');
  for (const crd of yamlDocs('istio-crds.yaml')) sandbox.api.create(crds, undefined, crd);
  sandbox.api.create(sandbox.api.type('', 'v1', 'namespaces'), undefined, { metadata: { name: NS } });
  workload('reviews-good', 'docker.io/istio/examples-bookinfo-reviews-v2:1.16.2');
  workload('reviews-bad', 'docker.io/istio/examples-bookinfo-reviews-v2:bad-1');
  sandbox.mesh.configure({
    tickMs: 50,
    loads: [
      { namespace: NS, host: 'reviews-good', ratePerSecond: 40 },
      { namespace: NS, host: 'reviews-bad', ratePerSecond: 40 },
    ],
  });
  prometheus = await startPrometheusServer({ jobs: [{ name: 'mesh', target: new URL(sandbox.url).host, metricsPath: '/serin/mesh/metrics' }] });
  address = prometheus.address;
  // irate needs two scrapes of each series
  await pollUntil('two scrapes of both services', 240, async () => (await instantQuery('count_over_time(istio_requests_total{reporter="source",response_code="200"}[1m]) >= 2')).length >= 2);
}

beforeAll(async () => {
  try {
    await start();
  } catch (e) {
    setupError = e instanceof Error ? e : new Error(String(e));
  }
}, 90_000);

beforeEach(() => {
  if (setupError !== undefined) throw setupError;
});

afterAll(async () => {
  await prometheus?.stop();
  if (sandbox !== undefined) await sandbox.close();
});

/** argo-rollouts docs/analysis/istio success-rate template (the seed's V4 query, condition ≥ 0.95). */
const successRate = (service: string): Metric => ({
  name: 'success-rate',
  successCondition: 'result[0] >= 0.95',
  provider: {
    prometheus: {
      address,
      query: `sum(irate(istio_requests_total{reporter="source",destination_service=~"${service}",response_code!~"5.*"}[5m])) / sum(irate(istio_requests_total{reporter="source",destination_service=~"${service}"}[5m]))`,
    },
  },
});
const run: AnalysisRun = { metadata: { name: 'r', namespace: NS, uid: 'u' }, spec: { metrics: [] } };
const provider = () => prometheusProvider({ http: nodeHttpClient, clock: systemClock() });

describe('Istio success-rate analysis on the simulated mesh through real Prometheus', () => {
  it('a good image passes', async () => {
    const out = await provider().run(run, successRate('reviews-good.istio.svc.cluster.local'));
    expect({ phase: out.phase, value: out.value }).toEqual({ phase: P.Successful, value: '[1]' });
  });

  it('a bad-* image fails (about half the requests answer 500)', async () => {
    await pollUntil('bad canary 500s scraped', 240, async () => (await instantQuery('istio_requests_total{reporter="source",destination_service_name="reviews-bad",response_code="500"}')).length === 1);
    const out = await provider().run(run, successRate('reviews-bad.istio.svc.cluster.local'));
    expect(out.phase).toBe(P.Failed);
    const value = Number(/^\[(.*)\]$/.exec(out.value ?? '')?.[1]);
    expect(value).toBeGreaterThan(0.2);
    expect(value).toBeLessThan(0.8);
  });

  it('the destination reporter carries the workload and namespace labels Istio dashboards use', async () => {
    const rows = (await instantQuery('istio_requests_total{reporter="destination",destination_service_name="reviews-good"}')) as Array<{ metric: Record<string, string> }>;
    expect(rows[0]?.metric).toMatchObject({
      destination_service: 'reviews-good.istio.svc.cluster.local',
      destination_service_namespace: NS,
      destination_workload: 'reviews-good',
      destination_workload_namespace: NS,
      response_code: '200',
    });
    expect((await instantQuery('histogram_quantile(0.99, sum(rate(istio_request_duration_milliseconds_bucket{reporter="destination",destination_service_name="reviews-good"}[1m])) by (le))')).length).toBe(1);
  });
});
