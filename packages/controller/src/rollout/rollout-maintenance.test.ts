import { describe, expect, it } from 'vitest';
import { computePodTemplateHash, desiredPodTemplateHash } from '@serin/core';
import { SEED_STEPS, aRollout, anArgoReplicaSet } from '../test-support/builders.js';
import { converge } from '../test-support/drive.js';
import { FakeCluster } from '../test-support/fake-cluster.js';
import { healthyRollout } from '../test-support/scenario.js';

const V2 = 'nginx:1.20';

describe('progressDeadlineSeconds', () => {
  const stuckUpdate = async (progressDeadlineAbort: boolean) => {
    const stage = await healthyRollout({ replicas: 2, steps: [{ setWeight: 50 }, { pause: {} }], progressDeadlineSeconds: 60, progressDeadlineAbort });
    stage.cluster.brokenImages.add(V2);
    await stage.cluster.setImage(V2);
    const waiting = await converge(stage.cluster, stage.reconciler);
    return { ...stage, waiting };
  };

  it('requeues for the deadline while the new pods never become available, then marks ProgressDeadlineExceeded / Degraded', async () => {
    const { cluster, reconciler, waiting } = await stuckUpdate(false);
    expect(cluster.rollout().status).toMatchObject({ phase: 'Progressing', currentStepIndex: 0 });
    expect(waiting.lastRequeueAfterMs).toBe(61_000);
    await cluster.clock.advance(61_000);
    const mark = cluster.mark();
    await reconciler.reconcile('default', 'guestbook');
    const rsName = `guestbook-${desiredPodTemplateHash(cluster.rollout())}`;
    const progressing = cluster.rollout().status?.conditions?.find((c) => c.type === 'Progressing');
    expect(progressing).toMatchObject({ status: 'False', reason: 'ProgressDeadlineExceeded', message: `ReplicaSet "${rsName}" has timed out progressing.` });
    expect(cluster.rollout().status).toMatchObject({ phase: 'Degraded', message: `ProgressDeadlineExceeded: ReplicaSet "${rsName}" has timed out progressing.` });
    expect(cluster.rollout().status?.abort).toBeUndefined();
    expect(cluster.writeLog(mark.writes)).toEqual(['patchStatus Rollout/guestbook']);
  });

  it('with progressDeadlineAbort the timed-out update aborts (RolloutAborted with the timeout reason)', async () => {
    const { cluster, reconciler } = await stuckUpdate(true);
    await cluster.clock.advance(61_000);
    const mark = cluster.mark();
    await converge(cluster, reconciler);
    const rsName = `guestbook-${desiredPodTemplateHash(cluster.rollout())}`;
    expect(cluster.eventsSince(mark).filter((e) => e.startsWith('RolloutAborted'))).toEqual([
      `RolloutAborted: ReplicaSet "${rsName}" has timed out progressing.`,
      `RolloutAborted: Rollout aborted update to revision 2: ReplicaSet "${rsName}" has timed out progressing.`,
    ]);
    expect(cluster.rollout().status).toMatchObject({ abort: true, phase: 'Degraded' });
    expect(cluster.replicaSet(rsName)?.spec?.replicas).toBe(0);
  });
});

describe('revisionHistoryLimit', () => {
  it('deletes the oldest scaled-down ReplicaSets beyond the limit', async () => {
    const { cluster, reconciler } = await healthyRollout({ replicas: 1, revisionHistoryLimit: 1 });
    const names: string[] = [];
    for (const image of ['nginx:1.20', 'nginx:1.21', 'nginx:1.22']) {
      names.push(`guestbook-${desiredPodTemplateHash(cluster.rollout())}`);
      await cluster.clock.advance(1_000);
      await cluster.setImage(image);
      await converge(cluster, reconciler);
    }
    const deleted = cluster.writes.filter((w) => w.verb === 'delete').map((w) => w.name);
    expect(deleted).toEqual(names.slice(0, 2));
    expect(cluster.replicaSets.list().map((rs) => rs.metadata?.name).sort()).toEqual([names[2], `guestbook-${desiredPodTemplateHash(cluster.rollout())}`].sort());
  });
});

describe('restartAt', () => {
  it('evicts pods created before restartAt one unavailability budget at a time, then records restartedAt', async () => {
    const { cluster, reconciler } = await healthyRollout({ replicas: 3, maxUnavailable: 1 });
    await cluster.clock.advance(5_000);
    const restartAt = new Date(cluster.clock.now()).toISOString().replace('.000Z', 'Z');
    await cluster.userPatch({ spec: { restartAt } });
    const evictionsPerReconcile: number[] = [];
    for (let i = 0; i < 6 && cluster.rollout().status?.restartedAt !== restartAt; i++) {
      const mark = cluster.mark();
      await reconciler.reconcile('default', 'guestbook');
      evictionsPerReconcile.push(cluster.writes.slice(mark.writes).filter((w) => w.verb === 'evict').length);
      cluster.settle();
    }
    expect(evictionsPerReconcile).toEqual([1, 1, 1, 0]);
    expect(cluster.rollout().status).toMatchObject({ restartedAt: restartAt, phase: 'Healthy' });
    expect(cluster.replicaSets.list()).toHaveLength(1);
  });

  it('shows "rollout is restarting" and retries in 30 s while a PodDisruptionBudget refuses the eviction', async () => {
    const { cluster, reconciler } = await healthyRollout({ replicas: 1 });
    await cluster.clock.advance(5_000);
    for (const pod of cluster.pods.list()) cluster.protectedPods.add(pod.metadata?.name ?? '');
    const restartAt = new Date(cluster.clock.now()).toISOString().replace('.000Z', 'Z');
    await cluster.userPatch({ spec: { restartAt } });
    const result = await reconciler.reconcile('default', 'guestbook');
    expect(cluster.writes.filter((w) => w.verb === 'evict')).toHaveLength(1);
    expect(result.requeueAfterMs).toBe(30_000);
    const next = await reconciler.reconcile('default', 'guestbook');
    expect(next.requeueAfterMs).toBe(30_000);
    expect(cluster.rollout().status?.restartedAt).toBeUndefined();
  });
});

describe('ReplicaSet names', () => {
  it('on a hash collision with a foreign ReplicaSet bumps collisionCount and creates the next hash', async () => {
    const cluster = new FakeCluster();
    const rollout = aRollout({ replicas: 1 });
    const hash = computePodTemplateHash(rollout.spec.template ?? {});
    const foreign = anArgoReplicaSet({ hash, revision: 1, replicas: 1, image: 'someone-else:1' });
    foreign.metadata = { ...foreign.metadata, ownerReferences: [] };
    cluster.seed(rollout, foreign);
    const reconciler = cluster.reconciler();
    const first = await reconciler.reconcile('default', 'guestbook');
    expect(cluster.writeLog()).toEqual([`create ReplicaSet/guestbook-${hash}`, 'patchStatus Rollout/guestbook']);
    expect(cluster.rollout().status?.collisionCount).toBe(1);
    expect(first.requeueAfterMs).toBeGreaterThan(0);
    await reconciler.reconcile('default', 'guestbook');
    const next = computePodTemplateHash(rollout.spec.template ?? {}, 1);
    expect(next).not.toBe(hash);
    expect(cluster.replicaSet(`guestbook-${next}`)?.metadata?.labels?.['rollouts-pod-template-hash']).toBe(next);
  });
});

describe('adopting what Argo Rollouts left behind', () => {
  const argoStatus = (hash: string, stepHash: string) => ({
    HPAReplicas: 3,
    availableReplicas: 3,
    blueGreen: {},
    canary: {},
    conditions: [
      { type: 'Available' as const, status: 'True' as const, reason: 'AvailableReason', message: 'Rollout has minimum availability', lastUpdateTime: '2026-11-20T08:00:00Z', lastTransitionTime: '2026-11-20T08:00:00Z' },
      { type: 'Completed' as const, status: 'True' as const, reason: 'RolloutCompleted', message: 'RolloutCompleted', lastUpdateTime: '2026-11-20T08:00:00Z', lastTransitionTime: '2026-11-20T08:00:00Z' },
      { type: 'Progressing' as const, status: 'True' as const, reason: 'NewReplicaSetAvailable', message: `ReplicaSet "guestbook-${hash}" has successfully progressed.`, lastUpdateTime: '2026-11-20T08:00:00Z', lastTransitionTime: '2026-11-20T07:59:00Z' },
      { type: 'Healthy' as const, status: 'True' as const, reason: 'RolloutHealthy', message: 'Rollout is healthy', lastUpdateTime: '2026-11-20T08:00:00Z', lastTransitionTime: '2026-11-20T08:00:00Z' },
    ],
    currentPodHash: hash,
    currentStepHash: stepHash,
    currentStepIndex: 8,
    observedGeneration: '3',
    phase: 'Healthy' as const,
    readyReplicas: 3,
    replicas: 3,
    selector: 'app=guestbook',
    stableRS: hash,
    updatedReplicas: 3,
  });

  it('reuses the ReplicaSets (revision 3 stable, revision 1 and 2 scaled down): no new RS, no write, Healthy', async () => {
    const cluster = new FakeCluster();
    const base = aRollout({ replicas: 3, steps: SEED_STEPS, generation: 3, annotations: { 'rollout.argoproj.io/revision': '3' } });
    const hash = computePodTemplateHash(base.spec.template ?? {});
    const { computeRolloutStepHash } = await import('@serin/core');
    const rollout = { ...base, status: argoStatus(hash, computeRolloutStepHash(base.spec.strategy)) };
    cluster.seed(
      rollout,
      anArgoReplicaSet({ hash: '7d4b9c5f8', revision: 1, replicas: 0, image: 'nginx:1.17', createdAt: '2026-11-01T00:00:00Z' }),
      anArgoReplicaSet({ hash: '5c8bd6f4d9', revision: 2, replicas: 0, image: 'nginx:1.18', createdAt: '2026-11-10T00:00:00Z' }),
      anArgoReplicaSet({ hash, revision: 3, replicas: 3, image: 'nginx:1.19', createdAt: '2026-11-20T00:00:00Z' }),
    );
    cluster.settle();
    const reconciler = cluster.reconciler();
    const mark = cluster.mark();
    await reconciler.reconcile('default', 'guestbook');
    expect(cluster.writeLog(mark.writes)).toEqual([]);
    expect(cluster.eventsSince(mark)).toEqual([]);
    expect(cluster.rollout().status?.phase).toBe('Healthy');
  });

  it('finds a ReplicaSet whose hash label Serin cannot reproduce by template equality, and keeps it', async () => {
    const cluster = new FakeCluster();
    const rollout = aRollout({ replicas: 2, annotations: { 'rollout.argoproj.io/revision': '1' } });
    cluster.seed(rollout, anArgoReplicaSet({ hash: 'legacy5d7f', revision: 1, replicas: 2, image: 'nginx:1.19' }));
    cluster.settle();
    const reconciler = cluster.reconciler();
    await converge(cluster, reconciler);
    expect(cluster.writes.filter((w) => w.verb === 'create')).toEqual([]);
    expect(cluster.rollout().status).toMatchObject({ currentPodHash: 'legacy5d7f', stableRS: 'legacy5d7f', phase: 'Healthy' });
    expect(cluster.replicaSets.list()).toHaveLength(1);
  });
});

describe('scale-down-deadline', () => {
  it('is removed from the stable RS when it is desired again (e.g. left over from blue-green)', async () => {
    const { cluster, reconciler } = await healthyRollout({ replicas: 2 });
    const [rs] = cluster.replicaSets.list();
    if (rs === undefined) throw new Error('no RS');
    cluster.replicaSets.upsert({ ...rs, metadata: { ...rs.metadata, annotations: { ...rs.metadata?.annotations, 'scale-down-deadline': '2026-11-27T10:00:30Z' } } });
    const mark = cluster.mark();
    await reconciler.reconcile('default', 'guestbook');
    expect(cluster.writes.slice(mark.writes).map((w) => w.body)).toEqual([{ metadata: { annotations: { 'scale-down-deadline': null } } }]);
    expect(cluster.replicaSet(rs.metadata?.name ?? '')?.metadata?.annotations?.['scale-down-deadline']).toBeUndefined();
  });
});

describe('spec.replicas changes (HPA / kubectl scale)', () => {
  it('scales the stable RS to the new size and refreshes desired-replicas, with status counts', async () => {
    const { cluster, reconciler } = await healthyRollout({ replicas: 3, steps: SEED_STEPS });
    await cluster.userPatch({ spec: { replicas: 6 } });
    const mark = cluster.mark();
    await converge(cluster, reconciler);
    const rs = cluster.replicaSet(`guestbook-${desiredPodTemplateHash(cluster.rollout())}`);
    expect(rs?.spec?.replicas).toBe(6);
    expect(rs?.metadata?.annotations?.['rollout.argoproj.io/desired-replicas']).toBe('6');
    expect(cluster.eventsSince(mark)).toEqual([expect.stringMatching(/^ScalingReplicaSet: Scaled up ReplicaSet guestbook-\w+ \(revision 1\) from 3 to 6$/)]);
    expect(cluster.rollout().status).toMatchObject({ HPAReplicas: 6, availableReplicas: 6, replicas: 6, phase: 'Healthy', observedGeneration: '2' });
  });
});

describe('upstream e2e TestRolloutAbortRetryPromote (test/e2e/functional_test.go)', () => {
  it('emits the same event reasons in the same order', async () => {
    const { cluster, reconciler } = await healthyRollout({ replicas: 1, steps: [{ setWeight: 50 }, { pause: { duration: '3s' } }] });
    await cluster.setImage(V2);
    await converge(cluster, reconciler);
    expect(cluster.rollout().status?.phase).toBe('Paused');
    await cluster.userPatchStatus({ status: { abort: true } });
    await converge(cluster, reconciler);
    expect(cluster.rollout().status?.phase).toBe('Degraded');
    await cluster.userPatchStatus({ status: { abort: false } });
    const paused = await converge(cluster, reconciler);
    expect(cluster.rollout().status?.phase).toBe('Paused');
    await cluster.clock.advance(paused.lastRequeueAfterMs ?? 0);
    await converge(cluster, reconciler);
    expect(cluster.rollout().status?.phase).toBe('Healthy');
    // upstream's list, minus RolloutAddedToInformer (emitted by the informer handler, not the reconciler)
    expect(cluster.reasonsSince({ events: 0 })).toEqual([
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
    expect(cluster.recorder.recorded.at(-4)?.message).toBe('Rollout step 2/2 completed (pause: 3s)');
  });
});
