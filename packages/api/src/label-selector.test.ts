import { describe, expect, it } from 'vitest';
import type { V1LabelSelector } from '@kubernetes/client-node';
import { formatLabelSelector, isEmptyLabelSelector, labelSelectorMatches } from './label-selector.js';

const byLabels: V1LabelSelector = { matchLabels: { app: 'guestbook' } };

interface MatchRow {
  name: string;
  selector: V1LabelSelector | undefined;
  labels: Record<string, string>;
  matches: boolean;
}

describe('labelSelectorMatches', () => {
  it.each<MatchRow>([
    { name: 'matching label', selector: byLabels, labels: { app: 'guestbook', x: 'y' }, matches: true },
    { name: 'different value', selector: byLabels, labels: { app: 'other' }, matches: false },
    { name: 'missing selector selects nothing', selector: undefined, labels: { app: 'guestbook' }, matches: false },
    { name: 'empty selector selects everything', selector: {}, labels: {}, matches: true },
    { name: 'In', selector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['web', 'api'] }] }, labels: { tier: 'api' }, matches: true },
    { name: 'NotIn with absent key', selector: { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['web'] }] }, labels: {}, matches: true },
    { name: 'Exists', selector: { matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, labels: { app: 'a' }, matches: false },
    { name: 'DoesNotExist', selector: { matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] }, labels: { app: 'a' }, matches: true },
  ])('$name', ({ selector, labels, matches }) => {
    expect(labelSelectorMatches(selector, labels)).toBe(matches);
  });
});

describe('formatLabelSelector', () => {
  it.each([
    { name: 'single label', selector: byLabels, text: 'app=guestbook' },
    {
      name: 'keys sorted',
      selector: { matchLabels: { 'rollouts-pod-template-hash': '6c5b9f8f4d', app: 'rollout-bluegreen' } },
      text: 'app=rollout-bluegreen,rollouts-pod-template-hash=6c5b9f8f4d',
    },
    { name: 'empty', selector: {}, text: '<none>' },
    { name: 'expressions', selector: { matchExpressions: [{ key: 'b', operator: 'In', values: ['y', 'x'] }, { key: 'a', operator: 'DoesNotExist' }] }, text: '!a,b in (x,y)' },
  ])('$name', ({ selector, text }) => {
    expect(formatLabelSelector(selector)).toBe(text);
    expect(isEmptyLabelSelector(selector)).toBe(text === '<none>');
  });
});
