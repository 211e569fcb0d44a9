import { describe, expect, it } from 'vitest';
import { instanceIdSelector, leaseLockName, matchesInstanceId } from './selectors.js';

describe('instance-id sharding', () => {
  it.each([
    { name: 'no instance id → objects without the label', id: '', selector: '!argo-rollouts.argoproj.io/controller-instance-id', lease: 'argo-rollouts-controller-lock' },
    { name: 'instance id → objects labelled with it', id: 'shard-a', selector: 'argo-rollouts.argoproj.io/controller-instance-id=shard-a', lease: 'argo-rollouts-controller-lock-shard-a' },
  ])('$name', ({ id, selector, lease }) => {
    expect(instanceIdSelector(id)).toBe(selector);
    expect(leaseLockName(id)).toBe(lease);
  });

  it('rejects ids that are not label values, as upstream panics', () => {
    expect(() => instanceIdSelector('.%&(')).toThrow(/not a valid label value/);
  });

  it.each([
    { name: 'unlabelled object, no id', labels: undefined, id: '', ok: true },
    { name: 'labelled object, no id', labels: { 'argo-rollouts.argoproj.io/controller-instance-id': 'a' }, id: '', ok: false },
    { name: 'matching id', labels: { 'argo-rollouts.argoproj.io/controller-instance-id': 'a' }, id: 'a', ok: true },
    { name: 'other id', labels: { 'argo-rollouts.argoproj.io/controller-instance-id': 'b' }, id: 'a', ok: false },
  ])('matchesInstanceId: $name', ({ labels, id, ok }) => {
    expect(matchesInstanceId(labels, id)).toBe(ok);
  });
});
