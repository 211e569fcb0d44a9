import { describe, expect, it } from 'vitest';
import { ResourceVersionTracker, compareResourceVersion } from './resource-version-tracker.js';

describe('compareResourceVersion', () => {
  it.each([
    { name: 'equal', a: '100', b: '100', want: 0 },
    { name: 'less by length', a: '9', b: '10', want: -1 },
    { name: 'greater by length', a: '100', b: '99', want: 1 },
    { name: 'less, same length', a: '199', b: '200', want: -1 },
    { name: 'empty is malformed', a: '', b: '1', want: undefined },
    { name: 'non-digits are malformed', a: 'abc', b: '100', want: undefined },
    { name: 'leading zero is malformed', a: '01', b: '1', want: undefined },
  ])('$name', ({ a, b, want }) => {
    expect(compareResourceVersion(a, b)).toBe(want);
  });
});

describe('ResourceVersionTracker', () => {
  it.each([
    { name: 'nothing recorded', recorded: {}, key: 'default/a', cached: '100', stale: false },
    { name: 'cache caught up', recorded: { 'default/a': '100' }, key: 'default/a', cached: '100', stale: false },
    { name: 'someone else wrote after us', recorded: { 'default/a': '100' }, key: 'default/a', cached: '101', stale: false },
    { name: 'cache behind our write', recorded: { 'default/a': '200' }, key: 'default/a', cached: '199', stale: true },
    { name: 'keys are independent', recorded: { 'default/a': '999' }, key: 'default/b', cached: '1', stale: false },
    { name: 'empty cached version', recorded: { 'default/a': '200' }, key: 'default/a', cached: '', stale: false },
    { name: 'malformed recorded version fails open', recorded: { 'default/a': 'abc' }, key: 'default/a', cached: '100', stale: false },
    { name: 'malformed cached version fails open', recorded: { 'default/a': '100' }, key: 'default/a', cached: 'abc', stale: false },
    { name: '9 is older than 10', recorded: { 'default/a': '10' }, key: 'default/a', cached: '9', stale: true },
  ])('$name', ({ recorded, key, cached, stale }) => {
    const t = new ResourceVersionTracker();
    for (const [k, v] of Object.entries(recorded)) t.record(k, v);
    expect(t.isCacheStale(key, cached)).toBe(stale);
  });

  it('keeps the latest write, ignores empty versions, and forgets deleted keys', () => {
    const t = new ResourceVersionTracker();
    t.record('default/a', '500');
    t.record('default/a', '');
    expect(t.isCacheStale('default/a', '499')).toBe(true);
    t.record('default/a', '501');
    expect([t.isCacheStale('default/a', '500'), t.isCacheStale('default/a', '501')]).toEqual([true, false]);
    t.forget('default/a');
    expect(t.isCacheStale('default/a', '1')).toBe(false);
  });
});
