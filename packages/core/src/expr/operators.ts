import { compileRegexp } from './regexp.js';
import { exprError } from './errors.js';
import type { Value } from './values.js';
import { GoDuration, GoTime, goTypeName, isArray, isInt, isNumber, isRecord, toFloat, valuesEqual, wrapInt } from './values.js';

// parity: expr-lang/expr vm/runtime (helpers[generated].go Add/Subtract/…, runtime.go In/Negate/Exponent)
// Runtime messages are Go's: `invalid operation: string < float64`, or a failed type assertion
// `interface conversion: interface {} is float64, not bool` where the VM asserts an operand type.

/** The panic text of a failed Go type assertion on an `interface {}` operand. */
export const assertionError = (v: Value, want: string): Error =>
  exprError(`interface conversion: interface {} is ${goTypeName(v)}, not ${want}`);

export function asBool(v: Value): boolean {
  if (typeof v !== 'boolean') throw assertionError(v, 'bool');
  return v;
}

const mismatch = (op: string, a: Value, b: Value): Error => exprError(`invalid operation: ${goTypeName(a)} ${op} ${goTypeName(b)}`);

/** `+ - *` over numbers: int∘int stays int (wrapping like int64), any float makes float64. */
function arithmetic(op: '+' | '-' | '*', a: number | bigint, b: number | bigint): number | bigint {
  if (isInt(a) && isInt(b)) return wrapInt(op === '+' ? a + b : op === '-' ? a - b : a * b);
  const x = toFloat(a);
  const y = toFloat(b);
  return op === '+' ? x + y : op === '-' ? x - y : x * y;
}

const NS_PER_MS = 1_000_000n;

/** time ± duration, keeping the nanoseconds below the millisecond exact. */
function shiftTime(t: GoTime, ns: bigint): GoTime {
  const total = BigInt(t.subMsNs) + ns;
  let ms = total / NS_PER_MS;
  let sub = total % NS_PER_MS;
  if (sub < 0n) {
    sub += NS_PER_MS;
    ms -= 1n;
  }
  return new GoTime(t.epochMs + Number(ms), Number(sub), t.zone, t.fixedOffsetSeconds);
}

export const timeNs = (t: GoTime): bigint => BigInt(t.epochMs) * NS_PER_MS + BigInt(t.subMsNs);

/** Evaluates a strict (non short-circuit) binary operator on two evaluated operands. */
export function binaryOp(op: string, a: Value, b: Value): Value {
  switch (op) {
    case '==':
      return valuesEqual(a, b);
    case '!=':
      return !valuesEqual(a, b);
    case '+':
      if (isNumber(a) && isNumber(b)) return arithmetic('+', a, b);
      if (typeof a === 'string' && typeof b === 'string') return a + b;
      if (a instanceof GoTime && b instanceof GoDuration) return shiftTime(a, b.ns);
      if (a instanceof GoDuration && b instanceof GoTime) return shiftTime(b, a.ns);
      if (a instanceof GoDuration && b instanceof GoDuration) return new GoDuration(wrapInt(a.ns + b.ns));
      throw mismatch(op, a, b);
    case '-':
      if (isNumber(a) && isNumber(b)) return arithmetic('-', a, b);
      if (a instanceof GoTime && b instanceof GoTime) return new GoDuration(timeNs(a) - timeNs(b));
      if (a instanceof GoTime && b instanceof GoDuration) return shiftTime(a, -b.ns);
      if (a instanceof GoDuration && b instanceof GoDuration) return new GoDuration(wrapInt(a.ns - b.ns));
      throw mismatch(op, a, b);
    case '*':
      if (isNumber(a) && isNumber(b)) return arithmetic('*', a, b);
      if (a instanceof GoDuration && isInt(b)) return new GoDuration(wrapInt(a.ns * b));
      if (isInt(a) && b instanceof GoDuration) return new GoDuration(wrapInt(a * b.ns));
      throw mismatch(op, a, b);
    case '/':
      if (isNumber(a) && isNumber(b)) return toFloat(a) / toFloat(b);
      throw mismatch(op, a, b);
    case '%':
      if (isInt(a) && isInt(b)) {
        if (b === 0n) throw exprError('runtime error: integer divide by zero');
        return a % b;
      }
      throw mismatch(op, a, b);
    case '**':
    case '^':
      if (isNumber(a) && isNumber(b)) return Math.pow(toFloat(a), toFloat(b));
      throw mismatch(op, a, b);
    case '<':
    case '>':
    case '<=':
    case '>=':
      return compare(op, a, b);
    case 'in':
      return membership(a, b);
    case 'matches':
      // The VM answers false when either side is nil, before any type assertion.
      if (a === null || b === null) return false;
      if (typeof a !== 'string') throw assertionError(a, 'string');
      if (typeof b !== 'string') throw assertionError(b, 'string');
      return compileRegexp(b).test(a);
    case 'contains':
    case 'startsWith':
    case 'endsWith':
      if (a === null || b === null) return false;
      if (typeof a !== 'string') throw assertionError(a, 'string');
      if (typeof b !== 'string') throw assertionError(b, 'string');
      return op === 'contains' ? a.includes(b) : op === 'startsWith' ? a.startsWith(b) : a.endsWith(b);
    default:
      throw exprError(`unknown operator (${op})`);
  }
}

function compare(op: '<' | '>' | '<=' | '>=', a: Value, b: Value): boolean {
  let x: number | bigint | string;
  let y: number | bigint | string;
  if (isNumber(a) && isNumber(b)) {
    [x, y] = isInt(a) && isInt(b) ? [a, b] : [toFloat(a), toFloat(b)];
  } else if (typeof a === 'string' && typeof b === 'string') {
    [x, y] = [a, b];
  } else if (a instanceof GoTime && b instanceof GoTime) {
    [x, y] = [timeNs(a), timeNs(b)];
  } else if (a instanceof GoDuration && b instanceof GoDuration) {
    [x, y] = [a.ns, b.ns];
  } else {
    throw mismatch(op, a, b);
  }
  switch (op) {
    case '<': return x < y;
    case '>': return x > y;
    case '<=': return x <= y;
    default: return x >= y;
  }
}

/** `needle in haystack`: array element (by ==), map key; `in nil` is false. */
function membership(needle: Value, haystack: Value): boolean {
  if (haystack === null) return false;
  if (isArray(haystack)) return haystack.some((item) => valuesEqual(item, needle));
  if (isRecord(haystack)) {
    if (typeof needle !== 'string') {
      throw exprError(`reflect.Value.MapIndex: value of type ${goTypeName(needle)} is not assignable to type string`);
    }
    return Object.hasOwn(haystack, needle);
  }
  throw exprError(`operator "in" not defined on ${goTypeName(haystack)}`);
}

/** Unary `-`, `+`, `!`/`not`. */
export function unaryOp(op: string, v: Value): Value {
  switch (op) {
    case '!':
    case 'not':
      return !asBool(v);
    case '-':
      if (isInt(v)) return wrapInt(-v);
      if (typeof v === 'number') return -v;
      if (v instanceof GoDuration) return new GoDuration(-v.ns);
      throw exprError(`invalid operation: - ${goTypeName(v)}`);
    case '+':
      if (isNumber(v)) return v;
      throw exprError(`invalid operation: + ${goTypeName(v)}`);
    default:
      throw exprError(`unknown operator (${op})`);
  }
}
