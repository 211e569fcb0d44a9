import { describe, expect, it } from 'vitest';
import { selectJsonPath, toJsonPathPlus } from './json-path.js';

const body = { data: { ok: true, successPercent: 0.97, items: [{ name: 'a', v: 1 }, { name: 'b', v: 2 }] }, results: [{ value: '0.97' }] };

// argo-compat §17: Kubernetes braces stripped, first value taken
describe('selectJsonPath', () => {
  it.each([
    { path: '{$.data.ok}', value: true },
    { path: '{$.results[0].value}', value: '0.97' },
    { path: '{.data.successPercent}', value: 0.97 },
    { path: '{$.data}', value: body.data },
    { path: '{$}', value: body },
    { path: '', value: body },
    { path: undefined, value: body },
    { path: '{$.data.items[?(@.name=="b")].v}', value: 2 },
    { path: '{$.data.items[*].v}', value: 1 },
  ])('$path', ({ path, value }) => expect(selectJsonPath(body, path)).toEqual({ value }));

  it.each([
    { name: 'missing key (upstream webmetric_test novalue)', path: '{$.data.missing}', error: 'Could not find JSONPath in body: missing is not found' },
    { name: 'missing nested key', path: '{.nope.deeper}', error: 'Could not find JSONPath in body: nope is not found' },
    { name: 'index out of range', path: '{$.results[3].value}', error: 'Could not find JSONPath in body: array index out of bounds: index 3, length 1' },
    { name: 'filter without match', path: '{$.data.items[?(@.name=="z")].v}', error: 'result of web metric produced no value' },
    { name: 'no braces', path: '$.data', error: 'unsupported jsonPath template: $.data' },
    { name: 'several blocks', path: '{.a}{.b}', error: 'unsupported jsonPath template: {.a}{.b}' },
  ])('$name', ({ path, error }) => expect(selectJsonPath(body, path)).toEqual({ error }));

  it('script evaluation is not available (safe mode only)', () => {
    const out = selectJsonPath(body, '{$.data.items[?(@.constructor.constructor("return process")())]}');
    expect('value' in out).toBe(false);
  });

  it('bare member names get the root', () => expect(toJsonPathPlus('{data.ok}')).toEqual({ path: '$.data.ok' }));
});
