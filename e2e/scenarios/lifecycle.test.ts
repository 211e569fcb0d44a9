// Restart, undo, the scale subresource an HPA drives, on the upstream basic rollout
// (seed S6, S26; upstream e2e functional/rollout-basic.yaml).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eventually } from '../dsl/eventually.js';
import { scenario } from '../dsl/scenario.js';
import { type World, startWorld } from '../dsl/world.js';

vi.setConfig({ testTimeout: 90_000 });

let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => {
  await world?.close();
});

const podNames = async (ns: string): Promise<string[]> => (await world.cluster.pods(ns)).filter((p) => p.metadata?.deletionTimestamp === undefined).map((p) => p.metadata?.name ?? '').sort();

describe('restart (seed S6)', () => {
  it('recreates every pod without a new revision and records restartedAt', async () => {
    const s = await scenario(world, 'restart');
    await s.given.fixture('restart.yaml');
    await s.then.rollout('restart').reaches({ phase: 'Healthy', available: 3 });
    const before = await podNames(s.namespace);
    expect(before).toHaveLength(3);

    // restartAt has second precision and only pods created before it restart: let the creation second pass
    const newest = Math.max(...(await world.cluster.pods(s.namespace)).map((p) => Math.floor((p.metadata?.creationTimestamp?.getTime() ?? 0) / 1000)));
    await eventually('a new second after the newest pod', async () => (Math.floor(Date.now() / 1000) > newest ? undefined : 'same second'));
    await s.when.restart('restart');
    s.then.printed("rollout 'restart' restarts in 0s");
    await s.then.rollout('restart').reaches({ phase: 'Healthy', available: 3 });
    let after: string[] = [];
    await eventually('every pod replaced', async () => {
      after = await podNames(s.namespace);
      return after.length === 3 && after.every((p) => !before.includes(p)) ? undefined : `pods ${after.join(', ')}`;
    }, { timeoutMs: 40_000, diagnostics: () => world.diagnostics() });
    await s.then.rollout('restart').hasReplicaSets({ 'example/app:v1': 3 });
    const ro = await world.cluster.rollout(s.namespace, 'restart');
    expect(ro?.status?.restartedAt).toBeDefined();
    expect(ro?.metadata?.annotations?.['rollout.argoproj.io/revision']).toBe('1');
  });
});

describe('undo', () => {
  it('rolls the template back to the previous revision, which reuses the old ReplicaSet under a new revision number', async () => {
    const s = await scenario(world, 'undo');
    await s.given.fixture('upstream/rollout-basic.yaml');
    await s.then.rollout('basic').reaches({ phase: 'Healthy', replicas: 1, available: 1 });
    await s.when.setImage('basic', 'basic', 'nginx:1.20-alpine');
    await s.then.rollout('basic').reaches({ phase: 'Paused', step: 1 });
    await s.when.promote('basic');
    await s.then.rollout('basic').reaches({ phase: 'Healthy', step: 2, available: 1, stableIsCurrent: true });
    await s.then.rollout('basic').hasReplicaSets({ 'nginx:1.20-alpine': 1 });

    await s.when.undo('basic');
    s.then.printed("rollout 'basic' undo");
    await s.then.rollout('basic').reaches({ phase: 'Paused', step: 1 });
    await s.when.promote('basic');
    await s.then.rollout('basic').reaches({ phase: 'Healthy', step: 2, available: 1, stableIsCurrent: true });
    await s.then.rollout('basic').hasReplicaSets({ 'nginx:1.19-alpine': 1 });
    const ro = await world.cluster.rollout(s.namespace, 'basic');
    expect(ro?.metadata?.annotations?.['rollout.argoproj.io/revision']).toBe('3');
    const rsCount = (await world.cluster.replicaSets(s.namespace)).length;
    expect(rsCount).toBe(2);
  });
});

describe('scale subresource, as an HPA drives it (seed S26)', () => {
  it('kubectl scale rollout sets spec.replicas and the controller follows; status.selector is served for the HPA', async () => {
    const s = await scenario(world, 'scale');
    await s.given.fixture('restart.yaml');
    await s.then.rollout('restart').reaches({ phase: 'Healthy', available: 3 });
    await s.when.scale('restart', 5);
    await s.then.rollout('restart').reaches({ phase: 'Healthy', specReplicas: 5, replicas: 5, available: 5, selector: 'app=restart' });
    await s.then.rollout('restart').hasReplicaSets({ 'example/app:v1': 5 });
    const scale = await s.when.kubectl(['get', '--raw', `/apis/argoproj.io/v1alpha1/namespaces/${s.namespace}/rollouts/restart/scale`]);
    const body = JSON.parse(scale.stdout) as { spec?: { replicas?: number }; status?: { replicas?: number; selector?: string } };
    expect(body.spec?.replicas).toBe(5);
    expect(body.status?.selector).toBe('app=restart');
  });
});
