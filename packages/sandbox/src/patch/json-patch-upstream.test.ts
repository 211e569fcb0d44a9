import { describe, expect, it } from 'vitest';
import data from './__fixtures__/json-patch-cases.json' with { type: 'json' };
import { applyJsonPatch, PatchError } from './index.js';

// Table cases of evanphx/json-patch's own patch_test.go (see extract-json-patch-cases.mjs).
type Row = { doc: unknown; patch: unknown; result?: unknown };
const named = <T>(rows: T[], prefix: string) => rows.map((r, i) => ({ name: `${prefix} #${i + 1}`, ...r }));
const cases = named(data.cases as Row[], 'case');

describe('JSON patch: upstream json-patch test tables', () => {
  it.each(cases.filter((c) => c.result !== undefined))('$name gives the expected document', ({ doc, patch, result }) => {
    expect(applyJsonPatch(doc, patch)).toEqual(result);
  });

  it.each(cases.filter((c) => c.result === undefined))('$name applies (array document, result unchecked upstream)', ({ doc, patch }) => {
    expect(() => applyJsonPatch(doc, patch)).not.toThrow();
  });

  it.each(named(data.mutations, 'mutation'))('$name changes the document', ({ doc, patch }) => {
    expect(applyJsonPatch(doc, patch)).not.toEqual(doc);
  });

  it.each(named(data.bad, 'bad case'))('$name fails', ({ doc, patch }) => {
    expect(() => applyJsonPatch(doc, patch)).toThrow(PatchError);
  });

  it.each(named(data.tests.filter((t) => t.result), 'passing test op'))('$name', ({ doc, patch }) => {
    expect(() => applyJsonPatch(doc, patch)).not.toThrow();
  });

  it.each(named(data.tests.filter((t) => !t.result), 'failing test op'))('$name reports $failedPath', ({ doc, patch, failedPath }) => {
    expect(() => applyJsonPatch(doc, patch)).toThrow(`testing value ${failedPath} failed: test failed`);
  });
});
