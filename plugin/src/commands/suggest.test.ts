// cobra-style suggestions for an unknown command.
import { describe, expect, it } from 'vitest';
import { levenshtein, suggestionsFor } from './suggest.js';

describe('levenshtein (case-insensitive)', () => {
  it.each([
    { a: 'promot', b: 'promote', d: 1 },
    { a: 'ABORT', b: 'abort', d: 0 },
    { a: 're', b: 'set', d: 2 },
    { a: 're', b: 'undo', d: 4 },
    { a: '', b: 'get', d: 3 },
  ])('$a ↔ $b = $d', ({ a, b, d }) => {
    expect(levenshtein(a, b)).toBe(d);
  });
});

describe('suggestionsFor', () => {
  it('lists matches in upstream’s AddCommand order, not alphabetically', () => {
    expect(suggestionsFor('re', ['abort', 'set', 'retry', 'get', 'restart', 'undo'])).toEqual(['get', 'restart', 'retry', 'set']);
  });
  it('prefix matches at any distance', () => {
    expect(suggestionsFor('term', ['terminate', 'status'])).toEqual(['terminate']);
  });
  it('nothing close → none', () => {
    expect(suggestionsFor('bogus', ['abort', 'get', 'promote'])).toEqual([]);
  });
});
