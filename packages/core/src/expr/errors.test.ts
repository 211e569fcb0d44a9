import { describe, expect, it } from 'vitest';
import { ExprError, evaluateCondition } from './index.js';

// Error messages, compile-time (lexer, parser, checker) then run-time, as expr-lang v1.17.8 words them
// (Argo shows file.Error.Message unchanged). parity: expr-lang/expr parser/parser.go, checker/checker.go,
// vm/runtime/runtime.go, builtin/builtin.go; argo-rollouts utils/evaluate/evaluate.go.

const list = [1];
const strings = ['a'];
const map = { a: null, n: 1 };

describe('syntax errors', () => {
  it.each([
    { expression: '1 +', message: 'unexpected token EOF' },
    { expression: '(1 + 2', message: 'unexpected token EOF' },
    { expression: 'result[0', message: 'unexpected token EOF' },
    { expression: '1 = 1', message: 'unexpected token Operator("=")' },
    { expression: 'result[0] 0.95', message: 'unexpected token Number("0.95")' },
    { expression: 'result 0.95', message: 'unexpected token Number("0.95")' },
    { expression: '1 not 2', message: 'unexpected token Number("2")' },
    { expression: 'a & b', message: 'unexpected token Operator("&")' },
    { expression: '# > 1', message: 'unexpected token Operator("#")' },
    { expression: 'result.', message: 'expected name' },
    { expression: 'a @ b', message: "unrecognized character: U+0040 '@'" },
    { expression: '"abc', message: 'literal not terminated' },
    { expression: '1 /* open', message: 'unclosed comment' },
    { expression: '12abc', message: 'bad number syntax: "12a"' },
    { expression: '99999999999999999999', message: 'integer literal is too large' },
    { expression: '1 ?? 2 + 3', message: 'Operator (+) and coalesce expressions (??) cannot be mixed. Wrap either by parentheses.' },
    { expression: 'all(result)', message: 'expected at least 2 arguments' },
    { expression: 'all(result, # > 1; true)', message: 'wrap predicate with brackets { and }' },
    { expression: '{[1]: 2}', message: 'a map key must be a quoted string, a number, a identifier, or an expression enclosed in parentheses (unexpected token Bracket("["))' },
    { expression: 'let x = 1; x', message: "'let' is not supported in conditions" },
  ])('$expression → $message', ({ expression, message }) => {
    expect(() => evaluateCondition(list, expression)).toThrow(new ExprError(message));
  });
});

describe('compile-time (checker) errors', () => {
  it.each([
    { result: true, expression: 'invalidVariable', message: 'unknown name invalidVariable' },
    { result: true, expression: 'foo(1)', message: 'unknown name foo' },
    { result: true, expression: 'toJSON(result) == "true"', message: 'builtin toJSON is not supported by Serin' },
    { result: true, expression: 'asInt == nil', message: 'cannot use function asInt as a value' },
    { result: true, expression: 'asInt()', message: 'not enough arguments to call asInt' },
    { result: true, expression: 'asInt(1, 2) == 1', message: 'too many arguments to call asInt' },
    { result: true, expression: 'default(result) == 1', message: 'not enough arguments to call default' },
    { result: true, expression: 'isNaN("x")', message: 'cannot use string as argument (type float64) to call isNaN' },
    { result: true, expression: '1 && true', message: 'invalid operation: && (mismatched types int and bool)' },
    { result: true, expression: '!1', message: 'invalid operation: ! (mismatched type int)' },
    { result: true, expression: '-"a" == 1', message: 'invalid operation: - (mismatched type string)' },
    { result: true, expression: '"a" < 1', message: 'invalid operation: < (mismatched types string and int)' },
    { result: true, expression: '"a" - "b" == ""', message: 'invalid operation: - (mismatched types string and string)' },
    { result: true, expression: '"a" + 1 == ""', message: 'invalid operation: + (mismatched types string and int)' },
    { result: true, expression: '1.5 % 2 == 1', message: 'invalid operation: % (mismatched types float64 and int)' },
    { result: true, expression: 'result == 1', message: 'invalid operation: == (mismatched types bool and int)' },
    { result: 0.5, expression: 'result == "0.5"', message: 'invalid operation: == (mismatched types float64 and string)' },
    { result: null, expression: 'result < 0.05', message: 'invalid operation: < (mismatched types unknown and float64)' },
    { result: true, expression: '1 in nil', message: 'invalid operation: in (mismatched types int and unknown)' },
    { result: true, expression: 'nil matches "z"', message: 'invalid operation: matches (mismatched types unknown and string)' },
    { result: 1, expression: '1 in result', message: 'invalid operation: in (mismatched types int and float64)' },
    { result: map, expression: '1 in result', message: 'cannot use int as type string in map key' },
    { result: 1, expression: 'result.x == 1', message: 'type float64 has no field x' },
    { result: 1, expression: 'result[0] == 1', message: 'type float64[int] is undefined' },
    { result: null, expression: 'result.x == 1', message: 'type nil has no field x' },
    { result: list, expression: 'result.x == 1', message: 'array elements can only be selected using an integer (got string)' },
    { result: list, expression: 'result[1.5] == 1', message: 'array elements can only be selected using an integer (got float64)' },
    { result: map, expression: 'result[0] == 1', message: 'cannot use int to get an element from map[string]interface {}' },
    { result: 1, expression: 'all(result, # > 1)', message: 'builtin all takes only array (got float64)' },
    { result: list, expression: 'all(result, 1)', message: 'predicate should return boolean (got int)' },
    { result: list, expression: 'true ? 1 : 2', message: 'expected bool, but got int' },
    { result: list, expression: '1 ? true : false', message: 'non-bool expression (type int) used as condition' },
  ])('$expression with $result → $message', ({ result, expression, message }) => {
    expect(() => evaluateCondition(result, expression)).toThrow(new ExprError(message));
  });
});

describe('run-time errors', () => {
  it.each([
    { result: list, expression: 'result[5] > 0', message: 'index out of range: 5 (array length is 1)' },
    { result: list, expression: 'result[-2] > 0', message: 'index out of range: -1 (array length is 1)' },
    { result: [], expression: 'result[0] >= 0.95', message: 'index out of range: 0 (array length is 0)' },
    { result: strings, expression: 'result[0] < 1', message: 'invalid operation: string < int' },
    { result: strings, expression: 'result[0] + 1 > 0', message: 'invalid operation: string + int' },
    { result: map, expression: 'result.a.b == 1', message: 'cannot fetch b from <nil>' },
    { result: map, expression: 'result.n.b == 1', message: 'cannot fetch b from float64' },
    { result: list, expression: 'result[0] && true', message: 'interface conversion: interface {} is float64, not bool' },
    { result: list, expression: '!result[0]', message: 'interface conversion: interface {} is float64, not bool' },
    { result: list, expression: 'all(result, #)', message: 'interface conversion: interface {} is float64, not bool' },
    { result: list, expression: 'result[0] contains "a"', message: 'interface conversion: interface {} is float64, not string' },
    { result: map, expression: 'result.n in result.n', message: 'operator "in" not defined on float64' },
    { result: map, expression: 'all(result.n, # > 0)', message: 'reflect: call of reflect.Value.Len on float64 Value' },
    { result: map, expression: 'any(result.a, # > 0)', message: 'reflect: call of reflect.Value.Len on zero Value' },
    { result: strings, expression: 'len(result[0]..3) > 0', message: 'invalid operation: int(string)' },
    { result: list, expression: 'len(result[0]) > 0', message: 'invalid argument for len (type float64)' },
    { result: list, expression: '1 % 0 == 0', message: 'runtime error: integer divide by zero' },
    { result: list, expression: 'asInt(result) == 1', message: 'asInt() not supported on []interface {} [1]' },
    { result: list, expression: 'asFloat(result) == 1', message: 'asFloat() not supported on []interface {} [1]' },
    { result: list, expression: 'duration("1d") > duration("1h")', message: 'time: unknown unit "d" in duration "1d"' },
    { result: list, expression: 'duration("1") > duration("1h")', message: 'time: missing unit in duration "1"' },
    { result: list, expression: 'date("14/08/2023") > now()', message: 'invalid date 14/08/2023' },
    { result: list, expression: 'date("2023-13-01", "2006-01-02").Year() == 2023', message: 'parsing time "2023-13-01" as "2006-01-02": month out of range' },
    { result: list, expression: 'date("x", "2006-01-02").Year() == 2023', message: 'parsing time "x" as "2006-01-02": cannot parse "x" as "2006"' },
    { result: list, expression: 'reduce([], #acc)', message: 'reduce of empty array with no initial value' },
  ])('$expression with $result → $message', ({ result, expression, message }) => {
    expect(() => evaluateCondition(result, expression)).toThrow(new ExprError(message));
  });

  it('regular-expression errors are prefixed like Go', () => {
    expect(() => evaluateCondition('a', 'result matches "("')).toThrow(/^error parsing regexp: /);
  });
});
