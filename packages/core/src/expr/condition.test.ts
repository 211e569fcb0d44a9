import { describe, expect, it } from 'vitest';
import {
  evaluateCondition, evaluateExpression, evaluateMetricCondition, evaluateResult, evaluateTime, isNilOrEmpty, parseCondition,
} from './index.js';

// parity: argo-rollouts utils/evaluate/evaluate_test.go and the conditions in metricproviders/*_test.go,
// analysis/analysis_test.go, docs/ and examples/ — the results are what upstream asserts (or, for rows taken
// from docs, what expr-lang v1.17.8 yields).

const apdex = { service_apdex: { label: null, values: { values: [2, 2] } } };

describe('EvalCondition (evaluate_test.go)', () => {
  it.each([
    { name: 'TestEvaluateConditionWithSuccess', result: true, expression: 'result == true', expected: true },
    { name: 'TestEvaluateConditionWithFailure', result: true, expression: 'result == false', expected: false },
    { name: 'TestEvaluateArray: all over a nested map path', result: apdex, expression: 'all(result.service_apdex.values.values, {# > 1})', expected: true },
    { name: 'TestEvaluateInOperator', result: [2, 2], expression: '2 in result', expected: true },
    { name: 'TestEvaluateFloat64', result: 5, expression: 'result > 1', expected: true },
    { name: 'TestEvaluateAsInt: string', result: '1', expression: 'asInt(result) == 1', expected: true },
    { name: 'TestEvaluateAsInt: number', result: 1, expression: 'asInt(result) == 1', expected: true },
    { name: 'TestEvaluateAsInt: truncates 1.123', result: 1.123, expression: 'asInt(result) == 1', expected: true },
    { name: 'TestEvaluateAsFloat: "1.1" ==', result: '1.1', expression: 'asFloat(result) == 1.1', expected: true },
    { name: 'TestEvaluateAsFloat: "1.1" >=', result: '1.1', expression: 'asFloat(result) >= 1.1', expected: true },
    { name: 'TestEvaluateAsFloat: "1.1" <=', result: '1.1', expression: 'asFloat(result) <= 1.1', expected: true },
    { name: 'TestEvaluateAsFloat: 1.1', result: 1.1, expression: 'asFloat(result) == 1.1', expected: true },
    { name: 'TestEvaluateAsFloat: 1 ==', result: 1, expression: 'asFloat(result) == 1', expected: true },
    { name: 'TestEvaluateAsFloat: 1 >=', result: 1, expression: 'asFloat(result) >= 1', expected: true },
    { name: 'TestAsFloat: "1" parses', result: '1', expression: 'asFloat(result) == 1', expected: true },
    { name: 'TestIsInf: +Inf', result: Infinity, expression: 'isInf(result)', expected: true },
    { name: 'TestIsInf: 0', result: 0, expression: 'isInf(result)', expected: false },
    { name: 'TestIsNil: nil result', result: null, expression: 'isNil(result)', expected: true },
    { name: 'TestIsNil: 1', result: 1, expression: 'isNil(result)', expected: false },
    { name: 'TestIsNil: false', result: false, expression: 'isNil(result)', expected: false },
    { name: 'TestIsNil: a list', result: ['hi', 'hello'], expression: 'isNil(result)', expected: false },
    { name: 'isNil ignores its argument and looks at result', result: null, expression: 'isNil(1)', expected: true },
    { name: 'TestDefaultFunc: nil → 0', result: null, expression: 'default(result, 0) == 0', expected: true },
    { name: 'TestDefaultFunc: nil → 2', result: null, expression: 'default(result, 2) == 2', expected: true },
    { name: 'TestDefaultFunc: 1 stays 1', result: 1, expression: 'default(result, 0) == 1', expected: true },
    { name: 'default ignores its first argument', result: 7, expression: 'default(nil, 0) == 7', expected: true },
  ])('$name: $expression → $expected', ({ result, expression, expected }) => {
    expect(evaluateCondition(result, expression)).toBe(expected);
  });

  it.each([
    { name: 'TestErrorWithNonBoolReturn', result: true, expression: '1', message: 'expected bool, but got int' },
    { name: 'non-bool float', result: 0.5, expression: 'result', message: 'expected bool, but got float64' },
    { name: 'non-bool string', result: 'ok', expression: 'result', message: 'expected bool, but got string' },
    { name: 'non-bool list', result: [1], expression: 'result', message: 'expected bool, but got []interface {}' },
    { name: 'non-bool map', result: { a: 1 }, expression: 'result', message: 'expected bool, but got map[string]interface {}' },
    { name: 'non-bool nil', result: null, expression: 'result', message: 'expected bool, but got <nil>' },
    { name: 'TestErrorWithInvalidReference', result: true, expression: 'invalidVariable', message: 'unknown name invalidVariable' },
    { name: 'invalidRefCondition', result: true, expression: 'a == true', message: 'unknown name a' },
    { name: 'TestEvaluateInvalidStruct', result: true, expression: "result.Name() == 'hi'", message: 'type bool has no method Name' },
    { name: 'TestEvaluateAsIntPanic', result: '1.1', expression: 'asInt(result) == 1.1', message: 'strconv.ParseInt: parsing "1.1": invalid syntax' },
    { name: 'TestAsInt: notint', result: 'notint', expression: 'asInt(result) == 1', message: 'strconv.ParseInt: parsing "notint": invalid syntax' },
    { name: 'TestEvaluateAsFloatError: NotANum', result: 'NotANum', expression: 'asFloat(result) == 1.1', message: 'strconv.ParseFloat: parsing "NotANum": invalid syntax' },
    { name: 'TestEvaluateAsFloatError: float vs string', result: '1.1', expression: 'asFloat(result) == "1.1"', message: 'invalid operation: == (mismatched types float64 and string)' },
    { name: 'asInt of a bool', result: true, expression: 'asInt(result) == 1', message: 'asInt() not supported on bool true' },
    { name: 'graphite: missing operator', result: [10], expression: 'result[0] 10.000000', message: 'unexpected token Number("10.000000")' },
  ])('$name: $expression → $message', ({ result, expression, message }) => {
    expect(() => evaluateCondition(result, expression)).toThrow(message);
  });
});

describe('conditions used by upstream providers, docs and examples', () => {
  const ddValue = 0.006121378742186943;
  it.each([
    { source: 'prometheus scalar', result: 10, successCondition: 'result == 10', failureCondition: 'result != 10', phase: 'Successful' },
    { source: 'prometheus range query', result: [11, 12, 13, 14], successCondition: 'all(result, # > 10)', failureCondition: 'all(result, # < 10)', phase: 'Successful' },
    { source: 'prometheus vector', result: [10, 11], successCondition: '10 in result', failureCondition: 'len(result) != 2', phase: 'Successful' },
    { source: 'prometheus NaN inconclusive', result: NaN, successCondition: 'result >= 0.9', failureCondition: 'result < 0.9', phase: 'Inconclusive' },
    { source: 'prometheus NaN accepted', result: NaN, successCondition: 'result >= 0.9 || isNaN(result)', phase: 'Successful' },
    { source: 'prometheus NaN failed', result: NaN, successCondition: 'result >= 0.9', phase: 'Failed' },
    { source: 'prometheus +Inf success', result: Infinity, successCondition: 'result >= 0.9', phase: 'Successful' },
    { source: 'prometheus +Inf failure', result: Infinity, failureCondition: 'isInf(result)', phase: 'Failed' },
    { source: 'graphite success', result: [10], successCondition: '10.000000 in result', failureCondition: '10.000000 not in result', phase: 'Successful' },
    { source: 'graphite failure', result: [5], successCondition: '10.000000 in result', failureCondition: '10.000000 not in result', phase: 'Failed' },
    { source: 'datadog default with data', result: ddValue, successCondition: 'default(result, 0) < 0.05', phase: 'Successful' },
    { source: 'datadog default without data', result: null, successCondition: 'default(result, 0) < 0.05', phase: 'Successful' },
    { source: 'datadog bad default without data', result: null, successCondition: 'default(result, 1) < 0.05', phase: 'Failed' },
    { source: 'datadog bad default with data', result: ddValue, successCondition: 'default(result, 1) < 0.05', phase: 'Successful' },
    { source: 'datadog v2 grouped max', result: [0.01, 0.087, 0.04], successCondition: 'max(result) < 0.05', phase: 'Failed' },
    { source: 'datadog v2 grouped all', result: [0.01, 0.02, 0.03], successCondition: 'all(result, # < 0.05)', phase: 'Successful' },
    { source: 'datadog threshold', result: 0.0005, successCondition: 'result < 0.001', failureCondition: 'result >= 0.001', phase: 'Successful' },
    { source: 'newrelic map', result: { count: 10 }, successCondition: 'result.count == 10', failureCondition: 'result.count != 10', phase: 'Successful' },
    { source: 'newrelic list', result: [{ count: 10 }, { count: 5 }, { count: 30 }], successCondition: 'result[0].count == 10', failureCondition: 'result[2].count < 20', phase: 'Successful' },
    { source: 'newrelic quoted key', result: { count: 10, 'average.duration': 12 }, successCondition: "result.count == 10 and result['average.duration'] < 15.0", failureCondition: "result.count != 10 or result['average.duration'] >= 15.0", phase: 'Successful' },
    { source: 'influxdb', result: [10, 20], successCondition: 'result[0] == 10', failureCondition: 'result[1] <  20', phase: 'Successful' },
    { source: 'cloudwatch', result: [{ Values: [0.1] }], successCondition: 'result[0].Values[0] == 0.1', failureCondition: 'result[0].Values[0] != 0.1', phase: 'Successful' },
    { source: 'web: string body', result: 'It worked!', successCondition: "result == 'It worked!'", phase: 'Successful' },
    { source: 'web: nested field', result: { major: '1' }, successCondition: "result.major == '1'", phase: 'Successful' },
    { source: 'web: status', result: { Status: -1 }, successCondition: 'result.Status == 999', failureCondition: 'result.Status == -1', phase: 'Failed' },
    { source: 'seed: web ok && percent', result: { ok: true, successPercent: 0.95 }, successCondition: 'result.ok && result.successPercent >= 0.90', phase: 'Successful' },
    { source: 'seed: result[0] >= 0.50', result: [0.49], successCondition: 'result[0] >= 0.50', phase: 'Failed' },
    { source: 'seed: result[0] >= 0.5', result: [0.5], successCondition: 'result[0] >= 0.5', phase: 'Successful' },
    { source: 'seed: and range', result: [0.55], successCondition: 'result[0] <= 0.60 and result[0] > 0.50', phase: 'Successful' },
    { source: 'seed: result[0] <= 0.50', result: [0.51], successCondition: 'result[0] <= 0.50', phase: 'Failed' },
    { source: 'docs: guarded index', result: [0.97], successCondition: 'len(result) > 0 && result[0] >= 0.95', phase: 'Successful' },
    { source: 'docs: empty allowed', result: [], successCondition: 'len(result) == 0 || result[0] >= 0.95', phase: 'Successful' },
    { source: 'docs: NaN or threshold', result: 0.96, successCondition: 'isNaN(result) || result >= 0.95', phase: 'Successful' },
    { source: 'docs: len and all', result: [{ Values: [0.01, 0, 0.005, 0.002, 0.001] }], successCondition: 'len(result[0].Values) >= 5 and all(result[0].Values, {# <= 0.01})', phase: 'Successful' },
    { source: 'docs: asFloat on a field', result: { service_apdex: { values: { values: [{ value: '9950' }, { value: '9901' }] } } }, successCondition: 'all(result.service_apdex.values.values, {asFloat(.value) >= 9900})', phase: 'Successful' },
    { source: 'docs: restarts', result: null, failureCondition: 'default(result, 0) > 3', phase: 'Successful' },
    { source: 'examples: both false', result: 0.5, successCondition: 'result >= 0.95', failureCondition: 'result < 0.1', phase: 'Inconclusive' },
    { source: 'TestEvaluateResultWithSuccess', result: true, successCondition: 'true', failureCondition: 'false', phase: 'Successful' },
    { source: 'TestEvaluateResultWithFailure', result: true, successCondition: 'true', failureCondition: 'true', phase: 'Failed' },
    { source: 'TestEvaluateResultInconclusive', result: true, successCondition: 'false', failureCondition: 'false', phase: 'Inconclusive' },
    { source: 'TestEvaluateResultNoSuccessConditionAndNotFailing', result: true, failureCondition: 'false', phase: 'Successful' },
    { source: 'TestEvaluateResultNoFailureConditionAndNotSuccessful', result: true, successCondition: 'false', phase: 'Failed' },
    { source: 'TestEvaluateResultNoFailureConditionAndNoSuccessCondition', result: true, phase: 'Successful' },
  ])('$source → $phase', ({ result, successCondition, failureCondition, phase }) => {
    const outcome = evaluateResult(result, {
      ...(successCondition === undefined ? {} : { successCondition }),
      ...(failureCondition === undefined ? {} : { failureCondition }),
    });
    expect(outcome).toEqual({ phase });
  });
});

describe('EvaluateResult errors (formatEvalError)', () => {
  const nilOrEmpty = 'metric result is nil or empty: no data returned from the metric provider';
  it.each([
    { name: 'TestEvaluateResultWithErrorOnSuccessCondition', result: true, metric: { successCondition: 'a == true', failureCondition: 'true' }, message: 'could not evaluate successCondition "a == true": unknown name a' },
    { name: 'TestEvaluateResultWithErrorOnFailureCondition', result: true, metric: { successCondition: 'true', failureCondition: 'a == true' }, message: 'could not evaluate failureCondition "a == true": unknown name a' },
    { name: 'TestEvaluateResultErrorMessageOnFailureCondition', result: true, metric: { successCondition: 'true', failureCondition: 'invalidVar == true' }, message: 'could not evaluate failureCondition "invalidVar == true": unknown name invalidVar' },
    { name: 'TestEvaluateResultErrorMessageWithNilResult', result: null, metric: { successCondition: 'result[0] >= 0.95' }, message: `could not evaluate successCondition "result[0] >= 0.95": ${nilOrEmpty}` },
    { name: 'TestEvaluateResultErrorMessageWithEmptySlice', result: [], metric: { successCondition: 'result[0] >= 0.95' }, message: `could not evaluate successCondition "result[0] >= 0.95": ${nilOrEmpty}` },
    { name: 'datadog: no default and no data', result: null, metric: { successCondition: 'result < 0.05' }, message: `could not evaluate successCondition "result < 0.05": ${nilOrEmpty}` },
    { name: 'graphite: syntax error', result: [10], metric: { successCondition: 'result[0] 10.000000', failureCondition: 'result[0] 10.000000' }, message: 'could not evaluate successCondition "result[0] 10.000000": unexpected token Number("10.000000")' },
    { name: 'non-bool wrapped', result: 3, metric: { successCondition: 'result' }, message: 'could not evaluate successCondition "result": expected bool, but got float64' },
    { name: 'empty list with a valid condition still wrapped', result: [], metric: { failureCondition: 'result[0] > 1' }, message: `could not evaluate failureCondition "result[0] > 1": ${nilOrEmpty}` },
  ])('$name', ({ result, metric, message }) => {
    expect(evaluateResult(result, metric)).toEqual({ phase: 'Error', message });
  });

  it('evaluateMetricCondition throws the wrapped error and keeps the cause', () => {
    let caught: unknown;
    try {
      evaluateMetricCondition(true, 'successCondition', 'nope');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(Error);
    expect((caught as Error).message).toBe('could not evaluate successCondition "nope": unknown name nope');
    expect(((caught as Error).cause as Error).message).toBe('unknown name nope');
  });

  it.each([
    { result: null, expected: true },
    { result: undefined, expected: true },
    { result: [], expected: true },
    { result: [1], expected: false },
    { result: 42, expected: false },
    { result: 'hello', expected: false },
    { result: {}, expected: false },
  ])('TestIsNilOrEmpty($result) = $expected', ({ result, expected }) => {
    expect(isNilOrEmpty(result)).toBe(expected);
  });
});

describe('EvalTime (prometheus rangeQuery start/end)', () => {
  const now = Date.UTC(2026, 10, 27, 12, 0, 0);
  it.each([
    { name: 'TestEvalTimeWithSuccessExpr', expression: 'date("2023-08-14 00:00:00", "2006-01-02 15:04:05", "UTC") - duration("1h")', iso: '2023-08-13T23:00:00.000Z' },
    { name: 'range end', expression: 'date("2023-08-14 00:00:00", "2006-01-02 15:04:05", "UTC")', iso: '2023-08-14T00:00:00.000Z' },
    { name: 'now minus 5m (injected clock)', expression: 'now() - duration("5m")', iso: '2026-11-27T11:55:00.000Z' },
    { name: 'now plus 1h30m', expression: 'now() + duration("1h30m")', iso: '2026-11-27T13:30:00.000Z' },
    { name: 'date in a zone with DST', expression: 'date("2023-08-14 00:00:00", "2006-01-02 15:04:05", "Europe/Zurich")', iso: '2023-08-13T22:00:00.000Z' },
    { name: 'RFC 3339 without layout', expression: 'date("2023-08-14T10:00:00+02:00")', iso: '2023-08-14T08:00:00.000Z' },
    { name: 'date only', expression: 'date("2023-08-14")', iso: '2023-08-14T00:00:00.000Z' },
  ])('$name', ({ expression, iso }) => {
    expect(evaluateTime(expression, { now }).toISOString()).toBe(iso);
  });

  it.each([
    { name: 'TestEvalTimeWithNotTimeResult', expression: 'hello', message: 'unknown name hello' },
    { name: 'TestEvalTimeWithInvalidExpression', expression: 'now() -- ?', message: 'unexpected token Operator("?")' },
    { name: 'TestRunUnparsableStartTime', expression: 'now() - duration("??")', message: 'time: invalid duration "??"' },
    { name: 'not a time', expression: '1 + 1', message: 'expected time.Time, but got int' },
    { name: 'now() without an injected clock', expression: 'now()', message: 'now() is unavailable: no clock was injected (pass opts.now)' },
    { name: 'unknown zone', expression: 'date("2023-08-14 00:00:00", "2006-01-02 15:04:05", "Mars/Olympus")', message: 'unknown time zone Mars/Olympus' },
  ])('$name → $message', ({ name, expression, message }) => {
    expect(() => evaluateTime(expression, name.startsWith('now() without') ? {} : { now })).toThrow(message);
  });
});

describe('constructs expr-eval got wrong (argo-compat §16.2) evaluate as Argo does', () => {
  it.each([
    { name: '|| is logical or, not concatenation', result: 3, expression: 'result < 0.5 || result > 2', expected: true },
    { name: '! is negation, not factorial', result: 0.5, expression: '!(result < 1)', expected: false },
    { name: '&& parses', result: 0.5, expression: 'result > 0 && result < 1', expected: true },
    { name: '** is power', result: 2, expression: 'result ** 2 == 4', expected: true },
    { name: 'string key index', result: { k: 1 }, expression: 'result["k"] == 1', expected: true },
    { name: 'len is a function', result: [1], expression: 'len(result) > 0', expected: true },
    { name: 'nil is nil, not 0', result: null, expression: 'result == nil', expected: true },
    { name: '0 is not nil', result: 0, expression: 'result == nil', expected: false },
    { name: 'string concatenation', result: 'a', expression: 'result + "b" == "ab"', expected: true },
    { name: 'list equality is by value', result: [0.95, 0.99], expression: 'result == [0.95, 0.99]', expected: true },
    { name: 'not in', result: [1, 2], expression: '3 not in result', expected: true },
    { name: 'matches', result: 'abc', expression: 'result matches "^a"', expected: true },
    { name: 'startsWith', result: 'ok-1', expression: 'result startsWith "ok"', expected: true },
    { name: 'optional chaining with ??', result: { a: { b: null } }, expression: 'result.a?.b ?? true', expected: true },
    { name: 'closure with braces', result: [0.95, 0.97], expression: 'all(result, {# > 0.9})', expected: true },
    { name: 'closure without braces', result: [0.95, 0.85], expression: 'any(result, # < 0.9)', expected: true },
  ])('$name: $expression → $expected', ({ result, expression, expected }) => {
    expect(evaluateCondition(result, expression)).toBe(expected);
  });
});

describe('parseCondition', () => {
  it('parses once and evaluates against many results', () => {
    const parsed = parseCondition('result[0] >= 0.95');
    expect(parseCondition('result[0] >= 0.95')).toBe(parsed);
    expect([[0.96], [0.94]].map((r) => evaluateExpression(r, parsed))).toEqual([true, false]);
  });

  it('reports syntax errors without a result', () => {
    expect(() => parseCondition('result[0] >=')).toThrow('unexpected token EOF');
  });
});
