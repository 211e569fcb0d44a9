/**
 * The canary analysis stage inside the whole plan, checked against upstream's rollout/analysis_test.go fixtures:
 * which run statuses `status.canary` keeps when the stage cancels everything, and what an unbuildable run stops.
 */
import type { AnalysisRun, AnalysisTemplate, CanaryStep, Rollout } from '@serin/api';
import { describe, expect, it } from 'vitest';
import type { TemplateLookup } from '../analysis/templates.js';
import { computePodTemplateHash } from '../hash/pod-template-hash.js';
import { computeRolloutStepHash } from '../hash/step-hash.js';
import { ANALYSIS_ACTION } from './canary-analysis.js';
import type { RolloutAction, RolloutSnapshot } from './plan.js';
import { planRolloutReconcile } from './reconcile-plan.js';
import { aReplicaSet, aRollout } from './test-support/builders.js';

const NOW = Date.parse('2026-01-01T00:10:00Z');
const template = (name: string): AnalysisTemplate => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'AnalysisTemplate',
  metadata: { name, namespace: 'ns' },
  spec: { metrics: [{ name, provider: { web: { url: `http://${name}` } } }] },
});
/** `with-arg` declares argument `x`. */
const TEMPLATES: TemplateLookup = {
  analysisTemplate: (ns, name) => {
    if (ns !== 'ns') return undefined;
    if (name === 'smoke') return template('smoke');
    return name === 'with-arg' ? { ...template('with-arg'), spec: { ...template('with-arg').spec, args: [{ name: 'x' }] } } : undefined;
  },
  clusterAnalysisTemplate: () => undefined,
};

interface Shape {
  readonly steps: CanaryStep[];
  readonly index: number;
  readonly background?: string;
  /** Promoted: the stable RS is the canary RS. */
  readonly promoted?: boolean;
  readonly status?: Rollout['status'];
}

/** Revision 2 of `ro` (4 replicas) at step `index`: stable RS on img:1, canary RS 1/1 on img:2. */
function snapshot(shape: Shape): RolloutSnapshot {
  const rollout = aRollout({ replicas: 4, image: 'img:2', steps: shape.steps, annotations: { 'rollout.argoproj.io/revision': '2' } });
  if (shape.background !== undefined && rollout.spec.strategy?.canary !== undefined) rollout.spec.strategy.canary.analysis = { templates: [{ templateName: shape.background }] };
  const stableHash = computePodTemplateHash(aRollout({ image: 'img:1' }).spec.template ?? {});
  const canaryHash = computePodTemplateHash(rollout.spec.template ?? {});
  rollout.status = {
    stableRS: shape.promoted === true ? canaryHash : stableHash,
    currentPodHash: canaryHash,
    currentStepIndex: shape.index,
    currentStepHash: computeRolloutStepHash(rollout.spec.strategy),
    observedGeneration: '1',
    ...shape.status,
  };
  const replicaSets = [
    aReplicaSet({ name: `ro-${stableHash}`, hash: stableHash, revision: 1, replicas: shape.promoted === true ? 0 : 4, image: 'img:1', createdAt: '2026-01-01T00:00:00Z' }),
    aReplicaSet({ name: `ro-${canaryHash}`, hash: canaryHash, revision: 2, replicas: shape.promoted === true ? 4 : 1, image: 'img:2', createdAt: '2026-01-01T00:05:00Z' }),
  ];
  return { rollout, replicaSets, pods: [], nowMs: NOW };
}

const hashOf = (snap: RolloutSnapshot): string => snap.rollout.status?.currentPodHash ?? '';

function aRun(snap: RolloutSnapshot, name: string, labels: Record<string, string>, status?: AnalysisRun['status']): AnalysisRun {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AnalysisRun',
    metadata: {
      name,
      namespace: 'ns',
      creationTimestamp: new Date('2026-01-01T00:06:00Z'),
      labels: { 'rollouts-pod-template-hash': hashOf(snap), ...labels },
      ownerReferences: [{ apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', name: 'ro', uid: 'ro-uid', controller: true }],
    },
    spec: { metrics: [] },
    ...(status === undefined ? {} : { status }),
  };
}

const statusPatchOf = (actions: readonly RolloutAction[]): Record<string, unknown> | undefined => {
  const a = actions.find((x) => x.kind === 'patchStatus');
  return a?.kind === 'patchStatus' ? (a.patch['status'] as Record<string, unknown>) : undefined;
};
/** What the status patch writes to `status.canary.<key>` (`null` also when all of `status.canary` is removed). */
function patchedCanaryField(actions: readonly RolloutAction[], key: string): unknown {
  const canary = statusPatchOf(actions)?.['canary'];
  if (canary === null) return null;
  return typeof canary === 'object' && canary !== undefined ? (canary as Record<string, unknown>)[key] : undefined;
}
const writesOf = (actions: readonly RolloutAction[]): string[] =>
  actions.flatMap((a) => {
    switch (a.kind) {
      case ANALYSIS_ACTION.CreateAnalysisRun:
        return [`create ${a.run.metadata?.name ?? ''}`];
      case ANALYSIS_ACTION.PatchAnalysisRun:
        return [`cancel ${a.name}`];
      case ANALYSIS_ACTION.DeleteAnalysisRun:
        return [`delete ${a.name}`];
      case ANALYSIS_ACTION.AnalysisError:
        return [`error ${a.message}`];
      default:
        return [];
    }
  });

describe('status.canary when the stage cancels the current runs (upstream: canary does not retain them)', () => {
  const analysisStep: CanaryStep[] = [{ analysis: { templates: [{ templateName: 'smoke' }] } }];

  it.each([
    {
      // parity: argo-rollouts rollout/analysis_test.go TestCancelAnalysisRunsWhenAborted
      name: 'aborted with a step run recorded → the run is cancelled and currentStepAnalysisRunStatus removed',
      shape: { steps: analysisStep, index: 0, status: { abort: true } } satisfies Shape,
      key: 'currentStepAnalysisRunStatus',
      suffix: '-0',
      labels: { 'rollout-type': 'Step', 'step-index': '0' } as Record<string, string>,
    },
    {
      // parity: argo-rollouts rollout/analysis_test.go TestCancelBackgroundAnalysisRunWhenRolloutIsCompleted
      name: 'fully promoted with a background run recorded → the run is cancelled and currentBackgroundAnalysisRunStatus removed',
      shape: { steps: [{ setWeight: 10 }], index: 1, background: 'smoke', promoted: true } satisfies Shape,
      key: 'currentBackgroundAnalysisRunStatus',
      suffix: '',
      labels: { 'rollout-type': 'Background' } as Record<string, string>,
    },
  ])('$name', ({ shape, key, suffix, labels }) => {
    const runName = `ro-${hashOf(snapshot(shape))}-2${suffix}`;
    const snap = snapshot({ ...shape, status: { ...shape.status, canary: { [key]: { name: runName, status: 'Running' } } } });
    const plan = planRolloutReconcile({ ...snap, analysis: { analysisRuns: [aRun(snap, runName, labels, { phase: 'Running' })], templates: TEMPLATES } });
    expect(writesOf(plan.actions)).toEqual([`cancel ${runName}`]);
    expect(patchedCanaryField(plan.actions, key)).toBeNull();
  });

  it('after a Failed step run aborted the rollout, the next reconcile drops the recorded failed run', () => {
    const base = snapshot({ steps: analysisStep, index: 0 });
    const runName = `ro-${hashOf(base)}-2-0`;
    const status = { abort: true, canary: { currentStepAnalysisRunStatus: { name: runName, status: 'Failed' as const, message: 'm' } } };
    const snap = snapshot({ steps: analysisStep, index: 0, status });
    const run = aRun(snap, runName, { 'rollout-type': 'Step', 'step-index': '0' }, { phase: 'Failed', message: 'm' });
    const plan = planRolloutReconcile({ ...snap, analysis: { analysisRuns: [run], templates: TEMPLATES } });
    expect(writesOf(plan.actions)).toEqual([]);
    expect(patchedCanaryField(plan.actions, 'currentStepAnalysisRunStatus')).toBeNull();
  });
});

describe('an Inconclusive run pauses the rollout and ends the reconcile there (status synced, nothing scaled)', () => {
  const inconclusiveBackground = (steps: CanaryStep[]): RolloutSnapshot => {
    const base = snapshot({ steps, index: 0, background: 'smoke' });
    const runName = `ro-${hashOf(base)}-2`;
    const snap = snapshot({ steps, index: 0, background: 'smoke', status: { canary: { currentBackgroundAnalysisRunStatus: { name: runName, status: 'Running' } } } });
    return { ...snap, analysis: { analysisRuns: [aRun(snap, runName, { 'rollout-type': 'Background' }, { phase: 'Inconclusive' })], templates: TEMPLATES } };
  };

  // parity: argo-rollouts rollout/canary.go rolloutCanary (HasAddPause after reconcileAnalysisRuns);
  //         rollout/analysis_test.go TestPausedOnInconclusiveBackgroundAnalysisRun (only the status patch)
  it('at a setWeight step the canary is not scaled up', () => {
    const plan = planRolloutReconcile(inconclusiveBackground([{ setWeight: 50 }, { setWeight: 75 }]));
    expect(plan.actions.filter((a) => a.kind !== 'patchStatus' && a.kind !== 'event').map((a) => a.kind)).toEqual([]);
    expect(statusPatchOf(plan.actions)).toMatchObject({ controllerPause: true, pauseConditions: [{ reason: 'InconclusiveAnalysisRun' }] });
  });

  it('at a pause step only the InconclusiveAnalysisRun pause is added (no CanaryPauseStep)', () => {
    const plan = planRolloutReconcile(inconclusiveBackground([{ pause: {} }, { setWeight: 75 }]));
    const reasons = (statusPatchOf(plan.actions)?.['pauseConditions'] as Array<{ reason: string }> | undefined)?.map((c) => c.reason);
    expect(reasons).toEqual(['InconclusiveAnalysisRun']);
  });
});

describe('a pause and a run that cannot be built in one reconcile', () => {
  // parity: argo-rollouts rollout/canary.go rolloutCanary checks HasAddPause before the reconcileAnalysisRuns error:
  // the pause is persisted and the error dropped; the run statuses were never set, so the patch removes them
  it('step run Inconclusive, background run unbuildable (a fieldRef path the Rollout lacks) → paused, no error, run statuses removed', () => {
    const steps: CanaryStep[] = [{ analysis: { templates: [{ templateName: 'smoke' }] } }];
    const base = snapshot({ steps, index: 0, background: 'with-arg' });
    const runName = `ro-${hashOf(base)}-2-0`;
    const snap = snapshot({ steps, index: 0, background: 'with-arg', status: { canary: { currentStepAnalysisRunStatus: { name: runName, status: 'Running' } } } });
    const background = snap.rollout.spec.strategy?.canary?.analysis;
    if (background !== undefined) background.args = [{ name: 'x', valueFrom: { fieldRef: { fieldPath: 'spec.nothing' } } }];
    const run = aRun(snap, runName, { 'rollout-type': 'Step', 'step-index': '0' }, { phase: 'Inconclusive' });
    const plan = planRolloutReconcile({ ...snap, analysis: { analysisRuns: [run], templates: TEMPLATES } });
    expect(writesOf(plan.actions)).toEqual([]);
    expect(statusPatchOf(plan.actions)).toMatchObject({ controllerPause: true, pauseConditions: [{ reason: 'InconclusiveAnalysisRun' }] });
    expect(patchedCanaryField(plan.actions, 'currentStepAnalysisRunStatus')).toBeNull();
  });
});
