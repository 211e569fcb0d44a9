import { describe, expect, it } from 'vitest';
import { calculateReplicaCountsForBasicCanary } from './basic-canary.js';
import { aReplicaSet, aRollout } from './test-support/builders.js';

describe('basic canary, single upstream cases', () => {
  it('TestCalculateReplicaCountsForNewDeployment: new RS is the stable RS → straight to spec, stable 0', () => {
    const rollout = aRollout({
      replicas: 10, steps: [{ setWeight: 10 }], maxSurge: 0, maxUnavailable: 1, stableRS: 'stable', currentPodHash: 'canary',
    });
    const stableRS = aReplicaSet({ name: 'stable', replicas: 10, availableReplicas: 0 });
    const newRS = aReplicaSet({ name: 'stable', replicas: 10, availableReplicas: 0 });
    expect(calculateReplicaCountsForBasicCanary(rollout, newRS, stableRS, [])).toEqual({ newRSReplicaCount: 10, stableRSReplicaCount: 0 });
  });

  // TestCalculateReplicaCountsForCanaryStableRSdEdgeCases: status.stableRS and currentPodHash both "".
  const edgeRollout = aRollout({
    replicas: 10, steps: [{ setWeight: 10 }], maxSurge: 0, maxUnavailable: 1, stableRS: '', currentPodHash: '',
  });
  const newRS = aReplicaSet({ name: 'stable', replicas: 9, availableReplicas: 9 });

  it.each([
    { name: 'TestCalculateReplicaCountsForCanaryStableRSdEdgeCases: no stable RS', stableRS: undefined },
    { name: 'TestCalculateReplicaCountsForCanaryStableRSdEdgeCases: stable RS is the new RS', stableRS: newRS },
  ])('$name → new 10, stable 0', ({ stableRS }) => {
    expect(calculateReplicaCountsForBasicCanary(edgeRollout, newRS, stableRS, [])).toEqual({ newRSReplicaCount: 10, stableRSReplicaCount: 0 });
  });
});

describe('basic canary (argo-compat §11, worked by hand)', () => {
  it('default "25"/"25" on 10 pods (surge 3, unavailable 2), setWeight 20 from 10 stable → new 2, stable 8', () => {
    const rollout = aRollout({ replicas: 10, steps: [{ setWeight: 20 }], stableRS: 'stable', currentPodHash: 'canary' });
    const stableRS = aReplicaSet({ name: 'stable', replicas: 10, availableReplicas: 10 });
    const newRS = aReplicaSet({ name: 'canary', replicas: 0, availableReplicas: 0 });
    expect(calculateReplicaCountsForBasicCanary(rollout, newRS, stableRS, [])).toEqual({ newRSReplicaCount: 2, stableRSReplicaCount: 8 });
  });

  it('abort: weight 0, stable surges back first while the canary keeps its pods (maxUnavailable 0)', () => {
    const rollout = aRollout({
      replicas: 4, steps: [{ setWeight: 50 }], maxSurge: 1, maxUnavailable: 0, abort: true, stableRS: 'stable', currentPodHash: 'canary',
    });
    const stableRS = aReplicaSet({ name: 'stable', replicas: 2, availableReplicas: 2 });
    const newRS = aReplicaSet({ name: 'canary', replicas: 2, availableReplicas: 2 });
    expect(calculateReplicaCountsForBasicCanary(rollout, newRS, stableRS, [])).toEqual({ newRSReplicaCount: 2, stableRSReplicaCount: 3 });
  });

  it('older ReplicaSets with replicas: nothing scales down and no surge is left', () => {
    const rollout = aRollout({
      replicas: 10, steps: [{ setWeight: 50 }], maxSurge: 2, maxUnavailable: 2, stableRS: 'stable', currentPodHash: 'canary',
    });
    const stableRS = aReplicaSet({ name: 'stable', replicas: 5, availableReplicas: 5 });
    const newRS = aReplicaSet({ name: 'canary', replicas: 3, availableReplicas: 3 });
    const older = aReplicaSet({ name: 'older', replicas: 4, availableReplicas: 4 });
    expect(calculateReplicaCountsForBasicCanary(rollout, newRS, stableRS, [older])).toEqual({ newRSReplicaCount: 3, stableRSReplicaCount: 5 });
  });

  it('initial deploy (no status.stableRS, no stable RS): new RS goes to spec in one step', () => {
    const rollout = aRollout({ replicas: 5, steps: [{ setWeight: 20 }] });
    const newRS = aReplicaSet({ name: 'canary', replicas: 0, availableReplicas: 0 });
    expect(calculateReplicaCountsForBasicCanary(rollout, newRS, undefined, [])).toEqual({ newRSReplicaCount: 5, stableRSReplicaCount: 0 });
  });

  it('no new RS yet: only the stable count is decided, the new count stays 0', () => {
    const rollout = aRollout({
      replicas: 10, steps: [{ setWeight: 20 }], maxSurge: 2, maxUnavailable: 0, stableRS: 'stable', currentPodHash: 'canary',
    });
    const stableRS = aReplicaSet({ name: 'stable', replicas: 10, availableReplicas: 10 });
    expect(calculateReplicaCountsForBasicCanary(rollout, undefined, stableRS, [])).toEqual({ newRSReplicaCount: 0, stableRSReplicaCount: 10 });
  });

  // Over-replicated pairs (e.g. after maxSurge was lowered): the pair is brought back under spec + surge while
  // keeping spec − maxUnavailable pods available. spec 10, maxSurge 0, maxUnavailable 1, setWeight 50 → 5/5.
  it.each([
    {
      name: 'decreasing: the drained canary pays for the surge, the stable keeps available pods it still needs',
      newRS: { replicas: 6, availableReplicas: 2 }, stableRS: { replicas: 8, availableReplicas: 8 }, expected: { newRSReplicaCount: 3, stableRSReplicaCount: 7 },
    },
    {
      name: 'increasing: the canary is cut back under the surge limit while the stable drains by one',
      newRS: { replicas: 5, availableReplicas: 1 }, stableRS: { replicas: 9, availableReplicas: 9 }, expected: { newRSReplicaCount: 2, stableRSReplicaCount: 8 },
    },
  ])('$name', ({ newRS, stableRS, expected }) => {
    const rollout = aRollout({
      replicas: 10, steps: [{ setWeight: 50 }], maxSurge: 0, maxUnavailable: 1, stableRS: 'stable', currentPodHash: 'canary',
    });
    const result = calculateReplicaCountsForBasicCanary(
      rollout, aReplicaSet({ name: 'canary', ...newRS }), aReplicaSet({ name: 'stable', ...stableRS }), [],
    );
    expect(result).toEqual(expected);
  });
});
