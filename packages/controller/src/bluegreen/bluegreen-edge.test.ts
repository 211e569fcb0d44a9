import { describe, expect, it } from 'vitest';
import { convergeBlueGreen, healthyBlueGreen } from './test-support/harness.js';

const ACTIVE = 'rollout-bluegreen-active';
const PREVIEW = 'rollout-bluegreen-preview';
const V1 = 'nginx:1.19';
const V2 = 'nginx:1.20';
const V3 = 'nginx:1.21';

describe('blue-green edge cases', () => {
  it('a new template before promotion moves the preview straight to the newest RS; the abandoned one is scaled down', async () => {
    const { cluster, reconciler } = await healthyBlueGreen({ blueGreen: { autoPromotionEnabled: false } });
    await cluster.setImage(V2, 'reviews');
    await convergeBlueGreen(cluster, reconciler);
    await cluster.setImage(V3, 'reviews');
    await convergeBlueGreen(cluster, reconciler);
    const ro = cluster.rollout('reviews');
    expect(cluster.hashOf(PREVIEW)).toBe(ro.status?.currentPodHash);
    expect(cluster.hashOf(ACTIVE)).toBe(ro.status?.stableRS);
    expect(ro.status?.pauseConditions?.map((p) => p.reason)).toEqual(['BlueGreenPause']);
    // the v2 RS is neither active, preview nor stable: delayed scale-down (30 s)
    await cluster.clock.advance(30_000);
    await convergeBlueGreen(cluster, reconciler);
    expect(cluster.replicasByImage()).toEqual({ [V1]: 3, [V2]: 0, [V3]: 3 });
  });

  it('fast rollback: reverting to the stable template during the pause returns the preview to stable with no pause', async () => {
    const { cluster, reconciler } = await healthyBlueGreen({ blueGreen: { autoPromotionEnabled: false } });
    const stable = cluster.rollout('reviews').status?.stableRS;
    await cluster.setImage(V2, 'reviews');
    await convergeBlueGreen(cluster, reconciler);
    await cluster.setImage(V1, 'reviews');
    await convergeBlueGreen(cluster, reconciler);
    const ro = cluster.rollout('reviews');
    expect(ro.status).toMatchObject({ phase: 'Healthy', currentPodHash: stable, stableRS: stable, blueGreen: { activeSelector: stable, previewSelector: stable } });
    expect(ro.status?.pauseConditions).toBeUndefined();
    expect(cluster.replicaSets.list()).toHaveLength(2);
  });

  // parity: argo-rollouts test/e2e/analysis_test.go TestBlueGreenAnalysis (the rollback at the end), rollout/sync.go
  //         isFastRollback (isWithinScaleDownDelay)
  it('rollback to the previous revision while it waits out its scale-down delay: straight back, no pause, no analysis', async () => {
    const { cluster, reconciler } = await healthyBlueGreen({ blueGreen: { autoPromotionEnabled: false } });
    const v1Hash = cluster.hashOf(ACTIVE);
    await cluster.clock.advance(5_000); // the v2 RS is created after the v1 RS (a rollback goes to an older RS)
    await cluster.setImage(V2, 'reviews');
    await convergeBlueGreen(cluster, reconciler);
    await cluster.userPatchStatus({ status: { pauseConditions: null } }, 'reviews');
    await convergeBlueGreen(cluster, reconciler);
    expect(cluster.rollout('reviews').status?.phase).toBe('Healthy');
    expect(cluster.replicasByImage()).toEqual({ [V1]: 3, [V2]: 3 });
    const mark = cluster.mark();
    await cluster.setImage(V1, 'reviews');
    await convergeBlueGreen(cluster, reconciler);
    const ro = cluster.rollout('reviews');
    expect(ro.status).toMatchObject({ phase: 'Healthy', currentPodHash: v1Hash, stableRS: v1Hash, blueGreen: { activeSelector: v1Hash, previewSelector: v1Hash } });
    expect(ro.status?.pauseConditions).toBeUndefined();
    expect(cluster.hashOf(ACTIVE)).toBe(v1Hash);
    expect(cluster.eventsSince(mark).filter((e) => e.startsWith('RolloutCompleted'))).toEqual([expect.stringMatching(/: Fast rollback$/)]);
    expect(cluster.reasonsSince(mark)).not.toContain('RolloutPaused');
  });

  it('scaleDownDelayRevisionLimit 1: only the newest old RS waits for its deadline; older ones go to 0 at once', async () => {
    const { cluster, reconciler } = await healthyBlueGreen({ blueGreen: { previewService: undefined, scaleDownDelayRevisionLimit: 1 } });
    await cluster.setImage(V2, 'reviews');
    await convergeBlueGreen(cluster, reconciler);
    expect(cluster.replicasByImage()).toEqual({ [V1]: 3, [V2]: 3 });
    await cluster.setImage(V3, 'reviews');
    await convergeBlueGreen(cluster, reconciler);
    expect(cluster.replicasByImage()).toEqual({ [V1]: 0, [V2]: 3, [V3]: 3 });
  });

  // parity: argo-rollouts test/e2e/duration_test.go TestBlueGreenDuration_SupersededRollback
  it('rev 1 → rev 2 promoted → rev 3 paused → back to rev 1 inside its scale-down delay: Healthy, duration FastRolledBack and finished', async () => {
    const { cluster, reconciler } = await healthyBlueGreen({ replicas: 1, blueGreen: { autoPromotionEnabled: false, scaleDownDelaySeconds: 30 } });
    for (const image of [V2, V3]) {
      await cluster.clock.advance(1_000);
      await cluster.setImage(image, 'reviews');
      await convergeBlueGreen(cluster, reconciler);
      expect(cluster.rollout('reviews').status?.phase).toBe('Paused');
      if (image === V2) {
        await cluster.userPatchStatus({ status: { pauseConditions: null } }, 'reviews');
        await convergeBlueGreen(cluster, reconciler);
        expect(cluster.rollout('reviews').status?.phase).toBe('Healthy');
      }
    }
    await cluster.setImage(V1, 'reviews');
    await convergeBlueGreen(cluster, reconciler);
    const status = cluster.rollout('reviews').status;
    expect(status?.phase).toBe('Healthy');
    expect(status?.duration?.completionStatus).toBe('FastRolledBack');
    expect(status?.duration?.finishedAt).toBeDefined();
  });

  // parity: argo-rollouts test/e2e/functional_test.go TestBlueGreenScaleDownDelay
  it('scaleDownDelayRevisionLimit 2 with a one-day delay: revisions 3 and 2 stay up behind 4, revision 1 goes; limit 1 then drops revision 2', async () => {
    const { cluster, reconciler } = await healthyBlueGreen({ replicas: 1, blueGreen: { previewService: undefined, scaleDownDelaySeconds: 86_400, scaleDownDelayRevisionLimit: 2 } });
    for (const image of [V2, V3, 'nginx:1.22']) {
      await cluster.clock.advance(1_000);
      await cluster.setImage(image, 'reviews');
      await convergeBlueGreen(cluster, reconciler);
    }
    expect(cluster.replicasByImage()).toEqual({ [V1]: 0, [V2]: 1, [V3]: 1, 'nginx:1.22': 1 });
    expect(cluster.rollout('reviews').status).toMatchObject({ phase: 'Healthy', replicas: 3, updatedReplicas: 1, readyReplicas: 1, availableReplicas: 1 });
    await cluster.userPatch({ spec: { strategy: { blueGreen: { scaleDownDelayRevisionLimit: 1 } } } }, 'reviews');
    await convergeBlueGreen(cluster, reconciler);
    expect(cluster.replicasByImage()).toEqual({ [V1]: 0, [V2]: 0, [V3]: 1, 'nginx:1.22': 1 });
  });

  it('antiAffinity: the preview RS gets a preferred anti-affinity term on the stable hash', async () => {
    const { cluster, reconciler } = await healthyBlueGreen({ blueGreen: { autoPromotionEnabled: false, antiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: { weight: 50 } } } });
    const stable = cluster.rollout('reviews').status?.stableRS;
    await cluster.setImage(V2, 'reviews');
    await convergeBlueGreen(cluster, reconciler);
    const preview = cluster.replicaSets.list().find((rs) => rs.spec?.template?.spec?.containers[0]?.image === V2);
    expect(preview?.spec?.template?.spec?.affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution).toEqual([
      { weight: 50, podAffinityTerm: { labelSelector: { matchExpressions: [{ key: 'rollouts-pod-template-hash', operator: 'In', values: [stable] }] }, namespaces: ['default'], topologyKey: 'kubernetes.io/hostname' } },
    ]);
  });

  it('Available follows the active RS: True while the old active RS stays saturated and the preview pods never become ready', async () => {
    const { cluster, reconciler } = await healthyBlueGreen({ blueGreen: { autoPromotionEnabled: false } });
    cluster.brokenImages.add(V2);
    await cluster.setImage(V2, 'reviews');
    await convergeBlueGreen(cluster, reconciler);
    const ro = cluster.rollout('reviews');
    expect(ro.status?.conditions?.find((c) => c.type === 'Available')?.status).toBe('True');
    expect(ro.status?.phase).toBe('Progressing');
    expect(ro.status?.message).toBe('active service cutover pending');
    expect(cluster.hashOf(ACTIVE)).toBe(ro.status?.stableRS);
  });

  it('abortScaleDownDelaySeconds 0: an aborted preview keeps its pods (never scaled down)', async () => {
    const { cluster, reconciler } = await healthyBlueGreen({ blueGreen: { autoPromotionEnabled: false, abortScaleDownDelaySeconds: 0 } });
    await cluster.setImage(V2, 'reviews');
    await convergeBlueGreen(cluster, reconciler);
    await cluster.userPatchStatus({ status: { abort: true } }, 'reviews');
    await convergeBlueGreen(cluster, reconciler);
    await cluster.clock.advance(600_000);
    await convergeBlueGreen(cluster, reconciler);
    expect(cluster.rollout('reviews').status?.phase).toBe('Degraded');
    expect(cluster.replicasByImage()).toEqual({ [V1]: 3, [V2]: 3 });
    expect(cluster.replicaSets.list().every((rs) => rs.metadata?.annotations?.['scale-down-deadline'] === undefined)).toBe(true);
  });
});

