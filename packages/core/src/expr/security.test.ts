import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPR_LIMITS, ExprError, evaluateCondition, evaluateExpression } from './index.js';

// The evaluator is fed user-written strings (AnalysisTemplates) and provider data (HTTP bodies). Nothing in
// either may reach JavaScript internals: names resolve only in the explicit environment, property reads are own
// data properties only, `__proto__` / `constructor` / `prototype` are refused, and size, depth and work are
// bounded. Every attempt must end in an ExprError — never a value, never a hang, never a side effect.

const protoKeysBefore = Object.getOwnPropertyNames(Object.prototype).sort();
const functionProtoKeysBefore = Object.getOwnPropertyNames(Function.prototype).sort();
const arrayProtoKeysBefore = Object.getOwnPropertyNames(Array.prototype).sort();

const plain = { ok: true, list: [1, 2] };
const fromJson: unknown = JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}, "v": 1}');

describe('injection attempts are rejected', () => {
  it.each([
    { name: 'global object', result: plain, expression: 'globalThis', message: 'unknown name globalThis' },
    { name: 'process', result: plain, expression: 'process.exit(1)', message: 'unknown name process' },
    { name: 'require', result: plain, expression: 'require("fs")', message: 'unknown name require' },
    { name: 'eval', result: plain, expression: 'eval("1") == 1', message: 'unknown name eval' },
    { name: 'Function', result: plain, expression: 'Function("return 1")', message: 'unknown name Function' },
    { name: 'this', result: plain, expression: 'this', message: 'unknown name this' },
    { name: 'bare constructor', result: plain, expression: 'constructor', message: 'unknown name constructor' },
    { name: 'bare __proto__', result: plain, expression: '__proto__', message: 'unknown name __proto__' },
    { name: 'inherited method name', result: plain, expression: 'toString()', message: 'unknown name toString' },
    { name: 'hasOwnProperty', result: plain, expression: 'hasOwnProperty("ok")', message: 'unknown name hasOwnProperty' },
    { name: 'valueOf', result: plain, expression: 'valueOf', message: 'unknown name valueOf' },
    { name: 'result.__proto__', result: plain, expression: 'result.__proto__ == nil', message: 'access to property "__proto__" is not allowed' },
    { name: 'result["__proto__"]', result: plain, expression: 'result["__proto__"] == nil', message: 'access to property "__proto__" is not allowed' },
    { name: 'result.constructor', result: plain, expression: 'result.constructor == nil', message: 'access to property "constructor" is not allowed' },
    { name: 'constructor chain to Function', result: plain, expression: 'result["constructor"]["constructor"]("return process")()', message: 'unexpected token Bracket("(")' },
    { name: 'computed key', result: plain, expression: 'result["con" + "structor"] == nil', message: 'access to property "constructor" is not allowed' },
    { name: 'prototype', result: plain, expression: 'result.prototype == nil', message: 'access to property "prototype" is not allowed' },
    { name: 'optional chaining to __proto__', result: plain, expression: 'result?.__proto__ == nil', message: 'access to property "__proto__" is not allowed' },
    { name: 'get() to __proto__', result: plain, expression: 'get(result, "__proto__") == nil', message: 'access to property "__proto__" is not allowed' },
    { name: 'own __proto__ from JSON', result: fromJson, expression: 'result.__proto__.polluted', message: 'access to property "__proto__" is not allowed' },
    { name: 'own constructor from JSON', result: fromJson, expression: 'result.constructor.prototype.polluted', message: 'access to property "constructor" is not allowed' },
    { name: 'map-literal __proto__ key', result: plain, expression: '{"__proto__": {"polluted": true}}.polluted', message: 'access to property "__proto__" is not allowed' },
    { name: 'map-literal constructor key', result: plain, expression: '{constructor: 1} == nil', message: 'access to property "constructor" is not allowed' },
    { name: 'map-literal member constructor', result: plain, expression: '{}.constructor == nil', message: 'access to property "constructor" is not allowed' },
    { name: 'string constructor', result: plain, expression: '"".constructor == nil', message: 'type string has no field constructor' },
    { name: 'array constructor', result: plain, expression: '[].constructor == nil', message: 'array elements can only be selected using an integer (got string)' },
    { name: 'array length property', result: plain, expression: 'result.list.length == 2', message: 'invalid operation: int(string)' },
    { name: 'function as value', result: plain, expression: 'asInt.constructor', message: 'cannot use function asInt as a value' },
    { name: 'method on a map', result: plain, expression: 'result.hasOwnProperty("ok")', message: 'type map[string]interface {} has no method hasOwnProperty' },
    { name: 'method on a time', result: plain, expression: 'now().constructor()', message: 'cannot fetch constructor from time.Time' },
    { name: 'inherited prototype object', result: Object.create({ secret: 1 }) as unknown, expression: 'result.secret == 1', message: 'unsupported value of type object' },
    { name: 'class instance', result: new Date(0), expression: 'result == nil', message: 'unsupported value of type object' },
    { name: 'function value', result: () => 1, expression: 'result == nil', message: 'unsupported value of type function' },
    { name: 'nested foreign value', result: { d: new Map() }, expression: 'result.d == nil', message: 'unsupported value of type object' },
  ])('$name: $expression', ({ result, expression, message }) => {
    expect(() => evaluateCondition(result, expression, { now: 0 })).toThrow(new ExprError(message));
  });

  it.each([
    { name: 'inherited names are not own keys', expression: 'result.toString == nil && result.valueOf == nil', expected: true },
    { name: '`in` sees own keys only', expression: '"toString" in result || "constructor" in result', expected: false },
    { name: 'own keys are visible', expression: '"ok" in result && result.ok', expected: true },
  ])('$name', ({ expression, expected }) => {
    expect(evaluateCondition(plain, expression)).toBe(expected);
  });

  it('an accessor property is never invoked', () => {
    let calls = 0;
    const result = Object.defineProperty({}, 'x', { enumerable: true, get: () => { calls++; return 1; } });
    expect(evaluateCondition(result, 'result.x == nil')).toBe(true);
    expect(calls).toBe(0);
  });

  it('the provider value is never mutated', () => {
    const result = { items: [{ v: 1 }, { v: 2 }] };
    const snapshot = structuredClone(result);
    evaluateExpression(result, 'map(result.items, {#.v * 2})');
    evaluateExpression(result, 'filter(result.items, .v > 1)');
    evaluateExpression(result, 'reverse(result.items)');
    expect(result).toEqual(snapshot);
  });
});

describe('bounded size, depth and work', () => {
  const huge = `result == "${'a'.repeat(5000)}"`;
  const deepParens = `${'('.repeat(EXPR_LIMITS.maxDepth + 5)}1${')'.repeat(EXPR_LIMITS.maxDepth + 5)} == 1`;
  it.each([
    { name: 'huge expression', expression: huge, message: `expression is too long (${huge.length} > ${EXPR_LIMITS.maxExpressionLength} characters)` },
    { name: 'deep parentheses', expression: deepParens, message: `expression nesting exceeds ${EXPR_LIMITS.maxDepth} levels` },
    { name: 'deep unary chain', expression: `${'!'.repeat(200)}true`, message: `expression nesting exceeds ${EXPR_LIMITS.maxDepth} levels` },
    { name: 'deep arrays', expression: `${'['.repeat(100)}${']'.repeat(100)} == nil`, message: `expression nesting exceeds ${EXPR_LIMITS.maxDepth} levels` },
    { name: 'too many nodes', expression: `${'1+'.repeat(2040)}1 > 0`, message: 'compilation failed: expression exceeds maximum allowed nodes' },
    { name: 'huge range', expression: 'len(0..100000000) > 0', message: 'memory budget exceeded' },
    { name: 'nested predicates', expression: 'all(0..2000, {all(0..2000, {# >= 0})})', message: 'memory budget exceeded' },
    { name: 'catastrophic regexp', expression: '"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!" matches "(a+)+$"', message: 'error parsing regexp: nested quantifiers are not supported (catastrophic backtracking): "(a+)+$"' },
    { name: 'backreference', expression: '"aa" matches "(a)\\\\1"', message: 'error parsing regexp: invalid or unsupported Perl syntax: "(a)\\\\1"' },
  ])('$name', ({ expression, message }) => {
    expect(() => evaluateCondition([1], expression)).toThrow(new ExprError(message));
  });
});

describe('global state', () => {
  beforeAll(() => {
    // Run every pollution attempt once more, swallowing the expected errors.
    for (const expression of [
      '{"__proto__": {"polluted": true}}',
      'result.__proto__.polluted',
      'result.constructor.prototype.polluted',
      '{constructor: {prototype: {polluted: true}}}',
    ]) {
      try {
        evaluateExpression(fromJson, expression);
      } catch {
        // expected
      }
    }
  });

  it('Object.prototype, Function.prototype and Array.prototype gained no properties', () => {
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoKeysBefore);
    expect(Object.getOwnPropertyNames(Function.prototype).sort()).toEqual(functionProtoKeysBefore);
    expect(Object.getOwnPropertyNames(Array.prototype).sort()).toEqual(arrayProtoKeysBefore);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  afterAll(() => {
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoKeysBefore);
  });
});
