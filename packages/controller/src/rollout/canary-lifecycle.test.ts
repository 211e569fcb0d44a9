import { describe, expect, it } from 'vitest';
import { desiredPodTemplateHash } from '@serin/core';
import { SEED_STEPS } from '../test-support/builders.js';
import { converge } from '../test-support/drive.js';
import type { FakeCluster } from '../test-support/fake-cluster.js';
import { healthyRollout, updatedRollout } from '../test-support/scenario.js';

const V1 = 'nginx:1.19';
const V2 = 'nginx:1.20';

/** `name → spec.replicas` of the rollout's ReplicaSets, by image. */
const replicasByImage = (c: FakeCluster): Record<string, number> =>
  Object.fromEntries(c.replicaSets.list().map((rs) => [rs.spec?.template?.spec?.containers[0]?.image ?? '', rs.spec?.replicas ?? 0]));

const pauseReasons = (c: FakeCluster): string[] => (c.rollout().status?.pauseConditions ?? []).map((p) => p.reason);

describe('canary steps without traffic routing (seed S1 steps, 5 replicas)', () => {
  it('setWeight 20: after the new RS exists, scales the stable RS down first (within maxUnavailable), then the new RS up', async () => {
    const { cluster, reconciler } = await healthyRollout({ replicas: 5, steps: SEED_STEPS });
    await cluster.setImage(V2);
    const perReconcile: string[][] = [];
    for (let i = 0; i < 3; i++) {
      const mark = cluster.mark();
      await reconciler.reconcile('default', 'guestbook');
      cluster.settle();
      perReconcile.push(cluster.eventsSince(mark).map((e) => e.replace(/guestbook-\w+/, 'RS')));
    }
    expect(perReconcile).toEqual([
      ['RolloutUpdated: Rollout updated to revision 2', 'NewReplicaSetCreated: Created ReplicaSet RS (revision 2)', expect.stringMatching(/^RolloutNotCompleted: Rollout not completed, started update to revision 2 \(\w+\)$/)],
      ['ScalingReplicaSet: Scaled down ReplicaSet RS (revision 1) from 5 to 4'],
      ['ScalingReplicaSet: Scaled up ReplicaSet RS (revision 2) from 0 to 1'],
    ]);
    expect(replicasByImage(cluster)).toEqual({ [V1]: 4, [V2]: 1 });
  });

  it('pause {}: completes setWeight 20, then pauses indefinitely (CanaryPauseStep, controllerPause, phase Paused)', async () => {
    const { cluster } = await updatedRollout({ replicas: 5, steps: SEED_STEPS }, V2);
    expect(cluster.reasonsSince({ events: 5 })).toEqual([
      'RolloutUpdated',
      'NewReplicaSetCreated',
      'RolloutNotCompleted',
      'ScalingReplicaSet',
      'ScalingReplicaSet',
      'RolloutStepCompleted',
      'RolloutPaused',
    ]);
    expect(cluster.eventsSince({ events: 10 })).toEqual(['RolloutStepCompleted: Rollout step 1/8 completed (setWeight: 20)', 'RolloutPaused: Rollout is paused (CanaryPauseStep)']);
    const status = cluster.rollout().status;
    expect(status).toMatchObject({ currentStepIndex: 1, controllerPause: true, phase: 'Paused', message: 'CanaryPauseStep', replicas: 5, updatedReplicas: 1 });
    expect(pauseReasons(cluster)).toEqual(['CanaryPauseStep']);
    expect(status?.conditions?.find((c) => c.type === 'Paused')).toMatchObject({ status: 'True', reason: 'RolloutPaused' });
    expect(status?.conditions?.find((c) => c.type === 'Progressing')).toMatchObject({ status: 'Unknown', reason: 'RolloutPaused' });
  });

  it('promote (pause conditions cleared, as the CLI patches): completes the pause step; no RolloutResumed (the user removed the pause)', async () => {
    const { cluster, reconciler } = await updatedRollout({ replicas: 5, steps: SEED_STEPS }, V2);
    await cluster.userPatchStatus({ status: { pauseConditions: null } });
    const mark = cluster.mark();
    await reconciler.reconcile('default', 'guestbook');
    expect(cluster.eventsSince(mark)).toEqual(['RolloutStepCompleted: Rollout step 2/8 completed (pause)']);
    expect(cluster.writeLog(mark.writes)).toEqual(['patchStatus Rollout/guestbook']);
    const status = cluster.rollout().status;
    expect(status?.currentStepIndex).toBe(2);
    expect(status?.controllerPause).toBeUndefined();
    expect(status?.phase).toBe('Progressing');
  });

  it('pause {duration: 10}: requeues for the remaining time, writes nothing before it, completes after it', async () => {
    const { cluster, reconciler } = await updatedRollout({ replicas: 5, steps: SEED_STEPS }, V2);
    await cluster.userPatchStatus({ status: { pauseConditions: null } });
    const atTimedPause = await converge(cluster, reconciler);
    expect(cluster.rollout().status).toMatchObject({ currentStepIndex: 3, phase: 'Paused', message: 'CanaryPauseStep' });
    expect(replicasByImage(cluster)).toEqual({ [V1]: 3, [V2]: 2 });
    expect(atTimedPause.lastRequeueAfterMs).toBe(10_001);

    await cluster.clock.advance(9_000);
    const early = cluster.mark();
    expect((await reconciler.reconcile('default', 'guestbook')).requeueAfterMs).toBe(1_001);
    expect(cluster.writeLog(early.writes)).toEqual([]);

    await cluster.clock.advance(1_001);
    const due = cluster.mark();
    await reconciler.reconcile('default', 'guestbook');
    expect(cluster.eventsSince(due)).toEqual(['RolloutStepCompleted: Rollout step 4/8 completed (pause: 10)', 'RolloutResumed: Rollout is resumed']);
    expect(cluster.rollout().status?.currentStepIndex).toBe(4);
  });

  it('runs every step to completion: promote once, let the three timed pauses expire, old RS scaled to 0', async () => {
    const { cluster, reconciler } = await updatedRollout({ replicas: 5, steps: SEED_STEPS }, V2);
    await cluster.userPatchStatus({ status: { pauseConditions: null } });
    let requeues = 0;
    for (let i = 0; i < 10 && cluster.rollout().status?.phase !== 'Healthy'; i++) {
      const r = await converge(cluster, reconciler);
      if (r.lastRequeueAfterMs !== undefined) {
        requeues++;
        await cluster.clock.advance(r.lastRequeueAfterMs);
      }
    }
    expect(requeues).toBe(3);
    const hash = desiredPodTemplateHash(cluster.rollout());
    expect(cluster.rollout().status).toMatchObject({ phase: 'Healthy', stableRS: hash, currentPodHash: hash, currentStepIndex: 8 });
    expect(replicasByImage(cluster)).toEqual({ [V1]: 0, [V2]: 5 });
    expect(cluster.recorder.recorded.at(-1)?.message).toBe(`Rollout completed update to revision 2 (${hash}): Completed all 8 canary steps`);
    expect(cluster.reasonsSince({ events: 0 }).filter((r) => r === 'RolloutStepCompleted')).toHaveLength(8);
  });
});

describe('lifecycle operations', () => {
  it('promote --full: resumes at once, scales to 100 %, completes with "Full promotion requested", clears promoteFull', async () => {
    const { cluster, reconciler } = await updatedRollout({ replicas: 5, steps: SEED_STEPS }, V2);
    await cluster.userPatchStatus({ status: { promoteFull: true } });
    const mark = cluster.mark();
    await converge(cluster, reconciler);
    const hash = desiredPodTemplateHash(cluster.rollout());
    expect(cluster.eventsSince(mark).filter((e) => !e.startsWith('ScalingReplicaSet'))).toEqual([
      'RolloutResumed: Rollout is resumed',
      `RolloutCompleted: Rollout completed update to revision 2 (${hash}): Full promotion requested`,
    ]);
    expect(cluster.rollout().status).toMatchObject({ phase: 'Healthy', stableRS: hash, currentStepIndex: 8 });
    expect(cluster.rollout().status?.promoteFull).toBeUndefined();
    expect(replicasByImage(cluster)).toEqual({ [V1]: 0, [V2]: 5 });
  });

  it('abort: the stable RS returns to full size, the canary to 0, Degraded with the abort message', async () => {
    const { cluster, reconciler } = await updatedRollout({ replicas: 5, steps: SEED_STEPS }, V2);
    await cluster.userPatchStatus({ status: { abort: true } });
    const mark = cluster.mark();
    await converge(cluster, reconciler);
    expect(cluster.eventsSince(mark).map((e) => e.replace(/guestbook-\w+/, 'RS'))).toEqual([
      'ScalingReplicaSet: Scaled up ReplicaSet RS (revision 1) from 4 to 5',
      'RolloutAborted: Rollout aborted update to revision 2',
      'ScalingReplicaSet: Scaled down ReplicaSet RS (revision 2) from 1 to 0',
    ]);
    expect(cluster.recorder.recorded.find((e) => e.reason === 'RolloutAborted')?.type).toBe('Warning');
    expect(replicasByImage(cluster)).toEqual({ [V1]: 5, [V2]: 0 });
    const status = cluster.rollout().status;
    expect(status).toMatchObject({ abort: true, currentStepIndex: 0, phase: 'Degraded', message: 'RolloutAborted: Rollout aborted update to revision 2' });
    expect(status?.abortedAt).toBe('2026-11-27T10:00:00Z');
    expect(status?.pauseConditions).toBeUndefined();
    expect(status?.conditions?.find((c) => c.type === 'Progressing')).toMatchObject({ status: 'False', reason: 'RolloutAborted' });
  });

  it('retry after abort: restarts from step 0 and pauses again at step 1', async () => {
    const { cluster, reconciler } = await updatedRollout({ replicas: 5, steps: SEED_STEPS }, V2);
    await cluster.userPatchStatus({ status: { abort: true } });
    await converge(cluster, reconciler);
    await cluster.userPatchStatus({ status: { abort: false } });
    const mark = cluster.mark();
    await reconciler.reconcile('default', 'guestbook');
    const afterFirst = cluster.rollout().status;
    expect(afterFirst?.conditions?.find((c) => c.type === 'Progressing')).toMatchObject({ reason: 'RolloutRetry', message: 'Retrying Rollout after abort' });
    expect(afterFirst?.abortedAt).toBeUndefined();
    expect(afterFirst?.currentStepIndex).toBe(0);
    cluster.settle();
    await converge(cluster, reconciler);
    expect(cluster.reasonsSince(mark)).toEqual(['ScalingReplicaSet', 'ScalingReplicaSet', 'RolloutStepCompleted', 'RolloutPaused']);
    expect(cluster.rollout().status).toMatchObject({ currentStepIndex: 1, phase: 'Paused' });
    expect(replicasByImage(cluster)).toEqual({ [V1]: 4, [V2]: 1 });
  });

  it('pause (spec.paused): nothing scales or advances, phase Paused "manually paused"; resume continues', async () => {
    const { cluster, reconciler } = await healthyRollout({ replicas: 5, steps: SEED_STEPS });
    await cluster.setImage(V2);
    await reconciler.reconcile('default', 'guestbook');
    await cluster.userPatch({ spec: { paused: true } });
    const mark = cluster.mark();
    await converge(cluster, reconciler);
    expect(cluster.writeLog(mark.writes).filter((w) => w.includes('ReplicaSet'))).toEqual([]);
    expect(cluster.rollout().status).toMatchObject({ phase: 'Paused', message: 'manually paused', currentStepIndex: 0 });
    expect(cluster.rollout().status?.conditions?.find((c) => c.type === 'Paused')?.status).toBe('True');

    await cluster.userPatch({ spec: { paused: false } });
    await converge(cluster, reconciler);
    expect(cluster.rollout().status).toMatchObject({ phase: 'Paused', message: 'CanaryPauseStep', currentStepIndex: 1 });
    expect(replicasByImage(cluster)).toEqual({ [V1]: 4, [V2]: 1 });
  });

  it('rollback to the stable template mid-update skips the steps (SkipSteps), reuses the stable RS, no new RS', async () => {
    const { cluster, reconciler } = await updatedRollout({ replicas: 5, steps: SEED_STEPS }, V2);
    const stableHash = cluster.rollout().status?.stableRS;
    await cluster.setImage(V1);
    const mark = cluster.mark();
    await converge(cluster, reconciler);
    const events = cluster.eventsSince(mark);
    expect(events.filter((e) => !e.startsWith('ScalingReplicaSet'))).toEqual([
      'RolloutUpdated: Rollout updated to revision 3',
      'SkipSteps: Rollback to stable ReplicaSets',
      // stableRS does not change, so upstream emits no RolloutCompleted here
      'RolloutResumed: Rollout is resumed',
    ]);
    expect(cluster.writeLog(mark.writes).some((w) => w.startsWith('create'))).toBe(false);
    const stableRS = cluster.replicaSet(`guestbook-${stableHash}`);
    expect(stableRS?.metadata?.annotations).toMatchObject({ 'rollout.argoproj.io/revision': '3', 'rollout.argoproj.io/revision-history': '1' });
    expect(cluster.rollout().status).toMatchObject({ phase: 'Healthy', stableRS: stableHash, currentStepIndex: 8 });
    expect(replicasByImage(cluster)).toEqual({ [V1]: 5, [V2]: 0 });
  });

  it('rollbackWindow: going back to a recent older revision skips the steps ("Rollback within window")', async () => {
    const { cluster, reconciler } = await healthyRollout({ replicas: 3, steps: [{ setWeight: 50 }, { pause: {} }], rollbackWindowRevisions: 2 });
    for (const image of [V2, 'nginx:1.21']) {
      await cluster.clock.advance(60_000);
      await cluster.setImage(image);
      await converge(cluster, reconciler);
      await cluster.userPatchStatus({ status: { promoteFull: true } });
      await converge(cluster, reconciler);
    }
    await cluster.clock.advance(60_000);
    await cluster.setImage(V2);
    const mark = cluster.mark();
    await converge(cluster, reconciler);
    const hash = desiredPodTemplateHash(cluster.rollout());
    expect(cluster.eventsSince(mark).filter((e) => !e.startsWith('ScalingReplicaSet'))).toEqual([
      'RolloutUpdated: Rollout updated to revision 4',
      `RolloutNotCompleted: Rollout not completed, started update to revision 4 (${hash})`,
      `RolloutCompleted: Rollout completed update to revision 4 (${hash}): Rollback within window`,
    ]);
    expect(cluster.reasonsSince(mark)).not.toContain('RolloutPaused');
    expect(cluster.rollout().status).toMatchObject({ phase: 'Healthy', stableRS: hash, currentStepIndex: 2 });
  });
});
