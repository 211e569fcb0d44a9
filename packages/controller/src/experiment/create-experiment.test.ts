import type { Experiment } from '@serin/api';
import { Resources } from '@serin/kube';
import { describe, expect, it } from 'vitest';
import { RecordingClient } from '../bluegreen/test-support/harness.js';
import { createExperimentWithCollisionCounter } from './create-experiment.js';
import { ExperimentCluster } from './test-support/harness.js';

const ex = (name: string, ownerUid: string, phase?: 'Running' | 'Successful'): Experiment => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Experiment',
  metadata: { name, namespace: 'default', ownerReferences: [{ apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', name: 'ro', uid: ownerUid, controller: true }] },
  spec: { templates: [], duration: '1m' },
  ...(phase === undefined ? {} : { status: { phase } }),
});

describe('createExperimentWithCollisionCounter', () => {
  it.each([
    { name: 'free name → created as is', existing: [], expected: 'ro-abc-2-0', creates: 1 },
    { name: 'our running equal experiment → adopted', existing: [ex('ro-abc-2-0', 'ro-uid', 'Running')], expected: 'ro-abc-2-0', creates: 1 },
    { name: 'a finished namesake → `-1`', existing: [ex('ro-abc-2-0', 'ro-uid', 'Successful')], expected: 'ro-abc-2-0-1', creates: 2 },
    { name: 'another owner, then a finished `-1` → `-2`', existing: [ex('ro-abc-2-0', 'other'), ex('ro-abc-2-0-1', 'ro-uid', 'Successful')], expected: 'ro-abc-2-0-2', creates: 3 },
  ])('$name', async ({ existing, expected, creates }) => {
    const cluster = new ExperimentCluster();
    for (const e of existing) cluster.experiments.upsert(e);
    const client = new RecordingClient<Experiment>(Resources.experiments, cluster.experiments, cluster);
    const created = await createExperimentWithCollisionCounter(client, ex('ro-abc-2-0', 'ro-uid'));
    expect(created.metadata?.name).toBe(expected);
    expect(cluster.writes.filter((w) => w.verb === 'create')).toHaveLength(creates);
  });
});
