import { describe, expect, it } from 'vitest';
import { mapSelectorMatches, selectorMatches } from './label-selector.js';

const labels = { app: 'web', tier: 'fe' };

describe('selectorMatches (metav1.LabelSelector)', () => {
  it.each([
    { name: 'matchLabels subset', selector: { matchLabels: { app: 'web' } }, want: true },
    { name: 'matchLabels mismatch', selector: { matchLabels: { app: 'db' } }, want: false },
    { name: 'empty selector matches all', selector: {}, want: true },
    { name: 'missing selector matches none', selector: undefined, want: false },
    { name: 'In', selector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['fe', 'be'] }] }, want: true },
    { name: 'NotIn', selector: { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['fe'] }] }, want: false },
    { name: 'Exists', selector: { matchExpressions: [{ key: 'app', operator: 'Exists' }] }, want: true },
    { name: 'DoesNotExist', selector: { matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }, want: false },
    { name: 'unknown operator', selector: { matchExpressions: [{ key: 'app', operator: 'Gt', values: ['1'] }] }, want: false },
  ])('$name', ({ selector, want }) => {
    expect(selectorMatches(selector, labels)).toBe(want);
  });
});

describe('mapSelectorMatches (Service spec.selector)', () => {
  it.each([
    { name: 'all pairs equal', selector: { app: 'web' }, want: true },
    { name: 'one pair differs', selector: { app: 'web', tier: 'be' }, want: false },
    { name: 'empty selects nothing', selector: {}, want: false },
  ])('$name', ({ selector, want }) => {
    expect(mapSelectorMatches(selector, labels)).toBe(want);
  });
});
