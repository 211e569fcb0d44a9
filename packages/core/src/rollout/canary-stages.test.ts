/**
 * The traffic-routing and analysis stages of the canary plan: pass 1 of a routed canary stops at the routing
 * stage with the §12.2 decision; pass 2 persists the routers' weights and lets `verified` gate the step; the
 * analysis stage plans run writes, pause and abort.
 */
import type { AnalysisRun, AnalysisTemplate, CanaryStep, Rollout, TrafficWeights } from '@serin/api';
import { describe, expect, it } from 'vitest';
import type { TemplateLookup } from '../analysis/templates.js';
import { computePodTemplateHash } from '../hash/pod-template-hash.js';
import { computeRolloutStepHash } from '../hash/step-hash.js';
import { ANALYSIS_ACTION } from './canary-analysis.js';
import { TRAFFIC_ACTION, type TrafficRoutingOutcome, trafficRoutingActionOf } from './canary-traffic.js';
import type { RolloutAction, RolloutSnapshot } from './plan.js';
import { planRolloutReconcile } from './reconcile-plan.js';
import { aReplicaSet, aRollout } from './test-support/builders.js';

const NOW = Date.parse('2026-01-01T00:10:00Z');
const ISTIO = { virtualService: { name: 'vs', routes: ['primary'] }, destinationRule: { name: 'dr', canarySubsetName: 'canary', stableSubsetName: 'stable' } };

/** Revision 2 of `ro` (4 replicas) at step `index`: stable RS 4/4 on img:1, canary RS 1/1 on img:2. */
function midCanary(steps: CanaryStep[], index: number, extra: { istio?: boolean; status?: Rollout['status'] } = {}): RolloutSnapshot {
  const rollout = aRollout({ replicas: 4, image: 'img:2', steps, annotations: { 'rollout.argoproj.io/revision': '2' } });
  if (extra.istio === true && rollout.spec.strategy?.canary !== undefined) rollout.spec.strategy.canary.trafficRouting = { istio: ISTIO };
  const stableHash = computePodTemplateHash(aRollout({ image: 'img:1' }).spec.template ?? {});
  const canaryHash = computePodTemplateHash(rollout.spec.template ?? {});
  rollout.status = {
    stableRS: stableHash,
    currentPodHash: canaryHash,
    currentStepIndex: index,
    currentStepHash: computeRolloutStepHash(rollout.spec.strategy),
    observedGeneration: '1',
    ...extra.status,
  };
  const replicaSets = [
    aReplicaSet({ name: `ro-${stableHash}`, hash: stableHash, revision: 1, replicas: 4, image: 'img:1', createdAt: '2026-01-01T00:00:00Z' }),
    aReplicaSet({ name: `ro-${canaryHash}`, hash: canaryHash, revision: 2, replicas: 1, image: 'img:2', createdAt: '2026-01-01T00:05:00Z' }),
  ];
  return { rollout, replicaSets, pods: [], nowMs: NOW };
}

const statusPatchOf = (actions: readonly RolloutAction[]): Record<string, unknown> | undefined => {
  const a = actions.find((x) => x.kind === 'patchStatus');
  return a?.kind === 'patchStatus' ? (a.patch['status'] as Record<string, unknown>) : undefined;
};
const weightsOf = (w: number, hashes: { canary: string; stable: string }, verified?: boolean): TrafficWeights => ({
  canary: { weight: w, podTemplateHash: hashes.canary, serviceName: '' },
  stable: { weight: 100 - w, podTemplateHash: hashes.stable, serviceName: '' },
  ...(verified === undefined ? {} : { verified }),
});

describe('traffic-routing stage', () => {
  const steps: CanaryStep[] = [{ setWeight: 25 }, { pause: {} }];

  it('pass 1 of an Istio canary ends with one routing action carrying the §12.2 decision, before any status patch', () => {
    const snap = midCanary(steps, 0, { istio: true });
    const plan = planRolloutReconcile(snap);
    expect(plan.actions.at(-1)?.kind).toBe(TRAFFIC_ACTION.ReconcileTrafficRouting);
    expect(plan.actions.filter((a) => a.kind === 'patchStatus')).toEqual([]);
    expect(trafficRoutingActionOf(plan)?.plan).toMatchObject({ case: 'CurrentStep', desiredWeight: 25, canaryHash: snap.rollout.status?.currentPodHash, stableHash: snap.rollout.status?.stableRS });
  });

  it('a canary without a router plans no routing action', () => {
    const plan = planRolloutReconcile(midCanary(steps, 0));
    expect(trafficRoutingActionOf(plan)).toBeUndefined();
    expect(plan.actions.map((a) => a.kind)).toContain('patchStatus');
  });

  it.each([
    { name: 'verified weights complete the setWeight step', verified: true, index: 1, requeue: undefined },
    { name: 'unverified weights hold the step and requeue', verified: false, index: undefined, requeue: 10_000 },
  ])('pass 2: $name', ({ verified, index, requeue }) => {
    const snap = midCanary(steps, 0, { istio: true });
    const hashes = { canary: snap.rollout.status?.currentPodHash ?? '', stable: snap.rollout.status?.stableRS ?? '' };
    const outcome: TrafficRoutingOutcome = { weights: weightsOf(25, hashes, verified), done: verified, ...(verified ? {} : { requeueAfterMs: 10_000 }) };
    const plan = planRolloutReconcile({ ...snap, trafficRouting: outcome });
    expect(trafficRoutingActionOf(plan)).toBeUndefined();
    const status = statusPatchOf(plan.actions);
    expect((status?.['canary'] as { weights?: unknown } | undefined)?.weights).toEqual({ canary: { weight: 25, podTemplateHash: hashes.canary }, stable: { weight: 75, podTemplateHash: hashes.stable }, verified });
    expect(status?.['currentStepIndex']).toBe(index);
    expect(plan.requeueAfterMs).toBe(requeue);
  });

  it('pass 2 keeps the stored weights when the routers report none, and clears them on null', () => {
    const base = midCanary(steps, 1, { istio: true });
    const hashes = { canary: base.rollout.status?.currentPodHash ?? '', stable: base.rollout.status?.stableRS ?? '' };
    const snap = midCanary(steps, 1, { istio: true, status: { canary: { weights: weightsOf(25, hashes, true) }, pauseConditions: [{ reason: 'CanaryPauseStep', startTime: '2026-01-01T00:06:00Z' }], controllerPause: true } });
    const kept = statusPatchOf(planRolloutReconcile({ ...snap, trafficRouting: { done: true } }).actions);
    expect(kept?.['canary']).toBeUndefined();
    const cleared = statusPatchOf(planRolloutReconcile({ ...snap, trafficRouting: { weights: null, done: true } }).actions);
    expect(cleared?.['canary']).toBeNull();
  });
});

describe('analysis stage', () => {
  const template: AnalysisTemplate = { apiVersion: 'argoproj.io/v1alpha1', kind: 'AnalysisTemplate', metadata: { name: 'smoke', namespace: 'ns' }, spec: { metrics: [{ name: 'smoke', provider: { web: { url: 'http://smoke' } } }] } };
  const templates: TemplateLookup = { analysisTemplate: (ns, name) => (ns === 'ns' && name === 'smoke' ? template : undefined), clusterAnalysisTemplate: () => undefined };
  const steps: CanaryStep[] = [{ setWeight: 25 }, { analysis: { templates: [{ templateName: 'smoke' }] } }];

  it('on an analysis step: creates `<rollout>-<hash>-<revision>-<index>` and records it with an empty phase', () => {
    const snap = midCanary(steps, 1);
    const plan = planRolloutReconcile({ ...snap, analysis: { analysisRuns: [], templates } });
    const name = `ro-${snap.rollout.status?.currentPodHash ?? ''}-2-1`;
    const create = plan.actions.find((a) => a.kind === ANALYSIS_ACTION.CreateAnalysisRun);
    expect(create?.kind === ANALYSIS_ACTION.CreateAnalysisRun ? create.run.metadata?.name : undefined).toBe(name);
    expect(plan.actions.findIndex((a) => a.kind === ANALYSIS_ACTION.CreateAnalysisRun)).toBeLessThan(plan.actions.findIndex((a) => a.kind === 'patchStatus'));
    expect(statusPatchOf(plan.actions)).toMatchObject({ canary: { currentStepAnalysisRunStatus: { name, status: '' } } });
    expect(statusPatchOf(plan.actions)?.['currentStepIndex']).toBeUndefined();
  });

  it.each([
    { name: 'Successful advances the step', phase: 'Successful' as const, expectStatus: { currentStepIndex: 2 } },
    { name: 'Inconclusive pauses', phase: 'Inconclusive' as const, expectStatus: { controllerPause: true, pauseConditions: [{ reason: 'InconclusiveAnalysisRun' }] } },
    { name: 'Failed aborts', phase: 'Failed' as const, expectStatus: { abort: true, message: 'RolloutAborted: Rollout aborted update to revision 2: Step-based analysis phase error/failed: m' } },
  ])('an existing run: $name', ({ phase, expectStatus }) => {
    const base = midCanary(steps, 1);
    const name = `ro-${base.rollout.status?.currentPodHash ?? ''}-2-1`;
    const run: AnalysisRun = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AnalysisRun',
      metadata: { name, namespace: 'ns', labels: { 'rollouts-pod-template-hash': base.rollout.status?.currentPodHash ?? '', 'rollout-type': 'Step', 'step-index': '1' }, annotations: { 'rollout.argoproj.io/revision': '2' }, ownerReferences: [{ apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', name: 'ro', uid: 'ro-uid', controller: true }] },
      spec: { metrics: [] },
      status: { phase, message: 'm' },
    };
    const snap = midCanary(steps, 1, { status: { canary: { currentStepAnalysisRunStatus: { name, status: 'Running' } } } });
    const plan = planRolloutReconcile({ ...snap, analysis: { analysisRuns: [run], templates } });
    expect(plan.actions.filter((a) => a.kind === ANALYSIS_ACTION.CreateAnalysisRun)).toEqual([]);
    expect(statusPatchOf(plan.actions)).toMatchObject(expectStatus);
  });

  // parity: argo-rollouts rollout/controller.go getReferencedRolloutAnalyses — a missing template is InvalidSpec
  it('a missing template: InvalidSpec, no run and no scaling', () => {
    const plan = planRolloutReconcile({ ...midCanary(steps, 1), analysis: { analysisRuns: [], templates: { analysisTemplate: () => undefined, clusterAnalysisTemplate: () => undefined } } });
    expect(plan.actions.map((a) => a.kind)).toEqual(['patchStatus']);
    expect(JSON.stringify(plan.actions[0])).toContain("AnalysisTemplate '");
    expect(JSON.stringify(plan.actions[0])).toContain('InvalidSpec');
  });
});

describe('Service stage', () => {
  const steps: CanaryStep[] = [{ setWeight: 25 }, { pause: {} }];
  const svc = (name: string, hash: string) => ({ metadata: { name, namespace: 'ns', annotations: { 'argo-rollouts.argoproj.io/managed-by-rollouts': 'ro' } }, spec: { selector: { app: 'ro', 'rollouts-pod-template-hash': hash } } });
  const withServices = (snap: RolloutSnapshot): RolloutSnapshot => {
    const canary = snap.rollout.spec.strategy?.canary;
    if (canary !== undefined) Object.assign(canary, { canaryService: 'ro-canary', stableService: 'ro-stable' });
    return snap;
  };
  const patched = (actions: readonly RolloutAction[]): string[] => actions.flatMap((a) => (a.kind === 'patchService' ? [`${a.name} → ${JSON.stringify(a.patch)}`] : []));

  it('points the canary Service at the new RS before routing', () => {
    const snap = withServices(midCanary(steps, 0, { istio: true }));
    const stable = snap.rollout.status?.stableRS ?? '';
    const canary = snap.rollout.status?.currentPodHash ?? '';
    const plan = planRolloutReconcile({ ...snap, services: new Map([['ro-stable', svc('ro-stable', stable)], ['ro-canary', svc('ro-canary', stable)]]) });
    expect(patched(plan.actions)).toEqual([`ro-canary → {"spec":{"selector":{"rollouts-pod-template-hash":"${canary}"}}}`]);
    expect(plan.actions.findIndex((a) => a.kind === 'patchService')).toBeLessThan(plan.actions.findIndex((a) => a.kind === TRAFFIC_ACTION.ReconcileTrafficRouting));
  });

  it('an aborted routed canary leaves its canary Service on the stable RS', () => {
    const snap = withServices(midCanary(steps, 0, { istio: true, status: { abort: true } }));
    const stable = snap.rollout.status?.stableRS ?? '';
    const plan = planRolloutReconcile({ ...snap, services: new Map([['ro-stable', svc('ro-stable', stable)], ['ro-canary', svc('ro-canary', stable)]]) });
    expect(patched(plan.actions)).toEqual([]);
    expect(trafficRoutingActionOf(plan)?.plan).toMatchObject({ case: 'Aborted', desiredWeight: 0, switchCanaryServiceToStable: true });
  });
});

describe('traffic-routing stage at the end of the steps', () => {
  const steps: CanaryStep[] = [{ setWeight: 25 }];

  it.each([
    { name: 'verified → the rollout promotes', verified: true, promoted: true },
    { name: 'not verified → nothing more is planned (no promotion, no scale-down), requeue', verified: false, promoted: false },
  ])('$name', ({ verified, promoted }) => {
    const snap = midCanary(steps, 1, { istio: true });
    const hashes = { canary: snap.rollout.status?.currentPodHash ?? '', stable: snap.rollout.status?.stableRS ?? '' };
    // the canary RS at full size, as after the last step
    const replicaSets = snap.replicaSets.map((rs) => (rs.metadata?.labels?.['rollouts-pod-template-hash'] === hashes.canary ? { ...rs, spec: { ...rs.spec, replicas: 4, selector: rs.spec?.selector ?? {} }, status: { replicas: 4, availableReplicas: 4 } } : rs));
    const first = planRolloutReconcile({ ...snap, replicaSets });
    expect(trafficRoutingActionOf(first)?.plan).toMatchObject({ desiredWeight: 100, verifyRequiredToFinish: true });
    const plan = planRolloutReconcile({ ...snap, replicaSets, trafficRouting: { weights: weightsOf(100, hashes, verified), done: verified, ...(verified ? {} : { requeueAfterMs: 10_000 }) } });
    const status = statusPatchOf(plan.actions);
    expect(status?.['stableRS'] === hashes.canary).toBe(promoted);
    if (!promoted) {
      expect(plan.actions.filter((a) => a.kind === 'patchStatus' || a.kind === 'patchReplicaSet')).toEqual([]);
      expect(plan.requeueAfterMs).toBe(10_000);
    }
  });
});

describe('traffic-routing stage without trafficRouting', () => {
  it('clears weights left in the status (routing removed from the spec)', () => {
    const base = midCanary([{ setWeight: 25 }, { pause: {} }], 1);
    const hashes = { canary: base.rollout.status?.currentPodHash ?? '', stable: base.rollout.status?.stableRS ?? '' };
    const snap = midCanary([{ setWeight: 25 }, { pause: {} }], 1, { status: { canary: { weights: weightsOf(25, hashes, true) } } });
    expect(statusPatchOf(planRolloutReconcile(snap).actions)?.['canary']).toBeNull();
  });
});
