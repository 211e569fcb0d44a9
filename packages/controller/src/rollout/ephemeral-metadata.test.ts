import { describe, expect, it } from 'vitest';
import type { Rollout } from '@serin/api';
import { SEED_STEPS, aRollout } from '../test-support/builders.js';
import { converge } from '../test-support/drive.js';
import { FakeCluster } from '../test-support/fake-cluster.js';

/** Seed S9: canary/stable ephemeral metadata (`testcanary` / `teststable`). */
const withMetadata = (): Rollout => {
  const ro = aRollout({ replicas: 2, steps: SEED_STEPS });
  ro.spec.strategy = {
    canary: {
      steps: SEED_STEPS,
      canaryMetadata: { labels: { role: 'testcanary' }, annotations: { role: 'testcanary' } },
      stableMetadata: { labels: { role: 'teststable' }, annotations: { role: 'teststable' } },
    },
  };
  return ro;
};

const podRoles = (c: FakeCluster): Record<string, string[]> => {
  const out: Record<string, string[]> = {};
  for (const pod of c.pods.list()) {
    const image = c.replicaSets.list().find((rs) => rs.metadata?.uid === pod.metadata?.ownerReferences?.[0]?.uid)?.spec?.template?.spec?.containers[0]?.image ?? '?';
    (out[image] ??= []).push(`${pod.metadata?.labels?.['role'] ?? '-'}/${pod.metadata?.annotations?.['role'] ?? '-'}`);
  }
  return out;
};

describe('canaryMetadata / stableMetadata (seed S9)', () => {
  it('stable pods carry the stable metadata, canary pods the canary metadata, and roles move on promotion', async () => {
    const cluster = new FakeCluster();
    cluster.seed(withMetadata());
    const reconciler = cluster.reconciler();
    await converge(cluster, reconciler);
    expect(podRoles(cluster)).toEqual({ 'nginx:1.19': ['teststable/teststable', 'teststable/teststable'] });

    await cluster.setImage('nginx:1.20');
    await converge(cluster, reconciler);
    // setWeight 20 of 2 replicas surges to 1 canary + 2 stable
    expect(podRoles(cluster)).toEqual({ 'nginx:1.19': ['teststable/teststable', 'teststable/teststable'], 'nginx:1.20': ['testcanary/testcanary'] });

    await cluster.userPatchStatus({ status: { promoteFull: true } });
    await converge(cluster, reconciler);
    expect(podRoles(cluster)).toEqual({ 'nginx:1.20': ['teststable/teststable', 'teststable/teststable'] });
    const newRS = cluster.replicaSets.list().find((rs) => rs.spec?.template?.spec?.containers[0]?.image === 'nginx:1.20');
    expect(newRS?.spec?.template?.metadata?.labels?.['role']).toBe('teststable');
    expect(newRS?.metadata?.annotations?.['rollout.argoproj.io/ephemeral-metadata']).toBe('{"labels":{"role":"teststable"},"annotations":{"role":"teststable"}}');
    const oldRS = cluster.replicaSets.list().find((rs) => rs.spec?.template?.spec?.containers[0]?.image === 'nginx:1.19');
    expect(oldRS?.spec?.template?.metadata?.labels?.['role']).toBeUndefined();
    expect(oldRS?.metadata?.annotations?.['rollout.argoproj.io/ephemeral-metadata']).toBeUndefined();
  });

  it('leaves labels the controller did not inject alone', async () => {
    const cluster = new FakeCluster();
    cluster.seed(withMetadata());
    const reconciler = cluster.reconciler();
    await converge(cluster, reconciler);
    const [pod] = cluster.pods.list();
    if (pod === undefined) throw new Error('no pod');
    cluster.pods.upsert({ ...pod, metadata: { ...pod.metadata, labels: { ...pod.metadata?.labels, owner: 'team-a' } } });
    await cluster.setImage('nginx:1.20');
    await converge(cluster, reconciler);
    await cluster.userPatchStatus({ status: { promoteFull: true } });
    await converge(cluster, reconciler);
    const after = cluster.pods.get('default', pod.metadata?.name ?? '');
    expect(after === undefined || after.metadata?.labels?.['owner'] === 'team-a').toBe(true);
  });
});
