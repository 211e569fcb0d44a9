import { describe, expect, it } from 'vitest';
import type { StoreChange } from './store.js';
import { Store } from './store.js';
import type { KubeObject } from './types.js';

const obj = (name: string, data = '1'): KubeObject => ({ metadata: { name, namespace: 'default' }, data: { v: data } });

describe('Store', () => {
  it('stamps every write with the next global resourceVersion', () => {
    const store = new Store({ initialResourceVersion: 100 });
    expect(store.put('/configmaps', obj('a')).metadata.resourceVersion).toBe('101');
    expect(store.put('/secrets', obj('a')).metadata.resourceVersion).toBe('102');
    expect(store.remove('/configmaps', 'default', 'a')?.metadata.resourceVersion).toBe('103');
    expect(store.resourceVersion).toBe(103);
  });

  it('notifies listeners with the previous state', () => {
    const store = new Store();
    const seen: StoreChange[] = [];
    store.onChange((c) => seen.push(c));
    store.put('/configmaps', obj('a', '1'));
    store.put('/configmaps', obj('a', '2'));
    store.remove('/configmaps', 'default', 'a');
    expect(seen.map((c) => [c.type, c.object['data'], c.previous?.['data']])).toEqual([
      ['ADDED', { v: '1' }, undefined],
      ['MODIFIED', { v: '2' }, { v: '1' }],
      ['DELETED', { v: '2' }, { v: '2' }],
    ]);
  });

  it('replays changes after a resourceVersion and expires compacted ones', () => {
    const store = new Store({ initialResourceVersion: 0 });
    store.put('/configmaps', obj('a'));
    store.put('/configmaps', obj('b'));
    store.put('/configmaps', obj('c'));
    expect(store.changesSince(1)?.map((c) => c.object.metadata.name)).toEqual(['b', 'c']);
    expect(store.changesSince(3)).toEqual([]);
    store.compact();
    expect(store.changesSince(2)).toBeUndefined();
    expect(store.changesSince(3)).toEqual([]);
  });

  it('drops the oldest history beyond its limit', () => {
    const store = new Store({ historyLimit: 4, initialResourceVersion: 0 });
    for (let i = 0; i < 10; i++) store.put('/configmaps', obj(`o${i}`));
    expect(store.changesSince(1)).toBeUndefined();
    expect(store.changesSince(9)?.length).toBe(1);
  });

  it('lists a bucket in namespace/name order, optionally one namespace', () => {
    const store = new Store();
    store.put('/configmaps', { metadata: { name: 'z', namespace: 'b' } });
    store.put('/configmaps', { metadata: { name: 'y', namespace: 'a' } });
    store.put('/configmaps', { metadata: { name: 'x', namespace: 'b' } });
    expect(store.list('/configmaps').map((o) => `${o.metadata.namespace}/${o.metadata.name}`)).toEqual(['a/y', 'b/x', 'b/z']);
    expect(store.list('/configmaps', 'a').map((o) => o.metadata.name)).toEqual(['y']);
  });
});
