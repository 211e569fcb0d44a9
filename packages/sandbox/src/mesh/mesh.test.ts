/**
 * The simulated mesh inside a running sandbox: ReplicaSets' pods made Ready by the simulated kubelet,
 * the Istio CRDs applied, requests routed by VirtualService/DestinationRule, counted in Istio metrics.
 * Outcomes are deterministic (seeded RNG); tolerances are ±4σ of the binomial they sample.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../sandbox.js';
import { isServingPod } from './pods.js';

const here = dirname(fileURLToPath(import.meta.url));
const NS = 'istio';
let sandbox: Sandbox;

const within4Sigma = (observed: number, n: number, p: number): void => {
  const sigma = Math.sqrt(n * p * (1 - p));
  expect(Math.abs(observed - n * p), `${observed} vs ${n * p} ± ${4 * sigma}`).toBeLessThanOrEqual(4 * sigma);
};

function create(group: string, version: string, plural: string, obj: unknown): void {
  sandbox.api.create(sandbox.api.type(group, version, plural), NS, obj);
}

function replicaSet(name: string, hash: string, version: string, image: string, replicas = 2): unknown {
  const labels = { app: 'reviews', version, 'rollouts-pod-template-hash': hash };
  return {
    metadata: { name: `${name}-${hash}`, labels },
    spec: { replicas, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'reviews', image }] } } },
  };
}

function virtualService(weights: [number, number], extraHttp: unknown[] = []): unknown {
  return {
    apiVersion: 'networking.istio.io/v1alpha3',
    kind: 'VirtualService',
    metadata: { name: 'reviews-vs' },
    spec: {
      hosts: ['reviews'],
      http: [
        ...extraHttp,
        { name: 'http-primary', route: [{ destination: { host: 'reviews', subset: 'v1' }, weight: weights[0] }, { destination: { host: 'reviews', subset: 'v2' }, weight: weights[1] }] },
      ],
    },
  };
}

async function podsReady(count: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (sandbox.store.list('/pods', NS).filter(isServingPod).length < count) {
    if (Date.now() > deadline) throw new Error('pods not ready');
    await new Promise((r) => setTimeout(r, 10));
  }
}

beforeEach(async () => {
  sandbox = await startSandbox({ port: 0, podReadyMs: 50, mesh: { seed: 11 } });
  const crds = sandbox.api.type('apiextensions.k8s.io', 'v1', 'customresourcedefinitions');
  for (const doc of parseAllDocuments(readFileSync(join(here, '__fixtures__/istio-crds.yaml'), 'utf8'))) sandbox.api.create(crds, undefined, doc.toJS());
  sandbox.api.create(sandbox.api.type('', 'v1', 'namespaces'), undefined, { metadata: { name: NS } });
  create('', 'v1', 'services', { metadata: { name: 'reviews' }, spec: { selector: { app: 'reviews' }, ports: [{ name: 'http', port: 9080 }] } });
  create('apps', 'v1', 'replicasets', replicaSet('reviews-v1', 'aaa', 'v1', 'docker.io/istio/examples-bookinfo-reviews-v1:1.16.2'));
  create('apps', 'v1', 'replicasets', replicaSet('reviews-v1', 'bbb', 'v2', 'docker.io/istio/examples-bookinfo-reviews-v2:bad-1'));
  create('networking.istio.io', 'v1alpha3', 'destinationrules', {
    metadata: { name: 'reviews' },
    spec: { host: 'reviews.istio.svc.cluster.local', subsets: [{ name: 'v1', labels: { 'rollouts-pod-template-hash': 'aaa' } }, { name: 'v2', labels: { 'rollouts-pod-template-hash': 'bbb' } }] },
  });
  await podsReady(4);
});

afterEach(async () => {
  await sandbox.close();
});

describe('weighted routing', () => {
  it('VirtualService 80/20 sends ~20 % of requests to the canary subset pods', () => {
    create('networking.istio.io', 'v1alpha3', 'virtualservices', virtualService([80, 20]));
    const n = 4000;
    sandbox.mesh.send({ namespace: NS, host: 'reviews', count: n });
    const m = sandbox.mesh.metrics;
    const canary = m.total({ reporter: 'destination', destination_version: 'v2' });
    expect(canary + m.total({ reporter: 'destination', destination_version: 'v1' })).toBe(n);
    within4Sigma(canary, n, 0.2);
  });

  it('a weight change takes effect on the next request (100/0 → 0/100)', () => {
    create('networking.istio.io', 'v1alpha3', 'virtualservices', virtualService([100, 0]));
    expect(sandbox.mesh.send({ namespace: NS, host: 'reviews', count: 300 }).codes).toEqual({ '200': 300 });
    const vsType = sandbox.api.type('networking.istio.io', 'v1alpha3', 'virtualservices');
    const current = sandbox.api.get(vsType, NS, 'reviews-vs');
    sandbox.api.update(vsType, NS, 'reviews-vs', { ...current, spec: (virtualService([0, 100]) as { spec: unknown }).spec });
    sandbox.mesh.send({ namespace: NS, host: 'reviews', count: 300 });
    expect(sandbox.mesh.metrics.total({ reporter: 'destination', destination_version: 'v2' })).toBe(300);
  });

  it('DestinationRule subset labels decide the pods: an unpinned subset serves nothing (503 UH)', () => {
    create('networking.istio.io', 'v1alpha3', 'virtualservices', virtualService([0, 100]));
    const drType = sandbox.api.type('networking.istio.io', 'v1alpha3', 'destinationrules');
    const dr = sandbox.api.get(drType, NS, 'reviews');
    sandbox.api.update(drType, NS, 'reviews', { ...dr, spec: { host: 'reviews', subsets: [{ name: 'v1', labels: { version: 'v1' } }, { name: 'v2', labels: { 'rollouts-pod-template-hash': 'zzz' } }] } });
    expect(sandbox.mesh.send({ namespace: NS, host: 'reviews', count: 50 }).codes).toEqual({ '503': 50 });
    expect(sandbox.mesh.metrics.total({ reporter: 'source', response_code: '503', response_flags: 'UH' })).toBe(50);
  });
});

describe('responses and metrics', () => {
  it('a bad* image answers ~50 % HTTP 500, counted in istio_requests_total for the canary only', () => {
    create('networking.istio.io', 'v1alpha3', 'virtualservices', virtualService([50, 50]));
    sandbox.mesh.send({ namespace: NS, host: 'reviews', count: 2000 });
    const m = sandbox.mesh.metrics;
    const canary = m.total({ reporter: 'destination', destination_version: 'v2' });
    within4Sigma(m.total({ reporter: 'destination', destination_version: 'v2', response_code: '500' }), canary, 0.5);
    expect(m.total({ reporter: 'destination', destination_version: 'v1', response_code: '500' })).toBe(0);
    expect(m.total({ reporter: 'source', response_code: '500' })).toBe(m.total({ reporter: 'destination', response_code: '500' }));
  });

  it('/serin/mesh/metrics serves Prometheus text with Istio labels and the duration histogram', async () => {
    create('networking.istio.io', 'v1alpha3', 'virtualservices', virtualService([100, 0]));
    const sent = await fetch(`${sandbox.url}/serin/mesh/requests`, { method: 'POST', body: JSON.stringify({ namespace: NS, host: 'reviews', count: 25 }) });
    expect(await sent.json()).toEqual({ codes: { '200': 25 }, workloads: { 'reviews-v1': 25 }, mirrored: {} });
    const text = await (await fetch(`${sandbox.url}/serin/mesh/metrics`)).text();
    const line = text.split('\n').find((l) => l.startsWith('istio_requests_total{reporter="destination"'));
    expect(line).toContain('destination_service="reviews.istio.svc.cluster.local"');
    expect(line).toContain('destination_service_name="reviews"');
    expect(line).toContain('destination_service_namespace="istio"');
    expect(line).toContain('destination_workload="reviews-v1"');
    expect(line).toContain('destination_workload_namespace="istio"');
    expect(line).toContain('response_code="200"');
    expect(line).toContain('source_workload="loadgen"');
    expect(line?.endsWith(' 25')).toBe(true);
    expect(text).toContain('# TYPE istio_request_duration_milliseconds histogram');
    const bucket = (le: string) => text.split('\n').find((l) => l.startsWith('istio_request_duration_milliseconds_bucket{reporter="destination"') && l.includes(`le="${le}"`));
    expect(bucket('10')?.endsWith(' 0')).toBe(true);
    expect(bucket('25')?.endsWith(' 25')).toBe(true);
    expect(bucket('+Inf')?.endsWith(' 25')).toBe(true);
  });

  it('a slow* image lands above 250 ms in the histogram', () => {
    create('apps', 'v1', 'replicasets', replicaSet('slowpoke', 'ccc', 'v3', 'r:slow-1', 1));
    create('', 'v1', 'services', { metadata: { name: 'slowpoke' }, spec: { selector: { version: 'v3' } } });
    return podsReady(5).then(() => {
      sandbox.mesh.send({ namespace: NS, host: 'slowpoke', count: 10 });
      const text = sandbox.mesh.metrics.prometheus();
      const bucket = (le: string) => text.split('\n').find((l) => l.startsWith('istio_request_duration_milliseconds_bucket{reporter="destination"') && l.includes('destination_service_name="slowpoke"') && l.includes(`le="${le}"`));
      expect(bucket('250')?.endsWith(' 0')).toBe(true);
      expect(bucket('500')?.endsWith(' 10')).toBe(true);
    });
  });
});

describe('managed routes in the data plane', () => {
  it('a cookie header route sends matching requests to the canary, others by weight', () => {
    const header = { name: 'insiders', match: [{ headers: { cookie: { regex: '^(.*?;)?(type=insider)(;.*)?$' } } }], route: [{ destination: { host: 'reviews.istio.svc.cluster.local', subset: 'v2' }, weight: 100 }] };
    create('networking.istio.io', 'v1alpha3', 'virtualservices', virtualService([100, 0], [header]));
    expect(sandbox.mesh.send({ namespace: NS, host: 'reviews', count: 100, headers: { Cookie: 'a=1;type=insider' } }).workloads).toEqual({ 'reviews-v1': 100 });
    expect(sandbox.mesh.metrics.total({ reporter: 'destination', destination_version: 'v2' })).toBe(100);
    sandbox.mesh.send({ namespace: NS, host: 'reviews', count: 100 });
    expect(sandbox.mesh.metrics.total({ reporter: 'destination', destination_version: 'v1' })).toBe(100);
  });

  it('a mirror route copies ~mirrorPercentage of matching requests to the canary (destination reporter only)', () => {
    const mirror = { name: 'mirror', match: [{ method: { exact: 'GET' } }], route: [{ destination: { host: 'reviews', subset: 'v1' }, weight: 100 }], mirror: { host: 'reviews', subset: 'v2' }, mirrorPercentage: { value: 30 } };
    create('networking.istio.io', 'v1alpha3', 'virtualservices', virtualService([100, 0], [mirror]));
    const n = 2000;
    const out = sandbox.mesh.send({ namespace: NS, host: 'reviews', count: n });
    expect(out.codes['200']).toBe(n);
    const mirrored = sandbox.mesh.metrics.total({ reporter: 'destination', destination_version: 'v2' });
    within4Sigma(mirrored, n, 0.3);
    expect(sandbox.mesh.metrics.total({ reporter: 'source', destination_version: 'v2' })).toBe(0);
  });
});

describe('load generator and admin', () => {
  it('PUT /serin/mesh sets the load; requests accumulate on their own; DELETE metrics resets', async () => {
    create('networking.istio.io', 'v1alpha3', 'virtualservices', virtualService([100, 0]));
    const put = await fetch(`${sandbox.url}/serin/mesh`, { method: 'PUT', body: JSON.stringify({ loads: [{ namespace: NS, host: 'reviews', ratePerSecond: 200 }], tickMs: 20 }) });
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({ tickMs: 20, loads: [{ namespace: NS, host: 'reviews', ratePerSecond: 200 }] });
    const deadline = Date.now() + 10_000;
    while (sandbox.mesh.metrics.total({ reporter: 'source' }) < 20 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(sandbox.mesh.metrics.total({ reporter: 'source' })).toBeGreaterThanOrEqual(20);
    await fetch(`${sandbox.url}/serin/mesh`, { method: 'PUT', body: JSON.stringify({ loads: [] }) });
    await fetch(`${sandbox.url}/serin/mesh/metrics`, { method: 'DELETE' });
    expect(sandbox.mesh.metrics.total()).toBe(0);
  });

  it('gateway traffic is reported from the ingress gateway workload', () => {
    create('networking.istio.io', 'v1alpha3', 'virtualservices', { metadata: { name: 'gw' }, spec: { gateways: ['bookinfo-gateway'], hosts: ['*'], http: [{ route: [{ destination: { host: 'reviews', subset: 'v1' } }] }] } });
    expect(sandbox.mesh.send({ namespace: NS, host: 'bookinfo.example.com', gateway: 'istio/bookinfo-gateway', count: 10 }).codes).toEqual({ '200': 10 });
    expect(sandbox.mesh.metrics.total({ reporter: 'source', source_workload: 'istio-ingressgateway', source_workload_namespace: 'istio-system' })).toBe(10);
  });

  it('rejects a malformed configuration', async () => {
    const bad = await fetch(`${sandbox.url}/serin/mesh`, { method: 'PUT', body: JSON.stringify({ loads: [{ host: 'x' }] }) });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: 'mesh: each load needs namespace, host (strings) and ratePerSecond (number)' });
  });
});
