import { describe, expect, it } from 'vitest';
import type { KubeObject } from './object.js';
import { ObjectStore } from './store.js';

const rs = (ns: string, name: string, rv: string, owner?: string, labels?: Record<string, string>): KubeObject => ({
  metadata: { namespace: ns, name, resourceVersion: rv, ...(owner === undefined ? {} : { ownerReferences: [{ uid: owner, kind: 'Rollout', name: 'r' }] }), ...(labels === undefined ? {} : { labels }) },
});
const names = (objs: KubeObject[]): string[] => objs.map((o) => o.metadata?.name ?? '').sort();

describe('ObjectStore', () => {
  it('indexes by namespace and by owner UID', () => {
    const s = new ObjectStore();
    s.upsert(rs('a', 'r1-abc', '1', 'uid-r1'));
    s.upsert(rs('a', 'r1-def', '1', 'uid-r1'));
    s.upsert(rs('b', 'r2-abc', '1', 'uid-r2'));
    s.upsert(rs('b', 'orphan', '1'));
    expect(names(s.list('a'))).toEqual(['r1-abc', 'r1-def']);
    expect(names(s.list())).toHaveLength(4);
    expect(names(s.ownedBy('uid-r1'))).toEqual(['r1-abc', 'r1-def']);
    expect(s.get('b', 'r2-abc')?.metadata?.name).toBe('r2-abc');
    expect(s.getByKey('b/orphan')?.metadata?.name).toBe('orphan');
  });

  it('re-indexes on update (ownership moved) and on removal', () => {
    const s = new ObjectStore();
    s.upsert(rs('a', 'x', '1', 'old-owner'));
    s.upsert(rs('a', 'x', '2', 'new-owner'));
    expect(s.ownedBy('old-owner')).toEqual([]);
    expect(names(s.ownedBy('new-owner'))).toEqual(['x']);
    s.remove(rs('a', 'x', '3'));
    expect([s.size(), s.ownedBy('new-owner').length, s.list('a').length]).toEqual([0, 0, 0]);
  });

  it('replace reports added / updated (resourceVersion changed) / deleted', () => {
    const s = new ObjectStore();
    s.replace([rs('a', 'keep', '1'), rs('a', 'change', '1'), rs('a', 'gone', '1')]);
    const delta = s.replace([rs('a', 'keep', '1'), rs('a', 'change', '2'), rs('a', 'new', '1')]);
    expect({ added: names(delta.added), updated: delta.updated.map((u) => `${u.old.metadata?.resourceVersion}->${u.obj.metadata?.resourceVersion}`), deleted: names(delta.deleted) }).toEqual({
      added: ['new'],
      updated: ['1->2'],
      deleted: ['gone'],
    });
  });

  it('supports custom indexers, e.g. by pod-template hash label', () => {
    const s = new ObjectStore<KubeObject>({ hash: (o) => [o.metadata?.labels?.['rollouts-pod-template-hash'] ?? ''] });
    s.upsert(rs('a', 'p1', '1', undefined, { 'rollouts-pod-template-hash': 'abc' }));
    s.upsert(rs('a', 'p2', '1', undefined, { 'rollouts-pod-template-hash': 'def' }));
    expect(names(s.byIndex('hash', 'abc'))).toEqual(['p1']);
    expect(() => s.byIndex('nope', 'x')).toThrow('index nope does not exist');
  });
});
