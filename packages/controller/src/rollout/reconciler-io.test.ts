import { describe, expect, it } from 'vitest';
import { KubeError, StaleCacheError } from '@serin/kube';
import { SEED_STEPS, aRollout } from '../test-support/builders.js';
import { FakeCluster } from '../test-support/fake-cluster.js';
import { healthyRollout } from '../test-support/scenario.js';
import { VersionTracker } from './version-tracker.js';

describe('RolloutReconciler I/O edges', () => {
  it('a rejected ReplicaSet create: Warning ReplicaSetCreateError, Progressing False, and the error propagates for backoff', async () => {
    const cluster = new FakeCluster();
    cluster.seed(aRollout({ replicas: 1, steps: SEED_STEPS }));
    cluster.failCreates.set('ReplicaSet', new KubeError(403, 'Forbidden', 'exceeded quota: compute-resources'));
    await expect(cluster.reconciler().reconcile('default', 'guestbook')).rejects.toThrow('exceeded quota');
    const [event] = cluster.recorder.recorded;
    expect(event).toMatchObject({ type: 'Warning', reason: 'ReplicaSetCreateError' });
    expect(event?.message).toMatch(/^Failed to create new replica set "guestbook-\w+": exceeded quota: compute-resources$/);
    expect(cluster.rollout().status?.conditions?.[0]).toMatchObject({ type: 'Progressing', status: 'False', reason: 'ReplicaSetCreateError' });
  });

  it('a cache older than our own last status write is reported stale instead of acted on', async () => {
    const { cluster, reconciler } = await healthyRollout({ replicas: 1, steps: SEED_STEPS });
    await cluster.setImage('nginx:1.20');
    const cached = cluster.rollout();
    await reconciler.reconcile('default', 'guestbook');
    // put the pre-write object back, as a lagging informer would still hold it
    cluster.rollouts.upsert(cached);
    expect(() => reconciler.snapshot('default', 'guestbook')).toThrow(StaleCacheError);
  });

  it('a pod it evicted that the cache still shows running makes the next snapshot stale (no double eviction)', async () => {
    const { cluster, reconciler } = await healthyRollout({ replicas: 2 });
    await cluster.clock.advance(5_000);
    const pods = cluster.pods.list();
    await cluster.userPatch({ spec: { restartAt: new Date(cluster.clock.now()).toISOString().replace('.000Z', 'Z') } });
    await reconciler.reconcile('default', 'guestbook');
    expect(cluster.writes.filter((w) => w.verb === 'evict')).toHaveLength(1);
    // the informer has not seen the eviction yet
    for (const pod of pods) if (cluster.pods.get('default', pod.metadata?.name ?? '') === undefined) cluster.pods.upsert(pod);
    await expect(reconciler.reconcile('default', 'guestbook')).rejects.toBeInstanceOf(StaleCacheError);
    expect(cluster.writes.filter((w) => w.verb === 'evict')).toHaveLength(1);
  });

  it('a deleted rollout reconciles to nothing', async () => {
    const cluster = new FakeCluster();
    expect(await cluster.reconciler().reconcile('default', 'gone')).toEqual({});
    expect(cluster.writes).toEqual([]);
  });
});

describe('VersionTracker', () => {
  it.each([
    { name: 'older cached version is stale', written: '10', cached: '9', stale: true },
    { name: 'same version is current', written: '10', cached: '10', stale: false },
    { name: 'newer version is current', written: '10', cached: '11', stale: false },
    { name: 'non-numeric versions are never stale', written: 'abc', cached: '1', stale: false },
  ])('$name', ({ written, cached, stale }) => {
    const t = new VersionTracker();
    t.record('k', { metadata: { resourceVersion: written } });
    expect(t.isStale('k', { metadata: { resourceVersion: cached } })).toBe(stale);
  });
});
