import { describe, expect, it } from 'vitest';
import { applyJsonPatch, JSON_PATCH_STATUS_MESSAGE, PatchError } from './index.js';

type Json = Record<string, unknown>;
/** Reads a dotted path out of the patched document. */
const dig = (d: unknown, path: string): unknown =>
  path === '' ? d : path.split('.').reduce<unknown>((cur, k) => (cur as Json | undefined)?.[k], d);
const has = (d: unknown, path: string, key: string): boolean => Object.hasOwn(dig(d, path) as Json, key);

const doc = () => ({
  metadata: { name: 'demo', annotations: { 'a/b': 'slash', 'm~n': 'tilde' } },
  spec: { replicas: 3, paused: false, list: ['a', 'b', 'c'] },
});

describe('applyJsonPatch', () => {
  it.each([
    { name: 'add a new field', ops: [{ op: 'add', path: '/spec/x', value: 1 }], at: (d: unknown) => dig(d, 'spec.x'), want: 1 },
    { name: 'add replaces an existing field', ops: [{ op: 'add', path: '/spec/replicas', value: 5 }], at: (d: unknown) => dig(d, 'spec.replicas'), want: 5 },
    { name: 'add inserts into an array', ops: [{ op: 'add', path: '/spec/list/1', value: 'z' }], at: (d: unknown) => dig(d, 'spec.list'), want: ['a', 'z', 'b', 'c'] },
    { name: 'add appends with -', ops: [{ op: 'add', path: '/spec/list/-', value: 'z' }], at: (d: unknown) => dig(d, 'spec.list'), want: ['a', 'b', 'c', 'z'] },
    { name: 'add at index == length appends', ops: [{ op: 'add', path: '/spec/list/3', value: 'z' }], at: (d: unknown) => dig(d, 'spec.list'), want: ['a', 'b', 'c', 'z'] },
    { name: 'remove a field', ops: [{ op: 'remove', path: '/spec/paused' }], at: (d: unknown) => has(d, 'spec', 'paused'), want: false },
    { name: 'remove an array element', ops: [{ op: 'remove', path: '/spec/list/0' }], at: (d: unknown) => dig(d, 'spec.list'), want: ['b', 'c'] },
    { name: 'negative index counts from the end', ops: [{ op: 'remove', path: '/spec/list/-1' }], at: (d: unknown) => dig(d, 'spec.list'), want: ['a', 'b'] },
    { name: 'replace a value', ops: [{ op: 'replace', path: '/spec/replicas', value: 0 }], at: (d: unknown) => dig(d, 'spec.replicas'), want: 0 },
    { name: 'replace sets a missing object key (json-patch v4 behaviour)', ops: [{ op: 'replace', path: '/spec/new', value: 'v' }], at: (d: unknown) => dig(d, 'spec.new'), want: 'v' },
    { name: '~1 decodes to /', ops: [{ op: 'replace', path: '/metadata/annotations/a~1b', value: 'x' }], at: (d: unknown) => (dig(d, 'metadata.annotations') as Json)['a/b'], want: 'x' },
    { name: '~0 decodes to ~', ops: [{ op: 'remove', path: '/metadata/annotations/m~0n' }], at: (d: unknown) => Object.keys(dig(d, 'metadata.annotations') as Json), want: ['a/b'] },
    { name: 'move', ops: [{ op: 'move', from: '/spec/replicas', path: '/spec/count' }], at: (d: unknown) => [dig(d, 'spec.replicas'), dig(d, 'spec.count')], want: [undefined, 3] },
    { name: 'copy is deep', ops: [{ op: 'copy', from: '/spec/list', path: '/spec/copy' }, { op: 'add', path: '/spec/copy/-', value: 'd' }], at: (d: unknown) => [(dig(d, 'spec.list') as unknown[]).length, (dig(d, 'spec.copy') as unknown[]).length], want: [3, 4] },
    { name: 'test then replace', ops: [{ op: 'test', path: '/spec/replicas', value: 3 }, { op: 'replace', path: '/spec/replicas', value: 4 }], at: (d: unknown) => dig(d, 'spec.replicas'), want: 4 },
    { name: 'test deep equality ignores key order', ops: [{ op: 'test', path: '/metadata/annotations', value: { 'm~n': 'tilde', 'a/b': 'slash' } }], at: (d: unknown) => dig(d, 'metadata.name'), want: 'demo' },
    { name: 'test of a missing key against null passes', ops: [{ op: 'test', path: '/spec/none', value: null }], at: (d: unknown) => dig(d, 'spec.replicas'), want: 3 },
    { name: 'replace the whole document', ops: [{ op: 'replace', path: '', value: { a: 1 } }], at: (d: unknown) => d, want: { a: 1 } },
    {
      name: 'SSA migration: replace managedFields and resourceVersion',
      ops: [
        { op: 'replace', path: '/metadata/managedFields', value: [{ manager: 'kubectl', operation: 'Apply' }] },
        { op: 'replace', path: '/metadata/resourceVersion', value: '42' },
      ],
      at: (d: unknown) => [dig(d, 'metadata.managedFields.0.manager'), dig(d, 'metadata.resourceVersion')],
      want: ['kubectl', '42'],
    },
  ])('$name', ({ ops, at, want }) => {
    expect(at(applyJsonPatch(doc(), ops))).toEqual(want);
  });

  it('does not mutate the input', () => {
    const input = doc();
    applyJsonPatch(input, [{ op: 'remove', path: '/spec/list/0' }, { op: 'add', path: '/spec/x', value: 1 }]);
    expect(input).toEqual(doc());
  });

  it.each([
    { name: 'add under a missing parent', ops: [{ op: 'add', path: '/spec/x/y', value: 1 }], message: 'add operation does not apply: doc is missing path: "/spec/x/y": missing value' },
    { name: 'remove a missing key', ops: [{ op: 'remove', path: '/spec/nope' }], message: "error in remove for path: '/spec/nope': Unable to remove nonexistent key: nope: missing value" },
    { name: 'remove under a missing parent', ops: [{ op: 'remove', path: '/nope/x' }], message: 'remove operation does not apply: doc is missing path: "/nope/x": missing value' },
    { name: 'failed test', ops: [{ op: 'test', path: '/spec/replicas', value: 4 }], message: 'testing value /spec/replicas failed: test failed' },
    { name: 'test under a missing parent', ops: [{ op: 'test', path: '/nope/x', value: 4 }], message: 'test operation does not apply: is missing path: /nope/x: missing value' },
    { name: 'add past the end of an array', ops: [{ op: 'add', path: '/spec/list/9', value: 'z' }], message: "error in add for path: '/spec/list/9': Unable to access invalid index: 9: invalid index referenced" },
    { name: 'replace past the end of an array', ops: [{ op: 'replace', path: '/spec/list/9', value: 'z' }], message: 'replace operation does not apply: doc is missing key: /spec/list/9: missing value' },
    { name: 'move from a missing path', ops: [{ op: 'move', from: '/a/b', path: '/spec/x' }], message: 'move operation does not apply: doc is missing from path: /a/b: missing value' },
    { name: 'copy to a missing parent', ops: [{ op: 'copy', from: '/spec/replicas', path: '/a/b' }], message: 'copy operation does not apply: doc is missing destination path: /a/b: missing value' },
    { name: 'unknown op', ops: [{ op: 'frobnicate', path: '/spec' }], message: 'Unexpected kind: frobnicate' },
  ])('fails with the upstream message: $name', ({ ops, message }) => {
    const err = (() => {
      try {
        applyJsonPatch(doc(), ops);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(PatchError);
    expect(err).toMatchObject({ message, code: 422, reason: 'Invalid', statusMessage: JSON_PATCH_STATUS_MESSAGE });
  });

  it('a body that is not a JSON array is a 400', () => {
    expect(() => applyJsonPatch(doc(), { op: 'add' })).toThrow(expect.objectContaining({ code: 400, reason: 'BadRequest' }));
  });
});
