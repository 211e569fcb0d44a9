import { describe, expect, it } from 'vitest';
import type { V1Deployment, V1Pod, V1ReplicaSet } from '@kubernetes/client-node';
import type { Rollout } from '@serin/api';
import { ObjectStore } from '@serin/kube';
import { aRollout, aWorkloadRefRollout, anArgoReplicaSet } from '../test-support/builders.js';
import { rolloutEventHandlers } from './wiring.js';

describe('rolloutEventHandlers', () => {
  const rollouts = new ObjectStore<Rollout>();
  const replicaSets = new ObjectStore<V1ReplicaSet>();
  rollouts.upsert(aRollout({ name: 'web' }));
  rollouts.upsert(aWorkloadRefRollout({ name: 'api' }));
  const rs = anArgoReplicaSet({ rolloutName: 'web', hash: 'abc', revision: 1, replicas: 1, image: 'x' });
  replicaSets.upsert(rs);
  const keys: string[] = [];
  const h = rolloutEventHandlers((k) => keys.push(k), { rollouts, replicaSets });

  it.each([
    { name: 'a rollout → itself', fire: () => h.rollouts.update?.(aRollout({ name: 'web' }), aRollout({ name: 'web' })), key: ['default/web'] },
    { name: 'a ReplicaSet → its controlling rollout', fire: () => h.replicaSets.add?.(rs), key: ['default/web'] },
    { name: 'a pod → its ReplicaSet’s rollout', fire: () => h.pods.delete?.({ metadata: { namespace: 'default', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs.metadata?.name ?? '', uid: 'u', controller: true }] } } as V1Pod), key: ['default/web'] },
    { name: 'a pod of an unknown ReplicaSet → nothing', fire: () => h.pods.add?.({ metadata: { namespace: 'default', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'other', uid: 'u', controller: true }] } } as V1Pod), key: [] },
    { name: 'a Deployment → rollouts whose workloadRef names it', fire: () => h.deployments.update?.({ metadata: { name: 'api', namespace: 'default' } } as V1Deployment, { metadata: { name: 'api', namespace: 'default' } } as V1Deployment), key: ['default/api'] },
  ])('$name', ({ fire, key }) => {
    keys.length = 0;
    fire();
    expect(keys).toEqual(key);
  });
});
