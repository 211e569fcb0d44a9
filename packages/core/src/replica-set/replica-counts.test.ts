import { describe, expect, it } from 'vitest';
import {
  checkStableRSExists,
  getActualReplicaCountForReplicaSets,
  getAvailableReplicaCountForReplicaSets,
  getReadyReplicaCountForReplicaSets,
  getReplicaCountForReplicaSets,
  getReplicasForScaleDown,
} from './replica-counts.js';
import { aReplicaSet } from './test-support/builders.js';

describe('replica counts over ReplicaSets (upstream utils/replicaset/replicaset_test.go TestGetReplicaCountForReplicaSets)', () => {
  const rs1 = aReplicaSet({ name: 'foo', replicas: 1, actualReplicas: 2 });
  const rs2 = aReplicaSet({ name: 'bar', replicas: 2, actualReplicas: 3, readyReplicas: 1 });
  const rs3 = aReplicaSet({ name: 'baz', replicas: 3, actualReplicas: 4, readyReplicas: 2, availableReplicas: 1 });

  it.each([
    { name: '1 Spec, 2 Actual, 0 Ready, 0 Available', sets: [rs1], spec: 1, actual: 2, ready: 0, available: 0 },
    { name: '3 Spec, 5 Actual, 1 Ready, 0 Available', sets: [rs1, rs2], spec: 3, actual: 5, ready: 1, available: 0 },
    { name: '6 Spec, 9 Actual, 3 Ready, 1 Available', sets: [rs1, rs2, rs3], spec: 6, actual: 9, ready: 3, available: 1 },
  ])('$name', ({ sets, spec, actual, ready, available }) => {
    expect({
      spec: getReplicaCountForReplicaSets(sets),
      actual: getActualReplicaCountForReplicaSets(sets),
      ready: getReadyReplicaCountForReplicaSets(sets),
      available: getAvailableReplicaCountForReplicaSets(sets),
    }).toEqual({ spec, actual, ready, available });
  });

  it('skips empty slots and defaults an unset spec.replicas to 1 (API-server default)', () => {
    const unset = aReplicaSet({ name: 'unset', availableReplicas: 1 });
    expect(getReplicaCountForReplicaSets([undefined, rs2, null, unset])).toBe(3);
    expect(getAvailableReplicaCountForReplicaSets([undefined, rs3, null, unset])).toBe(2);
  });
});

describe('getReplicasForScaleDown (upstream utils/replicaset/canary_test.go TestGetReplicasForScaleDown)', () => {
  it.each([
    { name: 'test rs is nil', rs: undefined, ignoreAvailability: false, want: 0 },
    { name: 'test expected replicas is less than actual replicas', rs: aReplicaSet({ name: 'a', replicas: 3, availableReplicas: 5 }), ignoreAvailability: false, want: 3 },
    { name: 'test ignore availability', rs: aReplicaSet({ name: 'a', replicas: 3, availableReplicas: 2 }), ignoreAvailability: true, want: 3 },
    { name: 'test not ignore availability', rs: aReplicaSet({ name: 'a', replicas: 3, availableReplicas: 2 }), ignoreAvailability: false, want: 2 },
  ])('$name', ({ rs, ignoreAvailability, want }) => {
    expect(getReplicasForScaleDown(rs, ignoreAvailability)).toBe(want);
  });
});

describe('checkStableRSExists', () => {
  const stable = aReplicaSet({ name: 'stable', replicas: 1 });
  const canary = aReplicaSet({ name: 'canary', replicas: 1 });
  it.each([
    { name: 'no stable RS', newRS: canary, stableRS: undefined, expected: false },
    { name: 'stable RS and no new RS', newRS: undefined, stableRS: stable, expected: true },
    { name: 'distinct names', newRS: canary, stableRS: stable, expected: true },
    { name: 'same name (rolling back to stable)', newRS: aReplicaSet({ name: 'stable' }), stableRS: stable, expected: false },
  ])('$name → $expected', ({ newRS, stableRS, expected }) => {
    expect(checkStableRSExists(newRS, stableRS)).toBe(expected);
  });
});
