import type { AnalysisTemplate } from '@serin/api';
import { describe, expect, it } from 'vitest';
import { convergeBlueGreen, healthyBlueGreen } from './test-support/harness.js';

const ACTIVE = 'rollout-bluegreen-active';
const V1 = 'nginx:1.19';
const V2 = 'nginx:1.20';

const template: AnalysisTemplate = {
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'AnalysisTemplate',
  metadata: { name: 'smoke', namespace: 'default' },
  spec: { metrics: [{ name: 'smoke', provider: { web: { url: 'http://smoke' } } }] },
};

async function updatedWith(analysis: 'prePromotionAnalysis' | 'postPromotionAnalysis', extra: Record<string, unknown> = {}) {
  // the template exists before the first reconcile: a missing one is an InvalidSpec (upstream getReferencedRolloutAnalyses)
  const stage = await healthyBlueGreen({ blueGreen: { [analysis]: { templates: [{ templateName: 'smoke' }] }, ...extra } }, (cluster) => cluster.analysisTemplates.upsert(template));
  await stage.cluster.setImage(V2, 'reviews');
  await convergeBlueGreen(stage.cluster, stage.reconciler);
  return stage;
}

describe('blue-green pre-promotion analysis', () => {
  it('runs `<rollout>-<hash>-<revision>-pre` once the preview is saturated and holds the active switch while it runs', async () => {
    const { cluster } = await updatedWith('prePromotionAnalysis');
    const ro = cluster.rollout('reviews');
    const hash = ro.status?.currentPodHash ?? '';
    const runs = cluster.analysisRuns.list();
    expect(runs.map((r) => [r.metadata?.name, r.metadata?.labels?.['rollout-type']])).toEqual([[`reviews-${hash}-2-pre`, 'PrePromotion']]);
    expect(cluster.hashOf(ACTIVE)).toBe(ro.status?.stableRS);
    expect(ro.status?.blueGreen?.prePromotionAnalysisRunStatus).toEqual({ name: `reviews-${hash}-2-pre`, status: '' });
    expect(ro.status?.message).toBe('active service cutover pending');
  });

  it('Successful → the active Service switches and the rollout completes', async () => {
    const { cluster, reconciler } = await updatedWith('prePromotionAnalysis');
    const run = cluster.analysisRuns.list()[0]?.metadata?.name ?? '';
    cluster.setRunPhase(run, 'Successful');
    const mark = cluster.mark();
    await convergeBlueGreen(cluster, reconciler);
    const ro = cluster.rollout('reviews');
    expect(cluster.hashOf(ACTIVE)).toBe(ro.status?.currentPodHash);
    expect(ro.status?.phase).toBe('Healthy');
    expect(cluster.reasonsSince(mark)).toEqual(['SwitchService', 'AnalysisRunSuccessful', 'RolloutCompleted']);
    expect(cluster.eventsSince(mark)[1]).toMatch(new RegExp(`^AnalysisRunSuccessful: PrePromotion Analysis Run '${run}' Status New: 'Successful' Previous: '`));
  });

  it('Failed → abort with the run message, active stays on the old RS, Degraded', async () => {
    const { cluster, reconciler } = await updatedWith('prePromotionAnalysis');
    const oldHash = cluster.hashOf(ACTIVE);
    const run = cluster.analysisRuns.list()[0]?.metadata?.name ?? '';
    cluster.setRunPhase(run, 'Failed', 'Metric "smoke" assessed Failed due to failed (1) > failureLimit (0)');
    const mark = cluster.mark();
    await convergeBlueGreen(cluster, reconciler);
    const ro = cluster.rollout('reviews');
    expect(cluster.hashOf(ACTIVE)).toBe(oldHash);
    expect(ro.status).toMatchObject({ abort: true, phase: 'Degraded' });
    expect(ro.status?.message).toBe('RolloutAborted: Rollout aborted update to revision 2: Blue/green pre-promotion analysis phase error/failed: Metric "smoke" assessed Failed due to failed (1) > failureLimit (0)');
    expect(cluster.reasonsSince(mark)).toEqual(['AnalysisRunFailed', 'RolloutAborted']);
    expect(cluster.replicasByImage()).toEqual({ [V1]: 3, [V2]: 3 });
  });

  it('retry after a Failed run: a new `-pre.1` run is created and recorded, and the old run does not abort again', async () => {
    // parity: argo-rollouts utils/analysis/helpers.go CreateWithCollisionCounter (the completed namesake is skipped),
    // rollout/analysis.go reconcilePrePromotionAnalysisRun records the run actually created
    const { cluster, reconciler } = await updatedWith('prePromotionAnalysis');
    const run = cluster.analysisRuns.list()[0]?.metadata?.name ?? '';
    cluster.setRunPhase(run, 'Failed', 'Metric "smoke" assessed Failed due to failed (1) > failureLimit (0)');
    await convergeBlueGreen(cluster, reconciler);
    expect(cluster.rollout('reviews').status?.abort).toBe(true);
    // `kubectl argo rollouts retry rollout reviews`
    await cluster.userPatchStatus({ status: { abort: false } }, 'reviews');
    await convergeBlueGreen(cluster, reconciler);
    const ro = cluster.rollout('reviews');
    expect(ro.status?.abort).not.toBe(true);
    expect(ro.status?.phase).not.toBe('Degraded');
    expect(ro.status?.blueGreen?.prePromotionAnalysisRunStatus).toEqual({ name: `${run}.1`, status: '' });
    expect(cluster.analysisRuns.list().map((r) => r.metadata?.name).sort()).toEqual([run, `${run}.1`]);
  });
});

describe('blue-green post-promotion analysis', () => {
  it('runs `-post` after the switch; stable stays old until it succeeds (waiting for analysis to complete)', async () => {
    const { cluster, reconciler } = await updatedWith('postPromotionAnalysis');
    const ro = cluster.rollout('reviews');
    const hash = ro.status?.currentPodHash ?? '';
    expect(cluster.hashOf(ACTIVE)).toBe(hash);
    expect(cluster.analysisRuns.list().map((r) => r.metadata?.name)).toEqual([`reviews-${hash}-2-post`]);
    expect(ro.status?.stableRS).not.toBe(hash);
    expect(ro.status?.message).toBe('waiting for analysis to complete');
    cluster.setRunPhase(`reviews-${hash}-2-post`, 'Successful');
    await convergeBlueGreen(cluster, reconciler);
    expect(cluster.rollout('reviews').status).toMatchObject({ stableRS: hash, phase: 'Healthy' });
  });

  it('Failed → abort and the active Service switches back to the stable hash', async () => {
    const { cluster, reconciler } = await updatedWith('postPromotionAnalysis');
    const ro = cluster.rollout('reviews');
    const stable = ro.status?.stableRS ?? '';
    const hash = ro.status?.currentPodHash ?? '';
    cluster.setRunPhase(`reviews-${hash}-2-post`, 'Failed');
    const mark = cluster.mark();
    await convergeBlueGreen(cluster, reconciler);
    expect(cluster.hashOf(ACTIVE)).toBe(stable);
    expect(cluster.eventsSince(mark)).toContain(`SwitchService: Switched selector for service '${ACTIVE}' from '${hash}' to '${stable}'`);
    expect(cluster.rollout('reviews').status?.message).toBe('RolloutAborted: Rollout aborted update to revision 2: Blue/green post-promotion analysis phase error/failed');
  });

  // parity: argo-rollouts test/e2e/analysis_test.go TestBlueGreenAbortAndUpdate
  it('after a post-promotion failure, a new template pauses with active on revision 1, preview on revision 3, revision 2 scaled down; promote completes it', async () => {
    const { cluster, reconciler } = await updatedWith('postPromotionAnalysis');
    const rev1 = cluster.rollout('reviews').status?.stableRS ?? '';
    const rev2 = cluster.rollout('reviews').status?.currentPodHash ?? '';
    cluster.setRunPhase(`reviews-${rev2}-2-post`, 'Failed');
    await convergeBlueGreen(cluster, reconciler);
    expect(cluster.rollout('reviews').status?.phase).toBe('Degraded');
    expect(cluster.hashOf(ACTIVE)).toBe(rev1);

    await cluster.clock.advance(1_000);
    await cluster.userPatch({ spec: { strategy: { blueGreen: { autoPromotionEnabled: false } }, template: { metadata: { annotations: { foo: 'bar' } } } } }, 'reviews');
    await convergeBlueGreen(cluster, reconciler);
    let ro = cluster.rollout('reviews');
    const rev3 = ro.status?.currentPodHash ?? '';
    expect(ro.status).toMatchObject({ phase: 'Paused', stableRS: rev1, blueGreen: { activeSelector: rev1, previewSelector: rev3 } });
    expect(ro.status?.abort).toBeUndefined();
    const size = (hash: string) => cluster.replicaSets.list().find((rs) => rs.metadata?.labels?.['rollouts-pod-template-hash'] === hash)?.spec?.replicas;
    await cluster.clock.advance(30_000);
    await convergeBlueGreen(cluster, reconciler);
    expect([size(rev1), size(rev2), size(rev3)]).toEqual([3, 0, 3]);

    await cluster.userPatchStatus({ status: { pauseConditions: null } }, 'reviews');
    await convergeBlueGreen(cluster, reconciler);
    ro = cluster.rollout('reviews');
    // the post-promotion run of revision 3 holds promotion; let it succeed
    cluster.setRunPhase(`reviews-${rev3}-3-post`, 'Successful');
    await convergeBlueGreen(cluster, reconciler);
    ro = cluster.rollout('reviews');
    expect(ro.status).toMatchObject({ phase: 'Healthy', stableRS: rev3, blueGreen: { activeSelector: rev3, previewSelector: rev3 } });
    expect(cluster.analysisRuns.list().map((r) => r.metadata?.name).sort()).toEqual([`reviews-${rev2}-2-post`, `reviews-${rev3}-3-post`].sort());
  });

  // parity: argo-rollouts test/e2e/analysis_test.go TestBlueGreenKitchenSink
  it('kitchen sink: previewReplicaCount 1, autoPromotionSeconds 10, pre- and post-promotion analysis; the failing post run rolls the active Service back', async () => {
    const smoke = { templates: [{ templateName: 'smoke' }] };
    const { cluster, reconciler } = await healthyBlueGreen(
      { replicas: 2, blueGreen: { previewReplicaCount: 1, autoPromotionSeconds: 10, scaleDownDelaySeconds: 5, prePromotionAnalysis: smoke, postPromotionAnalysis: smoke } },
      (c) => c.analysisTemplates.upsert(template),
    );
    const rev1 = cluster.hashOf(ACTIVE);
    const counts = () => {
      const st = cluster.rollout('reviews').status ?? {};
      return [st.replicas, st.updatedReplicas, st.readyReplicas, st.availableReplicas];
    };
    await cluster.setImage(V2, 'reviews');
    await convergeBlueGreen(cluster, reconciler);
    const rev2 = cluster.rollout('reviews').status?.currentPodHash ?? '';
    expect(cluster.replicasByImage()).toEqual({ [V1]: 2, [V2]: 1 });
    expect(cluster.analysisRuns.list().map((r) => r.metadata?.name)).toEqual([`reviews-${rev2}-2-pre`]);
    expect(cluster.rollout('reviews').status?.pauseConditions).toBeUndefined();

    cluster.setRunPhase(`reviews-${rev2}-2-pre`, 'Successful');
    await convergeBlueGreen(cluster, reconciler);
    expect(cluster.rollout('reviews').status?.phase).toBe('Paused');
    expect(counts()).toEqual([3, 1, 2, 2]);
    await cluster.clock.advance(5_000);
    await convergeBlueGreen(cluster, reconciler);
    expect(cluster.hashOf(ACTIVE)).toBe(rev1);
    await cluster.clock.advance(6_000);
    await convergeBlueGreen(cluster, reconciler);
    expect(cluster.hashOf(ACTIVE)).toBe(rev2);
    expect(cluster.replicasByImage()).toEqual({ [V1]: 2, [V2]: 2 });
    expect(counts()).toEqual([4, 2, 2, 2]);
    expect(cluster.analysisRuns.list().map((r) => r.metadata?.name).sort()).toEqual([`reviews-${rev2}-2-post`, `reviews-${rev2}-2-pre`]);

    cluster.setRunPhase(`reviews-${rev2}-2-post`, 'Failed');
    await convergeBlueGreen(cluster, reconciler);
    expect(cluster.rollout('reviews').status).toMatchObject({ phase: 'Degraded', stableRS: rev1, blueGreen: { activeSelector: rev1, previewSelector: rev2 } });
    expect(cluster.replicasByImage()).toEqual({ [V1]: 2, [V2]: 2 });
    expect(counts()).toEqual([4, 2, 2, 2]);
  });

  // parity: argo-rollouts test/e2e/functional_test.go TestBlueGreenPromoteFull
  it('promote --full while the pre-promotion run is running: Healthy at once, the run is terminated, no post-promotion run', async () => {
    const smoke = { templates: [{ templateName: 'smoke' }] };
    const { cluster, reconciler } = await healthyBlueGreen({ blueGreen: { autoPromotionEnabled: false, prePromotionAnalysis: smoke, postPromotionAnalysis: smoke } }, (c) => c.analysisTemplates.upsert(template));
    await cluster.setImage(V2, 'reviews');
    await convergeBlueGreen(cluster, reconciler);
    const rev2 = cluster.rollout('reviews').status?.currentPodHash ?? '';
    cluster.setRunPhase(`reviews-${rev2}-2-pre`, 'Running');
    await cluster.userPatchStatus({ status: { promoteFull: true } }, 'reviews');
    await convergeBlueGreen(cluster, reconciler);
    expect(cluster.rollout('reviews').status).toMatchObject({ phase: 'Healthy', stableRS: rev2, blueGreen: { activeSelector: rev2 } });
    expect(cluster.analysisRuns.list().map((r) => [r.metadata?.name, r.spec?.terminate])).toEqual([[`reviews-${rev2}-2-pre`, true]]);
  });

  // parity: argo-rollouts rollout/analysis.go getAnalysisRunsForRollout (GET for a recorded run the informer lacks)
  it('a recorded run the AnalysisRun cache has not delivered yet is read from the server, not created again', async () => {
    const { cluster } = await updatedWith('prePromotionAnalysis');
    const hash = cluster.rollout('reviews').status?.currentPodHash ?? '';
    const run = `reviews-${hash}-2-pre`;
    const lagging = {
      get: (ns: string, n: string) => (n === run ? undefined : cluster.analysisRuns.get(ns, n)),
      getByKey: (key: string) => cluster.analysisRuns.getByKey(key),
      list: (ns?: string) => cluster.analysisRuns.list(ns).filter((r) => r.metadata?.name !== run),
      byIndex: (index: string, value: string) => cluster.analysisRuns.byIndex(index, value),
      ownedBy: (uid: string) => cluster.analysisRuns.ownedBy(uid).filter((r) => r.metadata?.name !== run),
      size: () => cluster.analysisRuns.size(),
    };
    const mark = cluster.mark();
    await cluster.blueGreenReconciler({ analysisRuns: lagging }).reconcile('default', 'reviews');
    cluster.settle();
    expect(cluster.analysisRuns.list().map((r) => r.metadata?.name)).toEqual([run]);
    expect(cluster.rollout('reviews').status?.blueGreen?.prePromotionAnalysisRunStatus?.name).toBe(run);
    expect(cluster.writeLog(mark.writes).filter((w) => w.includes('AnalysisRun'))).toEqual([]);
  });

  it('a name collision creates `-pre.1` and status.blueGreen records that name (no re-creation)', async () => {
    const stage = await healthyBlueGreen({ blueGreen: { prePromotionAnalysis: { templates: [{ templateName: 'smoke' }] } } }, (c) => c.analysisTemplates.upsert(template));
    const { cluster, reconciler } = stage;
    await cluster.setImage(V2, 'reviews');
    await reconciler.reconcile('default', 'reviews');
    const hash = cluster.rollout('reviews').status?.currentPodHash ?? '';
    cluster.analysisRuns.upsert({ apiVersion: 'argoproj.io/v1alpha1', kind: 'AnalysisRun', metadata: { name: `reviews-${hash}-2-pre`, namespace: 'default', uid: 'other' }, spec: { metrics: [] }, status: { phase: 'Failed' } } as never);
    cluster.settle();
    await convergeBlueGreen(cluster, reconciler);
    expect(cluster.rollout('reviews').status?.blueGreen?.prePromotionAnalysisRunStatus?.name).toBe(`reviews-${hash}-2-pre.1`);
    expect(cluster.analysisRuns.list().map((r) => r.metadata?.name).sort()).toEqual([`reviews-${hash}-2-pre`, `reviews-${hash}-2-pre.1`]);
  });

  it('post-promotion analysis without scaleDownDelaySeconds: the old RS keeps its pods until the run succeeds', async () => {
    const { cluster, reconciler } = await updatedWith('postPromotionAnalysis');
    const hash = cluster.rollout('reviews').status?.currentPodHash ?? '';
    await cluster.clock.advance(120_000);
    await convergeBlueGreen(cluster, reconciler);
    expect(cluster.replicasByImage()).toEqual({ [V1]: 3, [V2]: 3 });
    cluster.setRunPhase(`reviews-${hash}-2-post`, 'Successful');
    await convergeBlueGreen(cluster, reconciler);
    await cluster.clock.advance(30_000);
    await convergeBlueGreen(cluster, reconciler);
    expect(cluster.replicasByImage()).toEqual({ [V1]: 0, [V2]: 3 });
  });
});

