import type { CanaryStep } from '@serin/api';
import { describe, expect, it } from 'vitest';
import { aReplicaSet, aRollout } from './test-support/builders.js';
import { calculateReplicaCountsForTrafficRoutedCanary, checkMinPodsPerReplicaSet } from './traffic-routed-canary.js';

/**
 * argo-rollouts utils/replicaset/canary_test.go TestCalculateReplicaCountsForCanaryTrafficRoutingDynamicScale,
 * every row as data. Upstream names the first step's setWeight `rolloutMaxReplicas`; `steps` are appended after
 * it. A ReplicaSet exists only when its replica count is > 0 (upstream: `if test.stableRSReplicas > 0`).
 * Upstream builds the canary RS with available = canaryRSReplicas; in every row availableCanaryReplicas equals
 * canaryRSReplicas, so using the row's field is the same input.
 */
interface DynamicScaleRow {
  name: string;
  rolloutReplicas: number;
  rolloutMaxReplicas: number;
  rolloutAbort: boolean;
  steps?: CanaryStep[];
  canaryWeight: number;
  stableWeight: number;
  canaryRSReplicas?: number;
  availableCanaryReplicas?: number;
  stableRSReplicas?: number;
  availableStableReplicas?: number;
  expectedCanaryReplicas: number;
  expectedStableReplicas: number;
}

const dynamicScaleRows: DynamicScaleRow[] = [
  {
    // E.g. if next step is to scale canary down to 2 and we have 10 replicas, we should scale stable up to 8
    name: 'Should scale stable replica up depending on next expected canary downscale step, if abort is true',
    rolloutReplicas: 10, rolloutMaxReplicas: 20, canaryWeight: 60, stableWeight: 40,
    canaryRSReplicas: 6, availableCanaryReplicas: 6, stableRSReplicas: 4, availableStableReplicas: 4,
    expectedCanaryReplicas: 6, expectedStableReplicas: 8, rolloutAbort: true, steps: [{ setWeight: 60 }],
  },
  {
    name: 'Should scale stable replica up depending on available canary replicas, if actual number of canaries is less than expected and abort is true',
    rolloutReplicas: 10, rolloutMaxReplicas: 20, rolloutAbort: true, canaryWeight: 60, stableWeight: 40,
    canaryRSReplicas: 1, availableCanaryReplicas: 1, stableRSReplicas: 4, availableStableReplicas: 4,
    expectedCanaryReplicas: 6, expectedStableReplicas: 8, steps: [{ setWeight: 60 }],
  },
  {
    name: 'Should scale stable replica up depending on available stable replicas, if abort is true',
    rolloutReplicas: 10, rolloutMaxReplicas: 20, rolloutAbort: true, canaryWeight: 60, stableWeight: 40,
    canaryRSReplicas: 2, availableCanaryReplicas: 2, stableRSReplicas: 8, availableStableReplicas: 4,
    expectedCanaryReplicas: 6, expectedStableReplicas: 8, steps: [{ setWeight: 60 }],
  },
  {
    name: 'Should scale stable up as if canaries are scaled down to 0 if stable and canary replicas not passed, and abort is true',
    rolloutReplicas: 10, rolloutMaxReplicas: 20, rolloutAbort: true, canaryWeight: 60, stableWeight: 40,
    expectedCanaryReplicas: 6, expectedStableReplicas: 10, steps: [{ setWeight: 60 }],
  },
  // without steps
  {
    name: 'Should scale down stable',
    rolloutReplicas: 10, rolloutMaxReplicas: 10, rolloutAbort: false, canaryWeight: 10, stableWeight: 90,
    expectedCanaryReplicas: 1, expectedStableReplicas: 9,
  },
  {
    name: 'Should take max of desired canary (20) > actual (10)',
    rolloutReplicas: 10, rolloutMaxReplicas: 20, rolloutAbort: false, canaryWeight: 10, stableWeight: 90,
    expectedCanaryReplicas: 2, expectedStableReplicas: 9,
  },
  {
    name: 'Should leave canary scaled up if there is still traffic to it on abort',
    rolloutReplicas: 10, rolloutMaxReplicas: 20, rolloutAbort: true, canaryWeight: 20, stableWeight: 80,
    expectedCanaryReplicas: 2, expectedStableReplicas: 10,
  },
  {
    name: 'Should reduce canary when there is less traffic to it on abort',
    rolloutReplicas: 10, rolloutMaxReplicas: 20, rolloutAbort: true, canaryWeight: 10, stableWeight: 90,
    expectedCanaryReplicas: 1, expectedStableReplicas: 10,
  },
];

describe('traffic-routed canary with dynamicStableScale (upstream TestCalculateReplicaCountsForCanaryTrafficRoutingDynamicScale)', () => {
  it('transcribes all 8 upstream rows', () => {
    expect(dynamicScaleRows).toHaveLength(8);
  });

  it.each(dynamicScaleRows)('$name', (row) => {
    const rollout = aRollout({
      replicas: row.rolloutReplicas,
      steps: [{ setWeight: row.rolloutMaxReplicas }, ...(row.steps ?? [])],
      maxSurge: 0,
      maxUnavailable: 1,
      trafficRouting: {},
      dynamicStableScale: true,
      stableRS: 'stable',
      currentPodHash: 'canary',
      abort: row.rolloutAbort,
    });
    const stableRS = (row.stableRSReplicas ?? 0) > 0
      ? aReplicaSet({ name: 'stable', replicas: row.stableRSReplicas, availableReplicas: row.availableStableReplicas ?? 0 })
      : undefined;
    const canaryRS = (row.canaryRSReplicas ?? 0) > 0
      ? aReplicaSet({ name: 'canary', replicas: row.canaryRSReplicas, availableReplicas: row.availableCanaryReplicas ?? 0 })
      : undefined;
    const weights = { canary: { weight: row.canaryWeight }, stable: { weight: row.stableWeight } };
    expect(calculateReplicaCountsForTrafficRoutedCanary(rollout, weights, canaryRS, stableRS)).toEqual({
      newRSReplicaCount: row.expectedCanaryReplicas,
      stableRSReplicaCount: row.expectedStableReplicas,
    });
  });
});

describe('traffic-routed canary, single upstream cases', () => {
  it('TestCalculateReplicaCountsForCanaryTrafficRouting: setWeight 10 of 10 pods, no weights → canary 1, stable stays 10', () => {
    const rollout = aRollout({
      replicas: 10, steps: [{ setWeight: 10 }], maxSurge: 0, maxUnavailable: 1, trafficRouting: {},
      stableRS: 'stable', currentPodHash: 'canary',
    });
    expect(calculateReplicaCountsForTrafficRoutedCanary(rollout, rollout.status?.canary?.weights)).toEqual({
      newRSReplicaCount: 1,
      stableRSReplicaCount: 10,
    });
  });

  it('TestGetDesiredCanaryWeightOnAbortWithScaleDownDelay/stable scales to spec.Replicas once weight reaches zero', () => {
    const rollout = aRollout({
      replicas: 10, steps: [{ setWeight: 10 }, { setWeight: 50 }], maxSurge: 1, maxUnavailable: 0, trafficRouting: {},
      dynamicStableScale: true, abortScaleDownDelaySeconds: 30, abort: true, stableRS: 'stable', currentPodHash: 'canary',
    });
    const canaryRS = aReplicaSet({ name: 'canary', replicas: 5, availableReplicas: 5 });
    const stableRS = aReplicaSet({ name: 'stable', replicas: 9, availableReplicas: 9 });
    const weights = { canary: { weight: 10 }, stable: { weight: 90 } };
    expect(calculateReplicaCountsForTrafficRoutedCanary(rollout, weights, canaryRS, stableRS).stableRSReplicaCount).toBe(10);
  });
});

describe('traffic-routed canary (argo-compat §12.1)', () => {
  const mid = { stableRS: 'stable', currentPodHash: 'canary', trafficRouting: {} } as const;

  it.each([
    { name: 'weight 30 of 10 pods: canary ⌈3⌉, stable stays at spec (total may reach 2×spec)', replicas: 10, weight: 30, canary: 3, stable: 10 },
    { name: 'weight 33 of 10 pods rounds the canary up', replicas: 10, weight: 33, canary: 4, stable: 10 },
    { name: 'weight 0: no canary pods', replicas: 10, weight: 0, canary: 0, stable: 10 },
    { name: 'unset replicas count as 1', replicas: undefined, weight: 50, canary: 1, stable: 1 },
  ])('$name', ({ replicas, weight, canary, stable }) => {
    const rollout = aRollout({ ...mid, replicas, steps: [{ setWeight: weight }] });
    expect(calculateReplicaCountsForTrafficRoutedCanary(rollout)).toEqual({ newRSReplicaCount: canary, stableRSReplicaCount: stable });
  });

  it('maxTrafficWeight scales the weight: 250 of 1000 on 10 pods → 3 canary pods', () => {
    const rollout = aRollout({ ...mid, replicas: 10, steps: [{ setWeight: 250 }], trafficRouting: { maxTrafficWeight: 1000 } });
    expect(calculateReplicaCountsForTrafficRoutedCanary(rollout).newRSReplicaCount).toBe(3);
  });

  it('fully promoted (current == stable) runs the full weight', () => {
    const rollout = aRollout({ ...mid, currentPodHash: 'stable', replicas: 4, steps: [{ setWeight: 10 }] });
    expect(calculateReplicaCountsForTrafficRoutedCanary(rollout)).toEqual({ newRSReplicaCount: 4, stableRSReplicaCount: 4 });
  });

  it('dynamicStableScale without actual weights: stable = ⌈(maxW − w)·spec/maxW⌉', () => {
    const rollout = aRollout({ ...mid, replicas: 10, steps: [{ setWeight: 25 }], dynamicStableScale: true });
    expect(calculateReplicaCountsForTrafficRoutedCanary(rollout)).toEqual({ newRSReplicaCount: 3, stableRSReplicaCount: 8 });
  });

  it('setCanaryScale.replicas is not raised by minPodsPerReplicaSet (explicit count wins)', () => {
    const rollout = aRollout({ ...mid, replicas: 10, minPodsPerReplicaSet: 3, steps: [{ setCanaryScale: { replicas: 1 } }] });
    expect(calculateReplicaCountsForTrafficRoutedCanary(rollout).newRSReplicaCount).toBe(1);
  });
});

describe('checkMinPodsPerReplicaSet', () => {
  it.each([
    { name: 'raises a non-zero count to the minimum', replicas: 10, min: 3, trafficRouting: {}, count: 1, expected: 3 },
    { name: 'leaves zero at zero', replicas: 10, min: 3, trafficRouting: {}, count: 0, expected: 0 },
    { name: 'caps the minimum at spec.replicas', replicas: 2, min: 5, trafficRouting: {}, count: 1, expected: 2 },
    { name: 'does nothing without trafficRouting', replicas: 10, min: 3, trafficRouting: undefined, count: 1, expected: 1 },
    { name: 'does nothing without minPodsPerReplicaSet', replicas: 10, min: undefined, trafficRouting: {}, count: 1, expected: 1 },
  ])('$name', ({ replicas, min, trafficRouting, count, expected }) => {
    expect(checkMinPodsPerReplicaSet(aRollout({ replicas, minPodsPerReplicaSet: min, trafficRouting }), count)).toBe(expected);
  });
});
