import { describe, expect, it } from 'vitest';
import { ApiError } from './errors.js';
import { formatLabelSelector, matchesFields, matchesLabels, parseFieldSelector, parseLabelSelector } from './selectors.js';
import type { KubeObject } from './types.js';

const labels = { app: 'web', tier: 'front', 'app.kubernetes.io/name': 'demo' };

describe('label selectors', () => {
  it.each([
    { name: 'empty selects all', selector: '', match: true },
    { name: 'equality', selector: 'app=web', match: true },
    { name: 'double equals', selector: 'app==web', match: true },
    { name: 'inequality', selector: 'app!=web', match: false },
    { name: 'inequality on missing key matches', selector: 'zone!=a', match: true },
    { name: 'in', selector: 'tier in (back, front)', match: true },
    { name: 'in without the value', selector: 'tier in (back)', match: false },
    { name: 'notin', selector: 'tier notin (back)', match: true },
    { name: 'exists', selector: 'tier', match: true },
    { name: 'does not exist', selector: '!tier', match: false },
    { name: 'prefixed key', selector: 'app.kubernetes.io/name=demo', match: true },
    { name: 'AND of requirements', selector: 'app=web,tier in (back)', match: false },
  ])('$name: "$selector" → $match', ({ selector, match }) => {
    expect(matchesLabels(parseLabelSelector(selector), labels)).toBe(match);
  });

  it.each([{ selector: 'a in (b' }, { selector: 'a=b,' + '(' }, { selector: '=x' }])('rejects "$selector" with 400', ({ selector }) => {
    expect(() => parseLabelSelector(selector)).toThrow(ApiError);
  });

  it('formats a LabelSelector object the way Scale.status.selector shows it', () => {
    const sel = { matchLabels: { b: '2', a: '1' }, matchExpressions: [{ key: 'c', operator: 'In', values: ['y', 'x'] }, { key: 'd', operator: 'DoesNotExist' }] };
    expect(formatLabelSelector(sel)).toBe('a=1,b=2,c in (x,y),!d');
  });
});

describe('field selectors', () => {
  const pod: KubeObject = { metadata: { name: 'p', namespace: 'ns' }, status: { phase: 'Running' }, involvedObject: { kind: 'Pod' } };
  it.each([
    { selector: 'metadata.name=p', match: true },
    { selector: 'metadata.name!=p', match: false },
    { selector: 'metadata.namespace==ns,status.phase=Running', match: true },
    { selector: 'status.phase=Pending', match: false },
    { selector: 'involvedObject.kind=Pod', match: true },
  ])('"$selector" → $match', ({ selector, match }) => {
    expect(matchesFields(parseFieldSelector(selector), pod)).toBe(match);
  });
});
