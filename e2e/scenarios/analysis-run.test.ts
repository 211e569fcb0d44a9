// AnalysisRuns created with `kubectl argo rollouts create analysisrun` and measured by serin-controller:
// the web provider of seed S18 (args in the URL, a Bearer header, a JSON path), and the demo's own
// success-rate template over the sandbox mesh's Istio metrics (good image → Successful, `bad` → Failed).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { analysisTemplate } from '../../scripts/demo/manifests.mjs';
import { eventually } from '../dsl/eventually.js';
import { type MetricEndpoint, startMetricEndpoint } from '../dsl/metric-endpoint.js';
import { E2eMode, chooseMode } from '../dsl/mode.js';
import { repoRoot } from '../dsl/paths.js';
import { scenario } from '../dsl/scenario.js';
import { type World, startWorld } from '../dsl/world.js';

vi.setConfig({ testTimeout: 90_000 });

let world: World;
let endpoint: MetricEndpoint;
beforeAll(async () => {
  world = await startWorld();
  endpoint = await startMetricEndpoint({ data: { ok: true, successPercent: 0.95 } });
});
afterAll(async () => {
  await endpoint?.close();
  await world?.close();
});

const webTemplate = (url: string): string => `
apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata:
  name: success-rate
spec:
  args:
  - name: service-name
  - name: api-token
  metrics:
  - name: webmetric
    interval: 1s
    count: 3
    failureLimit: 0
    successCondition: "result.ok && result.successPercent >= 0.90"
    provider:
      web:
        url: "${url}/api/v1/success?service={{ args.service-name }}"
        headers:
        - key: Authorization
          value: "Bearer {{ args.api-token }}"
        jsonPath: "{$.data}"
`;

describe('web provider (seed S18)', () => {
  it('measures three times with the args filled in and succeeds while successPercent >= 0.90', async () => {
    const s = await scenario(world, 'web-ok');
    endpoint.answer({ data: { ok: true, successPercent: 0.95 } });
    await s.given.manifest(webTemplate(endpoint.url));
    await s.when.plugin(['create', 'analysisrun', '--from', 'success-rate', '--name', 'run-ok', '-a', 'service-name=reviews', '-a', 'api-token=t0ken']);
    s.then.printed('analysisrun.argoproj.io/run-ok created');
    const measurements = await s.then.analysisRun('run-ok', 'Successful');
    expect(measurements).toEqual(['Successful', 'Successful', 'Successful']);
    const seen = endpoint.requests.filter((r) => r.path === '/api/v1/success?service=reviews');
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(seen.every((r) => r.authorization === 'Bearer t0ken')).toBe(true);
  });

  it('fails on the first measurement below the threshold when failureLimit is 0', async () => {
    const s = await scenario(world, 'web-fail');
    endpoint.answer({ data: { ok: true, successPercent: 0.5 } });
    await s.given.manifest(webTemplate(endpoint.url));
    await s.when.plugin(['create', 'analysisrun', '--from', 'success-rate', '--name', 'run-bad', '-a', 'service-name=ratings', '-a', 'api-token=t0ken']);
    const measurements = await s.then.analysisRun('run-bad', 'Failed');
    expect(measurements).toEqual(['Failed']);
  });
});

const app = (name: string, image: string): string => `
apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: ${name}
spec:
  replicas: 2
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
      - name: app
        image: ${image}
---
apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  selector: {app: ${name}}
  ports:
  - port: 80
`;

describe.runIf(chooseMode(process.env).mode === E2eMode.sandbox)("the demo's success-rate analysis over the mesh's Istio metrics", () => {
  it('passes for a healthy image and fails for a `bad` one that answers 500 half of the time', async () => {
    const sandbox = world.sandbox;
    if (sandbox === undefined) throw new Error('sandbox mode without a sandbox');
    const s = await scenario(world, 'mesh');
    await s.given.manifest(app('good', 'ghcr.io/serin-demo/podinfo:v2'));
    await s.given.manifest(app('worse', 'ghcr.io/serin-demo/podinfo:bad'));
    sandbox.mesh.configure({ loads: [{ namespace: s.namespace, host: 'good', ratePerSecond: 40 }, { namespace: s.namespace, host: 'worse', ratePerSecond: 40 }] });
    const server = spawn(process.execPath, [join(repoRoot, 'scripts', 'demo', 'success-rate-server.mjs'), sandbox.url, '5'], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        server.stdout.on('data', (d: Buffer) => {
          const m = /success-rate ready (\S+)/.exec(d.toString());
          if (m?.[1] !== undefined) resolve(m[1]);
        });
        server.once('exit', (code) => reject(new Error(`success-rate server exited ${String(code)}`)));
      });
      // measure only once the mesh has served both Services (a 503 "no requests yet" is a measurement Error)
      await eventually('traffic to both Services', async () => {
        const codes = await Promise.all(['good', 'worse'].map(async (svc) => (await fetch(`${url}/success-rate?namespace=${s.namespace}&service=${svc}`)).status));
        return codes.every((c) => c === 200) ? undefined : `HTTP ${codes.join(', ')}`;
      });
      const template = analysisTemplate({ kind: 'web', url });
      template.metadata.namespace = s.namespace;
      await s.given.manifest(JSON.stringify(template));
      await s.when.plugin(['create', 'analysisrun', '--from', 'success-rate', '--name', 'good', '-a', 'service-name=good', '-a', `namespace=${s.namespace}`]);
      await s.when.plugin(['create', 'analysisrun', '--from', 'success-rate', '--name', 'worse', '-a', 'service-name=worse', '-a', `namespace=${s.namespace}`]);
      const good = await s.then.analysisRun('good', 'Successful', { timeoutMs: 40_000 });
      expect(good.filter((m) => m === 'Successful')).toHaveLength(3);
      const worse = await s.then.analysisRun('worse', 'Failed', { timeoutMs: 40_000 });
      expect(worse.at(-1)).toBe('Failed');
    } finally {
      server.kill();
      sandbox.mesh.configure({ loads: [] });
    }
  });
});
