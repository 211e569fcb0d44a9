import type { Argument, Metric } from '@serin/api';
import { describe, expect, it } from 'vitest';
import { flattenArgs, mergeArgs, resolveArgs, resolveMetricArgs, resolveMetricsWithoutSecrets } from './args.js';

const args = (pairs: Record<string, string | undefined>): Argument[] => Object.entries(pairs).map(([name, value]) => (value === undefined ? { name } : { name, value }));

// parity: argo-rollouts utils/template/template_test.go, utils/analysis/helpers_test.go
describe('resolveArgs ({{args.x}} substitution)', () => {
  it.each([
    { name: 'plain', template: 'svc={{args.service-name}}', args: args({ 'service-name': 'guestbook' }), expected: { ok: true, value: 'svc=guestbook' } },
    { name: 'spaces inside the braces', template: '{{ args.a }}-{{args.a}}', args: args({ a: 'x' }), expected: { ok: true, value: 'x-x' } },
    { name: 'no tags', template: 'sum(rate(x[5m]))', args: [], expected: { ok: true, value: 'sum(rate(x[5m]))' } },
    { name: 'unknown tag', template: '{{args.missing}}', args: args({ a: 'x' }), expected: { ok: false, error: 'failed to resolve {{args.missing}}' } },
    { name: 'unknown tag keeps its raw spelling', template: '{{ args.missing }}', args: [], expected: { ok: false, error: 'failed to resolve {{ args.missing }}' } },
    { name: 'argument without value', template: 'x', args: args({ a: undefined }), expected: { ok: false, error: 'argument "a" was not supplied' } },
    { name: 'empty value is a value', template: '[{{args.a}}]', args: args({ a: '' }), expected: { ok: true, value: '[]' } },
  ])('$name', ({ template, args: a, expected }) => expect(resolveArgs(template, a)).toEqual(expected));
});

describe('resolveMetricArgs', () => {
  const metric: Metric = {
    name: 'success-rate',
    successCondition: 'result[0] >= {{args.threshold}}',
    provider: { prometheus: { address: 'http://prom:9090', query: 'sum(x{service="{{args.service-name}}"})' } },
  };

  it('substitutes into every string field', () => {
    const out = resolveMetricArgs(metric, args({ 'service-name': 'canary', threshold: '0.95' }));
    expect(out).toEqual({ ok: true, value: { ...metric, successCondition: 'result[0] >= 0.95', provider: { prometheus: { address: 'http://prom:9090', query: 'sum(x{service="canary"})' } } } });
  });

  it('JSON-escapes values (quotes and newlines survive the round trip)', () => {
    const out = resolveMetricArgs(metric, args({ 'service-name': 'a"b\nc', threshold: '1' }));
    expect(out.ok && out.value.provider.prometheus?.query).toBe('sum(x{service="a"b\nc"})');
  });

  it('secret arguments resolve to a placeholder for validation', () => {
    const out = resolveMetricsWithoutSecrets([metric], [{ name: 'service-name', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }, { name: 'threshold', value: '1' }]);
    expect(out.ok && out.value[0]?.provider.prometheus?.query).toBe('sum(x{service="temp-for-secret"})');
  });
});

describe('mergeArgs (rollout args into template args)', () => {
  it.each([
    { name: 'incoming value overrides', incoming: args({ a: 'rollout' }), template: args({ a: 'template' }), expected: { ok: true, value: args({ a: 'rollout' }) } },
    { name: 'template default kept', incoming: [], template: args({ a: 'template' }), expected: { ok: true, value: args({ a: 'template' }) } },
    { name: 'undeclared incoming dropped', incoming: args({ b: 'x' }), template: args({ a: 'template' }), expected: { ok: true, value: args({ a: 'template' }) } },
    { name: 'unresolved', incoming: [], template: args({ a: undefined }), expected: { ok: false, error: 'args.a was not resolved' } },
    {
      name: 'incoming valueFrom fills',
      incoming: [{ name: 'a', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
      template: args({ a: undefined }),
      expected: { ok: true, value: [{ name: 'a', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }] },
    },
  ])('$name', ({ incoming, template, expected }) => expect(mergeArgs(incoming, template)).toEqual(expected));
});

describe('flattenArgs (several templates)', () => {
  it.each([
    { name: 'union in order', lists: [args({ a: '1' }), args({ b: '2' })], expected: { ok: true, value: args({ a: '1', b: '2' }) } },
    { name: 'same value twice', lists: [args({ a: '1' }), args({ a: '1' })], expected: { ok: true, value: args({ a: '1' }) } },
    { name: 'later value fills an empty one', lists: [args({ a: undefined }), args({ a: '2' })], expected: { ok: true, value: args({ a: '2' }) } },
    { name: 'value is not replaced by empty', lists: [args({ a: '1' }), args({ a: undefined })], expected: { ok: true, value: args({ a: '1' }) } },
    { name: 'conflicting values', lists: [args({ a: '1' }), args({ a: '2' })], expected: { ok: false, error: "Argument `a` specified multiple times with different values: '1', '2'" } },
  ])('$name', ({ lists, expected }) => expect(flattenArgs(lists)).toEqual(expected));
});
