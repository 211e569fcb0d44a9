import { describe, expect, it } from 'vitest';
import { selectReplicaSetsToDelete } from './revision-history.js';
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
