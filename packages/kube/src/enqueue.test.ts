import { describe, expect, it } from 'vitest';
import { enqueueObject, enqueueParent, parentKey } from './enqueue.js';
import type { KubeObject } from './object.js';

const child = (owner?: { kind: string; name: string; controller?: boolean }): KubeObject => ({
  metadata: { namespace: 'ns1', name: 'demo-abc', ...(owner === undefined ? {} : { ownerReferences: [{ apiVersion: 'argoproj.io/v1alpha1', uid: 'u', ...owner }] }) },
});

describe('enqueue handlers', () => {
  it.each([
    { name: 'RS controlled by a Rollout → the Rollout', obj: child({ kind: 'Rollout', name: 'demo', controller: true }), key: 'ns1/demo' },
    { name: 'owner of another kind → nothing', obj: child({ kind: 'Experiment', name: 'exp', controller: true }), key: undefined },
    { name: 'non-controller ownerReference → nothing', obj: child({ kind: 'Rollout', name: 'demo' }), key: undefined },
    { name: 'no owner → nothing', obj: child(), key: undefined },
  ])('parentKey: $name', ({ obj, key }) => {
    expect(parentKey(obj, 'Rollout')).toBe(key);
  });

  it('enqueueParent wakes the parent on add/update/delete, and the old parent when ownership moves', () => {
    const keys: string[] = [];
    const h = enqueueParent<KubeObject>({ add: (k) => keys.push(k) }, 'Rollout');
    const a = child({ kind: 'Rollout', name: 'a', controller: true });
    const b = child({ kind: 'Rollout', name: 'b', controller: true });
    h.add?.(a);
    h.update?.(a, b);
    h.delete?.(b);
    h.add?.(child());
    expect(keys).toEqual(['ns1/a', 'ns1/b', 'ns1/a', 'ns1/b']);
  });

  it('enqueueObject enqueues the object key', () => {
    const keys: string[] = [];
    const h = enqueueObject<KubeObject>({ add: (k) => keys.push(k) });
    const ro = { metadata: { namespace: 'ns1', name: 'demo' } };
    h.add?.(ro);
    h.update?.(ro, ro);
    h.delete?.(ro);
    expect(keys).toEqual(['ns1/demo', 'ns1/demo', 'ns1/demo']);
  });
});
