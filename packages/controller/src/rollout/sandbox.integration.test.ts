/**
 * The rollout reconciler against the real sandbox API server, driven by real kubectl, with a minimal
 * informer → queue → reconciler loop (test-support/rollout-harness.ts). Pods become Ready through the sandbox's
 * simulated kubelet.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { V1ReplicaSet } from '@kubernetes/client-node';
import { type Sandbox, startSandbox } from '@serin/sandbox';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type KubectlResult, kubectlRunner, waitFor } from '../test-support/kubectl.js';
import { type RolloutHarness, startRolloutHarness } from '../test-support/rollout-harness.js';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../../../..');
const fixtures = join(here, '../test-support/fixtures');

let sandbox: Sandbox;
let harness: RolloutHarness;
let kubectl: (args: string[]) => Promise<KubectlResult>;
/** Non-GET requests served, for write accounting. */
let writes: string[];

const ok = async (args: string[]): Promise<string> => {
  const r = await kubectl(args);
  if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
};

beforeEach(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'serin-controller-'));
  const kubeconfigPath = join(dir, 'kubeconfig');
  sandbox = await startSandbox({ port: 0, podReadyMs: 50, kubeconfigPath });
  writes = [];
  sandbox.onRequest((r) => {
    if (r.method !== 'GET') writes.push(`${r.method} ${r.path}`);
  });
  kubectl = kubectlRunner(kubeconfigPath, dir);
  await ok(['create', '-f', join(repoRoot, 'crds')]);
  harness = await startRolloutHarness({ kubeconfigPath });
});

afterEach(async () => {
  await harness.stop();
  await sandbox.close();
});

const phaseOf = (ns: string, name: string): string => {
  const ro = harness.rollout(ns, name);
  // a phase only counts once the controller observed the current generation
  return ro?.status?.observedGeneration === String(ro?.metadata?.generation ?? 0) ? (ro?.status?.phase ?? '') : '';
};
const waitPhase = (ns: string, name: string, phase: string, limitMs?: number) => waitFor(`${name} ${phase}`, () => phaseOf(ns, name) === phase, limitMs);
const replicasByImage = (rss: V1ReplicaSet[]): Record<string, number> =>
  Object.fromEntries(rss.map((rs) => [rs.spec?.template?.spec?.containers[0]?.image ?? '', rs.spec?.replicas ?? 0]));
const setImage = (ns: string, name: string, image: string) =>
  ok(['patch', 'rollout', name, '-n', ns, '--type', 'json', '-p', JSON.stringify([{ op: 'replace', path: '/spec/template/spec/containers/0/image', value: image }])]);
const patchStatus = (ns: string, name: string, patch: unknown) =>
  ok(['patch', 'rollout', name, '-n', ns, '--subresource=status', '--type', 'merge', '-p', JSON.stringify(patch)]);

describe('seed scenario S1: canary with steps 20 / pause{} / 40 / pause 10 / 60 / pause 10 / 80 / pause 10', () => {
  const V1 = 'docker.io/istio/examples-bookinfo-reviews-v1:1.16.2';
  const V2 = 'docker.io/istio/examples-bookinfo-reviews-v2:1.16.2';
  const V3 = 'docker.io/istio/examples-bookinfo-reviews-v3:1.16.2';

  it('deploys, pauses at step 2 after an image change, completes after promote; a reconcile of the unchanged rollout writes nothing', { timeout: 60_000 }, async () => {
    await ok(['create', 'namespace', 'istio']);
    await ok(['apply', '-n', 'istio', '-f', join(fixtures, 'rollout-canary-steps.yaml')]);
    await waitPhase('istio', 'reviews-v1', 'Healthy');
    expect(replicasByImage(harness.replicaSetsOf('istio', 'reviews-v1'))).toEqual({ [V1]: 1 });

    await setImage('istio', 'reviews-v1', V2);
    await waitPhase('istio', 'reviews-v1', 'Paused');
    const paused = harness.rollout('istio', 'reviews-v1')?.status;
    expect(paused).toMatchObject({ currentStepIndex: 1, message: 'CanaryPauseStep', controllerPause: true });
    expect(replicasByImage(harness.replicaSetsOf('istio', 'reviews-v1'))).toEqual({ [V1]: 1, [V2]: 1 });

    // promote, as `kubectl argo rollouts promote` patches it; skip the 10 s pauses the same way except the last
    for (const index of [1, 3, 5]) {
      await waitFor(`step ${index} paused`, () => harness.rollout('istio', 'reviews-v1')?.status?.currentStepIndex === index && (harness.rollout('istio', 'reviews-v1')?.status?.pauseConditions ?? []).length > 0);
      await patchStatus('istio', 'reviews-v1', { status: { pauseConditions: null } });
    }
    await waitPhase('istio', 'reviews-v1', 'Healthy', 30_000);
    const done = harness.rollout('istio', 'reviews-v1')?.status;
    expect(done).toMatchObject({ currentStepIndex: 8, stableRS: done?.currentPodHash, replicas: 1, availableReplicas: 1 });
    expect(replicasByImage(harness.replicaSetsOf('istio', 'reviews-v1'))).toEqual({ [V1]: 0, [V2]: 1 });

    const before = writes.length;
    const reconciles = harness.reconciles();
    for (let i = 0; i < 3; i++) harness.queue.add('istio/reviews-v1');
    await waitFor('reconcile of the unchanged rollout', () => harness.reconciles() > reconciles && harness.queue.len() === 0 && harness.queue.inFlight() === 0);
    expect(writes.slice(before)).toEqual([]);

    const table = await ok(['get', 'rollout', 'reviews-v1', '-n', 'istio', '--no-headers']);
    expect(table.split(/\s+/).slice(0, 5)).toEqual(['reviews-v1', '1', '1', '1', '1']);
  });

  it('abort returns to the stable RS at full size; retry restarts from step 0', { timeout: 60_000 }, async () => {
    await ok(['create', 'namespace', 'istio']);
    await ok(['apply', '-n', 'istio', '-f', join(fixtures, 'rollout-canary-steps.yaml')]);
    await waitPhase('istio', 'reviews-v1', 'Healthy');
    await setImage('istio', 'reviews-v1', V3);
    await waitPhase('istio', 'reviews-v1', 'Paused');

    await patchStatus('istio', 'reviews-v1', { status: { abort: true } });
    await waitFor('canary scaled down', () => phaseOf('istio', 'reviews-v1') === 'Degraded' && replicasByImage(harness.replicaSetsOf('istio', 'reviews-v1'))[V3] === 0);
    const aborted = harness.rollout('istio', 'reviews-v1')?.status;
    expect(aborted).toMatchObject({ abort: true, currentStepIndex: 0, message: 'RolloutAborted: Rollout aborted update to revision 2' });
    expect(replicasByImage(harness.replicaSetsOf('istio', 'reviews-v1'))).toEqual({ [V1]: 1, [V3]: 0 });

    const history = harness.stepIndexHistory.length;
    await patchStatus('istio', 'reviews-v1', { status: { abort: false } });
    await waitPhase('istio', 'reviews-v1', 'Paused');
    expect(harness.stepIndexHistory.slice(history - 1)).toEqual([0, 1]);
    expect(harness.rollout('istio', 'reviews-v1')?.status?.abort).toBeFalsy();
    expect(replicasByImage(harness.replicaSetsOf('istio', 'reviews-v1'))).toEqual({ [V1]: 1, [V3]: 1 });
  });
});

describe('the scale subresource (HPA / kubectl scale)', () => {
  it('kubectl scale resizes the stable RS; the scale subresource reports HPAReplicas and the selector', { timeout: 60_000 }, async () => {
    await ok(['apply', '-f', join(fixtures, 'abort-retry-promote.yaml')]);
    await waitPhase('default', 'abort-retry-promote', 'Healthy');
    await ok(['scale', 'rollout', 'abort-retry-promote', '--replicas', '3']);
    await waitFor('3 available', () => phaseOf('default', 'abort-retry-promote') === 'Healthy' && harness.rollout('default', 'abort-retry-promote')?.status?.availableReplicas === 3);
    expect(harness.replicaSetsOf('default', 'abort-retry-promote').map((rs) => rs.spec?.replicas)).toEqual([3]);
    const scale = JSON.parse(await ok(['get', 'rollout', 'abort-retry-promote', '--subresource=scale', '-o', 'json'])) as { spec?: { replicas?: number }; status?: { replicas?: number; selector?: string } };
    expect(scale).toMatchObject({ spec: { replicas: 3 }, status: { replicas: 3, selector: 'app=abort-retry-promote' } });
  });
});

describe('restartAt (Eviction subresource)', () => {
  it('evicts every pod created before restartAt, then records restartedAt; no new ReplicaSet', { timeout: 60_000 }, async () => {
    await ok(['apply', '-f', join(fixtures, 'abort-retry-promote.yaml')]);
    await ok(['scale', 'rollout', 'abort-retry-promote', '--replicas', '2']);
    await waitFor('2 available', () => phaseOf('default', 'abort-retry-promote') === 'Healthy' && harness.rollout('default', 'abort-retry-promote')?.status?.availableReplicas === 2);
    const before = JSON.parse(await ok(['get', 'pods', '-o', 'json'])) as { items: Array<{ metadata: { name: string } }> };
    await new Promise((r) => setTimeout(r, 1_100));
    const restartAt = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    await ok(['patch', 'rollout', 'abort-retry-promote', '--type', 'merge', '-p', JSON.stringify({ spec: { restartAt } })]);
    await waitFor('restartedAt', () => harness.rollout('default', 'abort-retry-promote')?.status?.restartedAt === restartAt && phaseOf('default', 'abort-retry-promote') === 'Healthy', 30_000);
    const after = JSON.parse(await ok(['get', 'pods', '-o', 'json'])) as { items: Array<{ metadata: { name: string } }> };
    const oldNames = new Set(before.items.map((p) => p.metadata.name));
    expect(after.items.filter((p) => oldNames.has(p.metadata.name))).toEqual([]);
    expect(writes.filter((w) => w.startsWith('POST') && w.endsWith('/eviction'))).toHaveLength(2);
    expect(harness.replicaSetsOf('default', 'abort-retry-promote')).toHaveLength(1);
  });
});

describe('upstream e2e TestRolloutAbortRetryPromote on the sandbox', () => {
  it('emits upstream event reasons in upstream order', { timeout: 60_000 }, async () => {
    await ok(['apply', '-f', join(fixtures, 'abort-retry-promote.yaml')]);
    await waitPhase('default', 'abort-retry-promote', 'Healthy');
    await setImage('default', 'abort-retry-promote', 'nginx:1.20-alpine');
    await waitPhase('default', 'abort-retry-promote', 'Paused');
    await patchStatus('default', 'abort-retry-promote', { status: { abort: true } });
    await waitPhase('default', 'abort-retry-promote', 'Degraded');
    await waitFor('canary scaled to 0', () => harness.replicaSetsOf('default', 'abort-retry-promote').every((rs) => (rs.spec?.template?.spec?.containers[0]?.image === 'nginx:1.20-alpine') === (rs.spec?.replicas === 0)));
    await patchStatus('default', 'abort-retry-promote', { status: { abort: false } });
    await waitPhase('default', 'abort-retry-promote', 'Paused');
    await waitPhase('default', 'abort-retry-promote', 'Healthy', 20_000);
    await waitFor('last event', () => harness.events.at(-1)?.reason === 'RolloutCompleted' && harness.events.length > 5);
    // upstream's list minus RolloutAddedToInformer (the manager's informer handler emits it, not the reconciler)
    expect(harness.events.map((e) => e.reason)).toEqual([
      'RolloutUpdated',
      'NewReplicaSetCreated',
      'RolloutNotCompleted',
      'ScalingReplicaSet',
      'RolloutCompleted',
      'RolloutUpdated',
      'NewReplicaSetCreated',
      'RolloutNotCompleted',
      'ScalingReplicaSet',
      'RolloutStepCompleted',
      'RolloutPaused',
      'ScalingReplicaSet',
      'RolloutAborted',
      'ScalingReplicaSet',
      'RolloutStepCompleted',
      'RolloutPaused',
      'RolloutStepCompleted',
      'RolloutResumed',
      'ScalingReplicaSet',
      'RolloutCompleted',
    ]);
    const listed = await ok(['get', 'events', '-n', 'default', '--field-selector', 'involvedObject.name=abort-retry-promote', '-o', 'jsonpath={.items[*].reason}']);
    expect(new Set(listed.split(' '))).toEqual(new Set(harness.events.map((e) => e.reason)));
  });
});
