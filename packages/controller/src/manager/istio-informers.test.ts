/**
 * The manager's VirtualService/DestinationRule informers on the sandbox with a counting reconciler: started only
 * when the Istio CRDs exist (or once a re-check finds them), their changes enqueue exactly the Rollouts that
 * reference the object.
 */
import { rmSync } from 'node:fs';
import type { Rollout } from '@serin/api';
import { type KubeClient, createKubeClient, silentLogger, systemClock } from '@serin/kube';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type SandboxFixture, aRollout, startSandboxWithCrds, until } from '../__fixtures__/sandbox.js';
import { yamlDocs } from '../trafficrouting/__fixtures__/istio-sandbox.js';
import { Manager, type RolloutReconcilerLike } from './manager.js';

const NS = 'istio';

class CountingReconciler implements RolloutReconcilerLike {
  readonly calls: string[] = [];
  count(key: string): number {
    return this.calls.filter((k) => k === key).length;
  }
  async reconcile(namespace: string, name: string): Promise<void> {
    this.calls.push(`${namespace}/${name}`);
  }
}

/** A Rollout routed through `reviews-vs` and the `reviews` DestinationRule. */
function routedRollout(name: string): Rollout {
  const ro = aRollout(name);
  ro.spec.strategy = {
    canary: {
      trafficRouting: { istio: { virtualService: { name: 'reviews-vs', routes: ['http-primary'] }, destinationRule: { name: 'reviews', canarySubsetName: 'v2', stableSubsetName: 'v1' } } },
      steps: [{ setWeight: 20 }, { pause: {} }],
    },
  };
  return ro;
}

let fx: SandboxFixture;
let client: KubeClient;
let reconciler: CountingReconciler;
let manager: Manager;
/** `METHOD path` of every request to networking.istio.io. */
let istioRequests: string[];

function installIstio(): void {
  const crds = fx.sandbox.api.type('apiextensions.k8s.io', 'v1', 'customresourcedefinitions');
  for (const crd of yamlDocs('istio-crds.yaml')) fx.sandbox.api.create(crds, undefined, crd);
  for (const obj of yamlDocs('reviews-istio.yaml')) {
    const plural = obj['kind'] === 'VirtualService' ? 'virtualservices' : 'destinationrules';
    fx.sandbox.api.create(fx.sandbox.api.type('networking.istio.io', 'v1alpha3', plural), NS, obj);
  }
}

function newManager(istioRecheckMs?: number): Manager {
  return new Manager({
    transport: client.transport,
    clients: client.clients,
    clock: systemClock(),
    logger: silentLogger,
    minWatchMs: 0,
    createRolloutReconciler: () => reconciler,
    ...(istioRecheckMs === undefined ? {} : { istioRecheckMs }),
  });
}

beforeEach(async () => {
  fx = await startSandboxWithCrds({ namespaces: [NS] });
  istioRequests = [];
  fx.sandbox.onRequest((r) => {
    if (r.path.startsWith('/apis/networking.istio.io/')) istioRequests.push(`${r.method} ${r.path}`);
  });
  client = createKubeClient({ kubeconfigPath: fx.kubeconfigPath, qps: 0 });
  reconciler = new CountingReconciler();
});

afterEach(async () => {
  await manager.stop();
  await fx.sandbox.close();
  rmSync(fx.dir, { recursive: true, force: true });
});

const idle = (): boolean => manager.rolloutQueue.len() === 0 && manager.rolloutQueue.inFlight() === 0;
const ROUTED = `${NS}/routed`;
const PLAIN = `${NS}/plain`;

describe('with the Istio CRDs installed', () => {
  beforeEach(async () => {
    installIstio();
    await client.clients.rollouts.create(NS, routedRollout('routed'));
    await client.clients.rollouts.create(NS, aRollout('plain'));
    manager = newManager();
    await manager.start();
    await until(() => reconciler.count(ROUTED) >= 1 && reconciler.count(PLAIN) >= 1 && idle(), 'initial reconciles');
  });

  it('the informers have synced before the workers start and the reconcilers get their listers', () => {
    expect(manager.istio?.active).toBe(true);
    expect(manager.listers.virtualServices?.list(NS).map((vs) => vs.metadata?.name).sort()).toEqual(['reviews-host-vs', 'reviews-vs']);
    expect(manager.listers.destinationRules?.get(NS, 'reviews')?.metadata?.name).toBe('reviews');
  });

  const vs = () => client.clients.virtualServices;
  const dr = () => client.clients.destinationRules;
  const touch = { metadata: { annotations: { touched: 'yes' } } };
  it.each([
    { name: 'VirtualService update', act: () => vs().patchMerge(NS, 'reviews-vs', touch) },
    { name: 'DestinationRule update', act: () => dr().patchMerge(NS, 'reviews', touch) },
    { name: 'VirtualService delete', act: () => vs().delete(NS, 'reviews-vs') },
    { name: 'DestinationRule delete', act: () => dr().delete(NS, 'reviews') },
  ])('a $name enqueues the referencing Rollout once, and no other', async ({ act }) => {
    const before = reconciler.count(ROUTED);
    const plainBefore = reconciler.count(PLAIN);
    await act();
    await until(() => reconciler.count(ROUTED) > before, 'reconcile of the referencing Rollout');
    await until(idle, 'queue idle');
    expect([reconciler.count(ROUTED) - before, reconciler.count(PLAIN) - plainBefore]).toEqual([1, 0]);
  });

  it('a change to a VirtualService no Rollout references enqueues nothing', async () => {
    const before = reconciler.calls.length;
    const patched = await vs().patchMerge(NS, 'reviews-host-vs', touch);
    const rv = patched.metadata?.resourceVersion;
    await until(() => manager.listers.virtualServices?.get(NS, 'reviews-host-vs')?.metadata?.resourceVersion === rv && idle(), 'host VS in cache');
    expect(reconciler.calls.length).toBe(before);
  });
});

describe('without the Istio CRDs', () => {
  it('starts, reconciles Rollouts, serves empty listers and does not watch Istio kinds', async () => {
    await client.clients.rollouts.create(NS, routedRollout('routed'));
    manager = newManager(0);
    await manager.start();
    await until(() => reconciler.count(ROUTED) >= 1 && idle(), 'reconcile');
    expect([manager.istio?.active, manager.listers.virtualServices?.size(), manager.listers.destinationRules?.size()]).toEqual([false, 0, 0]);
    // one detection LIST, nothing else
    expect(istioRequests).toEqual(['GET /apis/networking.istio.io/v1alpha3/virtualservices']);
  });

  it('a periodic re-check starts the informers once the CRDs are installed; their adds enqueue the referencing Rollout', async () => {
    await client.clients.rollouts.create(NS, routedRollout('routed'));
    manager = newManager(50);
    await manager.start();
    await until(() => reconciler.count(ROUTED) >= 1 && idle(), 'initial reconcile');
    expect(manager.istio?.active).toBe(false);
    const before = reconciler.count(ROUTED);
    installIstio();
    await until(() => manager.listers.virtualServices?.get(NS, 'reviews-vs') !== undefined, 'VirtualService cache');
    await until(() => reconciler.count(ROUTED) > before, 'reconcile after the informers started');
    expect(manager.listers.destinationRules?.get(NS, 'reviews')).toBeDefined();
  });
});

describe('--istio-api-version', () => {
  it('detects and watches the configured version', async () => {
    installIstio();
    client = createKubeClient({ kubeconfigPath: fx.kubeconfigPath, qps: 0, istioApiVersion: 'v1beta1' });
    manager = new Manager({ transport: client.transport, clients: client.clients, clock: systemClock(), logger: silentLogger, minWatchMs: 0, createRolloutReconciler: () => reconciler, istioApiVersion: 'v1beta1' });
    await manager.start();
    expect(manager.listers.virtualServices?.get(NS, 'reviews-vs')?.metadata?.name).toBe('reviews-vs');
    expect(new Set(istioRequests.map((r) => r.split('/')[3]))).toEqual(new Set(['v1beta1']));
  });
});
