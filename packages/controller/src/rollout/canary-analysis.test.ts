/**
 * Canary analysis through the reconciler (fakes): an `analysis` step creates its run, and the run's outcome moves
 * the rollout — Successful advances, Inconclusive pauses (InconclusiveAnalysisRun, promote resumes), Failed/Error
 * aborts with upstream's message; background analysis aborts the same way.
 */
import type { AnalysisRun, AnalysisTemplate, CanaryStep, Rollout } from '@serin/api';
import { StaleCacheError } from '@serin/kube';
import { describe, expect, it } from 'vitest';
import { aRollout } from '../test-support/builders.js';
import { converge } from '../test-support/drive.js';
import { CanaryStageCluster } from './canary-stage-cluster.js';
import { rolloutEventHandlers } from './wiring.js';

const V2 = 'nginx:1.20';
const STEPS: CanaryStep[] = [{ setWeight: 20 }, { analysis: { templates: [{ templateName: 'smoke' }] } }, { setWeight: 60 }];
const FAILED_MESSAGE = 'Metric "smoke" assessed Failed due to failed (1) > failureLimit (0)';

const template: AnalysisTemplate = {
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'AnalysisTemplate',
  metadata: { name: 'smoke', namespace: 'default' },
  spec: { metrics: [{ name: 'smoke', provider: { web: { url: 'http://smoke' } } }] },
};

/** A healthy rollout (5 replicas) updated to V2 and driven until it waits on its analysis. */
async function updated(shape: (ro: Rollout) => void) {
  const cluster = new CanaryStageCluster();
  const ro = aRollout({ replicas: 5 });
  shape(ro);
  cluster.seed(ro);
  cluster.analysisTemplates.upsert(template);
  const reconciler = cluster.canaryReconciler();
  await converge(cluster, reconciler);
  await cluster.setImage(V2);
  await converge(cluster, reconciler);
  return { cluster, reconciler, hash: cluster.rollout().status?.currentPodHash ?? '' };
}

const withSteps = (ro: Rollout): void => {
  ro.spec.strategy = { canary: { steps: STEPS } };
};
const withBackground = (ro: Rollout): void => {
  ro.spec.strategy = { canary: { steps: [{ setWeight: 20 }, { pause: {} }], analysis: { templates: [{ templateName: 'smoke' }], startingStep: 1 } } };
};

describe('step analysis', () => {
  it('creates `<rollout>-<hash>-<revision>-<stepIndex>` once step 1 is reached and waits on it (no promotion while it runs)', async () => {
    const { cluster, hash } = await updated(withSteps);
    expect(cluster.analysisRuns.list().map((r) => [r.metadata?.name, r.metadata?.labels?.['rollout-type'], r.metadata?.labels?.['step-index']])).toEqual([[`guestbook-${hash}-2-1`, 'Step', '1']]);
    expect(cluster.rollout().status).toMatchObject({ currentStepIndex: 1, canary: { currentStepAnalysisRunStatus: { name: `guestbook-${hash}-2-1` } } });
    expect(cluster.rollout().status?.stableRS).not.toBe(hash);
  });

  it('Successful → the step completes, the next steps run and the rollout promotes', async () => {
    const { cluster, reconciler, hash } = await updated(withSteps);
    const run = `guestbook-${hash}-2-1`;
    cluster.setRunPhase(run, 'Successful');
    const mark = cluster.mark();
    await converge(cluster, reconciler);
    const events = cluster.eventsSince(mark);
    expect(events.slice(0, 2)).toEqual([
      expect.stringMatching(new RegExp(`^AnalysisRunSuccessful: Step Analysis Run '${run}' Status New: 'Successful' Previous: '`)),
      'RolloutStepCompleted: Rollout step 2/3 completed (analysis)',
    ]);
    expect(events).toContain('RolloutStepCompleted: Rollout step 3/3 completed (setWeight: 60)');
    expect(cluster.rollout().status).toMatchObject({ stableRS: hash, currentStepIndex: 3, phase: 'Healthy' });
    expect(cluster.rollout().status?.canary?.currentStepAnalysisRunStatus).toBeUndefined();
    expect(cluster.analysisRuns.list()).toHaveLength(1);
  });

  it('Inconclusive → pause InconclusiveAnalysisRun (controllerPause, phase Paused); promote skips the step', async () => {
    const { cluster, reconciler, hash } = await updated(withSteps);
    cluster.setRunPhase(`guestbook-${hash}-2-1`, 'Inconclusive');
    await converge(cluster, reconciler);
    const status = cluster.rollout().status;
    expect(status?.pauseConditions?.map((p) => p.reason)).toEqual(['InconclusiveAnalysisRun']);
    expect(status).toMatchObject({ controllerPause: true, phase: 'Paused', currentStepIndex: 1, canary: { currentStepAnalysisRunStatus: { status: 'Inconclusive' } } });
    // `kubectl argo rollouts promote` on an inconclusive step analysis
    await cluster.userPatchStatus({ status: { pauseConditions: null, controllerPause: false, currentStepIndex: 2 } });
    await converge(cluster, reconciler);
    expect(cluster.rollout().status).toMatchObject({ stableRS: hash, phase: 'Healthy' });
  });

  it.each([
    { name: 'Failed', phase: 'Failed' as const },
    { name: 'Error', phase: 'Error' as const },
  ])('$name → abort with `Step-based analysis phase error/failed: <run message>`, canary scaled away, stable kept', async ({ phase }) => {
    const { cluster, reconciler, hash } = await updated(withSteps);
    const run = `guestbook-${hash}-2-1`;
    cluster.setRunPhase(run, phase, FAILED_MESSAGE);
    const mark = cluster.mark();
    await converge(cluster, reconciler);
    const status = cluster.rollout().status;
    expect(status).toMatchObject({ abort: true, phase: 'Degraded', currentStepIndex: 0 });
    expect(status?.message).toBe(`RolloutAborted: Rollout aborted update to revision 2: Step-based analysis phase error/failed: ${FAILED_MESSAGE}`);
    expect(status?.conditions?.find((c) => c.type === 'Progressing')).toMatchObject({ status: 'False', reason: 'RolloutAborted' });
    expect(cluster.reasonsSince(mark).slice(0, 2)).toEqual([`AnalysisRun${phase}`, 'RolloutAborted']);
    expect(cluster.replicasByImage()).toEqual({ 'nginx:1.19': 5, [V2]: 0 });
    // once aborted the stage cancels instead of tracking: canary drops the recorded run (upstream
    // TestCancelAnalysisRunsWhenAborted); the run itself stays for the CLI (history limit)
    expect(status?.canary?.currentStepAnalysisRunStatus).toBeUndefined();
    expect(cluster.analysisRuns.get('default', run)?.status).toMatchObject({ phase, message: FAILED_MESSAGE });
  });

  it('retry after a Failed step run: the new run `<name>.1` is the one recorded, and it is not aborted again by the old one', async () => {
    // parity: argo-rollouts utils/analysis/helpers.go CreateWithCollisionCounter (the completed namesake is skipped:
    // `<name>.1`), rollout/analysis.go reconcileStepBasedAnalysisRun records the run actually created
    const { cluster, reconciler, hash } = await updated(withSteps);
    const run = `guestbook-${hash}-2-1`;
    cluster.setRunPhase(run, 'Failed', FAILED_MESSAGE);
    await converge(cluster, reconciler);
    expect(cluster.rollout().status?.abort).toBe(true);
    // `kubectl argo rollouts retry rollout guestbook`
    await cluster.userPatchStatus({ status: { abort: false } });
    await converge(cluster, reconciler);
    const status = cluster.rollout().status;
    expect(status?.abort).not.toBe(true);
    expect(status?.phase).not.toBe('Degraded');
    expect(status?.canary?.currentStepAnalysisRunStatus?.name).toBe(`${run}.1`);
    expect(cluster.analysisRuns.list().map((r) => r.metadata?.name).sort()).toEqual([run, `${run}.1`]);
  });

  // parity: argo-rollouts rollout/controller.go getReferencedRolloutAnalyses (every step's templates are
  // referenced resources: a missing one is InvalidSpec, TestInvalidSpecMissingClusterTemplatesBackgroundAnalysis)
  it('a missing template is InvalidSpec (no ReplicaSet, no run) until it exists, then the update proceeds', async () => {
    const cluster = new CanaryStageCluster();
    const ro = aRollout({ replicas: 5 });
    withSteps(ro);
    cluster.seed(ro);
    const reconciler = cluster.canaryReconciler();
    await converge(cluster, reconciler);
    const invalid = cluster.rollout().status?.conditions?.find((c) => c.type === 'InvalidSpec');
    expect(invalid).toMatchObject({ status: 'True', reason: 'InvalidSpec' });
    expect(invalid?.message).toContain("AnalysisTemplate 'smoke' not found");
    expect(cluster.rollout().status?.phase).toBe('Degraded');
    expect(cluster.analysisRuns.list()).toHaveLength(0);
    cluster.analysisTemplates.upsert(template);
    await converge(cluster, reconciler);
    expect(cluster.rollout().status?.conditions?.some((c) => c.type === 'InvalidSpec')).toBe(false);
    await cluster.setImage(V2);
    await converge(cluster, reconciler);
    expect(cluster.analysisRuns.list()).toHaveLength(1);
  });
});

describe('cache lag', () => {
  it('a run we created but the cache does not show yet makes the next reconcile retry (StaleCacheError), not create it again', async () => {
    const cluster = new CanaryStageCluster();
    const ro = aRollout({ replicas: 5 });
    withSteps(ro);
    cluster.seed(ro);
    cluster.analysisTemplates.upsert(template);
    const reconciler = cluster.canaryReconciler();
    await converge(cluster, reconciler);
    await cluster.setImage(V2);
    const creates = () => cluster.writeLog().filter((w) => w.startsWith('create AnalysisRun/'));
    for (let i = 0; i < 20 && creates().length === 0; i++) {
      await reconciler.reconcile('default', 'guestbook');
      cluster.settle();
    }
    expect(creates()).toHaveLength(1);
    const run = cluster.analysisRuns.list()[0];
    if (run === undefined) throw new Error('no run');
    cluster.analysisRuns.remove(run);
    await expect(reconciler.reconcile('default', 'guestbook')).rejects.toBeInstanceOf(StaleCacheError);
    cluster.analysisRuns.upsert(run);
    await converge(cluster, reconciler);
    expect(creates()).toHaveLength(1);
  });
});

describe('background analysis', () => {
  it('starts at startingStep, and Failed aborts with `Background analysis phase error/failed: <run message>`', async () => {
    const { cluster, reconciler, hash } = await updated(withBackground);
    const run = `guestbook-${hash}-2`;
    expect(cluster.analysisRuns.list().map((r) => [r.metadata?.name, r.metadata?.labels?.['rollout-type']])).toEqual([[run, 'Background']]);
    cluster.setRunPhase(run, 'Failed', FAILED_MESSAGE);
    await converge(cluster, reconciler);
    const status = cluster.rollout().status;
    expect(status).toMatchObject({ abort: true, phase: 'Degraded' });
    expect(status?.message).toBe(`RolloutAborted: Rollout aborted update to revision 2: Background analysis phase error/failed: ${FAILED_MESSAGE}`);
  });

  it('is cancelled (`spec.terminate: true`) when the rollout is promoted while it still runs', async () => {
    const { cluster, reconciler, hash } = await updated(withBackground);
    await cluster.userPatchStatus({ status: { pauseConditions: null } });
    await converge(cluster, reconciler);
    expect(cluster.rollout().status).toMatchObject({ stableRS: hash, phase: 'Healthy' });
    expect(cluster.analysisRuns.get('default', `guestbook-${hash}-2`)?.spec?.terminate).toBe(true);
  });
});

describe('rolloutEventHandlers: AnalysisRuns', () => {
  it.each([
    { name: 'a run controlled by a Rollout → that rollout', owner: { kind: 'Rollout', name: 'guestbook' }, keys: ['default/guestbook'] },
    { name: 'a run of an Experiment → nothing', owner: { kind: 'Experiment', name: 'exp' }, keys: [] },
  ])('$name', ({ owner, keys }) => {
    const seen: string[] = [];
    const cluster = new CanaryStageCluster();
    const handlers = rolloutEventHandlers((k) => seen.push(k), { rollouts: cluster.rollouts, replicaSets: cluster.replicaSets });
    handlers.analysisRuns.update?.({} as AnalysisRun, { metadata: { name: 'r', namespace: 'default', ownerReferences: [{ apiVersion: 'argoproj.io/v1alpha1', ...owner, uid: 'u', controller: true }] }, spec: { metrics: [] } });
    expect(seen).toEqual(keys);
  });
});
