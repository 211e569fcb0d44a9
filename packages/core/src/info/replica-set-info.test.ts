import { describe, expect, it } from 'vitest';
import { getReplicaSetInfos, replicaSetHealth, replicaSetRoles } from './replica-set-info.js';
import type { ReplicaSetLike, RolloutLike } from './types.js';

function rs(o: { gen?: number; observed?: number; spec?: number; available?: number; failure?: boolean }): ReplicaSetLike {
  return {
    metadata: { generation: o.gen ?? 1 },
    spec: { replicas: o.spec ?? 3 },
    status: { observedGeneration: o.observed ?? 1, availableReplicas: o.available ?? 3, conditions: o.failure ? [{ type: 'ReplicaFailure', status: 'True' }] : [] },
  };
}

describe('replicaSetHealth', () => {
  it.each([
    { name: 'unobserved generation', r: rs({ gen: 2 }), want: 'Progressing' },
    { name: 'replica failure', r: rs({ failure: true }), want: 'ReplicaFailure' },
    { name: 'not all available', r: rs({ available: 1 }), want: 'Progressing' },
    { name: 'scaled to zero', r: rs({ spec: 0, available: 0 }), want: 'ScaledDown' },
    { name: 'healthy', r: rs({}), want: 'Healthy' },
  ])('$name → $want', ({ r, want }) => {
    expect(replicaSetHealth(r)).toBe(want);
  });
});

describe('replicaSetRoles', () => {
  const canary: RolloutLike = { spec: { strategy: { canary: { pingPong: { pingService: 'p', pongService: 'q' } } } }, status: { stableRS: 's', currentPodHash: 'c', canary: { stablePingPong: 'pong' } } };
  const bg: RolloutLike = { spec: { strategy: { blueGreen: {} } }, status: { stableRS: 's', blueGreen: { activeSelector: 's', previewSelector: 'c' } } };
  it.each([
    { name: 'canary stable with pong', r: canary, hash: 's', want: { stable: true, pong: true, ping: false } },
    { name: 'canary new RS takes the other', r: canary, hash: 'c', want: { canary: true, ping: true, pong: false } },
    { name: 'blue-green stable and active', r: bg, hash: 's', want: { stable: true, active: true, preview: false } },
    { name: 'blue-green preview', r: bg, hash: 'c', want: { preview: true, stable: false } },
    { name: 'unrelated hash', r: bg, hash: 'x', want: { stable: false, active: false, preview: false } },
  ])('$name', ({ r, hash, want }) => {
    expect(replicaSetRoles(hash, r)).toMatchObject(want);
  });
});

describe('getReplicaSetInfos', () => {
  const owned = (name: string, revision: string, uid = 'ro'): ReplicaSetLike => ({
    metadata: { name, uid: `${name}-uid`, annotations: { 'rollout.argoproj.io/revision': revision }, ownerReferences: [{ uid }] },
  });
  it('keeps only ReplicaSets owned by the uid, sorted by revision desc then name', () => {
    const infos = getReplicaSetInfos('ro', undefined, [owned('b', '1'), owned('z', '2'), owned('a', '1'), owned('x', '3', 'other')], []);
    expect(infos.map((i) => `${i.revision}:${i.name}`)).toEqual(['2:z', '1:a', '1:b']);
  });
  it('attaches pods by owner uid, oldest first then by name', () => {
    const pods = [
      { metadata: { name: 'p2', creationTimestamp: '2026-01-01T00:00:01Z', ownerReferences: [{ uid: 'a-uid' }] } },
      { metadata: { name: 'p1', creationTimestamp: '2026-01-01T00:00:01Z', ownerReferences: [{ uid: 'a-uid' }] } },
      { metadata: { name: 'p0', creationTimestamp: '2026-01-01T00:00:02Z', ownerReferences: [{ uid: 'a-uid' }] } },
      { metadata: { name: 'q', ownerReferences: [{ uid: 'other' }] } },
    ];
    const [info] = getReplicaSetInfos('ro', undefined, [owned('a', '1')], pods);
    expect(info?.pods.map((p) => p.name)).toEqual(['p1', 'p2', 'p0']);
  });
});
