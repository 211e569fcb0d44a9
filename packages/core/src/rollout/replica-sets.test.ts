import { describe, expect, it } from 'vitest';
import { computePodTemplateHash } from '../hash/pod-template-hash.js';
import { classifyReplicaSets, findNewReplicaSet, maxRevision } from './replica-sets.js';
import { aReplicaSet, aRollout } from './test-support/builders.js';

describe('findNewReplicaSet', () => {
  const rollout = aRollout({ image: 'img:2' });
  const hash = computePodTemplateHash(rollout.spec.template ?? {});
  it.each([
    { name: 'by hash label', rss: [aReplicaSet({ name: 'a', hash: 'old', image: 'img:1' }), aReplicaSet({ name: 'b', hash, image: 'img:2' })], found: 'b' },
    { name: 'by template when the hash label is foreign', rss: [aReplicaSet({ name: 'a', hash: 'old', image: 'img:1' }), aReplicaSet({ name: 'legacy', hash: 'zzz', image: 'img:2' })], found: 'legacy' },
    { name: 'oldest of several matches', rss: [aReplicaSet({ name: 'late', hash: 'y', image: 'img:2', createdAt: '2026-02-01T00:00:00Z' }), aReplicaSet({ name: 'early', hash: 'x', image: 'img:2', createdAt: '2026-01-01T00:00:00Z' })], found: 'early' },
    { name: 'none', rss: [aReplicaSet({ name: 'a', hash: 'old', image: 'img:1' })], found: undefined },
  ])('$name', ({ rss, found }) => {
    expect(findNewReplicaSet(rollout, rss)?.metadata?.name).toBe(found);
  });
});

describe('classifyReplicaSets', () => {
  it('splits new, stable (by status.stableRS hash) and others', () => {
    const ro = aRollout({ status: { stableRS: 's' } });
    const rss = [aReplicaSet({ name: 'stable', hash: 's' }), aReplicaSet({ name: 'older', hash: 'o' }), aReplicaSet({ name: 'new', hash: 'n' })];
    const c = classifyReplicaSets(ro, rss, rss[2]);
    expect(c.newRS?.metadata?.name).toBe('new');
    expect(c.stableRS?.metadata?.name).toBe('stable');
    expect(c.olderRSs.map((r) => r.metadata?.name)).toEqual(['stable', 'older']);
    expect(c.otherRSs.map((r) => r.metadata?.name)).toEqual(['older']);
  });

  it('adds a just-created RS to all RSs', () => {
    const created = aReplicaSet({ name: 'fresh', hash: 'f' });
    expect(classifyReplicaSets(aRollout(), [], created).allRSs).toEqual([created]);
  });
});

describe('maxRevision', () => {
  it.each([
    { revisions: [1, 3, 2], max: 3 },
    { revisions: ['x', 2], max: 2 },
    { revisions: [], max: 0 },
  ])('$revisions → $max', ({ revisions, max }) => {
    expect(maxRevision(revisions.map((revision, i) => aReplicaSet({ name: `r${i}`, revision })))).toBe(max);
  });
});
