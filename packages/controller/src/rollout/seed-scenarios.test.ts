import { describe, expect, it } from 'vitest';
import { SEED_STEPS, aRollout } from '../test-support/builders.js';
import { converge } from '../test-support/drive.js';
import { FakeCluster } from '../test-support/fake-cluster.js';
import { healthyRollout } from '../test-support/scenario.js';

const replicasByImage = (c: FakeCluster): Record<string, number> =>
  Object.fromEntries(c.replicaSets.list().map((rs) => [rs.spec?.template?.spec?.containers[0]?.image ?? '', rs.spec?.replicas ?? 0]));

describe('seed scenarios without steps or paused at creation', () => {
  it('S3 rolling update (no steps, maxSurge 1, maxUnavailable 1): replaces pods within the budget and completes', async () => {
    const { cluster, reconciler } = await healthyRollout({ replicas: 4, maxSurge: 1, maxUnavailable: 1 });
    await cluster.setImage('nginx:1.20');
    const sizes: string[] = [];
    const done = (): boolean => cluster.rollout().status?.phase === 'Healthy' && cluster.rollout().status?.observedGeneration === '2';
    for (let i = 0; i < 20 && !done(); i++) {
      await reconciler.reconcile('default', 'guestbook');
      cluster.settle();
      const r = replicasByImage(cluster);
      sizes.push(`${r['nginx:1.19'] ?? 0}+${r['nginx:1.20'] ?? 0}`);
    }
    // never more than replicas + maxSurge pods, never fewer than replicas − maxUnavailable
    for (const s of sizes) {
      const [a, b] = s.split('+').map(Number);
      expect((a ?? 0) + (b ?? 0)).toBeLessThanOrEqual(5);
      expect((a ?? 0) + (b ?? 0)).toBeGreaterThanOrEqual(3);
    }
    expect(sizes.some((s) => !s.startsWith('0+') && !s.endsWith('+0'))).toBe(true);
    expect(replicasByImage(cluster)).toEqual({ 'nginx:1.19': 0, 'nginx:1.20': 4 });
    expect(cluster.rollout().status).toMatchObject({ phase: 'Healthy' });
    expect(cluster.rollout().status?.currentStepIndex).toBeUndefined();
    expect(cluster.recorder.recorded.at(-1)?.message).toMatch(/: Completed all 0 canary steps$/);
  });

  it('S4 paused at creation: the RS exists at 0 replicas, phase Paused "manually paused"; unpausing deploys it', async () => {
    const cluster = new FakeCluster();
    cluster.seed(aRollout({ replicas: 1, steps: SEED_STEPS, paused: true }));
    const reconciler = cluster.reconciler();
    await converge(cluster, reconciler);
    expect(cluster.replicaSets.list().map((rs) => rs.spec?.replicas)).toEqual([0]);
    expect(cluster.rollout().status).toMatchObject({ phase: 'Paused', message: 'manually paused' });
    await cluster.userPatch({ spec: { paused: false } });
    await converge(cluster, reconciler);
    expect(cluster.rollout().status).toMatchObject({ phase: 'Healthy', currentStepIndex: 8 });
  });

  it('S5 progressDeadlineSeconds 1 with pods that come up: ends Healthy, no timeout', async () => {
    const { cluster } = await healthyRollout({ replicas: 5, progressDeadlineSeconds: 1 });
    expect(cluster.rollout().status?.phase).toBe('Healthy');
    expect(cluster.rollout().status?.conditions?.find((c) => c.type === 'Progressing')?.reason).toBe('NewReplicaSetAvailable');
  });
});
