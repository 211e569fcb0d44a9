import { describe, expect, it } from 'vitest';
import { destinationRuleHost, destinationRuleUpdateBlockedBy, updateDestinationRuleHash } from './destination-rule.js';
import type { JsonObject } from './json.js';
import { reviewsDestinationRule } from './test-support/fixtures.js';

const rule = { name: 'reviews', canarySubsetName: 'v2', stableSubsetName: 'v1' };
const subsets = (o: JsonObject) => (o['spec'] as { subsets: JsonObject[] }).subsets;

// parity: argo-rollouts istio_test.go TestUpdateHash*, TestShouldDelayDestinationRuleUpdate
describe('updateDestinationRuleHash', () => {
  it('pins canary/stable subsets, keeps their labels and traffic policies, drops strangers, annotates', () => {
    const out = updateDestinationRuleHash(reviewsDestinationRule, rule, 'reviews-v1', 'canaryhash', 'stablehash');
    expect(out.changed).toBe(true);
    expect(subsets(out.object)).toEqual([
      { name: 'v1', labels: { version: 'v1', 'rollouts-pod-template-hash': 'stablehash' }, trafficPolicy: { loadBalancer: { simple: 'ROUND_ROBIN' } } },
      { name: 'v2', labels: { version: 'v2', 'rollouts-pod-template-hash': 'canaryhash' }, trafficPolicy: { loadBalancer: { simple: 'LEAST_CONN' } } },
    ]);
    expect((out.object['spec'] as JsonObject)['trafficPolicy']).toEqual({ loadBalancer: { simple: 'LEAST_CONN' } });
    expect((out.object['metadata'] as { annotations: Record<string, string> }).annotations).toEqual({ 'argo-rollouts.argoproj.io/managed-by-rollouts': 'reviews-v1' });
    expect(destinationRuleHost(out.object)).toBe('reviews.istio.svc.cluster.local');
  });

  it('no change the second time', () => {
    const once = updateDestinationRuleHash(reviewsDestinationRule, rule, 'r', 'c', 's').object;
    const twice = updateDestinationRuleHash(once, rule, 'r', 'c', 's');
    expect(twice.changed).toBe(false);
    expect(twice.object).toBe(once);
  });

  it('an empty hash removes the label', () => {
    const once = updateDestinationRuleHash(reviewsDestinationRule, rule, 'r', 'c', 's').object;
    const out = updateDestinationRuleHash(once, rule, 'r', '', 's');
    expect(subsets(out.object)[1]?.['labels']).toEqual({ version: 'v2' });
  });

  it('adds experiment subsets pinned to their hashes', () => {
    const out = updateDestinationRuleHash(reviewsDestinationRule, rule, 'r', 'c', 's', [{ serviceName: 'exp-canary', podTemplateHash: 'exphash', weight: 10 }]);
    expect(subsets(out.object).map((x) => [x['name'], (x['labels'] as Record<string, string>)['rollouts-pod-template-hash']])).toEqual([
      ['v1', 's'],
      ['v2', 'c'],
      ['exp-canary', 'exphash'],
    ]);
  });
});

describe('destinationRuleUpdateBlockedBy', () => {
  const rs = (name: string, hash: string, spec: number, available: number) => ({ name, podTemplateHash: hash, specReplicas: spec, availableReplicas: available });
  it.each([
    { name: 'canary not fully available → delay', sets: [rs('c', 'c', 3, 1), rs('s', 's', 3, 3)], opts: { usesServices: false, abortOrRollbackToStable: false }, want: 'c' },
    { name: 'stable not fully available → delay', sets: [rs('c', 'c', 3, 3), rs('s', 's', 3, 2)], opts: { usesServices: false, abortOrRollbackToStable: false }, want: 's' },
    { name: 'aborting ignores the canary', sets: [rs('c', 'c', 3, 0), rs('s', 's', 3, 3)], opts: { usesServices: false, abortOrRollbackToStable: true }, want: undefined },
    { name: 'scaled-to-zero RS ignored', sets: [rs('c', 'c', 0, 0)], opts: { usesServices: false, abortOrRollbackToStable: false }, want: undefined },
    { name: 'other hashes ignored', sets: [rs('o', 'o', 3, 0)], opts: { usesServices: false, abortOrRollbackToStable: false }, want: undefined },
    { name: 'never with canary/stable Services', sets: [rs('c', 'c', 3, 0)], opts: { usesServices: true, abortOrRollbackToStable: false }, want: undefined },
  ])('$name', ({ sets, opts, want }) => {
    expect(destinationRuleUpdateBlockedBy(sets, 'c', 's', opts)).toBe(want);
  });
});
