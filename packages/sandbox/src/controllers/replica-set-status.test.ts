import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types.js';
import { calculateReplicaSetStatus, compareForDeletion, isPodAvailable } from './replica-set-status.js';

const T0 = Date.parse('2026-01-01T00:00:00Z');
const at = (s: number): string => new Date(T0 + s * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

const pod = (name: string, o: { node?: boolean; phase?: string; readySince?: number; restarts?: number; created?: number; labels?: Record<string, string> } = {}): KubeObject => ({
  metadata: { name, creationTimestamp: at(o.created ?? 0), labels: o.labels ?? { app: 'web' } },
  spec: o.node === false ? {} : { nodeName: 'n' },
  status: {
    phase: o.phase ?? 'Running',
    conditions: [{ type: 'Ready', status: o.readySince !== undefined ? 'True' : 'False', lastTransitionTime: at(o.readySince ?? 0) }],
    containerStatuses: [{ name: 'main', restartCount: o.restarts ?? 0 }],
  },
});

describe('compareForDeletion (first = deleted first)', () => {
  it.each([
    { name: 'unscheduled before scheduled', a: pod('a', { node: false, readySince: 1 }), b: pod('b', { readySince: 1 }) },
    { name: 'Pending before Running', a: pod('a', { phase: 'Pending' }), b: pod('b') },
    { name: 'not ready before ready', a: pod('a'), b: pod('b', { readySince: 1 }) },
    { name: 'ready for less time first', a: pod('a', { readySince: 50 }), b: pod('b', { readySince: 10 }) },
    { name: 'more restarts first', a: pod('a', { restarts: 4 }), b: pod('b', { restarts: 1 }) },
    { name: 'newer before older', a: pod('a', { created: 30 }), b: pod('b', { created: 20 }) },
  ])('$name', ({ a, b }) => {
    expect(compareForDeletion(a, b)).toBeLessThan(0);
    expect(compareForDeletion(b, a)).toBeGreaterThan(0);
  });
});

describe('calculateReplicaSetStatus', () => {
  const rs = (minReadySeconds = 0): KubeObject => ({
    metadata: { name: 'web', generation: 3 },
    spec: { replicas: 3, minReadySeconds, template: { metadata: { labels: { app: 'web', tier: 'fe' } } } },
  });
  it.each([
    { name: 'no pods', rs: rs(), pods: [], now: 0, want: { replicas: 0, observedGeneration: 3 } },
    {
      name: 'mixed readiness and labels',
      rs: rs(),
      pods: [pod('a', { readySince: 1, labels: { app: 'web', tier: 'fe' } }), pod('b', { readySince: 1 }), pod('c')],
      now: 10,
      want: { replicas: 3, fullyLabeledReplicas: 1, readyReplicas: 2, availableReplicas: 2, observedGeneration: 3 },
    },
    {
      name: 'minReadySeconds holds back availability',
      rs: rs(5),
      pods: [pod('a', { readySince: 1 }), pod('b', { readySince: 8 })],
      now: 10,
      want: { replicas: 2, readyReplicas: 2, availableReplicas: 1, observedGeneration: 3 },
    },
  ])('$name', ({ rs: r, pods, now, want }) => {
    expect(calculateReplicaSetStatus({ rs: r, pods, nowMs: T0 + now * 1000, now: at(now) })).toEqual(want);
  });

  it('adds a ReplicaFailure condition while creates fail', () => {
    const status = calculateReplicaSetStatus({ rs: rs(), pods: [], nowMs: T0, now: at(0), failure: { reason: 'FailedCreate', message: 'forbidden' } });
    expect(status['conditions']).toEqual([{ type: 'ReplicaFailure', status: 'True', lastTransitionTime: at(0), reason: 'FailedCreate', message: 'forbidden' }]);
  });

  it('isPodAvailable: ready + minReadySeconds ≤ now', () => {
    expect(isPodAvailable(pod('a', { readySince: 0 }), 5, T0 + 5000)).toBe(true);
    expect(isPodAvailable(pod('a', { readySince: 0 }), 5, T0 + 4999)).toBe(false);
    expect(isPodAvailable(pod('a'), 0, T0)).toBe(false);
  });
});
