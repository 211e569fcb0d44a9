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

describe('goJsonMarshal — metav1.Time', () => {
  const table: GoStructTable = { 't.T': [['at', 'time', true, true], ['ptr', '*time', true, false]] };
  it.each([
    { name: 'RFC 3339 with offset → UTC seconds', input: { at: '2026-01-02T03:04:05.999+02:00' }, go: '{"at":"2026-01-02T01:04:05Z"}' },
    { name: 'a Date object (client-node ObjectSerializer)', input: { at: new Date(Date.UTC(2026, 0, 2, 3, 4, 5)) }, go: '{"at":"2026-01-02T03:04:05Z"}' },
    { name: 'Go zero time is omitted by omitzero', input: { at: '0001-01-01T00:00:00Z' }, go: '{}' },
    { name: 'a pointer to a time is printed when set', input: { ptr: '2026-01-02T03:04:05Z' }, go: '{"ptr":"2026-01-02T03:04:05Z"}' },
  ])('$name', ({ input, go }) => {
    expect(goJsonMarshal(input, 't.T', table)).toBe(go);
  });
});
