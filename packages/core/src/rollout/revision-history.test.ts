import { describe, expect, it } from 'vitest';
import { deletedWithReplicaSet, selectReplicaSetsToDelete } from './revision-history.js';
import { aReplicaSet, aRollout } from './test-support/builders.js';

const day = (d: number): string => `2026-01-0${d}T00:00:00Z`;

describe('selectReplicaSetsToDelete', () => {
  it.each([
    { name: 'within the limit → none', limit: 3, rss: [{ name: 'r1', createdAt: day(1) }, { name: 'r2', createdAt: day(2) }], deleted: [] },
    { name: 'oldest beyond the limit', limit: 1, rss: [{ name: 'r3', createdAt: day(3) }, { name: 'r1', createdAt: day(1) }, { name: 'r2', createdAt: day(2) }], deleted: ['r1', 'r2'] },
    { name: 'a candidate still scaled up is kept', limit: 1, rss: [{ name: 'r1', createdAt: day(1), replicas: 1 }, { name: 'r2', createdAt: day(2) }, { name: 'r3', createdAt: day(3) }], deleted: ['r2'] },
    { name: 'a candidate whose generation is not observed is kept', limit: 1, rss: [{ name: 'r1', createdAt: day(1), generation: 2 }, { name: 'r2', createdAt: day(2) }], deleted: [] },
    { name: 'limit 0 deletes every scaled-down one', limit: 0, rss: [{ name: 'r1', createdAt: day(1) }], deleted: ['r1'] },
  ])('$name', ({ limit, rss, deleted }) => {
    const replicaSets = rss.map((o) => aReplicaSet({ ...o }));
    expect(selectReplicaSetsToDelete(aRollout({ revisionHistoryLimit: limit }), replicaSets).map((r) => r.metadata?.name)).toEqual(deleted);
  });
});

describe('deletedWithReplicaSet (upstream TestDeleteAnalysisRunsAfterRSDelete)', () => {
  const rs = aReplicaSet({ name: 'ro-abc', hash: 'abc' });
  const obj = (name: string, hash: string | undefined, deleting = false) => ({
    metadata: { name, ...(hash === undefined ? {} : { labels: { 'rollouts-pod-template-hash': hash } }), ...(deleting ? { deletionTimestamp: day(1) as unknown as Date } : {}) },
  });
  it.each([
    { name: 'a non-current run of the deleted RS goes with it', objects: [obj('older', 'abc')], current: [], deleted: ['older'] },
    { name: 'the current run (recorded in the status) stays', objects: [obj('current', 'abc'), obj('older', 'abc')], current: ['current'], deleted: ['older'] },
    { name: 'one already being deleted is not deleted again', objects: [obj('gone', 'abc', true)], current: [], deleted: [] },
    { name: 'another RS’s run stays', objects: [obj('other', 'def')], current: [], deleted: [] },
    { name: 'one without a pod-template hash stays', objects: [obj('unlabelled', undefined)], current: [], deleted: [] },
  ])('$name', ({ objects, current, deleted }) => {
    expect(deletedWithReplicaSet(rs, objects, new Set(current)).map((o) => o.metadata.name)).toEqual(deleted);
  });
});
