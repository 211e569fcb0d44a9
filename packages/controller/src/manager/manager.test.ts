/**
 * The manager against the real sandbox API server with a fake reconciler: informer events reach the
 * reconciler under the right key, owned objects enqueue their owner, and the queue deduplicates.
 */
import { rmSync } from 'node:fs';
import { type KubeClient, createKubeClient, silentLogger, systemClock } from '@serin/kube';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type SandboxFixture, aRollout, anOwnedReplicaSet, startSandboxWithCrds, until } from '../__fixtures__/sandbox.js';
import { ControllerMetrics } from '../metrics/metrics.js';
import { Manager, type RolloutReconcilerLike } from './manager.js';

/** Records every reconcile; `hold()` makes reconciles wait until `release()`. */
class FakeReconciler implements RolloutReconcilerLike {
  readonly calls: string[] = [];
  private gate: Promise<void> | undefined;
  private open: (() => void) | undefined;
  inFlight = 0;

  hold(): void {
    this.gate = new Promise((resolve) => (this.open = resolve));
  }

  release(): void {
    this.open?.();
    this.gate = undefined;
  }

  count(key: string): number {
    return this.calls.filter((k) => k === key).length;
  }

  async reconcile(namespace: string, name: string): Promise<void> {
    this.calls.push(`${namespace}/${name}`);
    this.inFlight++;
    try {
      await this.gate;
    } finally {
      this.inFlight--;
    }
  }
}

let fx: SandboxFixture;
let client: KubeClient;
let reconciler: FakeReconciler;
let manager: Manager;
let metrics: ControllerMetrics;

beforeEach(async () => {
  fx = await startSandboxWithCrds();
  client = createKubeClient({ kubeconfigPath: fx.kubeconfigPath, qps: 0 });
  reconciler = new FakeReconciler();
  metrics = new ControllerMetrics({ version: 'v0.0.0-test', processMetrics: false });
  metrics.bindRequestCounter(client.requests);
  manager = new Manager({
    transport: client.transport,
    clients: client.clients,
    clock: systemClock(),
    logger: silentLogger,
    metrics,
    rolloutThreads: 4,
    minWatchMs: 0,
    createRolloutReconciler: () => reconciler,
  });
});

afterEach(async () => {
  await manager.stop();
  await fx.sandbox.close();
  rmSync(fx.dir, { recursive: true, force: true });
});

const idle = (): boolean => manager.rolloutQueue.len() === 0 && manager.rolloutQueue.inFlight() === 0;

describe('Manager on the sandbox', () => {
  it('reconciles Rollouts that exist before start, after the caches have synced', async () => {
    await client.clients.rollouts.create('default', aRollout('early'));
    await manager.start();
    expect(manager.informers.hasSynced()).toBe(true);
    await until(() => reconciler.count('default/early') === 1, 'reconcile of default/early');
    expect(reconciler.calls).toEqual(['default/early']);
  });

  it('a Rollout created after start is reconciled under namespace/name and gets RolloutAddedToInformer', async () => {
    await manager.start();
    await client.clients.rollouts.create('default', aRollout('web'));
    await until(() => reconciler.count('default/web') >= 1, 'reconcile of default/web');
    await manager.recorder.flush();
    const events = await client.clients.events.list('default');
    const added = events.items.filter((e) => e.reason === 'RolloutAddedToInformer');
    expect(added.map((e) => [e.involvedObject.name, e.message])).toEqual([['web', 'Rollout resource added to informer: default/web']]);
  });

  it('a ReplicaSet change enqueues its owning Rollout, and only a Rollout owner', async () => {
    const ro = await client.clients.rollouts.create('default', aRollout('web'));
    await manager.start();
    await until(() => reconciler.count('default/web') === 1 && idle(), 'initial reconcile');

    // (the sandbox's own controllers may update the RS status too, so count at least one more each time)
    const owner = { kind: 'Rollout', name: 'web', uid: ro.metadata?.uid ?? '' };
    await client.clients.replicaSets.create('default', anOwnedReplicaSet('web-abc123', owner));
    await until(() => reconciler.count('default/web') >= 2, 'reconcile after RS add');

    await until(idle, 'queue idle');
    const beforeUpdate = reconciler.count('default/web');
    await client.clients.replicaSets.patchMerge('default', 'web-abc123', { metadata: { annotations: { touched: 'yes' } } });
    await until(() => reconciler.count('default/web') > beforeUpdate, 'reconcile after RS update');

    await until(idle, 'queue idle');
    const beforeDelete = reconciler.count('default/web');
    await client.clients.replicaSets.delete('default', 'web-abc123');
    await until(() => reconciler.count('default/web') > beforeDelete, 'reconcile after RS delete');

    // an RS controlled by a Deployment never enqueues a Rollout key
    await client.clients.replicaSets.create('default', anOwnedReplicaSet('other-def456', { kind: 'Deployment', name: 'other', uid: 'u-1' }, 'def456'));
    await until(() => manager.listers.replicaSets.get('default', 'other-def456') !== undefined && idle(), 'RS other-def456 in cache');
    expect(new Set(reconciler.calls)).toEqual(new Set(['default/web']));
  });

  it('a Service named by a Rollout enqueues that Rollout', async () => {
    const ro = aRollout('svc-user');
    (ro.spec.strategy as { canary: Record<string, unknown> }).canary['canaryService'] = 'svc-canary';
    await client.clients.rollouts.create('default', ro);
    await client.clients.rollouts.create('default', aRollout('bystander'));
    await manager.start();
    await until(() => reconciler.calls.length === 2 && idle(), 'initial reconciles');
    await client.clients.services.create('default', { metadata: { name: 'svc-canary' }, spec: { ports: [{ port: 80 }], selector: { app: 'svc-user' } } });
    await until(() => reconciler.count('default/svc-user') === 2 && idle(), 'reconcile after Service add');
    expect(reconciler.count('default/bystander')).toBe(1);
  });

  it('an AnalysisTemplate (or ClusterAnalysisTemplate) a Rollout names enqueues that Rollout (beyond Argo: no 20 s InvalidSpec wait)', async () => {
    const ro = aRollout('analysed');
    (ro.spec.strategy as { canary: Record<string, unknown> }).canary['steps'] = [{ setWeight: 50 }, { analysis: { templates: [{ templateName: 'smoke' }, { templateName: 'global', clusterScope: true }] } }];
    await client.clients.rollouts.create('default', ro);
    await client.clients.rollouts.create('default', aRollout('bystander'));
    await manager.start();
    await until(() => reconciler.calls.length === 2 && idle(), 'initial reconciles');
    const metrics = [{ name: 'm', provider: { web: { url: 'http://m' } } }];
    await client.clients.analysisTemplates.create('default', { apiVersion: 'argoproj.io/v1alpha1', kind: 'AnalysisTemplate', metadata: { name: 'smoke' }, spec: { metrics } } as never);
    await until(() => reconciler.count('default/analysed') === 2 && idle(), 'reconcile after AnalysisTemplate add');
    await client.clients.clusterAnalysisTemplates.create('', { apiVersion: 'argoproj.io/v1alpha1', kind: 'ClusterAnalysisTemplate', metadata: { name: 'global' }, spec: { metrics } } as never);
    await until(() => reconciler.count('default/analysed') === 3 && idle(), 'reconcile after ClusterAnalysisTemplate add');
    // a namespaced template of the cluster template's name is a different object
    await client.clients.analysisTemplates.create('default', { apiVersion: 'argoproj.io/v1alpha1', kind: 'AnalysisTemplate', metadata: { name: 'global' }, spec: { metrics } } as never);
    await until(() => manager.listers.analysisTemplates.get('default', 'global') !== undefined && idle(), 'template global in cache');
    expect([reconciler.count('default/analysed'), reconciler.count('default/bystander')]).toEqual([3, 1]);
  });

  it('deduplicates: many updates during one reconcile cause exactly one more reconcile', async () => {
    await client.clients.rollouts.create('default', aRollout('busy'));
    reconciler.hold();
    await manager.start();
    await until(() => reconciler.inFlight === 1, 'first reconcile in flight');
    let lastRv = '';
    for (let i = 0; i < 5; i++) {
      const r = await client.clients.rollouts.patchMerge('default', 'busy', { metadata: { labels: { round: String(i) } } });
      lastRv = r.metadata?.resourceVersion ?? '';
    }
    await until(() => manager.listers.rollouts.get('default', 'busy')?.metadata?.resourceVersion === lastRv, 'cache sees the last update');
    expect(reconciler.count('default/busy')).toBe(1);
    reconciler.release();
    await until(() => reconciler.count('default/busy') === 2 && idle(), 'second reconcile');
    expect(reconciler.calls).toEqual(['default/busy', 'default/busy']);
  });

  it('requeueAfterMs schedules the key again', async () => {
    let n = 0;
    const requeueing: RolloutReconcilerLike = {
      reconcile: async () => {
        n++;
        return n < 3 ? { requeueAfterMs: 10 } : {};
      },
    };
    await manager.stop();
    manager = new Manager({ transport: client.transport, clients: client.clients, clock: systemClock(), logger: silentLogger, minWatchMs: 0, createRolloutReconciler: () => requeueing });
    await client.clients.rollouts.create('default', aRollout('paused'));
    await manager.start();
    await until(() => n === 3 && idle() && manager.rolloutQueue.delayed() === 0, 'three reconciles');
    expect(n).toBe(3);
  });

  it('stop() drains the in-flight reconcile before resolving', async () => {
    await client.clients.rollouts.create('default', aRollout('slow'));
    reconciler.hold();
    await manager.start();
    await until(() => reconciler.inFlight === 1, 'reconcile in flight');
    const stopped = manager.stop();
    let done = false;
    void stopped.then(() => (done = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(done).toBe(false);
    reconciler.release();
    await stopped;
    expect(reconciler.inFlight).toBe(0);
    expect(manager.isRunning).toBe(false);
  });

  it('feeds rollout_reconcile, rollout_events_total and the k8s request counter', async () => {
    await client.clients.rollouts.create('default', aRollout('web'));
    await manager.start();
    await until(() => reconciler.count('default/web') === 1 && idle(), 'reconcile');
    await manager.recorder.flush();
    const text = await metrics.text();
    expect(text).toContain('rollout_reconcile_count{namespace="default",name="web"} 1');
    expect(text).toContain('rollout_events_total{namespace="default",name="web",type="Normal",reason="RolloutAddedToInformer"} 1');
    expect(text).toMatch(/controller_clientset_k8s_request_total\{kind="rollouts",namespace="",name="N\/A",verb="List",status_code="200"\} 1\n/);
    expect(text).toMatch(/rollout_info\{namespace="default",name="web",strategy="canary",traffic_router="",phase="Progressing"\} 1/);
  });

  it('AnalysisRuns get their own queue: the run is reconciled under its key, its Job enqueues it, analysis_run_reconcile counts it', async () => {
    await manager.stop();
    const runs = new FakeReconciler();
    manager = new Manager({
      transport: client.transport,
      clients: client.clients,
      clock: systemClock(),
      logger: silentLogger,
      metrics,
      minWatchMs: 0,
      createRolloutReconciler: () => reconciler,
      createAnalysisRunReconciler: () => runs,
    });
    await manager.start();
    const run = await client.clients.analysisRuns.create('default', { apiVersion: 'argoproj.io/v1alpha1', kind: 'AnalysisRun', metadata: { name: 'run-1' }, spec: { metrics: [{ name: 'm', provider: { job: { spec: { template: { spec: { containers: [] } } } } } }] } } as never);
    await until(() => runs.count('default/run-1') === 1, 'analysis reconcile of default/run-1');
    const analysisIdle = (): boolean => manager.analysisRunQueue.len() === 0 && manager.analysisRunQueue.inFlight() === 0;
    await until(analysisIdle, 'analysis queue idle');
    const before = runs.count('default/run-1');
    await client.clients.jobs.create('default', {
      metadata: {
        name: 'run-1-job',
        labels: { 'analysisrun.argoproj.io/uid': run.metadata?.uid ?? '' },
        ownerReferences: [{ apiVersion: 'argoproj.io/v1alpha1', kind: 'AnalysisRun', name: 'run-1', uid: run.metadata?.uid ?? '', controller: true }],
      },
      spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } } },
    });
    await until(() => runs.count('default/run-1') > before, 'analysis reconcile after the Job was added');
    expect(new Set(runs.calls)).toEqual(new Set(['default/run-1']));
    expect(reconciler.calls).toEqual([]); // a run without a Rollout owner never enqueues a Rollout
    expect(await metrics.text()).toMatch(/analysis_run_reconcile_count\{namespace="default",name="run-1"\} [1-9]/);
  });

  it('a deleted Rollout gets RolloutDeleted and its per-object series are dropped after the cleanup delay', async () => {
    await manager.stop();
    manager = new Manager({ transport: client.transport, clients: client.clients, clock: systemClock(), logger: silentLogger, metrics, minWatchMs: 0, metricCleanupDelayMs: 0, createRolloutReconciler: () => reconciler });
    await client.clients.rollouts.create('default', aRollout('gone'));
    await manager.start();
    await until(() => reconciler.count('default/gone') === 1 && idle(), 'reconcile');
    expect(await metrics.text()).toContain('rollout_reconcile_count{namespace="default",name="gone"} 1');
    await client.clients.rollouts.delete('default', 'gone');
    await until(async () => !(await metrics.text()).includes('rollout_reconcile_count{namespace="default",name="gone"}'), 'series dropped');
    await manager.recorder.flush();
    const events = (await client.clients.events.list('default')).items.filter((e) => e.reason === 'RolloutDeleted');
    // parity: upstream formats "Rollout %s/%s is deleted." with (name, namespace)
    expect(events.map((e) => e.message)).toEqual(['Rollout gone/default is deleted.']);
  });

  it('Experiments get their own queue: the Experiment and a ReplicaSet it controls enqueue it; experiment_reconcile counts it', async () => {
    await manager.stop();
    const experiments = new FakeReconciler();
    manager = new Manager({ transport: client.transport, clients: client.clients, clock: systemClock(), logger: silentLogger, metrics, minWatchMs: 0, createExperimentReconciler: () => experiments });
    await manager.start();
    const ex = await client.clients.experiments.create('default', { apiVersion: 'argoproj.io/v1alpha1', kind: 'Experiment', metadata: { name: 'ex-1' }, spec: { templates: [] } } as never);
    await until(() => experiments.count('default/ex-1') === 1, 'experiment reconcile');
    await until(() => manager.experimentQueue.len() === 0 && manager.experimentQueue.inFlight() === 0, 'experiment queue idle');
    const before = experiments.count('default/ex-1');
    await client.clients.replicaSets.create('default', anOwnedReplicaSet('ex-1-canary', { kind: 'Experiment', name: 'ex-1', uid: ex.metadata?.uid ?? '' }));
    await until(() => experiments.count('default/ex-1') > before, 'experiment reconcile after its RS was added');
    expect(new Set(experiments.calls)).toEqual(new Set(['default/ex-1']));
    expect(await metrics.text()).toMatch(/experiment_reconcile_count\{namespace="default",name="ex-1"\} [1-9]/);
    expect(await metrics.text()).toContain('workqueue_depth{name="Experiments"}');
  });
});
