import { describe, expect, it } from 'vitest';
import { GoJsonError, goJsonMarshal } from './go-json.js';
import type { GoStructTable } from './go-types.js';

// A miniature of corev1 shapes. The expected strings were produced by Go itself (go1.19.8 encoding/json,
// json.Unmarshal of the input then json.Marshal) for structs declared with exactly these tags:
//   type RR struct { Limits map[string]string `json:"limits,omitempty"`; Claims []string `json:"claims,omitempty"` }
//   type C struct { Name string `json:"name"`; Resources RR `json:"resources,omitempty"`;
//                   Cmd []string `json:"command,omitempty"`; P *bool `json:"p,omitempty"`; B bool `json:"b,omitempty"` }
//   type S struct { Containers []C `json:"containers"` }
const MINI: GoStructTable = {
  't.RR': [
    ['limits', 'map[]string', true, false],
    ['claims', '[]string', true, false],
  ],
  't.C': [
    ['name', 'string', false, false],
    ['resources', 't.RR', true, false],
    ['command', '[]string', true, false],
    ['p', '*bool', true, false],
    ['b', 'bool', true, false],
  ],
  't.S': [['containers', '[]t.C', false, false]],
};

describe('goJsonMarshal — Go-produced vectors for encoding/json mechanics', () => {
  it.each([
    {
      name: 'non-pointer struct with omitempty is still emitted as {}; empty slice with omitempty dropped; *bool false kept',
      input: { containers: [{ name: 'x<&>\u2028', command: [], p: false }] },
      go: '{"containers":[{"name":"x\\u003c\\u0026\\u003e\\u2028","resources":{},"p":false}]}',
    },
    { name: 'nil slice without omitempty prints null', input: {}, go: '{"containers":null}' },
    { name: 'empty slice without omitempty prints []', input: { containers: [] }, go: '{"containers":[]}' },
  ])('$name', ({ input, go }) => {
    expect(goJsonMarshal(input, 't.S', MINI)).toBe(go);
  });

  it('sorts map keys by byte order (Go printed {"B":"3","_":"4","a":"2","b":"1"})', () => {
    const table: GoStructTable = { 't.M': [['m', 'map[]string', false, false]] };
    expect(goJsonMarshal({ m: { b: '1', a: '2', B: '3', _: '4' } }, 't.M', table)).toBe('{"m":{"B":"3","_":"4","a":"2","b":"1"}}');
  });
});

describe('goJsonMarshal — decode failures surface like Go’s Unmarshal errors', () => {
  it.each([
    { name: 'number into string', input: { containers: [{ name: 1 }] } },
    { name: 'object into slice', input: { containers: {} } },
    { name: 'string into bool pointer', input: { containers: [{ name: 'a', p: 'yes' }] } },
  ])('$name', ({ input }) => {
    expect(() => goJsonMarshal(input, 't.S', MINI)).toThrow(GoJsonError);
  });
});
