/**
 * The process's Manager and reconcilers (controller/src/wiring.ts) on the sandbox, with and without the Istio
 * CRDs: with them, the bookinfo `reviews` canary reads VirtualServices and DestinationRules only from the
 * informer caches (no GET by name after sync); without them, the controller starts and runs a canary normally.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CanaryStep, Rollout } from '@serin/api';
import { type KubeClient, createKubeClient, silentLogger, systemClock } from '@serin/kube';
import { type Sandbox, startSandbox } from '@serin/sandbox';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { crdDocuments, until } from '../__fixtures__/sandbox.js';
import { yamlDocs } from '../trafficrouting/__fixtures__/istio-sandbox.js';
import { createRolloutReconciler } from '../wiring.js';
import { Manager } from './manager.js';

const here = dirname(fileURLToPath(import.meta.url));
const NS = 'istio';
const V2 = 'docker.io/istio/examples-bookinfo-reviews-v2:1.16.2';

let sandbox: Sandbox;
let client: KubeClient;
let manager: Manager;
let dir: string;
/** `METHOD path` of every request to networking.istio.io. */
let istioRequests: string[];

async function start(options: { istio: boolean }): Promise<void> {
  dir = mkdtempSync(join(tmpdir(), 'serin-istio-canary-'));
  const kubeconfigPath = join(dir, 'kubeconfig');
  sandbox = await startSandbox({ port: 0, podReadyMs: 50, kubeconfigPath });
  const crds = sandbox.api.type('apiextensions.k8s.io', 'v1', 'customresourcedefinitions');
  for (const crd of crdDocuments()) sandbox.api.create(crds, undefined, crd);
  if (options.istio) for (const crd of yamlDocs('istio-crds.yaml')) sandbox.api.create(crds, undefined, crd);
  sandbox.api.create(sandbox.api.type('', 'v1', 'namespaces'), undefined, { metadata: { name: NS } });
  istioRequests = [];
  sandbox.onRequest((r) => {
    if (r.path.startsWith('/apis/networking.istio.io/')) istioRequests.push(`${r.method} ${r.path}`);
  });
  client = createKubeClient({ kubeconfigPath, qps: 0 });
  manager = new Manager({ transport: client.transport, clients: client.clients, clock: systemClock(), logger: silentLogger, minWatchMs: 0, createRolloutReconciler });
  await manager.start();
}

afterEach(async () => {
  await manager.stop();
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The seed's `rollout-canary-steps.yaml` (bookinfo reviews) with `strategy`. */
function reviews(strategy: Rollout['spec']['strategy']): Rollout {
  const ro = parse(readFileSync(join(here, '../test-support/fixtures/rollout-canary-steps.yaml'), 'utf8')) as Rollout;
  ro.spec.strategy = strategy;
  return ro;
}

const rolloutOf = (): Rollout | undefined => manager.listers.rollouts.get(NS, 'reviews-v1');
const healthy = (): boolean => {
  const ro = rolloutOf();
  return ro?.status?.observedGeneration === String(ro?.metadata?.generation ?? 0) && ro?.status?.phase === 'Healthy';
};
const pausedAt = (index: number): boolean => rolloutOf()?.status?.currentStepIndex === index && (rolloutOf()?.status?.pauseConditions ?? []).length > 0;
const setImage = (image: string) => client.clients.rollouts.patchMerge(NS, 'reviews-v1', { spec: { template: { spec: { containers: [{ name: 'reviews', image }] } } } });
const promote = () => client.clients.rollouts.patchStatusMerge(NS, 'reviews-v1', { status: { pauseConditions: null } });
const steps: CanaryStep[] = [{ setWeight: 20 }, { pause: {} }, { setWeight: 40 }, { pause: {} }];

/** Drive 20 → pause → 40 → pause → promoted; returns the canary weight status seen at each pause. */
async function runCanary(): Promise<unknown[]> {
  await until(healthy, 'Healthy before the update', 30_000);
  await setImage(V2);
  const seen: unknown[] = [];
  for (const index of [1, 3]) {
    await until(() => pausedAt(index), `paused at step ${index}`, 30_000);
    seen.push(rolloutOf()?.status?.canary?.weights?.canary?.weight ?? null);
    await promote();
  }
  await until(() => healthy() && rolloutOf()?.status?.stableRS === rolloutOf()?.status?.currentPodHash, 'Healthy after the update', 30_000);
  return seen;
}

describe('with the Istio CRDs', () => {
  beforeEach(() => start({ istio: true }));

  it('bookinfo reviews canary: VirtualService and DestinationRule are read from the caches, never by GET', { timeout: 90_000 }, async () => {
    for (const obj of yamlDocs('reviews-istio.yaml')) {
      if (obj['kind'] === 'VirtualService') await client.clients.virtualServices.create(NS, obj);
      else await client.clients.destinationRules.create(NS, obj);
    }
    const istio = { virtualService: { name: 'reviews-vs', routes: ['http-primary'] }, destinationRule: { name: 'reviews', canarySubsetName: 'v2', stableSubsetName: 'v1' } };
    await client.clients.rollouts.create(NS, reviews({ canary: { trafficRouting: { istio }, steps } }));
    expect(await runCanary()).toEqual([20, 40]);
    const gets = istioRequests.filter((r) => r.startsWith('GET ') && /\/(virtualservices|destinationrules)\/[^/]+$/.test(r));
    const patches = istioRequests.filter((r) => r === `PATCH /apis/networking.istio.io/v1alpha3/namespaces/${NS}/virtualservices/reviews-vs`);
    expect(gets).toEqual([]);
    expect(patches.length).toBeGreaterThan(0);
  });
});

describe('without the Istio CRDs', () => {
  beforeEach(() => start({ istio: false }));

  it('the controller starts and a canary without traffic routing runs to completion', { timeout: 90_000 }, async () => {
    await client.clients.rollouts.create(NS, reviews({ canary: { steps } }));
    expect(await runCanary()).toEqual([null, null]);
    expect(manager.istio?.active).toBe(false);
    expect(istioRequests).toEqual(['GET /apis/networking.istio.io/v1alpha3/virtualservices']);
  });
});
