/**
 * The canary reconciler's traffic-routing and analysis stages end to end on the sandbox: the process's Manager
 * (informers → queues → the Rollout and AnalysisRun reconcilers built by controller/src/wiring.ts), real kubectl
 * for every user action, the simulated kubelet for pods.
 * - Istio (seed S12): the bookinfo `reviews` Rollout with the VirtualService/DestinationRule subset split goes
 *   20 → 40 → 60 → 80 → 100, the VirtualService observed at each step, one PATCH per weight change.
 * - Analysis: a `web` metric step analysis against a local HTTP server — a bad value aborts with upstream's
 *   message, a good one promotes.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AnalysisRun, CanaryStep, Rollout } from '@serin/api';
import { createKubeClient, silentLogger, systemClock } from '@serin/kube';
import { type Sandbox, startSandbox } from '@serin/sandbox';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { Manager } from '../manager/manager.js';
import { type KubectlResult, kubectlRunner, waitFor } from '../test-support/kubectl.js';
import { createAnalysisRunReconciler, createRolloutReconciler } from '../wiring.js';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../../../..');
const fixtures = join(here, '../test-support/fixtures');
const istioFixtures = join(here, '../trafficrouting/__fixtures__');
const NS = 'istio';
const V2 = 'docker.io/istio/examples-bookinfo-reviews-v2:1.16.2';

let sandbox: Sandbox;
let manager: Manager;
let dir: string;
let kubectl: (args: string[]) => Promise<KubectlResult>;
/** `METHOD path` of every non-GET request. */
let writes: string[];

const ok = async (args: string[]): Promise<string> => {
  const r = await kubectl(args);
  if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
};

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'serin-canary-stages-'));
  const kubeconfigPath = join(dir, 'kubeconfig');
  sandbox = await startSandbox({ port: 0, podReadyMs: 50, kubeconfigPath });
  writes = [];
  sandbox.onRequest((r) => {
    if (r.method !== 'GET') writes.push(`${r.method} ${r.path}`);
  });
  kubectl = kubectlRunner(kubeconfigPath, dir);
  await ok(['create', '-f', join(repoRoot, 'crds')]);
  await ok(['create', '-f', join(istioFixtures, 'istio-crds.yaml')]);
  await ok(['create', 'namespace', NS]);
  const client = createKubeClient({ kubeconfigPath, qps: 0 });
  manager = new Manager({
    transport: client.transport,
    clients: client.clients,
    clock: systemClock(),
    logger: silentLogger,
    minWatchMs: 0,
    createRolloutReconciler,
    createAnalysisRunReconciler: (context) => createAnalysisRunReconciler(context),
  });
  await manager.start();
});

afterEach(async () => {
  await manager.stop();
  await sandbox.close();
});

const rolloutOf = (name: string): Rollout | undefined => manager.informers.rollouts().lister.get(NS, name);
const phaseOf = (name: string): string => {
  const ro = rolloutOf(name);
  return ro?.status?.observedGeneration === String(ro?.metadata?.generation ?? 0) ? (ro?.status?.phase ?? '') : '';
};
const waitPhase = (name: string, phase: string, limitMs = 30_000) => waitFor(`${name} ${phase}`, () => phaseOf(name) === phase, limitMs);
const setImage = (name: string, image: string) =>
  ok(['patch', 'rollout', name, '-n', NS, '--type', 'json', '-p', JSON.stringify([{ op: 'replace', path: '/spec/template/spec/containers/0/image', value: image }])]);
const patchStatus = (name: string, patch: unknown) => ok(['patch', 'rollout', name, '-n', NS, '--subresource=status', '--type', 'merge', '-p', JSON.stringify(patch)]);

/** The seed's `rollout-canary-steps.yaml` with another strategy, applied with kubectl. */
async function applyReviews(strategy: Record<string, unknown>): Promise<void> {
  const ro = parse(readFileSync(join(fixtures, 'rollout-canary-steps.yaml'), 'utf8')) as Rollout;
  ro.spec.strategy = strategy;
  const file = join(dir, 'rollout.yaml');
  writeFileSync(file, stringify(ro));
  await ok(['apply', '-n', NS, '-f', file]);
}

describe('Istio subset split (seed S12: E1 routing with the S1 weights)', () => {
  // the seed's 10 s pauses become indefinite ones, promoted below, so every step is observed deterministically
  const steps: CanaryStep[] = [{ setWeight: 20 }, { pause: {} }, { setWeight: 40 }, { pause: {} }, { setWeight: 60 }, { pause: {} }, { setWeight: 80 }, { pause: {} }];
  const vsType = () => sandbox.api.type('networking.istio.io', 'v1alpha3', 'virtualservices');
  /** `[v1, v2]` weights of `http-primary` as the API server holds them. */
  const weights = (): [unknown, unknown] => {
    const vs = sandbox.api.get(vsType(), NS, 'reviews-vs') as { spec?: { http?: Array<{ route?: Array<{ destination?: { subset?: string }; weight?: number }> }> } };
    const route = vs.spec?.http?.[0]?.route ?? [];
    return [route.find((d) => d.destination?.subset === 'v1')?.weight, route.find((d) => d.destination?.subset === 'v2')?.weight];
  };
  const vsPatches = (): number => writes.filter((w) => w === `PATCH /apis/networking.istio.io/v1alpha3/namespaces/${NS}/virtualservices/reviews-vs`).length;

  it('bookinfo reviews goes 20 → 40 → 60 → 80 → 100 with the VirtualService observed at each step; one PATCH per weight change', { timeout: 90_000 }, async () => {
    await ok(['apply', '-n', NS, '-f', join(istioFixtures, 'reviews-istio.yaml')]);
    await applyReviews({
      canary: {
        trafficRouting: { istio: { virtualService: { name: 'reviews-vs', routes: ['http-primary'] }, destinationRule: { name: 'reviews', canarySubsetName: 'v2', stableSubsetName: 'v1' } } },
        steps,
      },
    });
    await waitPhase('reviews-v1', 'Healthy');
    const stableHash = rolloutOf('reviews-v1')?.status?.stableRS ?? '';
    expect(weights()).toEqual([100, 0]);

    await setImage('reviews-v1', V2);
    const seen: Array<[unknown, unknown]> = [];
    for (const [index, weight] of [[1, 20], [3, 40], [5, 60], [7, 80]] as const) {
      await waitFor(`paused at step ${index}`, () => rolloutOf('reviews-v1')?.status?.currentStepIndex === index && (rolloutOf('reviews-v1')?.status?.pauseConditions ?? []).length > 0);
      seen.push(weights());
      expect(rolloutOf('reviews-v1')?.status?.canary?.weights).toMatchObject({ canary: { weight }, stable: { weight: 100 - weight, podTemplateHash: stableHash }, verified: true });
      await patchStatus('reviews-v1', { status: { pauseConditions: null } });
    }
    await waitPhase('reviews-v1', 'Healthy');
    expect(seen).toEqual([
      [80, 20],
      [60, 40],
      [40, 60],
      [20, 80],
    ]);
    const done = rolloutOf('reviews-v1')?.status;
    expect(done?.stableRS).toBe(done?.currentPodHash);
    // 20, 40, 60, 80, 100 at the end of the steps, then 0 once promoted (stable and canary are the same RS)
    const drHashes = (): unknown[] => {
      const dr = sandbox.api.get(sandbox.api.type('networking.istio.io', 'v1alpha3', 'destinationrules'), NS, 'reviews') as { spec?: { subsets?: Array<{ labels?: Record<string, string> }> } };
      return dr.spec?.subsets?.map((s) => s.labels?.['rollouts-pod-template-hash']) ?? [];
    };
    await waitFor('all traffic on the promoted RS', () => weights()[1] === 0 && drHashes()[0] === done?.currentPodHash);
    expect(weights()).toEqual([100, 0]);
    expect(drHashes()).toEqual([done?.currentPodHash, done?.currentPodHash]);
    await waitFor('queue idle', () => manager.rolloutQueue.len() === 0 && manager.rolloutQueue.inFlight() === 0);
    expect(vsPatches()).toBe(6);
  });
});

describe('Istio abort (seed S12)', () => {
  const vsType = () => sandbox.api.type('networking.istio.io', 'v1alpha3', 'virtualservices');
  const canaryWeight = (): unknown => {
    const vs = sandbox.api.get(vsType(), NS, 'reviews-vs') as { spec?: { http?: Array<{ route?: Array<{ destination?: { subset?: string }; weight?: number }> }> } };
    return vs.spec?.http?.[0]?.route?.find((d) => d.destination?.subset === 'v2')?.weight;
  };

  it('abort sets the canary weight to 0 at once and scales the canary down after abortScaleDownDelaySeconds', { timeout: 60_000 }, async () => {
    await ok(['apply', '-n', NS, '-f', join(istioFixtures, 'reviews-istio.yaml')]);
    await applyReviews({
      canary: {
        abortScaleDownDelaySeconds: 2,
        trafficRouting: { istio: { virtualService: { name: 'reviews-vs', routes: ['http-primary'] }, destinationRule: { name: 'reviews', canarySubsetName: 'v2', stableSubsetName: 'v1' } } },
        steps: [{ setWeight: 20 }, { pause: {} }],
      },
    });
    await waitPhase('reviews-v1', 'Healthy');
    await setImage('reviews-v1', V2);
    await waitPhase('reviews-v1', 'Paused');
    expect(canaryWeight()).toBe(20);
    const canaryReplicas = (): number | undefined => manager.informers.replicaSets().lister.list(NS).find((rs) => rs.spec?.template?.spec?.containers[0]?.image === V2)?.spec?.replicas;

    await patchStatus('reviews-v1', { status: { abort: true } });
    await waitFor('weight 0', () => canaryWeight() === 0);
    // the weight moved first; the canary pods are still there, waiting out the delay
    expect(canaryReplicas()).toBe(1);
    await waitFor('canary scaled down', () => canaryReplicas() === 0, 20_000);
    expect(rolloutOf('reviews-v1')?.status).toMatchObject({ abort: true, phase: 'Degraded', canary: { weights: { canary: { weight: 0 } } } });
  });
});

describe('step analysis with a web metric (seed V5 template) against a local HTTP server', () => {
  let server: Server;
  let body: unknown;
  let requests: string[];

  beforeEach(async () => {
    requests = [];
    server = createServer((req, res) => {
      requests.push(req.url ?? '');
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(body));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    const template = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AnalysisTemplate',
      metadata: { name: 'success-rate' },
      spec: {
        args: [{ name: 'service-name' }, { name: 'api-token', value: 'test-token' }],
        metrics: [
          {
            name: 'webmetric',
            successCondition: 'result.ok && result.successPercent >= 0.90',
            provider: {
              web: {
                url: `http://127.0.0.1:${port}/api/v1/measurement?service={{ args.service-name }}`,
                headers: [{ key: 'Authorization', value: 'Bearer {{ args.api-token }}' }],
                jsonPath: '{$.data}',
              },
            },
          },
        ],
      },
    };
    const file = join(dir, 'template.yaml');
    writeFileSync(file, stringify(template));
    await ok(['apply', '-n', NS, '-f', file]);
    await applyReviews({
      canary: {
        steps: [
          { setWeight: 20 },
          { analysis: { templates: [{ templateName: 'success-rate' }], args: [{ name: 'service-name', value: 'reviews.istio.svc.cluster.local' }] } },
          { setWeight: 60 },
        ],
      },
    });
    await waitPhase('reviews-v1', 'Healthy');
  });

  afterEach(async () => {
    await new Promise((r) => server.close(r));
  });

  const runsOf = (): AnalysisRun[] => manager.informers.analysisRuns().lister.list(NS);

  it('a bad value fails the run and aborts the rollout with `Step-based analysis phase error/failed: <run message>`', { timeout: 60_000 }, async () => {
    body = { data: { ok: true, successPercent: 0.5 } };
    await setImage('reviews-v1', V2);
    await waitPhase('reviews-v1', 'Degraded');
    const ro = rolloutOf('reviews-v1');
    const run = runsOf().find((r) => r.metadata?.name === `reviews-v1-${ro?.status?.currentPodHash ?? ''}-2-1`);
    expect(run?.status?.phase).toBe('Failed');
    expect(run?.status?.message).toBe('Metric "webmetric" assessed Failed due to failed (1) > failureLimit (0)');
    expect(ro?.status).toMatchObject({ abort: true, currentStepIndex: 0 });
    expect(ro?.status?.message).toBe(`RolloutAborted: Rollout aborted update to revision 2: Step-based analysis phase error/failed: ${run?.status?.message ?? ''}`);
    expect(requests).toEqual(['/api/v1/measurement?service=reviews.istio.svc.cluster.local']);
    await waitFor('canary scaled down', () => manager.informers.replicaSets().lister.list(NS).find((rs) => rs.spec?.template?.spec?.containers[0]?.image === V2)?.spec?.replicas === 0);
  });

  it('a good value passes the run and the rollout promotes', { timeout: 60_000 }, async () => {
    body = { data: { ok: true, successPercent: 0.95 } };
    await setImage('reviews-v1', V2);
    await waitFor('revision 2 promoted', () => {
      const s = rolloutOf('reviews-v1')?.status;
      return phaseOf('reviews-v1') === 'Healthy' && s?.stableRS === s?.currentPodHash && s?.currentStepIndex === 3;
    });
    const hash = rolloutOf('reviews-v1')?.status?.currentPodHash ?? '';
    expect(runsOf().map((r) => [r.metadata?.name, r.status?.phase])).toEqual([[`reviews-v1-${hash}-2-1`, 'Successful']]);
    expect(requests).toHaveLength(1);
  });
});
