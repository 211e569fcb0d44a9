import { describe, expect, it } from 'vitest';
import { PatchError } from '../errors.js';
import data from './__fixtures__/upstream-smp-cases.json' with { type: 'json' };
import type { FieldPatchMeta } from './patch-meta.js';
import { strategicMergeWithLookup } from './strategic-merge.js';

// Patch-application expectations of apimachinery's strategicpatch/patch_test.go, run against the MergeItem
// test struct's patch metadata (see extract-upstream-cases.mjs).
const meta = data.meta as Record<string, Record<string, FieldPatchMeta>>;
const lookup = (type: string | undefined, field: string): FieldPatchMeta => (type ? meta[type]?.[field] : undefined) ?? {};

type Case = { name: string; original: unknown; patch: unknown; expected?: unknown; expectedError?: string };
const cases = data.cases as Case[];

describe('strategic merge patch: upstream patch_test.go application cases', () => {
  it('has the upstream cases', () => {
    expect(cases.length).toBeGreaterThan(200);
  });

  it.each(cases.filter((c) => c.expectedError === undefined))('$name', ({ original, patch, expected }) => {
    expect(strategicMergeWithLookup(original, patch, 'MergeItem', lookup)).toEqual(expected);
  });

  it.each(cases.filter((c) => c.expectedError !== undefined))('$name fails with "$expectedError"', ({ original, patch, expectedError }) => {
    expect(() => strategicMergeWithLookup(original, patch, 'MergeItem', lookup)).toThrow(PatchError);
    expect(() => strategicMergeWithLookup(original, patch, 'MergeItem', lookup)).toThrow(expectedError);
  });
});
