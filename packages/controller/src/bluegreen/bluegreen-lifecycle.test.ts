import { describe, expect, it } from 'vitest';
import { healthyBlueGreen, convergeBlueGreen } from './test-support/harness.js';

const ACTIVE = 'rollout-bluegreen-active';
const PREVIEW = 'rollout-bluegreen-preview';
const V1 = 'nginx:1.19';
const V2 = 'nginx:1.20';

const counts = (c: Awaited<ReturnType<typeof healthyBlueGreen>>['cluster']) => {
  const s = c.rollout('reviews').status ?? {};
  return { replicas: s.replicas, updated: s.updatedReplicas, ready: s.readyReplicas, available: s.availableReplicas };
};

describe('blue-green lifecycle (seed reviews: replicas 3, active + preview Services)', () => {
  it('first deployment: one RS, both Services switched to its hash with the managed-by annotation, Healthy', async () => {
    const { cluster } = await healthyBlueGreen();
    const ro = cluster.rollout('reviews');
    const hash = ro.status?.currentPodHash ?? '';
    expect(cluster.hashOf(ACTIVE)).toBe(hash);
    expect(cluster.hashOf(PREVIEW)).toBe(hash);
    expect(cluster.service(ACTIVE).metadata?.annotations?.['argo-rollouts.argoproj.io/managed-by-rollouts']).toBe('reviews');
    expect(ro.status).toMatchObject({ phase: 'Healthy', stableRS: hash, blueGreen: { activeSelector: hash, previewSelector: hash }, HPAReplicas: 3, selector: `app=reviews,rollouts-pod-template-hash=${hash}` });
    expect(counts(cluster)).toEqual({ replicas: 3, updated: 3, ready: 3, available: 3 });
    expect(cluster.recorder.recorded.map((e) => e.reason)).toEqual([
      'RolloutUpdated',
      'NewReplicaSetCreated',
      'SwitchService',
      'ScalingReplicaSet',
      'RolloutCompleted',
      'SwitchService',
    ]);
  });

  it('upstream TestBlueGreenUpdate: counts (3,6,3,3,3) while both run, the event order, old RS down after scaleDownDelaySeconds', async () => {
    const { cluster, reconciler } = await healthyBlueGreen({ blueGreen: { previewService: undefined, scaleDownDelaySeconds: 10 } });
    const mark = cluster.mark();
    await cluster.setImage(V2, 'reviews');
    await convergeBlueGreen(cluster, reconciler);
    expect(counts(cluster)).toEqual({ replicas: 6, updated: 3, ready: 3, available: 3 });
    expect(cluster.reasonsSince(mark)).toEqual(['RolloutUpdated', 'NewReplicaSetCreated', 'RolloutNotCompleted', 'ScalingReplicaSet', 'SwitchService', 'RolloutCompleted']);
    const ro = cluster.rollout('reviews');
    expect(ro.status).toMatchObject({ phase: 'Healthy', stableRS: ro.status?.currentPodHash, blueGreen: { activeSelector: ro.status?.currentPodHash } });
    const old = cluster.replicaSets.list().find((rs) => rs.spec?.template?.spec?.containers[0]?.image === V1);
    expect(old?.metadata?.annotations?.['scale-down-deadline']).toBe('2026-11-27T10:00:10Z');
    await cluster.clock.advance(11_000);
    await convergeBlueGreen(cluster, reconciler);
    expect(cluster.replicasByImage()).toEqual({ [V1]: 0, [V2]: 3 });
    expect(counts(cluster)).toEqual({ replicas: 3, updated: 3, ready: 3, available: 3 });
  });

  // parity: argo-rollouts test/e2e/duration_test.go TestBlueGreenDuration_ScalingOnly, rollout/sync.go syncReplicasOnly
  it('scaling only (spec.replicas 3 → 5): the active RS grows, no SwitchService/RolloutCompleted', async () => {
    const { cluster, reconciler } = await healthyBlueGreen();
    const before = cluster.rollout('reviews').status;
    const mark = cluster.mark();
    await cluster.clock.advance(10_000);
    await cluster.userPatch({ spec: { replicas: 5 } }, 'reviews');
    await convergeBlueGreen(cluster, reconciler);
    const after = cluster.rollout('reviews').status;
    expect(cluster.replicasByImage()).toEqual({ [V1]: 5 });
    expect(after).toMatchObject({ phase: 'Healthy', HPAReplicas: 5, availableReplicas: 5, stableRS: before?.stableRS });
    expect(cluster.reasonsSince(mark)).toEqual(['ScalingReplicaSet']);
    // not a new update: the finished duration of the first deployment stays as it was
    expect(after?.duration).toEqual(before?.duration);
  });

  // parity: argo-rollouts rollout/sync.go calculateStatusDuration (blue-green: CheckPodSpecChange, no step hash);
  // test/e2e/duration_test.go TestBlueGreenDuration_*
  it('status.duration: the first deployment and a promoted update each end Promoted; only a new template starts one', async () => {
    const { cluster, reconciler } = await healthyBlueGreen({ blueGreen: { previewService: undefined } });
    const first = cluster.rollout('reviews').status?.duration;
    expect(first).toMatchObject({ completionStatus: 'Promoted' });
    expect(first?.rolloutStartedAt).toBeDefined();
    expect(first?.finishedAt).toBeDefined();
    await cluster.clock.advance(5_000);
    await reconciler.reconcile('default', 'reviews');
    expect(cluster.rollout('reviews').status?.duration).toEqual(first);
    await cluster.setImage(V2, 'reviews');
    await convergeBlueGreen(cluster, reconciler);
    const second = cluster.rollout('reviews').status?.duration;
    expect(second).toMatchObject({ completionStatus: 'Promoted' });
    expect(second?.rolloutStartedAt).not.toBe(first?.rolloutStartedAt);
  });

  it('a healthy rollout reconciles with zero writes', async () => {
    const { cluster, reconciler } = await healthyBlueGreen();
    const mark = cluster.mark();
    await reconciler.reconcile('default', 'reviews');
    expect(cluster.writeLog(mark.writes)).toEqual([]);
    expect(cluster.eventsSince(mark)).toEqual([]);
  });

  it('seed E2 (autoPromotionEnabled false): preview gets the new RS, BlueGreenPause; promote switches active; old RS down after 30 s', async () => {
    const { cluster, reconciler } = await healthyBlueGreen({ blueGreen: { autoPromotionEnabled: false } });
    const oldHash = cluster.hashOf(ACTIVE);
    const mark = cluster.mark();
    await cluster.setImage(V2, 'reviews');
    await convergeBlueGreen(cluster, reconciler);
    let ro = cluster.rollout('reviews');
    const newHash = ro.status?.currentPodHash ?? '';
    expect(cluster.hashOf(PREVIEW)).toBe(newHash);
    expect(cluster.hashOf(ACTIVE)).toBe(oldHash);
    expect(ro.status).toMatchObject({ phase: 'Paused', message: 'BlueGreenPause', controllerPause: true, stableRS: oldHash, blueGreen: { activeSelector: oldHash, previewSelector: newHash } });
    expect(ro.status?.pauseConditions?.map((p) => p.reason)).toEqual(['BlueGreenPause']);
    expect(counts(cluster)).toEqual({ replicas: 6, updated: 3, ready: 3, available: 3 });
    expect(cluster.eventsSince(mark)).toContain(`SwitchService: Switched selector for service '${PREVIEW}' from '${oldHash}' to '${newHash}'`);
    expect(cluster.reasonsSince(mark)).toEqual(['RolloutUpdated', 'NewReplicaSetCreated', 'SwitchService', 'RolloutNotCompleted', 'ScalingReplicaSet', 'RolloutPaused']);

    const promoted = cluster.mark();
    await cluster.userPatchStatus({ status: { pauseConditions: null } }, 'reviews');
    await convergeBlueGreen(cluster, reconciler);
    ro = cluster.rollout('reviews');
    expect(cluster.hashOf(ACTIVE)).toBe(newHash);
    expect(ro.status).toMatchObject({ phase: 'Healthy', stableRS: newHash, blueGreen: { activeSelector: newHash, previewSelector: newHash } });
    expect(cluster.reasonsSince(promoted)).toEqual(['SwitchService', 'RolloutCompleted']);
    expect(cluster.replicasByImage()).toEqual({ [V1]: 3, [V2]: 3 });
    await cluster.clock.advance(29_000);
    await convergeBlueGreen(cluster, reconciler);
    expect(cluster.replicasByImage()).toEqual({ [V1]: 3, [V2]: 3 });
    await cluster.clock.advance(1_000);
    await convergeBlueGreen(cluster, reconciler);
    expect(cluster.replicasByImage()).toEqual({ [V1]: 0, [V2]: 3 });
  });

  it('previewReplicaCount 1: preview runs 1 pod until promoted, then scales to 3 before the active switch', async () => {
    const { cluster, reconciler } = await healthyBlueGreen({ blueGreen: { autoPromotionEnabled: false, previewReplicaCount: 1 } });
    await cluster.setImage(V2, 'reviews');
    await convergeBlueGreen(cluster, reconciler);
    expect(cluster.replicasByImage()).toEqual({ [V1]: 3, [V2]: 1 });
    expect(cluster.rollout('reviews').status?.pauseConditions?.map((p) => p.reason)).toEqual(['BlueGreenPause']);
    const oldHash = cluster.hashOf(ACTIVE);
    await cluster.userPatchStatus({ status: { pauseConditions: null } }, 'reviews');
    await reconciler.reconcile('default', 'reviews');
    cluster.settle();
    expect(cluster.rollout('reviews').status?.blueGreen?.scaleUpPreviewCheckPoint).toBe(true);
    expect(cluster.hashOf(ACTIVE)).toBe(oldHash);
    await convergeBlueGreen(cluster, reconciler);
    expect(cluster.replicasByImage()).toEqual({ [V1]: 3, [V2]: 3 });
    expect(cluster.hashOf(ACTIVE)).toBe(cluster.rollout('reviews').status?.currentPodHash);
    expect(cluster.rollout('reviews').status?.blueGreen?.scaleUpPreviewCheckPoint).toBeUndefined();
  });

  it('autoPromotionSeconds 20: pauses, requeues for the deadline, promotes itself after it', async () => {
    const { cluster, reconciler } = await healthyBlueGreen({ blueGreen: { autoPromotionSeconds: 20 } });
    const oldHash = cluster.hashOf(ACTIVE);
    await cluster.setImage(V2, 'reviews');
    const requeue = await convergeBlueGreen(cluster, reconciler);
    expect(cluster.rollout('reviews').status?.pauseConditions?.map((p) => p.reason)).toEqual(['BlueGreenPause']);
    expect(requeue).toBe(20_001);
    await cluster.clock.advance(20_000);
    await convergeBlueGreen(cluster, reconciler);
    expect(cluster.hashOf(ACTIVE)).toBe(oldHash);
    await cluster.clock.advance(1_000);
    await convergeBlueGreen(cluster, reconciler);
    expect(cluster.hashOf(ACTIVE)).toBe(cluster.rollout('reviews').status?.currentPodHash);
    expect(cluster.rollout('reviews').status?.phase).toBe('Healthy');
  });

  it('abort while paused: active stays on stable, Degraded, preview scaled down after abortScaleDownDelaySeconds; retry resumes', async () => {
    const { cluster, reconciler } = await healthyBlueGreen({ blueGreen: { autoPromotionEnabled: false } });
    const oldHash = cluster.hashOf(ACTIVE);
    await cluster.setImage(V2, 'reviews');
    await convergeBlueGreen(cluster, reconciler);
    const mark = cluster.mark();
    await cluster.userPatchStatus({ status: { abort: true } }, 'reviews');
    await convergeBlueGreen(cluster, reconciler);
    const ro = cluster.rollout('reviews');
    expect(cluster.hashOf(ACTIVE)).toBe(oldHash);
    expect(ro.status).toMatchObject({ phase: 'Degraded', message: 'RolloutAborted: Rollout aborted update to revision 2', abort: true });
    expect(cluster.reasonsSince(mark)).toEqual(['RolloutAborted']);
    const preview = cluster.replicaSets.list().find((rs) => rs.spec?.template?.spec?.containers[0]?.image === V2);
    expect(preview?.metadata?.annotations?.['scale-down-deadline']).toBe('2026-11-27T10:00:30Z');
    await cluster.clock.advance(31_000);
    await convergeBlueGreen(cluster, reconciler);
    expect(cluster.replicasByImage()).toEqual({ [V1]: 3, [V2]: 0 });

    await cluster.userPatchStatus({ status: { abort: false } }, 'reviews');
    await convergeBlueGreen(cluster, reconciler);
    expect(cluster.replicasByImage()).toEqual({ [V1]: 3, [V2]: 3 });
    expect(cluster.rollout('reviews').status?.pauseConditions?.map((p) => p.reason)).toEqual(['BlueGreenPause']);
  });

  it('promote --full: skips the pause and previewReplicaCount, switches at once', async () => {
    const { cluster, reconciler } = await healthyBlueGreen({ blueGreen: { autoPromotionEnabled: false, previewReplicaCount: 1 } });
    await cluster.setImage(V2, 'reviews');
    await convergeBlueGreen(cluster, reconciler);
    await cluster.userPatchStatus({ status: { promoteFull: true } }, 'reviews');
    const mark = cluster.mark();
    await convergeBlueGreen(cluster, reconciler);
    const ro = cluster.rollout('reviews');
    expect(cluster.hashOf(ACTIVE)).toBe(ro.status?.currentPodHash);
    expect(ro.status?.promoteFull).toBeUndefined();
    expect(cluster.eventsSince(mark).filter((e) => e.startsWith('RolloutCompleted'))).toEqual([expect.stringMatching(/: Full promotion requested$/)]);
  });

  it('a missing active Service is an InvalidSpec (no ReplicaSet created)', async () => {
    const cluster = new (await import('./test-support/harness.js')).BlueGreenCluster();
    cluster.seed((await import('./test-support/harness.js')).aBlueGreenRollout({ blueGreen: { previewService: undefined } }));
    await cluster.blueGreenReconciler().reconcile('default', 'reviews');
    expect(cluster.replicaSets.list()).toEqual([]);
    expect(cluster.rollout('reviews').status?.conditions?.find((c) => c.type === 'InvalidSpec')?.message).toBe(
      'The Rollout "reviews" is invalid: spec.strategy.blueGreen.activeService: Invalid value: "rollout-bluegreen-active": service "rollout-bluegreen-active" not found',
    );
  });

  it('previewMetadata / activeMetadata: preview pods carry role=preview until promotion, then role=active (no restart)', async () => {
    const { cluster, reconciler } = await healthyBlueGreen({ blueGreen: { autoPromotionEnabled: false, previewMetadata: { labels: { role: 'preview' } }, activeMetadata: { labels: { role: 'active' } } } });
    await cluster.setImage(V2, 'reviews');
    await convergeBlueGreen(cluster, reconciler);
    const newRS = cluster.replicaSets.list().find((rs) => rs.spec?.template?.spec?.containers[0]?.image === V2);
    expect(newRS?.spec?.template?.metadata?.labels?.['role']).toBe('preview');
    const podNamesBefore = cluster.pods.list().map((p) => p.metadata?.name).sort();
    await cluster.userPatchStatus({ status: { pauseConditions: null } }, 'reviews');
    await convergeBlueGreen(cluster, reconciler);
    const promoted = cluster.replicaSets.list().find((rs) => rs.spec?.template?.spec?.containers[0]?.image === V2);
    expect(promoted?.spec?.template?.metadata?.labels?.['role']).toBe('active');
    const newPods = cluster.pods.list().filter((p) => p.metadata?.ownerReferences?.[0]?.name === promoted?.metadata?.name);
    expect(newPods.map((p) => p.metadata?.labels?.['role'])).toEqual(['active', 'active', 'active']);
    expect(cluster.pods.list().map((p) => p.metadata?.name).sort()).toEqual(podNamesBefore);
  });

  it('dispatchByStrategy sends blue-green rollouts to the blue-green reconciler and the rest to the canary one', async () => {
    const { dispatchByStrategy } = await import('./dispatch.js');
    const { cluster } = await healthyBlueGreen();
    const calls: string[] = [];
    const d = dispatchByStrategy(cluster.rollouts, { reconcile: async (_ns, n) => void calls.push(`canary:${n}`) }, { reconcile: async (_ns, n) => void calls.push(`bluegreen:${n}`) });
    await d.reconcile('default', 'reviews');
    await d.reconcile('default', 'gone');
    expect(calls).toEqual(['bluegreen:reviews', 'canary:gone']);
  });
});

