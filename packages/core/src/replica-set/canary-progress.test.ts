import type { ReplicaProgressThreshold, SetCanaryScale } from '@serin/api';
import { describe, expect, it } from 'vitest';
import { atDesiredReplicaCountsForCanary, replicaProgressThresholdMet } from './canary-progress.js';
import { aReplicaSet, aRollout } from './test-support/builders.js';

type Counts = { spec?: number; available: number; actual?: number };
const rs = (name: string, counts: Counts) =>
  aReplicaSet({ name, replicas: counts.spec, availableReplicas: counts.available, actualReplicas: counts.actual });

describe('atDesiredReplicaCountsForCanary (upstream TestAtDesiredReplicaCountsForCanary)', () => {
  // Upstream fixture: 4 replicas, maxSurge 1, maxUnavailable 1, one step {setWeight, setCanaryScale}, no trafficRouting,
  // status.currentPodHash "current", status.stableRS "stable"; ReplicaSets "newRS" and "stableRS".
  const rows: Array<{ name: string; setWeight: number; setCanaryScale: SetCanaryScale; newRS: Counts; stableRS: Counts; weights: [number, number]; expected: boolean }> = [
    {
      name: 'we are at desired replica counts and availability', setWeight: 50, setCanaryScale: { weight: 2, replicas: 2 },
      newRS: { spec: 2, available: 2, actual: 2 }, stableRS: { spec: 2, available: 2, actual: 2 }, weights: [50, 50], expected: true,
    },
    {
      name: 'new replicaset is not at desired counts or availability', setWeight: 50, setCanaryScale: { weight: 2, replicas: 2 },
      newRS: { spec: 2, available: 1, actual: 2 }, stableRS: { spec: 2, available: 2, actual: 2 }, weights: [50, 50], expected: false,
    },
    {
      name: 'stable replicaset is not at desired counts or availability', setWeight: 75, setCanaryScale: {},
      newRS: { spec: 3, available: 3, actual: 3 }, stableRS: { spec: 2, available: 2, actual: 2 }, weights: [75, 25], expected: false,
    },
    {
      name: 'stable replicaset is not at desired availability but is at correct count', setWeight: 75, setCanaryScale: {},
      newRS: { spec: 3, available: 3, actual: 1 }, stableRS: { spec: 1, available: 0, actual: 1 }, weights: [75, 25], expected: true,
    },
    {
      name: 'test that when status field lags behind spec.replicas we fail', setWeight: 50, setCanaryScale: { weight: 2, replicas: 2 },
      newRS: { spec: 2, available: 2, actual: 2 }, stableRS: { spec: 2, available: 2, actual: 3 }, weights: [50, 50], expected: false,
    },
  ];

  it.each(rows)('$name', ({ setWeight, setCanaryScale, newRS, stableRS, weights, expected }) => {
    const rollout = aRollout({
      replicas: 4, steps: [{ setWeight, setCanaryScale }], maxSurge: 1, maxUnavailable: 1, currentPodHash: 'current', stableRS: 'stable',
    });
    const trafficWeights = { canary: { weight: weights[0] }, stable: { weight: weights[1] } };
    expect(atDesiredReplicaCountsForCanary(rollout, rs('newRS', newRS), rs('stableRS', stableRS), [], trafficWeights)).toBe(expected);
  });

  it('basic canary: an older RS with available pods still serves traffic → not there yet', () => {
    const rollout = aRollout({ replicas: 4, steps: [{ setWeight: 50 }], maxSurge: 1, maxUnavailable: 1, currentPodHash: 'current', stableRS: 'stable' });
    const older = rs('older', { spec: 0, available: 1 });
    expect(atDesiredReplicaCountsForCanary(rollout, rs('newRS', { spec: 2, available: 2, actual: 2 }), rs('stableRS', { spec: 2, available: 2, actual: 2 }), [])).toBe(true);
    expect(atDesiredReplicaCountsForCanary(rollout, rs('newRS', { spec: 2, available: 2, actual: 2 }), rs('stableRS', { spec: 2, available: 2, actual: 2 }), [older])).toBe(false);
  });

  it('dynamicStableScale with trafficRouting: the stable RS count is not checked', () => {
    const rollout = aRollout({
      replicas: 4, steps: [{ setWeight: 50 }], trafficRouting: {}, dynamicStableScale: true, currentPodHash: 'current', stableRS: 'stable',
    });
    const newRS = rs('newRS', { spec: 2, available: 2, actual: 2 });
    expect(atDesiredReplicaCountsForCanary(rollout, newRS, rs('stableRS', { spec: 4, available: 4, actual: 4 }), [])).toBe(true);
  });
});

describe('replicaProgressThresholdMet without a threshold (upstream TestAllDesiredAreAvailable)', () => {
  it.each([
    { name: 'test correct return (true) when all desired pods are available', rs: rs('a', { spec: 10, available: 10 }), desired: 10, want: true },
    { name: 'test correct return (false) when not all desired pods are available', rs: rs('a', { spec: 10, available: 9 }), desired: 10, want: false },
    { name: 'test correct return (false) when all ReplicaSet is nil', rs: undefined, desired: 10, want: false },
    { name: 'test correct return (false) when rs.Spec.Replicas is nil and desired != 1 (GetReplicasOrDefault returns 1)', rs: rs('a', { available: 10 }), desired: 10, want: false },
    { name: 'test correct return (true) when rs.Spec.Replicas is nil and desired is 1', rs: rs('a', { available: 1 }), desired: 1, want: true },
  ])('$name', ({ rs: replicaSet, desired, want }) => {
    expect(replicaProgressThresholdMet(undefined, replicaSet, desired)).toBe(want);
  });
});

describe('replicaProgressThresholdMet (upstream TestAllReplicaProgressThresholdMet)', () => {
  const percent = (value: number): ReplicaProgressThreshold => ({ type: 'Percent', value });
  const pods = (value: number): ReplicaProgressThreshold => ({ type: 'Pods', value });
  it.each([
    { name: 'test using percentage that 90% availability of pods passes', threshold: percent(90), rs: rs('a', { available: 9 }), desired: 10, want: true },
    { name: 'test using pod values that 90% availability of pods correctly passes', threshold: pods(9), rs: rs('a', { available: 9 }), desired: 10, want: true },
    { name: 'test using percentage that under 90% availability of pods correctly fails', threshold: percent(90), rs: rs('a', { available: 8 }), desired: 10, want: false },
    { name: 'test using pod values that under 8 pods correctly fails', threshold: pods(8), rs: rs('a', { available: 7 }), desired: 10, want: false },
    { name: 'test that when threshold is under 0, it defaults to 100% of pods being available to return true', threshold: pods(-100), rs: rs('a', { spec: 10, available: 10 }), desired: 10, want: true },
    { name: 'test that when threshold is nil, it defaults to 100% of pods being available to return true', threshold: undefined, rs: rs('a', { spec: 5, available: 10 }), desired: 10, want: false },
    { name: 'test that when the replicaset is nil, it always returns false', threshold: pods(5), rs: undefined, desired: 10, want: false },
    { name: 'test that percentages well above the required threshold correctly pass', threshold: percent(100), rs: rs('a', { available: 100 }), desired: 10, want: true },
    { name: 'test that when desired is 0, threshold is always met (percentage type only)', threshold: percent(90), rs: rs('a', { available: 0 }), desired: 0, want: true },
  ])('$name', ({ threshold, rs: replicaSet, desired, want }) => {
    expect(replicaProgressThresholdMet(threshold, replicaSet, desired)).toBe(want);
  });

  it('percent comparison tolerates float error: 29 of 100 is 28.999999999999996 % in float64 and still meets 29 %', () => {
    expect(replicaProgressThresholdMet(percent(29), rs('a', { available: 29 }), 100)).toBe(true);
    expect(replicaProgressThresholdMet(percent(30), rs('a', { available: 29 }), 100)).toBe(false);
  });
});
