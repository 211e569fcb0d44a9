import { readFileSync } from 'node:fs';
import type { Rollout, TrafficWeights } from '@serin/api';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { calculateReplicaCountsForBasicCanary } from './basic-canary.js';
import { maxSurge, maxUnavailable } from './fenceposts.js';
import { aReplicaSet } from './test-support/builders.js';
import { calculateReplicaCountsForTrafficRoutedCanary } from './traffic-routed-canary.js';

// Real upstream manifests (copies of argo-rollouts test/e2e/functional, see test-support/upstream/README.md);
// the pod counts asserted by upstream's e2e suite (test/e2e/canary_test.go) must fall out of the pure maths.

function isRollout(doc: unknown): doc is Rollout {
  return typeof doc === 'object' && doc !== null && 'kind' in doc && doc.kind === 'Rollout' && 'spec' in doc;
}

function loadRollout(file: string): Rollout {
  const text = readFileSync(new URL(`./test-support/upstream/${file}`, import.meta.url), 'utf8');
  const rollout = parseAllDocuments(text).map((doc) => doc.toJS() as unknown).find(isRollout);
  if (!rollout) throw new Error(`no Rollout in ${file}`);
  return rollout;
}

/** The manifest with a status: revision 1 ("rev1") is stable, revision 2 ("rev2") is being rolled out. */
function withStatus(rollout: Rollout, status: { currentStepIndex: number; abort?: boolean; weights?: TrafficWeights }): Rollout {
  return {
    ...structuredClone(rollout),
    status: {
      stableRS: 'rev1',
      currentPodHash: 'rev2',
      currentStepIndex: status.currentStepIndex,
      ...(status.abort ? { abort: true } : {}),
      ...(status.weights ? { canary: { weights: status.weights } } : {}),
    },
  };
}

const traffic = (canary: number) => ({ canary: { weight: canary }, stable: { weight: 100 - canary } });

describe('rollout-canary-with-pause.yaml (basic canary, 3 replicas, setWeight 20 then pause; TestCanaryWithPausedRollout)', () => {
  const manifest = loadRollout('rollout-canary-with-pause.yaml');

  it('default "25"/"25" on 3 pods → surge 1, unavailable 0', () => {
    expect({ surge: maxSurge(manifest), unavailable: maxUnavailable(manifest) }).toEqual({ surge: 1, unavailable: 0 });
  });

  it.each([
    { name: 'revision 2 at setWeight 20 surges one canary pod', older: [], expected: { newRSReplicaCount: 1, stableRSReplicaCount: 3 } },
    { name: 'revision 3 while revision 2 still has its pod: nothing added', older: [{ replicas: 1, availableReplicas: 1 }], expected: { newRSReplicaCount: 0, stableRSReplicaCount: 3 } },
    { name: 'revision 3 once revision 2 is at 0 → e2e: rev1 3, rev2 0, rev3 1', older: [{ replicas: 0, availableReplicas: 0 }], expected: { newRSReplicaCount: 1, stableRSReplicaCount: 3 } },
  ])('$name', ({ older, expected }) => {
    const rollout = withStatus(manifest, { currentStepIndex: 1 });
    const stableRS = aReplicaSet({ name: 'rev1', replicas: 3, availableReplicas: 3 });
    const newRS = aReplicaSet({ name: 'rev2', replicas: 0, availableReplicas: 0 });
    const olderRSs = older.map((rs, i) => aReplicaSet({ name: `older-${i}`, ...rs }));
    expect(calculateReplicaCountsForBasicCanary(rollout, newRS, stableRS, olderRSs)).toEqual(expected);
  });
});

describe('canary-dynamic-stable-scale.yaml (4 replicas, steps 25/pause/75/pause, dynamicStableScale; TestCanaryDynamicStableScale)', () => {
  const manifest = loadRollout('canary-dynamic-stable-scale.yaml');

  it.each([
    {
      name: 'setWeight 25 before traffic moved: stable keeps all 4 until traffic leaves it',
      currentStepIndex: 0, abort: false, weights: traffic(0), canary: [0, 0], stable: [4, 4], expected: { newRSReplicaCount: 1, stableRSReplicaCount: 4 },
    },
    {
      name: 'paused after setWeight 25, traffic 25/75 → e2e: rev1 3, rev2 1',
      currentStepIndex: 1, abort: false, weights: traffic(25), canary: [1, 1], stable: [4, 4], expected: { newRSReplicaCount: 1, stableRSReplicaCount: 3 },
    },
    {
      name: 'paused after setWeight 75, traffic 75/25 → e2e: rev1 1, rev2 3',
      currentStepIndex: 3, abort: false, weights: traffic(75), canary: [3, 3], stable: [1, 1], expected: { newRSReplicaCount: 3, stableRSReplicaCount: 1 },
    },
    {
      name: 'aborted while traffic is still 75/25: canary kept at 3, stable scales up towards 3',
      currentStepIndex: 0, abort: true, weights: traffic(75), canary: [3, 3], stable: [1, 1], expected: { newRSReplicaCount: 3, stableRSReplicaCount: 3 },
    },
    {
      name: 'aborted, 3 stable ready, traffic stepped down to 25/75: canary shrinks to 1',
      currentStepIndex: 0, abort: true, weights: traffic(25), canary: [3, 3], stable: [3, 3], expected: { newRSReplicaCount: 1, stableRSReplicaCount: 3 },
    },
    {
      name: 'aborted, canary at 1, traffic 25/75 → e2e: rev2 1, rev1 4',
      currentStepIndex: 0, abort: true, weights: traffic(25), canary: [1, 1], stable: [3, 3], expected: { newRSReplicaCount: 1, stableRSReplicaCount: 4 },
    },
    {
      name: 'aborted, 4 stable ready, traffic 0/100 → e2e: rev2 0, rev1 4',
      currentStepIndex: 0, abort: true, weights: traffic(0), canary: [1, 1], stable: [4, 4], expected: { newRSReplicaCount: 0, stableRSReplicaCount: 4 },
    },
  ])('$name', ({ currentStepIndex, abort, weights, canary, stable, expected }) => {
    const rollout = withStatus(manifest, { currentStepIndex, abort, weights });
    const newRS = aReplicaSet({ name: 'rev2', replicas: canary[0], availableReplicas: canary[1] });
    const stableRS = aReplicaSet({ name: 'rev1', replicas: stable[0], availableReplicas: stable[1] });
    expect(calculateReplicaCountsForTrafficRoutedCanary(rollout, rollout.status?.canary?.weights, newRS, stableRS)).toEqual(expected);
  });
});
