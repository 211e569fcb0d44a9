/**
 * Scale-down of a traffic-routed canary's ReplicaSets, planned end to end (pass 2 of an Istio canary): the old RSs'
 * scale-down delay (kept at their own size, newest revision first within scaleDownDelayRevisionLimit, none with
 * dynamicStableScale or for an intermediate RS), unhealthy pods first, live Service/DestinationRule references, and
 * the abort delay (none with dynamicStableScale unless set explicitly).
 * parity: argo-rollouts rollout/canary_test.go, rollout/replicaset_test.go (TestScaleDownDelayHelper,
 *         TestIsReplicaSetReferenced, TestShouldDelayScaleDownOnAbort)
 */
import type { V1Service } from '@kubernetes/client-node';
import type { CanaryStep, CanaryStrategy, RolloutStatus, TrafficWeights } from '@serin/api';
import { describe, expect, it } from 'vitest';
import { computePodTemplateHash } from '../hash/pod-template-hash.js';
import { computeRolloutStepHash } from '../hash/step-hash.js';
import type { TrafficRoutingOutcome } from './canary-traffic.js';
import type { RolloutAction, RolloutSnapshot } from './plan.js';
import { planRolloutReconcile } from './reconcile-plan.js';
import { type ReplicaSetOptions, aReplicaSet, aRollout } from './test-support/builders.js';

const NOW = Date.parse('2026-01-01T00:10:00Z');
const ISTIO = { virtualService: { name: 'vs', routes: ['primary'] }, destinationRule: { name: 'dr', canarySubsetName: 'canary', stableSubsetName: 'stable' } };
/** The hash of the rollout's template (image img:3): the new RS. */
const NEW = computePodTemplateHash(aRollout({ image: 'img:3' }).spec.template ?? {});

interface Scenario {
  replicas?: number;
  steps?: CanaryStep[];
  canary?: Partial<CanaryStrategy>;
  /** status.stableRS (default NEW: fully promoted). */
  stable?: string;
  status?: RolloutStatus;
  newRS: { replicas: number; available?: number; annotations?: Record<string, string> };
  /** Other ReplicaSets (img:1, created in list order one minute apart). */
  old: Array<Omit<ReplicaSetOptions, 'image' | 'createdAt'>>;
  /** Routers' outcome for pass 2 (default: stored weights kept). */
  routing?: TrafficRoutingOutcome;
  services?: ReadonlyMap<string, V1Service>;
  destinationRule?: RolloutSnapshot['destinationRule'];
}

function snapshot(s: Scenario): RolloutSnapshot {
  const steps = s.steps ?? [{ setWeight: 25 }, { pause: {} }];
  const rollout = aRollout({ replicas: s.replicas ?? 4, image: 'img:3', steps, annotations: { 'rollout.argoproj.io/revision': '9' } });
  if (rollout.spec.strategy?.canary !== undefined) rollout.spec.strategy.canary = { ...rollout.spec.strategy.canary, trafficRouting: { istio: ISTIO }, ...s.canary };
  const stableRS = s.stable ?? NEW;
  rollout.status = {
    stableRS,
    currentPodHash: NEW,
    currentStepIndex: stableRS === NEW ? steps.length : 0,
    currentStepHash: computeRolloutStepHash(rollout.spec.strategy),
    observedGeneration: '1',
    ...s.status,
  };
  // as the controller leaves them: desired-replicas recorded (no annotation-only scale)
  const desired = { 'rollout.argoproj.io/desired-replicas': String(s.replicas ?? 4) };
  const old = s.old.map((o, i) => aReplicaSet({ ...o, image: 'img:1', createdAt: `2026-01-01T00:0${i}:00Z`, annotations: { ...desired, ...o.annotations } }));
  const newRS = aReplicaSet({ name: `ro-${NEW}`, hash: NEW, revision: 9, image: 'img:3', createdAt: '2026-01-01T00:09:00Z', ...s.newRS, annotations: { ...desired, ...s.newRS.annotations } });
  return {
    rollout,
    replicaSets: [...old, newRS],
    pods: [],
    nowMs: NOW,
    trafficRouting: s.routing ?? { done: true },
    ...(s.services === undefined ? {} : { services: s.services }),
    ...(s.destinationRule === undefined ? {} : { destinationRule: s.destinationRule }),
  };
}

/** `name: replicas` per ReplicaSet scale, `name: deadline` per scale-down-deadline patch. */
function rsWrites(actions: readonly RolloutAction[]): string[] {
  return actions.flatMap((a) => {
    if (a.kind !== 'patchReplicaSet') return [];
    const spec = a.patch['spec'] as { replicas?: number } | undefined;
    const deadline = (a.patch['metadata'] as { annotations?: Record<string, unknown> } | undefined)?.annotations?.['scale-down-deadline'];
    if (spec?.replicas !== undefined) return [`${a.name} → ${spec.replicas}`];
    return [`${a.name} deadline ${deadline === null ? 'removed' : String(deadline)}`];
  });
}

const weights = (canary: number, canaryHash: string, stableHash: string): TrafficWeights => ({
  canary: { weight: canary, podTemplateHash: canaryHash, serviceName: '' },
  stable: { weight: 100 - canary, podTemplateHash: stableHash, serviceName: '' },
});
const IN_20S = '2026-01-01T00:10:20Z';
const IN_30S = '2026-01-01T00:10:30Z';

describe('old ReplicaSets of a fully promoted routed canary', () => {
  it('an old RS waiting out its deadline keeps its own size (2 of 4), only a requeue at the deadline', () => {
    const plan = planRolloutReconcile(snapshot({ newRS: { replicas: 4 }, old: [{ name: 'rs2', hash: 'h2', revision: 8, replicas: 2, annotations: { 'scale-down-deadline': IN_20S } }] }));
    expect(rsWrites(plan.actions)).toEqual([]);
    expect(plan.requeueAfterMs).toBe(20_000);
  });

  it.each([
    {
      name: 'limit 1: the newest revision (previous stable) gets the deadline, older ones go to 0',
      old: [
        { name: 'rs1', hash: 'h1', revision: 1, replicas: 4 },
        { name: 'rs2', hash: 'h2', revision: 2, replicas: 4 },
      ],
      writes: [`rs2 deadline ${IN_30S}`, 'rs1 → 0'],
    },
    {
      name: 'limit 1: revision order wins over creation order',
      old: [
        { name: 'rs2', hash: 'h2', revision: 2, replicas: 4 },
        { name: 'rs1', hash: 'h1', revision: 1, replicas: 4 },
      ],
      writes: [`rs2 deadline ${IN_30S}`, 'rs1 → 0'],
    },
    {
      name: 'limit 1: an existing deadline on the newest counts, an older one over the limit goes to 0',
      old: [
        { name: 'rs1', hash: 'h1', revision: 1, replicas: 4, annotations: { 'scale-down-deadline': IN_20S } },
        { name: 'rs2', hash: 'h2', revision: 2, replicas: 4, annotations: { 'scale-down-deadline': IN_20S } },
      ],
      writes: ['rs1 → 0'],
    },
  ])('$name', ({ old, writes }) => {
    const plan = planRolloutReconcile(snapshot({ canary: { scaleDownDelayRevisionLimit: 1 }, newRS: { replicas: 4 }, old }));
    expect(rsWrites(plan.actions)).toEqual(writes);
  });

  it('dynamicStableScale: the previous stable goes to 0 at once, no deadline', () => {
    const plan = planRolloutReconcile(snapshot({ canary: { dynamicStableScale: true }, newRS: { replicas: 4 }, old: [{ name: 'rs2', hash: 'h2', revision: 8, replicas: 4 }] }));
    expect(rsWrites(plan.actions)).toEqual(['rs2 → 0']);
  });

  it('unhealthy pods are removed first: spec 4 with 3 available during its delay → 3', () => {
    const plan = planRolloutReconcile(snapshot({ newRS: { replicas: 4 }, old: [{ name: 'rs2', hash: 'h2', revision: 8, replicas: 4, available: 3, annotations: { 'scale-down-deadline': IN_20S } }] }));
    expect(rsWrites(plan.actions)).toEqual(['rs2 → 3']);
    expect(plan.requeueAfterMs).toBe(20_000);
  });

  it('an old RS reporting more available pods than it asks for (status lag): no old RS is scaled this time', () => {
    const plan = planRolloutReconcile(snapshot({ newRS: { replicas: 4 }, old: [{ name: 'rs1', hash: 'h1', revision: 1, replicas: 2, available: 4 }, { name: 'rs2', hash: 'h2', revision: 2, replicas: 4 }] }));
    expect(rsWrites(plan.actions)).toEqual([]);
  });
});

describe('old ReplicaSets still referenced are left alone', () => {
  const service = (name: string, hash: string): V1Service => ({ metadata: { name, namespace: 'ns' }, spec: { selector: { app: 'ro', 'rollouts-pod-template-hash': hash } } });
  const old = [{ name: 'rs2', hash: 'h2', revision: 8, replicas: 4 }];

  it.each([
    { name: 'the live stable Service still selects it', services: new Map([['ro-stable', service('ro-stable', 'h2')]]), destinationRule: undefined },
    { name: 'the live canary Service still selects it', services: new Map([['ro-canary', service('ro-canary', 'h2')]]), destinationRule: undefined },
    { name: 'a DestinationRule subset still selects it', services: undefined, destinationRule: { spec: { subsets: [{ name: 'stable', labels: { 'rollouts-pod-template-hash': 'h2' } }, { name: 'canary', labels: { 'rollouts-pod-template-hash': NEW } }] } } },
  ])('$name', ({ services, destinationRule }) => {
    const plan = planRolloutReconcile(snapshot({ canary: { canaryService: 'ro-canary', stableService: 'ro-stable' }, newRS: { replicas: 4 }, old, ...(services === undefined ? {} : { services }), ...(destinationRule === undefined ? {} : { destinationRule }) }));
    expect(rsWrites(plan.actions)).toEqual([]);
  });

  it('Services and subsets on the new hash do not hold it: the delay starts', () => {
    const services = new Map([['ro-stable', service('ro-stable', NEW)], ['ro-canary', service('ro-canary', NEW)]]);
    const destinationRule = { spec: { subsets: [{ name: 'stable', labels: { 'rollouts-pod-template-hash': NEW } }] } };
    const plan = planRolloutReconcile(snapshot({ canary: { canaryService: 'ro-canary', stableService: 'ro-stable' }, newRS: { replicas: 4 }, old, services, destinationRule }));
    expect(rsWrites(plan.actions)).toEqual([`rs2 deadline ${IN_30S}`]);
  });
});

describe('an intermediate ReplicaSet mid-update (V1 → V2, then V3)', () => {
  const scenario = (v2: Omit<ReplicaSetOptions, 'image' | 'createdAt'>): Scenario => ({
    stable: 'h1',
    status: { canary: { weights: weights(25, NEW, 'h1') } },
    newRS: { replicas: 1 },
    old: [{ name: 'v1', hash: 'h1', revision: 7, replicas: 4 }, v2],
  });

  it('V2 goes to 0 at once, no deadline', () => {
    expect(rsWrites(planRolloutReconcile(snapshot(scenario({ name: 'v2', hash: 'h2', revision: 8, replicas: 2 }))).actions)).toEqual(['v2 → 0']);
  });

  it('V2 already carrying a deadline waits it out', () => {
    const plan = planRolloutReconcile(snapshot(scenario({ name: 'v2', hash: 'h2', revision: 8, replicas: 2, annotations: { 'scale-down-deadline': IN_20S } })));
    expect(rsWrites(plan.actions)).toEqual([]);
    expect(plan.requeueAfterMs).toBe(20_000);
  });
});

describe('abort of a routed canary', () => {
  const steps: CanaryStep[] = [{ setWeight: 25 }, { setWeight: 50 }, { setWeight: 75 }, { pause: {} }];
  /** Aborted at 75 %: stable h1 at `stable` pods, canary NEW at `canary` pods (all available), spec 4. */
  const aborted = (o: { canary?: Partial<CanaryStrategy>; stable: number; newRS: Scenario['newRS']; stored: number; routed?: number }): Scenario => ({
    steps,
    canary: o.canary ?? {},
    stable: 'h1',
    status: { abort: true, currentStepIndex: 3, canary: { weights: weights(o.stored, NEW, 'h1') } },
    newRS: o.newRS,
    old: [{ name: 'ro-h1', hash: 'h1', revision: 8, replicas: o.stable }],
    ...(o.routed === undefined ? {} : { routing: { weights: weights(o.routed, NEW, 'h1'), done: true } }),
  });

  it('dynamicStableScale without abortScaleDownDelaySeconds: the canary shrinks with the weights (4 → 3), no deadline', () => {
    const plan = planRolloutReconcile(snapshot(aborted({ canary: { dynamicStableScale: true }, stable: 1, newRS: { replicas: 4 }, stored: 75, routed: 75 })));
    expect(rsWrites(plan.actions)).toEqual([`ro-${NEW} → 3`]);
  });

  it('the new RS is sized from the weights set this reconcile (50 %: 3 → 2), not the stored ones (75 %)', () => {
    const plan = planRolloutReconcile(snapshot(aborted({ canary: { dynamicStableScale: true }, stable: 2, newRS: { replicas: 3 }, stored: 75, routed: 50 })));
    expect(rsWrites(plan.actions)).toEqual([`ro-${NEW} → 2`]);
  });

  it('dynamicStableScale with an explicit abortScaleDownDelaySeconds: the canary is held and gets its deadline once the stable RS is full', () => {
    const plan = planRolloutReconcile(snapshot(aborted({ canary: { dynamicStableScale: true, abortScaleDownDelaySeconds: 30 }, stable: 4, newRS: { replicas: 4 }, stored: 75, routed: 75 })));
    expect(rsWrites(plan.actions)).toEqual([`ro-${NEW} deadline ${IN_30S}`]);
    expect(plan.requeueAfterMs).toBe(30_000);
  });

  it.each([
    { name: 'abortScaleDownDelaySeconds: 0 (canary stays up, maths decide)', canary: { abortScaleDownDelaySeconds: 0 } },
    { name: 'dynamicStableScale without an explicit delay', canary: { dynamicStableScale: true } },
  ])('no abort delay → a deadline left on the canary is removed: $name', ({ canary }) => {
    const plan = planRolloutReconcile(snapshot(aborted({ canary, stable: 4, newRS: { replicas: 1, annotations: { 'scale-down-deadline': IN_20S } }, stored: 0, routed: 0 })));
    expect(rsWrites(plan.actions)[0]).toBe(`ro-${NEW} deadline removed`);
  });

  it('with the default delay the deadline stays; once it passed the canary goes to 0', () => {
    const waiting = planRolloutReconcile(snapshot(aborted({ stable: 4, newRS: { replicas: 1, annotations: { 'scale-down-deadline': IN_20S } }, stored: 0, routed: 0 })));
    expect(rsWrites(waiting.actions)).toEqual([]);
    expect(waiting.requeueAfterMs).toBe(20_000);
    const passed = planRolloutReconcile(snapshot(aborted({ stable: 4, newRS: { replicas: 1, annotations: { 'scale-down-deadline': '2026-01-01T00:09:59Z' } }, stored: 0, routed: 0 })));
    expect(rsWrites(passed.actions)).toEqual([`ro-${NEW} → 0`]);
  });
});

describe('abort delay and spec.replicas changes', () => {
  it('an HPA scaled spec.replicas 5 → 4 mid-abort: the held canary keeps its size, its desired-replicas annotation follows', () => {
    const snap = snapshot({
      steps: [{ setWeight: 25 }, { pause: {} }],
      stable: 'h1',
      status: { abort: true, canary: { weights: weights(0, NEW, 'h1') } },
      newRS: { replicas: 1, annotations: { 'rollout.argoproj.io/desired-replicas': '5', 'scale-down-deadline': IN_20S } },
      old: [{ name: 'ro-h1', hash: 'h1', revision: 8, replicas: 4 }],
    });
    const plan = planRolloutReconcile(snap);
    const patch = plan.actions.find((a) => a.kind === 'patchReplicaSet' && a.name === `ro-${NEW}`);
    expect(patch?.kind === 'patchReplicaSet' ? patch.patch : undefined).toEqual({ metadata: { annotations: { 'rollout.argoproj.io/desired-replicas': '4' } }, spec: { replicas: 1 } });
    expect(plan.requeueAfterMs).toBe(20_000);
  });
});
