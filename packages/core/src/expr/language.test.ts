import { describe, expect, it } from 'vitest';
import { evaluateCondition, evaluateExpression } from './index.js';

// parity: expr-lang/expr docs/language-definition.md (v1.17.8) — every example there that Serin supports, plus
// the precedence and typing rules of parser/operator/operator.go and vm/runtime. Integers are Go `int` (bigint
// here), floats are float64 (number): `7 / 2` is 3.5, `7 % 2` is 1n.

const now = Date.UTC(2026, 10, 27, 12, 0, 0);
const evalValue = (expression: string, result: unknown = null): unknown => evaluateExpression(result, expression, { now });

describe('literals', () => {
  it.each([
    { expression: '42', expected: 42n },
    { expression: '0x2A', expected: 42n },
    { expression: '0o52', expected: 42n },
    { expression: '0b101010', expected: 42n },
    { expression: '1_000_000', expected: 1_000_000n },
    { expression: '0.5', expected: 0.5 },
    { expression: '.5', expected: 0.5 },
    { expression: '1e3', expected: 1000 },
    { expression: '"foo"', expected: 'foo' },
    { expression: "'bar'", expected: 'bar' },
    { expression: '"Hello\\nWorld"', expected: 'Hello\nWorld' },
    { expression: '"caf\\u00e9"', expected: 'café' },
    { expression: '`raw\\n`', expected: 'raw\\n' },
    { expression: 'nil', expected: null },
    { expression: 'true', expected: true },
    { expression: '[1, 2.5, "x"]', expected: [1n, 2.5, 'x'] },
    { expression: '[1, 2,]', expected: [1n, 2n] },
    { expression: '{a: 1, "b": 2}.b', expected: 2n },
    { expression: '1 /* comment */ + 2 // tail', expected: 3n },
  ])('$expression', ({ expression, expected }) => {
    expect(evalValue(expression)).toEqual(expected);
  });
});

describe('operators and precedence', () => {
  it.each([
    { expression: '1 + 2 * 3', expected: 7n },
    { expression: '(1 + 2) * 3', expected: 9n },
    { expression: '10 - 2 - 3', expected: 5n },
    { expression: '7 / 2', expected: 3.5 },
    { expression: '6 / 3', expected: 2 },
    { expression: '7 % 3', expected: 1n },
    { expression: '-7 % 3', expected: -1n },
    { expression: '2 ** 10', expected: 1024 },
    { expression: '2 ^ 10', expected: 1024 },
    { expression: '2 ** 3 ** 2', expected: 512 },
    { expression: '-2 ** 2', expected: -4 },
    { expression: '1 + 0.5', expected: 1.5 },
    { expression: '"a" + "b"', expected: 'ab' },
    { expression: '9223372036854775807 + 1 < 0', expected: true },
    { expression: '1 / 0 > 1e308', expected: true },
    { expression: '1 == 1.0', expected: true },
    { expression: '1 != 2', expected: true },
    { expression: 'true && false || true', expected: true },
    { expression: 'true || false && false', expected: true },
    { expression: 'not true or true', expected: true },
    { expression: '!true == false', expected: true },
    { expression: '!(1 > 2)', expected: true },
    { expression: 'not (1 > 2) and 2 > 1', expected: true },
    { expression: '1 < 2 == true', expected: true },
    { expression: '1 < 2 < 3', expected: true },
    { expression: '1 < 3 < 2', expected: false },
    { expression: '3 > 2 >= 2', expected: true },
    { expression: 'true ? 1 : 2', expected: 1n },
    { expression: 'false ? 1 : 2 > 1 ? "a" : "b"', expected: 'a' },
    { expression: '1 > 2 ?: "fallback"', expected: 'fallback' },
    { expression: 'nil ?? "d"', expected: 'd' },
    { expression: '0 ?? 5', expected: 0n },
    { expression: '1..3', expected: [1n, 2n, 3n] },
    { expression: '3..1', expected: [] },
    { expression: '1..3 == [1, 2, 3]', expected: true },
    { expression: '[1, 2] == [1, 2]', expected: true },
    { expression: '[1, 2] == [2, 1]', expected: false },
    { expression: '{a: 1} == {a: 1}', expected: true },
    { expression: 'nil == nil', expected: true },
    { expression: '"John" in ["John", "Jane"]', expected: true },
    { expression: '"name" in {"name": "John", "age": 30}', expected: true },
    { expression: '"x" not in ["a"]', expected: true },
    { expression: '2 in [1.0, 2.0]', expected: true },
    { expression: '"abc" contains "b"', expected: true },
    { expression: '"abc" not contains "z"', expected: true },
    { expression: '"abc" startsWith "ab"', expected: true },
    { expression: '"abc" endsWith "bc"', expected: true },
    { expression: '"abc" not endsWith "a"', expected: true },
    { expression: '"abc" matches "^[a-c]+$"', expected: true },
    { expression: '"ABC" matches "(?i)^abc$"', expected: true },
    { expression: '"abc" not matches "z"', expected: true },
    { expression: '"Hello World" | lower() | split(" ")', expected: ['hello', 'world'] },
  ])('$expression → $expected', ({ expression, expected }) => {
    expect(evalValue(expression)).toEqual(expected);
  });
});

describe('member access, indexing and slices', () => {
  const result = { ok: true, items: [{ name: 'a', v: 1 }, { name: 'b', v: 2 }], 'a.b': 5, nested: { deep: { x: 'y' } }, none: null };
  const array = [1, 2, 3, 4, 5];
  it.each([
    { expression: 'result.ok', input: result, expected: true },
    { expression: 'result["ok"]', input: result, expected: true },
    { expression: "result['a.b']", input: result, expected: 5 },
    { expression: 'result.items[1].name', input: result, expected: 'b' },
    { expression: 'result.items[-1].v', input: result, expected: 2 },
    { expression: 'result.nested.deep.x', input: result, expected: 'y' },
    { expression: 'result.missing', input: result, expected: null },
    { expression: 'result.missing ?? 5', input: result, expected: 5n },
    { expression: 'result.none?.field', input: result, expected: null },
    { expression: 'result.none?.["field"]', input: result, expected: null },
    { expression: 'result.none matches "z"', input: result, expected: false },
    { expression: 'result.none contains "z"', input: result, expected: false },
    { expression: '"z" startsWith result.none', input: result, expected: false },
    { expression: 'result[0]', input: array, expected: 1 },
    { expression: 'result[-1]', input: array, expected: 5 },
    { expression: 'result[1:4]', input: array, expected: [2, 3, 4] },
    { expression: 'result[1:-1]', input: array, expected: [2, 3, 4] },
    { expression: 'result[:3]', input: array, expected: [1, 2, 3] },
    { expression: 'result[3:]', input: array, expected: [4, 5] },
    { expression: 'result[:]', input: array, expected: array },
    { expression: 'result[4:99]', input: array, expected: [5] },
    { expression: '[1, 2, 3][-1]', input: null, expected: 3n },
    { expression: '"abc"[1:]', input: null, expected: 'bc' },
  ])('$expression', ({ expression, input, expected }) => {
    expect(evalValue(expression, input)).toEqual(expected);
  });
});

describe('predicates (closures)', () => {
  const tweets = [{ Size: 100, Content: 'short', ok: true }, { Size: 300, Content: 'x'.repeat(250), ok: false }];
  it.each([
    { expression: 'all(result, {# > 1})', input: [2, 3], expected: true },
    { expression: 'all(result, # > 1)', input: [1, 3], expected: false },
    { expression: 'all(result, # > 1)', input: [], expected: true },
    { expression: 'any(result, {# > 2})', input: [1, 3], expected: true },
    { expression: 'any(result, # > 2)', input: [], expected: false },
    { expression: 'none(result, {# > 5})', input: [1, 3], expected: true },
    { expression: 'one(result, {# > 2})', input: [1, 3, 4], expected: false },
    { expression: 'one(result, {# > 3})', input: [1, 3, 4], expected: true },
    { expression: 'filter(result, {# > 1})', input: [1, 2, 3], expected: [2, 3] },
    { expression: 'map(result, {# * 2})', input: [1, 2], expected: [2, 4] },
    { expression: 'count(result, {# > 1})', input: [1, 2, 3], expected: 2n },
    { expression: 'count([true, false, true])', input: null, expected: 2n },
    { expression: 'all(result, {.Size < 280})', input: tweets, expected: false },
    { expression: 'any(result, .Size > 280)', input: tweets, expected: true },
    { expression: 'one(result, {.ok})', input: tweets, expected: true },
    { expression: 'filter(result, len(.Content) > 240)[0].Size', input: tweets, expected: 300 },
    { expression: 'map(result, {#.Size})', input: tweets, expected: [100, 300] },
    { expression: 'filter(0..9, {# % 2 == 0})', input: null, expected: [0n, 2n, 4n, 6n, 8n] },
    { expression: 'all(result, {# == #index})', input: [0, 1, 2], expected: true },
    { expression: 'all(result, {all(#, {# > 0})})', input: [[1, 2], [3]], expected: true },
    { expression: 'find([1, 2, 3, 4], # > 2)', input: null, expected: 3n },
    { expression: 'findIndex([1, 2, 3, 4], # > 2)', input: null, expected: 2n },
    { expression: 'findLast([1, 2, 3, 4], # > 2)', input: null, expected: 4n },
    { expression: 'findLastIndex([1, 2, 3, 4], # > 2)', input: null, expected: 3n },
    { expression: 'find([1, 2], # > 5)', input: null, expected: null },
    { expression: 'sum([1, 2, 3])', input: null, expected: 6n },
    { expression: 'sum(result)', input: [0.5, 0.25], expected: 0.75 },
    { expression: 'sum(result, .Size)', input: tweets, expected: 400 },
    { expression: 'reduce(1..9, #acc + #)', input: null, expected: 45n },
    { expression: 'reduce(1..9, #acc + #, 10)', input: null, expected: 55n },
  ])('$expression', ({ expression, input, expected }) => {
    expect(evalValue(expression, input)).toEqual(expected);
  });
});

describe('builtin functions', () => {
  it.each([
    { expression: 'len([1, 2, 3])', expected: 3n },
    { expression: 'len({"name": "John", "age": 30})', expected: 2n },
    { expression: 'len("Hello")', expected: 5n },
    { expression: 'len("héllo")', expected: 6n },
    { expression: 'abs(-5)', expected: 5n },
    { expression: 'abs(-0.5)', expected: 0.5 },
    { expression: 'ceil(1.5)', expected: 2 },
    { expression: 'floor(1.5)', expected: 1 },
    { expression: 'round(1.5)', expected: 2 },
    { expression: 'round(-1.5)', expected: -2 },
    { expression: 'round(2)', expected: 2 },
    { expression: 'max(5, 7)', expected: 7n },
    { expression: 'min(5, 7)', expected: 5n },
    { expression: 'max([0.01, 0.087, 0.04])', expected: 0.087 },
    { expression: 'mean([1, 2, 3])', expected: 2 },
    { expression: 'median([1, 2, 3, 4])', expected: 2.5 },
    { expression: 'first([1, 2, 3])', expected: 1n },
    { expression: 'last([1, 2, 3])', expected: 3n },
    { expression: 'first([])', expected: null },
    { expression: 'take([1, 2, 3, 4], 2)', expected: [1n, 2n] },
    { expression: 'reverse([3, 1, 4])', expected: [4n, 1n, 3n] },
    { expression: 'uniq([1, 2, 3, 2, 1])', expected: [1n, 2n, 3n] },
    { expression: 'concat([1, 2], [3, 4])', expected: [1n, 2n, 3n, 4n] },
    { expression: 'keys({"name": "John", "age": 30})', expected: ['name', 'age'] },
    { expression: 'values({"name": "John", "age": 30})', expected: ['John', 30n] },
    { expression: 'get([1, 2, 3], 1)', expected: 2n },
    { expression: 'get([1, 2, 3], 9)', expected: null },
    { expression: 'get({"name": "John"}, "name")', expected: 'John' },
    { expression: 'type(42)', expected: 'int' },
    { expression: 'type(4.2)', expected: 'float' },
    { expression: 'type(nil)', expected: 'nil' },
    { expression: 'type([])', expected: 'array' },
    { expression: 'int("123")', expected: 123n },
    { expression: 'int(3.9)', expected: 3n },
    { expression: 'float("123.45")', expected: 123.45 },
    { expression: 'string(123)', expected: '123' },
    { expression: 'string(0.5)', expected: '0.5' },
    { expression: 'trim("  Hello  ")', expected: 'Hello' },
    { expression: 'trim("__Hello__", "_")', expected: 'Hello' },
    { expression: 'trimPrefix("HelloWorld", "Hello")', expected: 'World' },
    { expression: 'trimSuffix("HelloWorld", "World")', expected: 'Hello' },
    { expression: 'upper("hello")', expected: 'HELLO' },
    { expression: 'lower("HELLO")', expected: 'hello' },
    { expression: 'split("apple,orange,grape", ",")', expected: ['apple', 'orange', 'grape'] },
    { expression: 'join(["apple", "orange", "grape"], ",")', expected: 'apple,orange,grape' },
    { expression: 'join(["a", "b"])', expected: 'ab' },
    { expression: 'indexOf("apple pie", "pie")', expected: 6n },
    { expression: 'hasPrefix("HelloWorld", "Hello")', expected: true },
    { expression: 'hasSuffix("HelloWorld", "World")', expected: true },
  ])('$expression → $expected', ({ expression, expected }) => {
    expect(evalValue(expression)).toEqual(expected);
  });
});

describe('dates and durations (clock injected: 2026-11-27T12:00:00Z)', () => {
  it.each([
    { expression: 'duration("1h").Seconds() == 3600', expected: true },
    { expression: 'duration("1h30m").Minutes() == 90', expected: true },
    { expression: 'duration("1.5s") == duration("1500ms")', expected: true },
    { expression: 'duration("-1m") < duration("0")', expected: true },
    { expression: 'duration("1m") * 2 == duration("2m")', expected: true },
    { expression: 'date("2023-08-14").Year() == 2023', expected: true },
    { expression: 'date("2023-08-14") + duration("24h") == date("2023-08-15")', expected: true },
    { expression: 'date("2023-08-15") - date("2023-08-14") == duration("24h")', expected: true },
    { expression: 'date("2023-08-14") < date("2023-08-15")', expected: true },
    { expression: 'now() > date("2020-01-01")', expected: true },
    { expression: 'now() - date("2026-11-27 11:00:00", "2006-01-02 15:04:05") > duration("30m")', expected: true },
    { expression: 'now().Year() == 2026 && now().Month() == 11 && now().Day() == 27', expected: true },
    { expression: 'date("2023-08-14 00:00:00", "2006-01-02 15:04:05", "Europe/Zurich").Hour() == 0', expected: true },
    { expression: 'date("2023-08-14 00:00:00", "2006-01-02 15:04:05", "Europe/Zurich").UTC().Hour() == 22', expected: true },
    { expression: 'date("Mon, 14 Aug 2023 10:00:00 UTC").Day() == 14', expected: true },
    { expression: 'date("14 Aug 23 10:00 UTC").Hour() == 10', expected: true },
    { expression: 'date("2023-08-14T10:00:00.5Z").Nanosecond() == 500000000', expected: true },
    { expression: 'date("Aug 14, 2023", "Jan 2, 2006").Day() == 14', expected: true },
    { expression: 'date("2023-08-14 03:04:05 PM", "2006-01-02 03:04:05 PM").Hour() == 15', expected: true },
    { expression: 'date("2023-08-14").Before(date("2023-08-15"))', expected: true },
    { expression: 'date("2023-08-15").Sub(date("2023-08-14")).Hours() == 24', expected: true },
    { expression: 'date("15:04:05").Hour() == 15 && date("15:04:05").Second() == 5', expected: true },
    { expression: 'duration("90m").String() == "1h30m0s"', expected: true },
    { expression: 'string(duration("1.5s")) == "1.5s"', expected: true },
    { expression: 'string(duration("250ms")) == "250ms"', expected: true },
  ])('$expression', ({ expression, expected }) => {
    expect(evaluateCondition(null, expression, { now })).toBe(expected);
  });
});
