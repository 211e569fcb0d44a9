import { parseGoFloat } from './builtins.js';
import { exprError } from './errors.js';
import type { Value } from './values.js';
import { floatToInt, formatValue, goTypeName, isInt, isNumber, nullProtoTable, toFloat } from './values.js';

// parity: argo-rollouts utils/evaluate/evaluate.go — the functions Argo adds to expr's environment.

export interface ArgoFunction {
  /** Go signature, for messages (`too many arguments to call asInt`). */
  readonly params: number;
  readonly call: (args: readonly Value[], result: Value) => Value;
}

const INT64_RE = /^[+-]?\d+$/;
const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

/**
 * `asInt(x)`: numbers truncate toward zero; strings parse as base-10 int64 (`strconv.ParseInt`);
 * anything else fails with `asInt() not supported on <type> <value>`.
 */
export function asInt(v: Value): bigint {
  if (isInt(v)) return v;
  if (typeof v === 'number') return floatToInt(v);
  if (typeof v === 'string') {
    if (!INT64_RE.test(v)) throw exprError(`strconv.ParseInt: parsing ${JSON.stringify(v)}: invalid syntax`);
    const n = BigInt(v);
    if (n < INT64_MIN || n > INT64_MAX) throw exprError(`strconv.ParseInt: parsing ${JSON.stringify(v)}: value out of range`);
    return n;
  }
  throw exprError(`asInt() not supported on ${goTypeName(v)} ${formatValue(v)}`);
}

/** `asFloat(x)`: numbers as float64; strings via `strconv.ParseFloat` (`"NotANum"` → invalid syntax). */
export function asFloat(v: Value): number {
  if (isNumber(v)) return toFloat(v);
  if (typeof v === 'string') return parseGoFloat(v);
  throw exprError(`asFloat() not supported on ${goTypeName(v)} ${formatValue(v)}`);
}

/** `isNaN`/`isInf` take a float64 (math.IsNaN); an int converts, anything else cannot be passed. */
function float64Arg(name: string, v: Value): number {
  if (isNumber(v)) return toFloat(v);
  throw exprError(`cannot use ${goTypeName(v)} as argument (type float64) to call ${name}`);
}

/** Go's isNil as Argo applies it: nil (JS null/undefined) only — JSON never yields typed nil pointers. */
export const isNilResult = (result: Value): boolean => result === null;

/**
 * The environment functions. `isNil(_)` and `default(_, d)` ignore their first argument and look at `result`
 * (upstream closes over the raw provider value).
 */
export const ARGO_FUNCTIONS: Readonly<Record<string, ArgoFunction>> = nullProtoTable<ArgoFunction>({
  asInt: { params: 1, call: (args) => asInt(args[0] ?? null) },
  asFloat: { params: 1, call: (args) => asFloat(args[0] ?? null) },
  isNaN: { params: 1, call: (args) => Number.isNaN(float64Arg('isNaN', args[0] ?? null)) },
  isInf: {
    params: 1,
    call: (args) => {
      const f = float64Arg('isInf', args[0] ?? null);
      return f === Infinity || f === -Infinity;
    },
  },
  isNil: { params: 1, call: (_args, result) => isNilResult(result) },
  default: { params: 2, call: (args, result) => (isNilResult(result) ? (args[1] ?? null) : result) },
});

/** Go's reflect type of each environment function, as `%T` prints it (`expected bool, but got func(…) …`). */
export const ARGO_FUNCTION_TYPES: Readonly<Record<string, string>> = {
  asInt: 'func(interface {}) int64',
  asFloat: 'func(interface {}) float64',
  isNaN: 'func(float64) bool',
  isInf: 'func(float64) bool',
  isNil: 'func(interface {}) bool',
  default: 'func(interface {}, interface {}) interface {}',
};

/** Static result types of the environment functions (for the compile-time checks). */
export const ARGO_RETURN_TYPES: Readonly<Record<string, string>> = {
  asInt: 'int64', asFloat: 'float64', isNaN: 'bool', isInf: 'bool', isNil: 'bool',
};

export const argoArgumentCountError = (name: string, given: number, params: number): Error =>
  exprError(given > params ? `too many arguments to call ${name}` : `not enough arguments to call ${name}`);
