/**
 * The process with the real canary reconciler wired in, on the sandbox (whose simulated kubelet makes
 * pods Ready): a new Rollout becomes Healthy, and an image update walks setWeight → timed pause →
 * promotion back to Healthy on the new pod hash.
 */
import { rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Rollout } from '@serin/api';
import { createKubeClient } from '@serin/kube';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type SandboxFixture, aRollout, startSandboxWithCrds, until } from './__fixtures__/sandbox.js';
import { runController } from './run.js';
import { createAnalysisRunReconciler, createRolloutReconciler } from './wiring.js';

/** `rollout_duration_seconds_count{status}` in a scrape (0 when absent). */
const durationCount = (text: string, status: string): number => Number(new RegExp(`^rollout_duration_seconds_count\\{status="${status}"\\} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);

let fx: SandboxFixture;
beforeEach(async () => {
  fx = await startSandboxWithCrds({ podReadyMs: 20 });
});
afterEach(async () => {
  await fx.sandbox.close();
  rmSync(fx.dir, { recursive: true, force: true });
});

describe('serin-controller with the canary reconciler', () => {
  it('takes a Rollout to Healthy, then through setWeight and a timed pause to the new revision', async () => {
    let terminate: () => void = () => undefined;
    const lines: string[] = [];
    let metricsPort = 0;
    const done = runController({
      onListening: (p) => (metricsPort = p.metricsPort),
      argv: ['--kubeconfig', fx.kubeconfigPath, '--healthzPort=0', '--metricsPort=0', '--leader-elect=false'],
      env: {},
      version: 'v0-test',
      createRolloutReconciler,
      terminated: new Promise<void>((r) => (terminate = r)),
      host: '127.0.0.1',
      stderr: (l) => lines.push(l),
    });
    const client = createKubeClient({ kubeconfigPath: fx.kubeconfigPath, qps: 0 });
    const get = (): Promise<Rollout> => client.clients.rollouts.get('default', 'web');
    try {
      await client.clients.rollouts.create('default', aRollout('web', { replicas: 2, steps: [{ setWeight: 50 }, { pause: { duration: 1 } }] }));
      let current: Rollout | undefined;
      await until(async () => (current = await get()).status?.phase === 'Healthy', () => `Healthy; status ${JSON.stringify(current?.status)}\n${lines.slice(-20).join('\n')}`, 20_000);
      const firstHash = current?.status?.currentPodHash;
      const scrape = async (): Promise<string> => (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
      const initialCompletion = String(current?.status?.duration?.completionStatus);
      let beforeUpdate = '';
      await until(async () => durationCount((beforeUpdate = await scrape()), initialCompletion) === 1, 'the initial deploy in rollout_duration_seconds');

      await client.clients.rollouts.patchMerge('default', 'web', { spec: { template: { spec: { containers: [{ name: 'app', image: 'nginx:1.26' }] } } } });
      await until(async () => (current = await get()).status?.currentPodHash !== firstHash, 'new pod hash');
      await until(async () => (current = await get()).status?.phase === 'Healthy' && current.status?.stableRS === current.status?.currentPodHash, () => `promoted; status ${JSON.stringify(current?.status)}`, 20_000);
      expect(current?.status?.currentStepIndex).toBe(2);
      const events = await client.clients.events.list('default');
      const reasons = events.items.filter((e) => e.involvedObject.name === 'web').map((e) => e.reason);
      expect(reasons).toEqual(expect.arrayContaining(['RolloutAddedToInformer', 'NewReplicaSetCreated', 'RolloutStepCompleted', 'RolloutCompleted']));
      // the finished update adds exactly one observation to rollout_duration_seconds, labelled by its completion status
      const completion = String(current?.status?.duration?.completionStatus);
      let text = '';
      await until(async () => durationCount((text = await scrape()), completion) > durationCount(beforeUpdate, completion), 'the update in rollout_duration_seconds');
      expect(durationCount(text, completion)).toBe(durationCount(beforeUpdate, completion) + 1);
    } finally {
      terminate();
      expect(await done).toBe(0);
    }
  });

  it('runs an AnalysisRun with a Web metric to Successful through the analysis workers', async () => {
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    let terminate: () => void = () => undefined;
    const done = runController({
      argv: ['--kubeconfig', fx.kubeconfigPath, '--healthzPort=0', '--metricsPort=0', '--leader-elect=false'],
      env: {},
      version: 'v0-test',
      createRolloutReconciler,
      createAnalysisRunReconciler: (ctx) => createAnalysisRunReconciler(ctx),
      terminated: new Promise<void>((r) => (terminate = r)),
      host: '127.0.0.1',
      stderr: () => undefined,
    });
    const client = createKubeClient({ kubeconfigPath: fx.kubeconfigPath, qps: 0 });
    try {
      await client.clients.analysisRuns.create('default', {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'AnalysisRun',
        metadata: { name: 'web-check' },
        spec: { metrics: [{ name: 'ok', successCondition: 'result == true', provider: { web: { url: `http://127.0.0.1:${port}/`, jsonPath: '{$.ok}' } } }] },
      } as never);
      let phase: string | undefined;
      await until(async () => (phase = (await client.clients.analysisRuns.get('default', 'web-check')).status?.phase) === 'Successful', () => `Successful, phase ${String(phase)}`, 20_000);
    } finally {
      terminate();
      expect(await done).toBe(0);
      await new Promise((r) => server.close(r));
    }
  });

  it('dispatches a blue-green Rollout to the blue-green reconciler: it becomes Healthy behind its active Service', async () => {
    let terminate: () => void = () => undefined;
    const done = runController({
      argv: ['--kubeconfig', fx.kubeconfigPath, '--healthzPort=0', '--metricsPort=0', '--leader-elect=false'],
      env: {},
      version: 'v0-test',
      createRolloutReconciler,
      terminated: new Promise<void>((r) => (terminate = r)),
      host: '127.0.0.1',
      stderr: () => undefined,
    });
    const client = createKubeClient({ kubeconfigPath: fx.kubeconfigPath, qps: 0 });
    try {
      await client.clients.services.create('default', { metadata: { name: 'bg-active' }, spec: { ports: [{ port: 80 }], selector: { app: 'bg' } } });
      const ro = aRollout('bg', { replicas: 1 });
      (ro.spec as { strategy: unknown }).strategy = { blueGreen: { activeService: 'bg-active' } };
      await client.clients.rollouts.create('default', ro);
      let current: Rollout | undefined;
      await until(async () => (current = await client.clients.rollouts.get('default', 'bg')).status?.phase === 'Healthy', () => `Healthy; status ${JSON.stringify(current?.status)}`, 20_000);
      expect(current?.status?.blueGreen?.activeSelector).toBe(current?.status?.currentPodHash);
      const svc = await client.clients.services.get('default', 'bg-active');
      expect(svc.spec?.selector?.['rollouts-pod-template-hash']).toBe(current?.status?.currentPodHash);
    } finally {
      terminate();
      expect(await done).toBe(0);
    }
  });
});
