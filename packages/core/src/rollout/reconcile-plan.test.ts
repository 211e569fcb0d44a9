import type { AnalysisRun, Experiment } from '@serin/api';
import { ANALYSIS_PHASE } from '@serin/api';
import { describe, expect, it } from 'vitest';
import type { RolloutAction } from './plan.js';
import { computePodTemplateHash } from '../hash/pod-template-hash.js';
import { computeRolloutStepHash } from '../hash/step-hash.js';
import { planRolloutReconcile } from './reconcile-plan.js';
import { aReplicaSet, aRollout } from './test-support/builders.js';

const NOW = Date.parse('2026-01-01T00:00:00Z');
const summary = (a: RolloutAction): string => {
  switch (a.kind) {
    case 'event':
      return `event ${a.reason}`;
    case 'createReplicaSet':
      return `create ${a.replicaSet.metadata?.name ?? ''}`;
    case 'patchReplicaSet':
    case 'deleteReplicaSet':
    case 'deleteAnalysisRun':
    case 'deleteExperiment':
    case 'evictPod':
      return `${a.kind} ${a.name}`;
    default:
      return a.kind;
  }
};

describe('planRolloutReconcile', () => {
  it('a new rollout: create the RS, record revision 1, events, one status patch — in that order', () => {
    const rollout = aRollout({ replicas: 2, steps: [{ setWeight: 50 }] });
    const hash = computePodTemplateHash(rollout.spec.template ?? {});
    const plan = planRolloutReconcile({ rollout, replicaSets: [], pods: [], nowMs: NOW });
    expect(plan.actions.map(summary)).toEqual([`create ro-${hash}`, 'patchRollout', 'event RolloutUpdated', 'event NewReplicaSetCreated', 'event RolloutNotCompleted', 'patchStatus']);
    expect(plan.requeueAfterMs).toBeUndefined();
  });

  it('never mutates the snapshot', () => {
    const rollout = aRollout({ replicas: 2, steps: [{ setWeight: 50 }] });
    const before = structuredClone(rollout);
    planRolloutReconcile({ rollout, replicaSets: [], pods: [], nowMs: NOW });
    expect(rollout).toEqual(before);
  });

  it.each([
    { name: 'being deleted', rollout: { ...aRollout(), metadata: { ...aRollout().metadata, deletionTimestamp: '2026-01-01T00:00:00Z' as unknown as Date } } },
    { name: 'blue-green (not handled by this reconciler)', rollout: { ...aRollout(), spec: { ...aRollout().spec, strategy: { blueGreen: { activeService: 'a' } } } } },
  ])('plans nothing when $name', ({ rollout }) => {
    expect(planRolloutReconcile({ rollout, replicaSets: [], pods: [], nowMs: NOW }).actions).toEqual([]);
  });

  it('an invalid spec: one status patch with InvalidSpec and a 20 s requeue', () => {
    const rollout = aRollout({ steps: [{ setWeight: 500 }] });
    const plan = planRolloutReconcile({ rollout, replicaSets: [], pods: [], nowMs: NOW });
    expect(plan.actions.map(summary)).toEqual(['patchStatus']);
    expect(plan.requeueAfterMs).toBe(20_000);
  });
});

describe('planRolloutReconcile — revisionHistoryLimit cleanup', () => {
  // parity: argo-rollouts rollout/sync.go reconcileRevisionHistoryLimit; rollout/analysis_test.go
  // TestDeleteAnalysisRunsAfterRSDelete (the old RS's runs go in the same reconcile, the current one and one already
  // being deleted stay)
  it('deletes the old RS and, right after it, its non-current AnalysisRuns and Experiments', () => {
    const rollout = aRollout({ replicas: 1, image: 'img:3', steps: [{ pause: {} }], revisionHistoryLimit: 0, annotations: { 'rollout.argoproj.io/revision': '3' } });
    const [h1, h2, h3] = ['img:1', 'img:2', 'img:3'].map((image) => computePodTemplateHash(aRollout({ replicas: 1, image }).spec.template ?? {}));
    if (h1 === undefined || h2 === undefined || h3 === undefined) throw new Error('no hashes');
    rollout.status = {
      stableRS: h2,
      currentPodHash: h3,
      currentStepIndex: 0,
      currentStepHash: computeRolloutStepHash(rollout.spec.strategy),
      observedGeneration: '1',
      canary: { currentStepAnalysisRunStatus: { name: 'current-run', status: ANALYSIS_PHASE.Running }, currentExperiment: 'current-ex' },
    };
    const replicaSets = [
      aReplicaSet({ name: `ro-${h1}`, hash: h1, revision: 1, replicas: 0, image: 'img:1', createdAt: '2026-01-01T00:00:00Z' }),
      aReplicaSet({ name: `ro-${h2}`, hash: h2, revision: 2, replicas: 1, image: 'img:2', createdAt: '2026-01-01T00:01:00Z' }),
      aReplicaSet({ name: `ro-${h3}`, hash: h3, revision: 3, replicas: 0, image: 'img:3', createdAt: '2026-01-01T00:02:00Z' }),
    ];
    const labelled = (name: string, hash: string, deleting = false) => ({
      metadata: { name, namespace: 'ns', labels: { 'rollouts-pod-template-hash': hash }, ...(deleting ? { deletionTimestamp: '2026-01-01T00:03:00Z' as unknown as Date } : {}) },
    });
    const run = (name: string, hash: string, deleting = false): AnalysisRun => ({ ...labelled(name, hash, deleting), spec: { metrics: [], terminate: true } });
    const experiment = (name: string, hash: string): Experiment => ({ ...labelled(name, hash), spec: { templates: [] } }) as Experiment;
    const analysisRuns = [run('current-run', h1), run('older-analysis-run', h1), run('already-deleted-analysis-run', h1, true), run('stable-run', h2)];
    const experiments = [experiment('current-ex', h1), experiment('older-experiment', h1)];
    const noTemplates = { analysisTemplate: () => undefined, clusterAnalysisTemplate: () => undefined };
    const plan = planRolloutReconcile({ rollout, replicaSets, pods: [], nowMs: NOW, analysis: { analysisRuns, templates: noTemplates }, experiments });
    const deletes = plan.actions.map(summary).filter((a) => a.startsWith('delete'));
    expect(deletes.slice(0, 3)).toEqual([`deleteReplicaSet ro-${h1}`, 'deleteAnalysisRun older-analysis-run', 'deleteExperiment older-experiment']);
    expect(deletes.filter((d) => d.includes('current') || d.includes('already-deleted') || d.includes('stable-run'))).toEqual([]);
  });
});
