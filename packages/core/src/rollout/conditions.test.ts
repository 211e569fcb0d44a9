import { describe, expect, it } from 'vitest';
import type { RolloutCondition, RolloutStatus } from '@serin/api';
import { newCondition, rolloutCompleted, rolloutHealthy, rolloutProgressing, rolloutTimedOut, setCondition } from './conditions.js';
import { aRollout } from './test-support/builders.js';

const T0 = Date.parse('2026-01-01T00:00:00Z');
const cond = (type: RolloutCondition['type'], status: RolloutCondition['status'], reason: string, at: string): RolloutCondition => ({ type, status, reason, message: reason, lastUpdateTime: at, lastTransitionTime: at });

describe('setCondition', () => {
  const existing = [cond('Available', 'True', 'AvailableReason', 'old'), cond('Progressing', 'True', 'ReplicaSetUpdated', 'old')];
  it.each([
    { name: 'same status and reason → unchanged, times kept', next: newCondition('Progressing', 'True', 'ReplicaSetUpdated', 'm', T0), changed: false, transition: 'old', last: 'Progressing' },
    { name: 'same status, new reason → replaced, transition time kept, moved last', next: newCondition('Available', 'True', 'Other', 'm', T0), changed: true, transition: 'old', last: 'Available' },
    { name: 'status flips → transition time now', next: newCondition('Available', 'False', 'AvailableReason', 'm', T0), changed: true, transition: '2026-01-01T00:00:00Z', last: 'Available' },
    { name: 'new type → appended', next: newCondition('Healthy', 'True', 'RolloutHealthy', 'm', T0), changed: true, transition: '2026-01-01T00:00:00Z', last: 'Healthy' },
  ])('$name', ({ next, changed, transition, last }) => {
    const r = setCondition(existing, next);
    expect(r.changed).toBe(changed);
    expect(r.conditions.find((c) => c.type === next.type)?.lastTransitionTime).toBe(transition);
    expect(r.conditions.at(-1)?.type).toBe(last);
    expect(r.conditions.filter((c) => c.type === next.type)).toHaveLength(1);
  });
});

describe('rollout predicates', () => {
  const healthyStatus: RolloutStatus = { observedGeneration: '1', stableRS: 'h1', currentPodHash: 'h1', replicas: 4, updatedReplicas: 4, availableReplicas: 4, currentStepIndex: 2 };
  it.each([
    { name: 'all steps, stable == current, sizes match', status: healthyStatus, stored: '1', healthy: true },
    { name: 'generation not observed yet', status: healthyStatus, stored: '0', healthy: false },
    { name: 'steps not all executed', status: { ...healthyStatus, currentStepIndex: 1 }, stored: '1', healthy: false },
    { name: 'old replicas still around', status: { ...healthyStatus, replicas: 5 }, stored: '1', healthy: false },
    { name: 'stable differs', status: { ...healthyStatus, stableRS: 'h0' }, stored: '1', healthy: false },
  ])('rolloutHealthy: $name → $healthy', ({ status, stored, healthy }) => {
    const ro = aRollout({ steps: [{ setWeight: 50 }, { pause: {} }], status: { observedGeneration: stored } });
    expect(rolloutHealthy(ro, status)).toBe(healthy);
  });

  it.each([
    { name: 'more updated replicas', next: { updatedReplicas: 2 }, progressing: true },
    { name: 'fewer old replicas', next: { replicas: 3, updatedReplicas: 1 }, progressing: true },
    { name: 'step index moved', next: { currentStepIndex: 1 }, progressing: true },
    { name: 'more available', next: { availableReplicas: 5 }, progressing: true },
    { name: 'nothing moved', next: {}, progressing: false },
  ])('rolloutProgressing: $name → $progressing', ({ next, progressing }) => {
    const stored: RolloutStatus = { replicas: 4, updatedReplicas: 1, availableReplicas: 4, readyReplicas: 4, currentStepIndex: 0, stableRS: 's', currentStepHash: 'x' };
    const ro = aRollout({ steps: [{ setWeight: 50 }], status: stored });
    expect(rolloutProgressing(ro, { ...stored, ...next })).toBe(progressing);
  });

  it.each([
    { name: 'last update older than the deadline', reason: 'ReplicaSetUpdated', at: '2026-01-01T00:00:00Z', nowMs: T0 + 601_000, timedOut: true },
    { name: 'within the deadline', reason: 'ReplicaSetUpdated', at: '2026-01-01T00:00:00Z', nowMs: T0 + 600_000, timedOut: false },
    { name: 'already ProgressDeadlineExceeded', reason: 'ProgressDeadlineExceeded', at: '2026-01-01T00:00:00Z', nowMs: T0, timedOut: true },
    { name: 'paused never times out', reason: 'RolloutPaused', at: '2026-01-01T00:00:00Z', nowMs: T0 + 9_999_000, timedOut: false },
    { name: 'aborted never times out', reason: 'RolloutAborted', at: '2026-01-01T00:00:00Z', nowMs: T0 + 9_999_000, timedOut: false },
  ])('rolloutTimedOut: $name', ({ reason, at, nowMs, timedOut }) => {
    const status: RolloutStatus = { conditions: [cond('Progressing', 'True', reason, at)] };
    expect(rolloutTimedOut(aRollout(), status, nowMs)).toBe(timedOut);
  });

  it.each([
    { stableRS: 'a', currentPodHash: 'a', completed: true },
    { stableRS: 'a', currentPodHash: 'b', completed: false },
    { stableRS: '', currentPodHash: '', completed: false },
  ])('rolloutCompleted($stableRS, $currentPodHash) → $completed', ({ stableRS, currentPodHash, completed }) => {
    expect(rolloutCompleted({ stableRS, currentPodHash })).toBe(completed);
  });
});
