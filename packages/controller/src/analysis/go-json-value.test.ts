import { describe, expect, it } from 'vitest';
import { goJsonMarshalDecoded } from './go-json-value.js';

describe('goJsonMarshalDecoded (Go json.Marshal of a decoded any)', () => {
  it.each([
    { name: 'map keys sorted, HTML escaped', json: '{"b":1,"a":"<x>"}', out: '{"a":"\\u003cx\\u003e","b":1}' },
    { name: 'ampersand and nested maps', json: '{"z":{"y":"a&b","x":[true,null]},"A":0}', out: '{"A":0,"z":{"x":[true,null],"y":"a\\u0026b"}}' },
    { name: 'keys by byte order (upper case first, then é)', json: '{"é":1,"b":2,"B":3}', out: '{"B":3,"b":2,"é":1}' },
    { name: 'string scalar is quoted', json: '"ok"', out: '"ok"' },
    { name: 'line separator escaped', json: '"a\\u2028b"', out: '"a\\u2028b"' },
    { name: 'float', json: '0.97', out: '0.97' },
    { name: 'integer-valued float', json: '2.0', out: '2' },
    { name: 'small float in exponent form', json: '0.0000001', out: '1e-7' },
    { name: 'large float in exponent form', json: '1e21', out: '1e+21' },
    { name: 'negative zero', json: '-0', out: '-0' },
    { name: 'null', json: 'null', out: 'null' },
  ])('$name', ({ json, out }) => {
    expect(goJsonMarshalDecoded(JSON.parse(json) as unknown)).toBe(out);
  });
});
