import { describe, expect, it } from 'vitest';
import type { Rollout } from '@serin/api';
import { computePodTemplateHash } from '../hash/pod-template-hash.js';
import { computeRolloutStepHash } from '../hash/step-hash.js';
import type { RolloutAction } from './plan.js';
import { planRolloutReconcile } from './reconcile-plan.js';
import { aReplicaSet, aRollout } from './test-support/builders.js';

const NOW = Date.parse('2026-01-01T01:00:00Z');
const statusPatch = (actions: readonly RolloutAction[]): Record<string, unknown> | undefined => {
  const p = actions.find((a) => a.kind === 'patchStatus');
  return p?.kind === 'patchStatus' ? (p.patch['status'] as Record<string, unknown>) : undefined;
};

/** A healthy rollout on img:1 (stable `s1`), then its template moved to img:2. */
function updatedRollout(o: { restartAt?: string; restartedAt?: string }): { rollout: Rollout; stable: ReturnType<typeof aReplicaSet>; newHash: string } {
  const base = aRollout({ replicas: 2, steps: [{ setWeight: 50 }, { pause: {} }], image: 'img:1' });
  const stableHash = computePodTemplateHash(base.spec.template ?? {});
  const rollout = aRollout({
    replicas: 2,
    steps: [{ setWeight: 50 }, { pause: {} }],
    image: 'img:2',
    generation: 2,
    annotations: { 'rollout.argoproj.io/revision': '1' },
    ...(o.restartAt === undefined ? {} : { restartAt: o.restartAt }),
    status: {
      stableRS: stableHash,
      currentPodHash: stableHash,
      currentStepHash: computeRolloutStepHash(base.spec.strategy),
      currentStepIndex: 2,
      observedGeneration: '1',
      ...(o.restartedAt === undefined ? {} : { restartedAt: o.restartedAt }),
    },
  });
  const stable = aReplicaSet({ name: `ro-${stableHash}`, hash: stableHash, revision: 1, replicas: 2, image: 'img:1', annotations: { 'rollout.argoproj.io/desired-replicas': '2' } });
  return { rollout, stable, newHash: computePodTemplateHash(rollout.spec.template ?? {}) };
}

describe('syncRolloutStatusCanary: a new update (pod template changed)', () => {
  // parity: argo-rollouts rollout/canary.go syncRolloutStatusCanary → resetRolloutStatus: SetRestartedAt writes the
  // context's status after calculateBaseStatus copied it, so the persisted restartedAt stays the stored one.
  it.each([
    { name: 'a restart scheduled later (restart --in) is still pending after the update', restartAt: '2026-01-01T02:00:00Z', restartedAt: undefined },
    { name: 'a restart due but not finished stays pending (old pods are still restarted)', restartAt: '2026-01-01T00:30:00Z', restartedAt: '2025-12-31T00:00:00Z' },
  ])('keeps status.restartedAt: $name', ({ restartAt, restartedAt }) => {
    const { rollout, stable, newHash } = updatedRollout({ restartAt, ...(restartedAt === undefined ? {} : { restartedAt }) });
    const plan = planRolloutReconcile({ rollout, replicaSets: [stable], pods: [], nowMs: NOW });
    const status = statusPatch(plan.actions);
    expect(status?.['currentPodHash']).toBe(newHash);
    expect(status?.['currentStepIndex']).toBe(0);
    expect(status).not.toHaveProperty('restartedAt');
  });
});
