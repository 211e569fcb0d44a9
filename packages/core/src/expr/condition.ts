import { ANALYSIS_PHASE } from '@serin/api';
import type { AnalysisPhase } from '@serin/api';
import type { Node } from './ast.js';
import { checkExpression } from './check.js';
import type { StaticType } from './check.js';
import { ExprError, exprError } from './errors.js';
import { evaluateNode } from './evaluate.js';
import { parseExpression } from './parser.js';
import type { Value } from './values.js';
import { GoTime, goTypeName, toValue } from './values.js';

// parity: argo-rollouts utils/evaluate/evaluate.go (EvalCondition, EvaluateResult, formatEvalError, EvalTime)

export interface ConditionOptions {
  /** The instant `now()` returns (core never reads the clock). Without it `now()` fails. */
  readonly now?: Date | number;
}

/** A parsed expression, reusable across evaluations. */
export interface ParsedCondition {
  readonly expression: string;
  readonly ast: Node;
}

const parseCache = new Map<string, ParsedCondition>();
const PARSE_CACHE_SIZE = 512;

/** Parses (syntax only) an expression; throws ExprError with expr-lang's message (`unexpected token …`). */
export function parseCondition(expression: string): ParsedCondition {
  const hit = parseCache.get(expression);
  if (hit !== undefined) return hit;
  const parsed: ParsedCondition = Object.freeze({ expression, ast: parseExpression(expression) });
  if (parseCache.size >= PARSE_CACHE_SIZE) parseCache.clear();
  parseCache.set(expression, parsed);
  return parsed;
}

const toGoTime = (now: Date | number | undefined): GoTime | undefined =>
  now === undefined ? undefined : new GoTime(typeof now === 'number' ? now : now.getTime());

/** Static type of `result` as expr's checker sees the env value: its concrete Go type, `nil` for nil. */
const staticTypeOf = (v: Value): StaticType => (v === null ? 'nil' : goTypeName(v));

/**
 * Compiles and runs an expression against `{ result, asInt, asFloat, isNaN, isInf, isNil, default }` and returns
 * whatever it yields (no bool check). Compile-time errors (unknown names, type mismatches between known types)
 * come before any evaluation, as in upstream.
 */
export function evaluateExpression(result: unknown, expression: string | ParsedCondition, opts: ConditionOptions = {}): Value {
  const parsed = typeof expression === 'string' ? parseCondition(expression) : expression;
  const value = toValue(result);
  checkExpression(parsed.ast, { variables: new Map([['result', staticTypeOf(value)]]) });
  const now = toGoTime(opts.now);
  return evaluateNode(parsed.ast, { variables: new Map([['result', value]]), result: value, ...(now === undefined ? {} : { now }) });
}

/**
 * `EvalCondition(result, condition)`: true/false, or throws ExprError — `expected bool, but got int`,
 * `unknown name invalidVariable`, `unexpected token Number("10.000000")`, runtime errors.
 */
export function evaluateCondition(result: unknown, expression: string, opts: ConditionOptions = {}): boolean {
  const output = evaluateExpression(result, expression, opts);
  if (typeof output !== 'boolean') throw exprError(`expected bool, but got ${goTypeName(output)}`);
  return output;
}

/** Argo's isNilOrEmpty: nil, or an empty list. */
export function isNilOrEmpty(result: unknown): boolean {
  return result === null || result === undefined || (Array.isArray(result) && result.length === 0);
}

export const CONDITION_TYPE = { successCondition: 'successCondition', failureCondition: 'failureCondition' } as const;
export type ConditionType = (typeof CONDITION_TYPE)[keyof typeof CONDITION_TYPE];

/**
 * formatEvalError: `could not evaluate <type> "<expr>": <err>`, or — when the result is nil or an empty list —
 * `could not evaluate <type> "<expr>": metric result is nil or empty: no data returned from the metric provider`.
 */
export function formatConditionError(error: unknown, conditionType: ConditionType, expression: string, result: unknown): ExprError {
  const detail = isNilOrEmpty(result)
    ? 'metric result is nil or empty: no data returned from the metric provider'
    : error instanceof Error ? error.message : String(error);
  return new ExprError(`could not evaluate ${conditionType} "${expression}": ${detail}`, { cause: error });
}

/** evaluateCondition with Argo's wrapping of every error (see formatConditionError). */
export function evaluateMetricCondition(result: unknown, conditionType: ConditionType, expression: string, opts: ConditionOptions = {}): boolean {
  try {
    return evaluateCondition(result, expression, opts);
  } catch (e) {
    throw formatConditionError(e, conditionType, expression, result);
  }
}

export interface MetricConditions {
  readonly successCondition?: string;
  readonly failureCondition?: string;
}

export interface ConditionAssessment {
  readonly phase: AnalysisPhase;
  /** Set when phase is Error: the wrapped evaluation error message. */
  readonly message?: string;
}

/**
 * EvaluateResult: the measurement phase for a provider value.
 *   no conditions → Successful; only success → failed = !success; only failure → success = !failure;
 *   failure true → Failed; both false → Inconclusive; else Successful; any error → Error with the message.
 */
export function evaluateResult(result: unknown, metric: MetricConditions, opts: ConditionOptions = {}): ConditionAssessment {
  const success = metric.successCondition ?? '';
  const failure = metric.failureCondition ?? '';
  let successTrue = false;
  let failureTrue = false;
  try {
    if (success !== '') successTrue = evaluateMetricCondition(result, CONDITION_TYPE.successCondition, success, opts);
    if (failure !== '') failureTrue = evaluateMetricCondition(result, CONDITION_TYPE.failureCondition, failure, opts);
  } catch (e) {
    return { phase: ANALYSIS_PHASE.Error, message: e instanceof Error ? e.message : String(e) };
  }
  if (success === '' && failure === '') return { phase: ANALYSIS_PHASE.Successful };
  if (success !== '' && failure === '') failureTrue = !successTrue;
  if (success === '' && failure !== '') successTrue = !failureTrue;
  if (failureTrue) return { phase: ANALYSIS_PHASE.Failed };
  if (!successTrue) return { phase: ANALYSIS_PHASE.Inconclusive };
  return { phase: ANALYSIS_PHASE.Successful };
}

/**
 * EvalTime (Prometheus `rangeQuery.start`/`end`): an expression over `now()`, `date()`, `duration()` that must
 * yield a time — `expected time.Time, but got <type>` otherwise. `result` is not defined here.
 */
export function evaluateTime(expression: string, opts: ConditionOptions = {}): Date {
  const parsed = parseCondition(expression);
  checkExpression(parsed.ast, { variables: new Map() });
  const now = toGoTime(opts.now);
  const output = evaluateNode(parsed.ast, { variables: new Map(), result: null, ...(now === undefined ? {} : { now }) });
  if (!(output instanceof GoTime)) throw exprError(`expected time.Time, but got ${goTypeName(output)}`);
  return new Date(output.epochMs);
}
