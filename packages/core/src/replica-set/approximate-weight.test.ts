import { describe, expect, it } from 'vitest';
import { approximateWeightedCanaryStableReplicaCounts } from './approximate-weight.js';

// Every row of argo-rollouts utils/replicaset/canary_test.go TestApproximateWeightedNewStableReplicaCounts
// (57 rows), transcribed as data: [replicas, weight, maxWeight, maxSurge, expCanary, expStable] // actual weight.
// Upstream names each row `<test>_replicas:R_weight:W_maxweight:M_surge:S`; the same name is used here.
const upstreamRows: ReadonlyArray<readonly [number, number, number, number, number, number]> = [
  [0, 0, 100, 0, 0, 0], // 0%
  [0, 50, 100, 0, 0, 0], // 0%
  [0, 100, 100, 0, 0, 0], // 0%
  [0, 0, 100, 1, 0, 0], // 0%
  [0, 50, 100, 1, 0, 0], // 0%
  [0, 100, 100, 1, 0, 0], // 0%
  [1, 0, 100, 0, 0, 1], // 0%
  [1, 1, 100, 0, 0, 1], // 0%
  [1, 49, 100, 0, 0, 1], // 0%
  [1, 50, 100, 0, 1, 0], // 100%
  [1, 99, 100, 0, 1, 0], // 100%
  [1, 100, 100, 0, 1, 0], // 100%
  [1, 0, 100, 1, 0, 1], // 0%
  [1, 1, 100, 1, 1, 1], // 50%
  [1, 49, 100, 1, 1, 1], // 50%
  [1, 50, 100, 1, 1, 1], // 50%
  [1, 99, 100, 1, 1, 1], // 50%
  [1, 100, 100, 1, 1, 0], // 100%
  [2, 0, 100, 0, 0, 2], // 0%
  [2, 1, 100, 0, 1, 1], // 50%
  [2, 50, 100, 0, 1, 1], // 50%
  [2, 99, 100, 0, 1, 1], // 50%
  [2, 100, 100, 0, 2, 0], // 100%
  [2, 0, 100, 1, 0, 2], // 0%
  [2, 1, 100, 1, 1, 2], // 33.3%
  [2, 50, 100, 1, 1, 1], // 50%
  [2, 99, 100, 1, 2, 1], // 66.6%
  [2, 100, 100, 1, 2, 0], // 100%
  [3, 10, 100, 0, 1, 2], // 33.3%
  [3, 25, 100, 0, 1, 2], // 33.3%
  [3, 33, 100, 0, 1, 2], // 33.3%
  [3, 34, 100, 0, 1, 2], // 33.3%
  [3, 49, 100, 0, 1, 2], // 33.3%
  [3, 50, 100, 0, 2, 1], // 66.6%
  [3, 10, 100, 1, 1, 3], // 25%
  [3, 25, 100, 1, 1, 3], // 25%
  [3, 33, 100, 1, 1, 2], // 33.3%
  [3, 34, 100, 1, 1, 2], // 33.3%
  [3, 49, 100, 1, 2, 2], // 50%
  [3, 50, 100, 1, 2, 2], // 50%
  [10, 0, 100, 1, 0, 10], // 0%
  [10, 1, 100, 0, 1, 9], // 10%
  [10, 14, 100, 0, 1, 9], // 10%
  [10, 15, 100, 0, 2, 8], // 20%
  [10, 16, 100, 0, 2, 8], // 20%
  [10, 99, 100, 0, 9, 1], // 90%
  [10, 100, 100, 1, 10, 0], // 100%
  [10, 0, 100, 1, 0, 10], // 0%
  [10, 1, 100, 1, 1, 10], // 9.1%
  [10, 18, 100, 1, 2, 9], // 18.1%
  [10, 19, 100, 1, 2, 9], // 18.1%
  [10, 20, 100, 1, 2, 8], // 20%
  [10, 23, 100, 1, 2, 8], // 20%
  [10, 24, 100, 1, 3, 8], // 27.2%
  [10, 25, 100, 1, 3, 8], // 27.2%
  [10, 99, 100, 1, 10, 1], // 90.9%
  [10, 100, 100, 1, 10, 0], // 100%
];

describe('approximateWeightedCanaryStableReplicaCounts (upstream TestApproximateWeightedNewStableReplicaCounts)', () => {
  it('transcribes all 57 upstream rows', () => {
    expect(upstreamRows).toHaveLength(57);
  });

  it.each(upstreamRows.map(([replicas, weight, maxWeight, maxSurge, canary, stable]) => ({ replicas, weight, maxWeight, maxSurge, canary, stable })))(
    'replicas:$replicas_weight:$weight_maxweight:$maxWeight_surge:$maxSurge → canary $canary, stable $stable',
    ({ replicas, weight, maxWeight, maxSurge, canary, stable }) => {
      expect(approximateWeightedCanaryStableReplicaCounts(replicas, weight, maxWeight, maxSurge)).toEqual({ canary, stable });
    },
  );
});

describe('approximateWeightedCanaryStableReplicaCounts properties (argo-compat §11 step 2)', () => {
  const cases = [];
  for (const replicas of [2, 3, 5, 7, 10, 13]) {
    for (const weight of [1, 17, 33, 50, 67, 99]) {
      for (const maxSurge of [0, 1]) cases.push({ replicas, weight, maxSurge });
    }
  }

  it.each(cases)('replicas $replicas weight $weight surge $maxSurge: never 0 canary or 0 stable, total spec or spec+1', ({ replicas, weight, maxSurge }) => {
    const { canary, stable } = approximateWeightedCanaryStableReplicaCounts(replicas, weight, 100, maxSurge);
    expect(canary).toBeGreaterThan(0);
    expect(stable).toBeGreaterThan(0);
    expect([replicas, ...(maxSurge > 0 ? [replicas + 1] : [])]).toContain(canary + stable);
  });

  it.each([
    { name: 'maxTrafficWeight 1000, 10 pods, weight 150 (15 %)', replicas: 10, weight: 150, maxWeight: 1000, maxSurge: 0, canary: 2, stable: 8 },
    { name: 'maxTrafficWeight 1000, weight 0', replicas: 10, weight: 0, maxWeight: 1000, maxSurge: 1, canary: 0, stable: 10 },
    { name: 'maxTrafficWeight 1000, weight 1000', replicas: 10, weight: 1000, maxWeight: 1000, maxSurge: 1, canary: 10, stable: 0 },
  ])('$name', ({ replicas, weight, maxWeight, maxSurge, canary, stable }) => {
    expect(approximateWeightedCanaryStableReplicaCounts(replicas, weight, maxWeight, maxSurge)).toEqual({ canary, stable });
  });
});
