import { describe, expect, it } from 'vitest';
import { compareCodePoints, goJsonString, goRawJson } from './go-json-text.js';

describe('goJsonString (Go encoding/json with HTML escaping)', () => {
  it.each([
    { name: 'plain ASCII', input: 'nginx:1.19-alpine', out: '"nginx:1.19-alpine"' },
    { name: 'HTML-significant characters', input: '<a href="x">&</a>', out: '"\\u003ca href=\\"x\\"\\u003e\\u0026\\u003c/a\\u003e"' },
    { name: 'short escapes incl. \\b and \\f (Go ≥ 1.22)', input: '\n\r\t\b\f\\', out: '"\\n\\r\\t\\b\\f\\\\"' },
    { name: 'other C0 controls as lower-case \\u00xx', input: '\u0001\u001f', out: '"\\u0001\\u001f"' },
    { name: 'line and paragraph separators', input: '\u2028\u2029', out: '"\\u2028\\u2029"' },
    { name: 'DEL and non-ASCII stay literal', input: '\u007fé日本', out: '"\u007fé日本"' },
    { name: 'astral characters stay literal', input: '😀', out: '"😀"' },
    { name: 'lone surrogate becomes a literal U+FFFD (Go decoder replacement)', input: '\ud800x', out: '"\ufffdx"' },
    { name: 'single quote is not escaped', input: "it's", out: '"it\'s"' },
  ])('$name', ({ input, out }) => {
    expect(goJsonString(input)).toBe(out);
  });
});

describe('compareCodePoints (Go sorts map keys by UTF-8 bytes)', () => {
  it('orders upper case, underscore, lower case, then non-BMP after BMP', () => {
    expect(['b', 'a', '_', 'B', '\uffff', '😀'].sort(compareCodePoints)).toEqual(['B', '_', 'a', 'b', '\uffff', '😀']);
  });
});

describe('goRawJson (json.RawMessage is compacted with HTML escaping, key order kept)', () => {
  it('keeps the given key order and escapes strings', () => {
    expect(goRawJson({ z: 1, a: ['<x>', true, null], m: { k: 1.5 } })).toBe('{"z":1,"a":["\\u003cx\\u003e",true,null],"m":{"k":1.5}}');
  });
});
