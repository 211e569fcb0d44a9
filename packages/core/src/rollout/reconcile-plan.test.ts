import { describe, expect, it } from 'vitest';
import type { RolloutAction } from './plan.js';
import { computePodTemplateHash } from '../hash/pod-template-hash.js';
import { planRolloutReconcile } from './reconcile-plan.js';
import { aRollout } from './test-support/builders.js';

const NOW = Date.parse('2026-01-01T00:00:00Z');
const summary = (a: RolloutAction): string => {
  switch (a.kind) {
    case 'event':
      return `event ${a.reason}`;
    case 'createReplicaSet':
      return `create ${a.replicaSet.metadata?.name ?? ''}`;
    case 'patchReplicaSet':
    case 'deleteReplicaSet':
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
