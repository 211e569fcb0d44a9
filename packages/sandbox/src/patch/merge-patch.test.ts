import { describe, expect, it } from 'vitest';
import { applyMergePatch } from './index.js';

// RFC 7386 appendix A examples, plus the patches kubectl and the controllers send.
describe('applyMergePatch', () => {
  it.each([
    { name: 'A.1 replace a value', doc: { a: 'b' }, patch: { a: 'c' }, want: { a: 'c' } },
    { name: 'A.2 add a member', doc: { a: 'b' }, patch: { b: 'c' }, want: { a: 'b', b: 'c' } },
    { name: 'A.3 null removes', doc: { a: 'b' }, patch: { a: null }, want: {} },
    { name: 'A.4 remove one of two', doc: { a: 'b', b: 'c' }, patch: { a: null }, want: { b: 'c' } },
    { name: 'A.5 array replaced', doc: { a: ['b'] }, patch: { a: 'c' }, want: { a: 'c' } },
    { name: 'A.6 value becomes array', doc: { a: 'c' }, patch: { a: ['b'] }, want: { a: ['b'] } },
    { name: 'A.7 nested merge with removal', doc: { a: { b: 'c' } }, patch: { a: { b: 'd', c: null } }, want: { a: { b: 'd' } } },
    { name: 'A.8 arrays are replaced, not merged', doc: { a: [{ b: 'c' }] }, patch: { a: [1] }, want: { a: [1] } },
    { name: 'A.9 array patch replaces document', doc: ['a', 'b'], patch: ['c', 'd'], want: ['c', 'd'] },
    { name: 'A.10 object patch on array target', doc: { a: 'b' }, patch: ['c'], want: ['c'] },
    { name: 'A.11 null patch', doc: { a: 'foo' }, patch: null, want: null },
    { name: 'A.12 string patch', doc: { a: 'foo' }, patch: 'bar', want: 'bar' },
    { name: 'A.13 nulls dropped from new subtrees', doc: { e: null }, patch: { a: 1 }, want: { e: null, a: 1 } },
    { name: 'A.14 object patch on scalar target', doc: [1, 2], patch: { a: 'b', c: null }, want: { a: 'b' } },
    { name: 'A.15 nested new object drops nulls', doc: {}, patch: { a: { bb: { ccc: null } } }, want: { a: { bb: {} } } },
    { name: 'kubectl scale', doc: { spec: { replicas: 3, paused: true } }, patch: { spec: { replicas: 1 } }, want: { spec: { replicas: 1, paused: true } } },
    {
      name: 'kubectl annotate --overwrite and removal',
      doc: { metadata: { annotations: { a: '1', b: '2' } } },
      patch: { metadata: { annotations: { a: 'x', b: null } } },
      want: { metadata: { annotations: { a: 'x' } } },
    },
  ])('$name', ({ doc, patch, want }) => {
    expect(applyMergePatch(doc, patch)).toEqual(want);
  });

  it('does not mutate the input', () => {
    const doc = { a: { b: 1 } };
    applyMergePatch(doc, { a: { b: 2 } });
    expect(doc).toEqual({ a: { b: 1 } });
  });
});
