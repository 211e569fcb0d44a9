import type { Rollout } from '@serin/api';
import { describe, expect, it } from 'vitest';
import { getCanaryReplicasOrWeight, getDesiredCanaryWeight, trafficWeightToReplicas } from './canary-weight.js';
import { aBlueGreenRollout, aReplicaSet, aRollout } from './test-support/builders.js';

describe('trafficWeightToReplicas (upstream TestTrafficWeightToReplicas)', () => {
  it.each([
    { replicas: 10, weight: 0, maxWeight: 100, expected: 0 },
    { replicas: 10, weight: 20, maxWeight: 100, expected: 2 },
    { replicas: 10, weight: 25, maxWeight: 100, expected: 3 },
    { replicas: 10, weight: 33, maxWeight: 100, expected: 4 },
    { replicas: 10, weight: 99, maxWeight: 100, expected: 10 },
    { replicas: 10, weight: 100, maxWeight: 100, expected: 10 },
    { replicas: 23, weight: 100000000, maxWeight: 100000000, expected: 23 },
  ])('$weight/$maxWeight of $replicas → $expected', ({ replicas, weight, maxWeight, expected }) => {
    expect(trafficWeightToReplicas(replicas, weight, maxWeight)).toBe(expected);
  });
});

describe('getCanaryReplicasOrWeight (upstream TestGetCanaryReplicasOrWeight)', () => {
  const noStrategyPromoteFull: Rollout = { spec: {}, status: { promoteFull: true } };
  const stepsWithScale = (setCanaryScale: { weight?: number; replicas?: number }) =>
    aRollout({ steps: [{ setWeight: 10 }, { setCanaryScale }], trafficRouting: {}, currentStepIndex: 1, stableRS: 'stable-rs' });

  it.each([
    { name: 'test full promote rollout', rollout: noStrategyPromoteFull, expected: { replicas: undefined, weight: 100 } },
    { name: 'test canary step weight', rollout: stepsWithScale({ weight: 20 }), expected: { replicas: undefined, weight: 20 } },
    { name: 'test canary step replicas', rollout: stepsWithScale({ replicas: 5 }), expected: { replicas: 5, weight: 0 } },
    { name: 'test get current step weight', rollout: aBlueGreenRollout({ abort: true }), expected: { replicas: undefined, weight: 100 } },
  ])('$name', ({ rollout, expected }) => {
    expect(getCanaryReplicasOrWeight(rollout)).toEqual(expected);
  });

  it.each([
    { name: 'no stable RS recorded yet', stableRS: undefined, currentPodHash: 'canary' },
    { name: 'current pod hash is the stable one', stableRS: 'abc', currentPodHash: 'abc' },
  ])('$name → maxTrafficWeight even when aborted', ({ stableRS, currentPodHash }) => {
    const rollout = aRollout({ steps: [{ setWeight: 10 }], abort: true, stableRS, currentPodHash, trafficRouting: { maxTrafficWeight: 500 } });
    expect(getCanaryReplicasOrWeight(rollout)).toEqual({ replicas: undefined, weight: 500 });
  });
});

describe('getDesiredCanaryWeight on abort with dynamicStableScale (upstream TestGetDesiredCanaryWeightOnAbortWithScaleDownDelay)', () => {
  // Upstream fixture: 10 replicas, steps [setWeight 10, setWeight 50], trafficRouting, dynamicStableScale, aborted;
  // canary RS 5/5 available, stable RS with spec = available = stableAvailable.
  const rows = [
    { name: 'no explicit delay: weight is held up by canary size (progressive drain unchanged)', abortDelay: undefined, stableAvailable: 9, expectedWeight: 10 },
    { name: 'explicit delay: weight steps down gradually while stable is scaling up', abortDelay: 30, stableAvailable: 5, expectedWeight: 10 },
    { name: 'explicit delay: weight reaches zero once stable nearly covers spec.Replicas (deadlock case)', abortDelay: 30, stableAvailable: 9, expectedWeight: 0 },
    { name: 'explicit zero delay (leave canary up indefinitely): weight is held up by canary size', abortDelay: 0, stableAvailable: 9, expectedWeight: 10 },
  ];

  it.each(rows)('$name', ({ abortDelay, stableAvailable, expectedWeight }) => {
    const rollout = aRollout({
      replicas: 10, steps: [{ setWeight: 10 }, { setWeight: 50 }], maxSurge: 1, maxUnavailable: 0, trafficRouting: {},
      dynamicStableScale: true, abortScaleDownDelaySeconds: abortDelay, abort: true, stableRS: 'stable', currentPodHash: 'canary',
    });
    const canaryRS = aReplicaSet({ name: 'canary', replicas: 5, availableReplicas: 5 });
    const stableRS = aReplicaSet({ name: 'stable', replicas: stableAvailable, availableReplicas: stableAvailable });
    expect(getDesiredCanaryWeight(rollout, canaryRS, stableRS)).toBe(expectedWeight);
  });

  it('without both ReplicaSets the abort weight is simply 0', () => {
    const rollout = aRollout({ replicas: 10, steps: [{ setWeight: 50 }], trafficRouting: {}, dynamicStableScale: true, abort: true });
    expect(getDesiredCanaryWeight(rollout, aReplicaSet({ name: 'canary', replicas: 5, availableReplicas: 5 }), undefined)).toBe(0);
  });

  it('not aborted: the current setWeight', () => {
    const rollout = aRollout({ replicas: 10, steps: [{ setWeight: 10 }, { setWeight: 50 }], currentStepIndex: 1, trafficRouting: {}, dynamicStableScale: true });
    const rs = aReplicaSet({ name: 'x', replicas: 1, availableReplicas: 1 });
    expect(getDesiredCanaryWeight(rollout, rs, rs)).toBe(50);
  });
});
