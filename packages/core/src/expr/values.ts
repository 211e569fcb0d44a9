import { exprError } from './errors.js';

// Value model. expr-lang is typed like Go, so the interpreter keeps Go's distinctions:
//   float64  → JS number          int (int64) → JS bigint         string, bool → as is
//   nil      → null (undefined is normalised to null)
//   []interface {}            → readonly array
//   map[string]interface {}   → plain object (own enumerable properties only)
//   time.Time / time.Duration → GoTime / GoDuration
// Provider results decoded from JSON carry float64 numbers, exactly as Go's encoding/json does.

/**
 * A Go time.Time: milliseconds since the Unix epoch, the nanoseconds below the millisecond, and its location —
 * `UTC`, an IANA zone name, or a fixed offset (`fixedOffsetSeconds` set, `zone` is then its abbreviation).
 */
export class GoTime {
  constructor(
    readonly epochMs: number,
    readonly subMsNs = 0,
    readonly zone = 'UTC',
    readonly fixedOffsetSeconds?: number,
  ) {}
}

/** A Go time.Duration: an int64 count of nanoseconds. */
export class GoDuration {
  constructor(readonly ns: bigint) {}
}

export type Value =
  | null
  | boolean
  | number
  | bigint
  | string
  | GoTime
  | GoDuration
  | readonly Value[]
  | { readonly [key: string]: Value };

export type ValueRecord = { readonly [key: string]: Value };

/** Keys that would reach JavaScript object internals; never readable, whatever the object. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** A plain data object: prototype is Object.prototype or null (JSON.parse output, object literals). */
export function isRecord(v: unknown): v is ValueRecord {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

export const isArray = (v: unknown): v is readonly Value[] => Array.isArray(v);
export const isInt = (v: unknown): v is bigint => typeof v === 'bigint';
export const isFloat = (v: unknown): v is number => typeof v === 'number';
export const isNumber = (v: unknown): v is number | bigint => typeof v === 'number' || typeof v === 'bigint';

/**
 * Go's `%T` for a value, as upstream prints it in `expected bool, but got <type>` and runtime errors.
 * Arrays are `[]interface {}` (what encoding/json and array literals produce; Prometheus' `[]float64` is
 * indistinguishable here), objects `map[string]interface {}`, nil `<nil>`.
 */
export function goTypeName(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return 'float64';
  if (typeof v === 'bigint') return 'int';
  if (typeof v === 'string') return 'string';
  if (v instanceof GoTime) return 'time.Time';
  if (v instanceof GoDuration) return 'time.Duration';
  if (Array.isArray(v)) return '[]interface {}';
  if (isRecord(v)) return 'map[string]interface {}';
  return 'unsupported';
}

/**
 * Reads an own property of a data object, never the prototype chain, never a forbidden key.
 * Missing keys read as nil (Go map semantics).
 */
export function ownProperty(obj: ValueRecord, key: string): Value {
  if (FORBIDDEN_KEYS.has(key)) throw exprError(`access to property ${JSON.stringify(key)} is not allowed`);
  if (!Object.hasOwn(obj, key)) return null;
  const desc = Object.getOwnPropertyDescriptor(obj, key);
  if (desc === undefined || !('value' in desc)) return null;
  return toValue(desc.value);
}

/** Normalises a host value into the value model (undefined → nil); anything foreign is refused. */
export function toValue(v: unknown): Value {
  if (v === undefined || v === null) return null;
  switch (typeof v) {
    case 'boolean':
    case 'number':
    case 'bigint':
    case 'string':
      return v;
    case 'object':
      if (Array.isArray(v) || isRecord(v) || v instanceof GoTime || v instanceof GoDuration) return v as Value;
      break;
    default:
      break;
  }
  throw exprError(`unsupported value of type ${typeof v === 'object' ? 'object' : typeof v}`);
}

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

/** Go's int64 conversion of a float64: truncates toward zero; out-of-range values saturate. */
export function floatToInt(f: number): bigint {
  if (Number.isNaN(f)) return INT64_MIN;
  if (f >= 9.223372036854776e18) return INT64_MIN;
  if (f <= -9.223372036854776e18) return INT64_MIN;
  return BigInt(Math.trunc(f));
}

/** Wraps to int64 like Go's two's-complement overflow. */
export const wrapInt = (n: bigint): bigint => BigInt.asIntN(64, n);
export const inInt64 = (n: bigint): boolean => n >= INT64_MIN && n <= INT64_MAX;

export const toFloat = (v: number | bigint): number => (typeof v === 'bigint' ? Number(v) : v);

/**
 * expr-lang equality (runtime.Equal): numbers of any kind compare by value; strings, bools, times and
 * durations by value; arrays element-wise; maps deeply; nil equals nil; anything else is unequal.
 */
export function valuesEqual(a: Value, b: Value): boolean {
  if (isNumber(a) && isNumber(b)) {
    if (isInt(a) && isInt(b)) return a === b;
    return toFloat(a) === toFloat(b);
  }
  if (a === null || b === null) return a === b;
  if (typeof a !== 'object' || typeof b !== 'object') return a === b;
  if (a instanceof GoTime && b instanceof GoTime) return a.epochMs === b.epochMs && a.subMsNs === b.subMsNs;
  if (a instanceof GoDuration && b instanceof GoDuration) return a.ns === b.ns;
  if (isArray(a) && isArray(b)) return a.length === b.length && a.every((x, i) => valuesEqual(x, b[i] ?? null));
  if (isRecord(a) && isRecord(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && valuesEqual(ownProperty(a, k), ownProperty(b, k)));
  }
  return false;
}

/** Go `%v` formatting, used in messages (`index out of range: 5 (array length is 2)`) and `string()`. */
export function formatValue(v: Value): string {
  if (v === null) return '<nil>';
  if (typeof v === 'number') return formatFloat(v);
  if (typeof v === 'bigint' || typeof v === 'boolean' || typeof v === 'string') return String(v);
  if (v instanceof GoDuration) return `${v.ns}ns`;
  if (v instanceof GoTime) return new Date(v.epochMs).toISOString();
  if (isArray(v)) return `[${v.map(formatValue).join(' ')}]`;
  return `map[${Object.keys(v).sort().map((k) => `${k}:${formatValue(ownProperty(v, k))}`).join(' ')}]`;
}

/** Go's `%v` of a float64: strconv 'g' with shortest digits, exponent form when exp < -4 or exp >= 6 (so 1e6 prints `1e+06`). */
export function formatFloat(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const [mant = '', exp = '0'] = f.toExponential().split('e');
  const e = Number(exp);
  // parity: Go strconv.FormatFloat(f, 'g', -1, 64) — "if precision was the shortest possible, use precision 6"
  if (e < -4 || e >= 6) return `${mant}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  return String(f);
}

/** A lookup table with no prototype: a name that is not an own key resolves to nothing, never to Object.prototype. */
export function nullProtoTable<T>(entries: Readonly<Record<string, T>>): Readonly<Record<string, T>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}
