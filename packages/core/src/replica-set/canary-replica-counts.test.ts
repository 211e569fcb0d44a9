import type { IntOrString, RolloutTrafficRouting, SetCanaryScale } from '@serin/api';
import { describe, expect, it } from 'vitest';
import { calculateReplicaCountsForBasicCanary } from './basic-canary.js';
import { aReplicaSet, aRollout } from './test-support/builders.js';
import { calculateReplicaCountsForTrafficRoutedCanary } from './traffic-routed-canary.js';

/**
 * One row of argo-rollouts utils/replicaset/canary_test.go TestCalculateReplicaCountsForCanary, as data.
 * A field a row leaves out has Go's zero value, exactly as upstream: numbers 0, booleans false, pointers nil
 * — and maxSurge/maxUnavailable the zero `intstr.IntOrString`, i.e. the integer 0 (the fixture always sets the
 * pointer, so the "25" default never applies in this table).
 */
interface UpstreamRow {
  name: string;
  rolloutSpecReplicas?: number;
  setWeight?: number;
  maxSurge?: IntOrString;
  maxUnavailable?: IntOrString;
  promoteFull?: boolean;
  stableSpecReplica?: number;
  stableAvailableReplica?: number;
  canarySpecReplica?: number;
  canaryAvailableReplica?: number;
  expectedStableReplicaCount: number;
  expectedCanaryReplicaCount: number;
  olderRS?: { name: string; specReplicas: number; availableReplicas: number };
  setCanaryScale?: SetCanaryScale;
  trafficRouting?: RolloutTrafficRouting;
  abortScaleDownDelaySeconds?: number;
  statusAbort?: boolean;
  minPodsPerReplicaSet?: number;
}

const upstreamRows: UpstreamRow[] = [
  {
    name: 'Do not add extra RSs in scaleDownCount when .Spec.Replica < AvailableReplicas',
    rolloutSpecReplicas: 10, setWeight: 100, maxSurge: 3, maxUnavailable: 0,
    stableSpecReplica: 7, stableAvailableReplica: 8, canarySpecReplica: 6, canaryAvailableReplica: 3,
    expectedStableReplicaCount: 7, expectedCanaryReplicaCount: 6,
  },
  {
    name: 'Use max surge int to scale up canary',
    rolloutSpecReplicas: 10, setWeight: 20, maxSurge: 2, maxUnavailable: 0,
    stableSpecReplica: 10, stableAvailableReplica: 10, canarySpecReplica: 0, canaryAvailableReplica: 0,
    expectedStableReplicaCount: 10, expectedCanaryReplicaCount: 2,
  },
  {
    name: 'Use max surge percentage to scale up canary',
    rolloutSpecReplicas: 10, setWeight: 20, maxSurge: '20%', maxUnavailable: 0,
    stableSpecReplica: 10, stableAvailableReplica: 10, canarySpecReplica: 0, canaryAvailableReplica: 0,
    expectedStableReplicaCount: 10, expectedCanaryReplicaCount: 2,
  },
  {
    name: 'Scale down extra stable replicas',
    rolloutSpecReplicas: 10, setWeight: 20, maxSurge: '20%', maxUnavailable: 0,
    stableSpecReplica: 10, stableAvailableReplica: 10, canarySpecReplica: 2, canaryAvailableReplica: 2,
    expectedStableReplicaCount: 8, expectedCanaryReplicaCount: 2,
  },
  {
    name: 'Do not go past max surge',
    rolloutSpecReplicas: 10, setWeight: 30, maxSurge: 2, maxUnavailable: 0,
    stableSpecReplica: 10, stableAvailableReplica: 10, canarySpecReplica: 0, canaryAvailableReplica: 0,
    expectedStableReplicaCount: 10, expectedCanaryReplicaCount: 2,
  },
  {
    name: 'Use max unavailable int to scale down stableRS',
    rolloutSpecReplicas: 10, setWeight: 20, maxSurge: 0, maxUnavailable: 2,
    stableSpecReplica: 10, stableAvailableReplica: 10, canarySpecReplica: 0, canaryAvailableReplica: 0,
    expectedStableReplicaCount: 8, expectedCanaryReplicaCount: 0,
  },
  {
    name: 'Use max surge percentage to scale down stableRS',
    rolloutSpecReplicas: 10, setWeight: 20, maxSurge: 0, maxUnavailable: '20%',
    stableSpecReplica: 10, stableAvailableReplica: 10, canarySpecReplica: 0, canaryAvailableReplica: 0,
    expectedStableReplicaCount: 8, expectedCanaryReplicaCount: 0,
  },
  {
    name: 'Do not go past max unavailable',
    rolloutSpecReplicas: 10, setWeight: 30, maxSurge: 0, maxUnavailable: 2,
    stableSpecReplica: 10, stableAvailableReplica: 10, canarySpecReplica: 0, canaryAvailableReplica: 0,
    expectedStableReplicaCount: 8, expectedCanaryReplicaCount: 0,
  },
  {
    name: 'Use Max Surge and Max Unavailable',
    rolloutSpecReplicas: 10, setWeight: 50, maxSurge: 2, maxUnavailable: 1,
    stableSpecReplica: 10, stableAvailableReplica: 10, canarySpecReplica: 0, canaryAvailableReplica: 0,
    expectedStableReplicaCount: 9, expectedCanaryReplicaCount: 2,
  },
  {
    name: 'Scale canaryRS to zero on setWeight of 0%',
    rolloutSpecReplicas: 10, setWeight: 0, maxSurge: 1, maxUnavailable: 1,
    stableSpecReplica: 10, stableAvailableReplica: 10, canarySpecReplica: 1, canaryAvailableReplica: 1,
    expectedStableReplicaCount: 10, expectedCanaryReplicaCount: 0,
  },
  {
    name: 'Scale stable to zero on setWeight of 100%',
    rolloutSpecReplicas: 10, setWeight: 100, maxSurge: 1, maxUnavailable: 1,
    stableSpecReplica: 1, stableAvailableReplica: 1, canarySpecReplica: 10, canaryAvailableReplica: 10,
    expectedStableReplicaCount: 0, expectedCanaryReplicaCount: 10,
  },
  {
    name: 'Do not scale canaryRS down to zero on non-zero weight',
    rolloutSpecReplicas: 1, setWeight: 20, maxSurge: 1, maxUnavailable: 0,
    stableSpecReplica: 1, stableAvailableReplica: 1, canarySpecReplica: 0, canaryAvailableReplica: 0,
    expectedStableReplicaCount: 1, expectedCanaryReplicaCount: 1,
  },
  {
    name: 'Do not scale canaryRS down to zero on non-100 weight',
    rolloutSpecReplicas: 1, setWeight: 90, maxSurge: 1, maxUnavailable: 0,
    stableSpecReplica: 1, stableAvailableReplica: 1, canarySpecReplica: 0, canaryAvailableReplica: 0,
    expectedStableReplicaCount: 1, expectedCanaryReplicaCount: 1,
  },
  {
    name: 'Scale canaryRS to zero on <50 weight without surge',
    rolloutSpecReplicas: 1, setWeight: 49, maxSurge: 0, maxUnavailable: 1,
    stableSpecReplica: 1, stableAvailableReplica: 1, canarySpecReplica: 0, canaryAvailableReplica: 0,
    expectedStableReplicaCount: 1, expectedCanaryReplicaCount: 0,
  },
  {
    name: 'Scale stableRS down to zero on >=50 weight without surge',
    rolloutSpecReplicas: 1, setWeight: 51, maxSurge: 0, maxUnavailable: 1,
    stableSpecReplica: 1, stableAvailableReplica: 1, canarySpecReplica: 0, canaryAvailableReplica: 0,
    expectedStableReplicaCount: 0, expectedCanaryReplicaCount: 0,
  },
  {
    name: 'Scale canaryRS to one on >=50 weight without surge and stable replicas',
    rolloutSpecReplicas: 1, setWeight: 51, maxSurge: 0, maxUnavailable: 1,
    stableSpecReplica: 0, stableAvailableReplica: 0, canarySpecReplica: 0, canaryAvailableReplica: 0,
    expectedStableReplicaCount: 0, expectedCanaryReplicaCount: 1,
  },
  {
    name: 'Scale up Stable before canaryRS',
    rolloutSpecReplicas: 10, setWeight: 30, maxSurge: 1, maxUnavailable: 0,
    stableSpecReplica: 1, stableAvailableReplica: 1, canarySpecReplica: 0, canaryAvailableReplica: 0,
    olderRS: { name: 'older', specReplicas: 3, availableReplicas: 3 },
    expectedStableReplicaCount: 7, expectedCanaryReplicaCount: 1,
  },
  {
    name: 'Scale down canaryRS and stable',
    rolloutSpecReplicas: 10, setWeight: 30, maxSurge: 0, maxUnavailable: 3,
    stableSpecReplica: 8, stableAvailableReplica: 5, canarySpecReplica: 4, canaryAvailableReplica: 4,
    expectedStableReplicaCount: 7, expectedCanaryReplicaCount: 3,
  },
  {
    name: 'Scale down stable and canary available',
    rolloutSpecReplicas: 10, setWeight: 100, maxSurge: 1, maxUnavailable: 0,
    stableSpecReplica: 10, stableAvailableReplica: 2, canarySpecReplica: 10, canaryAvailableReplica: 8,
    expectedStableReplicaCount: 2, expectedCanaryReplicaCount: 9,
  },
  {
    name: 'Do not scale down canaryRS or stable when older RS count >= scaleDownCount',
    rolloutSpecReplicas: 10, setWeight: 30, maxSurge: 0, maxUnavailable: 1,
    stableSpecReplica: 8, stableAvailableReplica: 6, canarySpecReplica: 4, canaryAvailableReplica: 2,
    olderRS: { name: 'older', specReplicas: 3, availableReplicas: 3 },
    expectedStableReplicaCount: 8, expectedCanaryReplicaCount: 4,
  },
  {
    name: 'Do not round past maxSurge with uneven setWeight divisor',
    rolloutSpecReplicas: 10, setWeight: 5, maxSurge: 0, maxUnavailable: 1,
    stableSpecReplica: 10, stableAvailableReplica: 10, canarySpecReplica: 0, canaryAvailableReplica: 0,
    expectedStableReplicaCount: 9, expectedCanaryReplicaCount: 0,
  },
  {
    name: 'Do not round past maxSurge with uneven setWeight divisor (part 2)',
    rolloutSpecReplicas: 10, setWeight: 5, maxSurge: 0, maxUnavailable: 1,
    stableSpecReplica: 9, stableAvailableReplica: 9, canarySpecReplica: 0, canaryAvailableReplica: 0,
    expectedStableReplicaCount: 9, expectedCanaryReplicaCount: 1,
  },
  {
    name: 'Use maxUnavailable of 1 when percentage of maxUnavailable and maxSurge result in 0 replicas',
    rolloutSpecReplicas: 10, setWeight: 10, maxSurge: '0%', maxUnavailable: '0%',
    stableSpecReplica: 10, stableAvailableReplica: 10, canarySpecReplica: 0, canaryAvailableReplica: 0,
    expectedStableReplicaCount: 9, expectedCanaryReplicaCount: 0,
  },
  {
    name: 'For canary replicas, use setCanaryScale.replicas when specified along with trafficRouting (and ignore setWeight)',
    rolloutSpecReplicas: 1, setWeight: 100,
    stableSpecReplica: 1, stableAvailableReplica: 1,
    setCanaryScale: { replicas: 9 }, trafficRouting: {},
    expectedStableReplicaCount: 1, expectedCanaryReplicaCount: 9,
  },
  {
    name: 'Use setCanaryScale.weight for canary replicas when specified with trafficRouting (and ignore setWeight)',
    rolloutSpecReplicas: 4, setWeight: 100,
    stableSpecReplica: 4, stableAvailableReplica: 4,
    setCanaryScale: { weight: 200 }, trafficRouting: {},
    expectedStableReplicaCount: 4, expectedCanaryReplicaCount: 8,
  },
  {
    name: 'Ignore setCanaryScale replicas/weight when matchTrafficWeight is true',
    rolloutSpecReplicas: 10, setWeight: 20, maxSurge: '20%', maxUnavailable: 0,
    stableSpecReplica: 10, stableAvailableReplica: 10, canarySpecReplica: 0, canaryAvailableReplica: 0,
    setCanaryScale: { replicas: 9, weight: 100, matchTrafficWeight: true }, trafficRouting: {},
    expectedStableReplicaCount: 10, expectedCanaryReplicaCount: 2,
  },
  {
    name: 'Ignore setCanaryScale when trafficRouting is missing and use setWeight for replicas',
    rolloutSpecReplicas: 10, setWeight: 20, maxSurge: '20%', maxUnavailable: 0,
    stableSpecReplica: 10, stableAvailableReplica: 10, canarySpecReplica: 0, canaryAvailableReplica: 0,
    setCanaryScale: { replicas: 9, weight: 100 }, trafficRouting: undefined,
    expectedStableReplicaCount: 10, expectedCanaryReplicaCount: 2,
  },
  {
    // verify we surge canary up correctly when stable RS is not available
    name: 'honor maxSurge during scale up when stableRS unavailable',
    rolloutSpecReplicas: 4, setWeight: 100, maxSurge: 1, maxUnavailable: 0,
    stableSpecReplica: 4, stableAvailableReplica: 1, canarySpecReplica: 0, canaryAvailableReplica: 0,
    expectedStableReplicaCount: 4, expectedCanaryReplicaCount: 1, // should only surge by 1 to honor maxSurge: 1
  },
  {
    name: 'scale down to maxunavailable without exceeding maxSurge',
    rolloutSpecReplicas: 3, setWeight: 99, maxSurge: 0, maxUnavailable: 2,
    stableSpecReplica: 3, stableAvailableReplica: 3, canarySpecReplica: 0, canaryAvailableReplica: 0,
    expectedStableReplicaCount: 1, expectedCanaryReplicaCount: 0,
  },
  {
    name: 'scale down to maxunavailable without exceeding maxSurge (part 2)',
    rolloutSpecReplicas: 3, setWeight: 99, maxSurge: 0, maxUnavailable: 2,
    stableSpecReplica: 1, stableAvailableReplica: 1, canarySpecReplica: 0, canaryAvailableReplica: 0,
    expectedStableReplicaCount: 1, expectedCanaryReplicaCount: 2,
  },
  {
    // verify we scale down stableRS while honoring maxUnavailable even when stableRS unavailable
    name: 'honor maxUnavailable during scale down stableRS unavailable',
    rolloutSpecReplicas: 4, setWeight: 100, maxSurge: 1, maxUnavailable: 0,
    stableSpecReplica: 4, stableAvailableReplica: 1, canarySpecReplica: 1, canaryAvailableReplica: 1,
    expectedStableReplicaCount: 3, expectedCanaryReplicaCount: 1, // should only scale down by 1 to honor maxUnavailable: 0
  },
  {
    // verify we honor maxUnavailable when aborting or reducing weight
    name: 'honor maxUnavailable when aborting or reducing weight part 1',
    rolloutSpecReplicas: 4, setWeight: 0, maxSurge: 1, maxUnavailable: 0,
    stableSpecReplica: 0, stableAvailableReplica: 0, canarySpecReplica: 4, canaryAvailableReplica: 4,
    expectedStableReplicaCount: 1, expectedCanaryReplicaCount: 4, // should not bring down canary until we surge stable
  },
  {
    // verify we honor maxUnavailable when aborting or reducing weight (after surging stable)
    name: 'honor maxUnavailable when aborting or reducing weight part 2',
    rolloutSpecReplicas: 4, setWeight: 0, maxSurge: 1, maxUnavailable: 0,
    stableSpecReplica: 1, stableAvailableReplica: 0, canarySpecReplica: 4, canaryAvailableReplica: 4,
    expectedStableReplicaCount: 1, expectedCanaryReplicaCount: 4, // should not adjust counts at all since stable not available
  },
  {
    // verify we honor maxUnavailable when aborting or reducing weight (after stable surge availability)
    name: 'honor maxUnavailable when aborting or reducing weight part 3',
    rolloutSpecReplicas: 4, setWeight: 0, maxSurge: 1, maxUnavailable: 0,
    stableSpecReplica: 1, stableAvailableReplica: 1, canarySpecReplica: 4, canaryAvailableReplica: 4,
    expectedStableReplicaCount: 1, expectedCanaryReplicaCount: 3, // should only reduce by 1 to honor maxUnavailable
  },
  {
    // verify when promoting a rollout fully, we don't consider canary weight
    name: 'promote full does not consider weight',
    rolloutSpecReplicas: 4, setWeight: 1, maxSurge: 4, maxUnavailable: 4, promoteFull: true,
    stableSpecReplica: 4, stableAvailableReplica: 4, canarySpecReplica: 0, canaryAvailableReplica: 0,
    expectedStableReplicaCount: 0, expectedCanaryReplicaCount: 4,
  },
  {
    // verify when promoting a rollout fully, we still honor maxSurge and maxUnavailable
    name: 'promote full still honors maxSurge/maxUnavailable',
    rolloutSpecReplicas: 4, setWeight: 1, maxSurge: 3, maxUnavailable: 0, promoteFull: true,
    stableSpecReplica: 4, stableAvailableReplica: 4, canarySpecReplica: 0, canaryAvailableReplica: 0,
    expectedStableReplicaCount: 4, expectedCanaryReplicaCount: 3,
  },
  {
    // verify when we are aborted, and have abortScaleDownDelaySeconds: 0, and use setCanaryScale, we dont scale down canary
    name: 'aborted with abortScaleDownDelaySeconds:0 and setCanaryScale',
    rolloutSpecReplicas: 1,
    stableSpecReplica: 1, stableAvailableReplica: 1, canarySpecReplica: 1, canaryAvailableReplica: 1,
    setCanaryScale: { replicas: 1 }, trafficRouting: {}, abortScaleDownDelaySeconds: 0, statusAbort: true,
    expectedStableReplicaCount: 1, expectedCanaryReplicaCount: 1,
  },
  {
    // verify when we are aborted, and have abortScaleDownDelaySeconds>0, and use setCanaryScale, we scale down canary
    name: 'aborted with abortScaleDownDelaySeconds>0 and setCanaryScale',
    rolloutSpecReplicas: 1,
    stableSpecReplica: 1, stableAvailableReplica: 1, canarySpecReplica: 1, canaryAvailableReplica: 1,
    setCanaryScale: { replicas: 1 }, trafficRouting: {}, abortScaleDownDelaySeconds: 30, statusAbort: true,
    expectedStableReplicaCount: 1, expectedCanaryReplicaCount: 0,
  },
  {
    name: 'Honor MinPodsPerReplicaSet when using trafficRouting and starting canary',
    rolloutSpecReplicas: 10, setWeight: 5,
    stableSpecReplica: 10, stableAvailableReplica: 10, canarySpecReplica: 0, canaryAvailableReplica: 0,
    trafficRouting: {}, minPodsPerReplicaSet: 2,
    expectedStableReplicaCount: 10, expectedCanaryReplicaCount: 2,
  },
  {
    name: 'Cap MinPodsPerReplicaSet when it exceeds rollout replicas with trafficRouting',
    rolloutSpecReplicas: 1, setWeight: 100, promoteFull: true,
    stableSpecReplica: 1, stableAvailableReplica: 1, canarySpecReplica: 0, canaryAvailableReplica: 0,
    trafficRouting: {}, minPodsPerReplicaSet: 2,
    expectedStableReplicaCount: 1, expectedCanaryReplicaCount: 1,
  },
];

/**
 * The upstream fixture: spec.replicas, one step `{setWeight, setCanaryScale}`, status.stableRS "stable",
 * status.currentPodHash "canary", ReplicaSets named (and hashed) "stable" and "canary". Traffic-routed rows
 * call the decider without weights or ReplicaSets, as upstream does.
 */
function run(row: UpstreamRow) {
  const rollout = aRollout({
    replicas: row.rolloutSpecReplicas ?? 0,
    steps: [{ setWeight: row.setWeight ?? 0, ...(row.setCanaryScale ? { setCanaryScale: row.setCanaryScale } : {}) }],
    maxSurge: row.maxSurge ?? 0,
    maxUnavailable: row.maxUnavailable ?? 0,
    trafficRouting: row.trafficRouting,
    abortScaleDownDelaySeconds: row.abortScaleDownDelaySeconds,
    minPodsPerReplicaSet: row.minPodsPerReplicaSet,
    stableRS: 'stable',
    currentPodHash: 'canary',
    promoteFull: row.promoteFull ?? false,
    abort: row.statusAbort ?? false,
  });
  if (row.trafficRouting) return calculateReplicaCountsForTrafficRoutedCanary(rollout);
  const stableRS = aReplicaSet({ name: 'stable', replicas: row.stableSpecReplica ?? 0, availableReplicas: row.stableAvailableReplica ?? 0 });
  const canaryRS = aReplicaSet({ name: 'canary', replicas: row.canarySpecReplica ?? 0, availableReplicas: row.canaryAvailableReplica ?? 0 });
  const olderRSs = row.olderRS
    ? [aReplicaSet({ name: row.olderRS.name, replicas: row.olderRS.specReplicas, availableReplicas: row.olderRS.availableReplicas })]
    : [];
  return calculateReplicaCountsForBasicCanary(rollout, canaryRS, stableRS, olderRSs);
}

describe('canary replica counts (upstream TestCalculateReplicaCountsForCanary)', () => {
  it('transcribes all 40 upstream rows (33 basic, 7 traffic-routed)', () => {
    expect(upstreamRows).toHaveLength(40);
    expect(upstreamRows.filter((row) => row.trafficRouting !== undefined)).toHaveLength(7);
  });

  it.each(upstreamRows)('$name', (row) => {
    expect(run(row)).toEqual({
      newRSReplicaCount: row.expectedCanaryReplicaCount,
      stableRSReplicaCount: row.expectedStableReplicaCount,
    });
  });
});
