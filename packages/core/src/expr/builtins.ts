import { DEFAULT_DATE_LAYOUTS, loadLocation, parseGoTime } from './date.js';
import { formatGoDuration, parseGoDuration } from './duration.js';
import { exprError } from './errors.js';
import type { Value } from './values.js';
import {
  GoDuration, GoTime, floatToInt, nullProtoTable, formatFloat, formatValue, goTypeName, isArray, isInt, isNumber, isRecord, ownProperty, toFloat, valuesEqual,
} from './values.js';

// parity: expr-lang/expr builtin/builtin.go + builtin/lib.go (the non-predicate builtins Serin supports)

export interface CallContext {
  /** Clock for `now()`; absent → `now()` fails (core never reads the host clock). */
  readonly now?: GoTime;
  /** Charges `n` evaluation steps (allocation-proportional builtins call this). */
  readonly charge: (n: number) => void;
}

export type Builtin = (args: readonly Value[], ctx: CallContext) => Value;

const arity = (name: string, args: readonly Value[], min: number, max = min): void => {
  if (args.length < min || args.length > max) {
    const expected = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} or ${max}`;
    throw exprError(`invalid number of arguments for ${name} (expected ${expected}, got ${args.length})`);
  }
};
const arg = (args: readonly Value[], i: number): Value => args[i] ?? null;
const invalid = (name: string, v: Value): Error => exprError(`invalid argument for ${name} (type ${goTypeName(v)})`);

/** Builtins type-assert string arguments (`args[0].(string)`), so a wrong type panics like Go's assertion. */
function str(v: Value): string {
  if (typeof v !== 'string') throw exprError(`interface conversion: interface {} is ${goTypeName(v)}, not string`);
  return v;
}

function arr(name: string, v: Value): readonly Value[] {
  if (!isArray(v)) throw invalid(name, v);
  return v;
}

/** Byte length of a string in UTF-8 (Go's len). */
const utf8Length = (s: string): number => new TextEncoder().encode(s).length;

/** Numbers from variadic args or (nested) arrays, as expr's min/max/mean/median flatten them. */
function numbers(name: string, args: readonly Value[], ctx: CallContext): (number | bigint)[] {
  const out: (number | bigint)[] = [];
  const visit = (v: Value, depth: number): void => {
    if (depth > 16) throw exprError('recursion depth exceeded');
    if (isArray(v)) {
      ctx.charge(v.length);
      for (const item of v) visit(item, depth + 1);
    } else if (isNumber(v)) out.push(v);
    else throw invalid(name, v);
  };
  for (const a of args) visit(a, 0);
  return out;
}

function minMax(name: 'max' | 'min', args: readonly Value[], ctx: CallContext): Value {
  const ns = numbers(name, args, ctx);
  let best: number | bigint | undefined;
  for (const n of ns) {
    if (best === undefined) best = n;
    else if (name === 'max' ? toFloat(n) > toFloat(best) : toFloat(n) < toFloat(best)) best = n;
  }
  return best ?? null;
}

/** Go's math.Round: half away from zero. */
const goRound = (x: number): number => (x < 0 ? -Math.round(-x) : Math.round(x));

function roundLike(name: string, fn: (x: number) => number, v: Value): Value {
  if (typeof v === 'number') return fn(v);
  if (isInt(v)) return Number(v);
  throw invalid(name, v);
}

function toInt(v: Value): Value {
  if (isInt(v)) return v;
  if (typeof v === 'number') return floatToInt(v);
  if (typeof v === 'string') {
    if (!/^[+-]?\d+$/.test(v)) throw exprError(`strconv.Atoi: parsing ${JSON.stringify(v)}: invalid syntax`);
    return BigInt(v);
  }
  throw exprError(`invalid operation: int(${goTypeName(v)})`);
}

/** Go strconv.ParseFloat syntax: decimal/exponent forms, `inf`, `infinity`, `nan` (any case), optional sign. */
export function parseGoFloat(s: string): number {
  if (/^[+-]?(inf|infinity)$/i.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
  if (/^nan$/i.test(s)) return Number.NaN;
  if (!/^[+-]?(\d+(_\d+)*\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) {
    throw exprError(`strconv.ParseFloat: parsing ${JSON.stringify(s)}: invalid syntax`);
  }
  return Number(s.replaceAll('_', ''));
}

function toFloatValue(v: Value): Value {
  if (isNumber(v)) return toFloat(v);
  if (typeof v === 'string') return parseGoFloat(v);
  throw exprError(`invalid operation: float(${goTypeName(v)})`);
}

function typeName(v: Value): string {
  if (v === null) return 'nil';
  if (typeof v === 'boolean') return 'bool';
  if (isInt(v)) return 'int';
  if (typeof v === 'number') return 'float';
  if (typeof v === 'string') return 'string';
  if (v instanceof GoTime) return 'time.Time';
  if (v instanceof GoDuration) return 'time.Duration';
  return isArray(v) ? 'array' : 'map';
}

function toStringValue(v: Value): string {
  if (typeof v === 'number') return formatFloat(v);
  if (v instanceof GoDuration) return formatGoDuration(v);
  return formatValue(v);
}

/** `date(str[, layout[, zone]])` — without a layout, the first of DEFAULT_DATE_LAYOUTS that parses. */
function date(args: readonly Value[]): Value {
  arity('date', args, 1, 3);
  const value = str(arg(args, 0));
  if (args.length >= 2) {
    const zone = args.length === 3 ? loadLocation(str(arg(args, 2))) : 'UTC';
    return parseGoTime(value, str(arg(args, 1)), zone);
  }
  for (const layout of DEFAULT_DATE_LAYOUTS) {
    try {
      return parseGoTime(value, layout);
    } catch {
      // try the next layout
    }
  }
  throw exprError(`invalid date ${value}`);
}

function index(v: Value, i: Value): Value {
  if (isArray(v)) {
    if (!isNumber(i)) return null;
    let n = Number(i);
    if (n < 0) n += v.length;
    return n >= 0 && n < v.length ? (v[n] ?? null) : null;
  }
  if (isRecord(v) && typeof i === 'string') return ownProperty(v, i);
  return null;
}

/** Builtins by name. Lookups use Object.hasOwn on this null-prototype table. */
export const BUILTINS: Readonly<Record<string, Builtin>> = nullProtoTable<Builtin>({
  len: (args) => {
    arity('len', args, 1);
    const v = arg(args, 0);
    if (typeof v === 'string') return BigInt(utf8Length(v));
    if (isArray(v)) return BigInt(v.length);
    if (isRecord(v)) return BigInt(Object.keys(v).length);
    throw invalid('len', v);
  },
  abs: (args) => {
    arity('abs', args, 1);
    const v = arg(args, 0);
    if (isInt(v)) return v < 0n ? -v : v;
    if (typeof v === 'number') return Math.abs(v);
    throw invalid('abs', v);
  },
  ceil: (args) => (arity('ceil', args, 1), roundLike('ceil', Math.ceil, arg(args, 0))),
  floor: (args) => (arity('floor', args, 1), roundLike('floor', Math.floor, arg(args, 0))),
  round: (args) => (arity('round', args, 1), roundLike('round', goRound, arg(args, 0))),
  max: (args, ctx) => minMax('max', args, ctx),
  min: (args, ctx) => minMax('min', args, ctx),
  mean: (args, ctx) => {
    const ns = numbers('mean', args, ctx);
    return ns.length === 0 ? 0 : ns.reduce<number>((s, n) => s + toFloat(n), 0) / ns.length;
  },
  median: (args, ctx) => {
    const ns = numbers('median', args, ctx).map(toFloat).sort((a, b) => a - b);
    if (ns.length === 0) return 0;
    const mid = Math.floor(ns.length / 2);
    return ns.length % 2 === 1 ? (ns[mid] ?? 0) : ((ns[mid - 1] ?? 0) + (ns[mid] ?? 0)) / 2;
  },
  int: (args) => (arity('int', args, 1), toInt(arg(args, 0))),
  float: (args) => (arity('float', args, 1), toFloatValue(arg(args, 0))),
  string: (args) => (arity('string', args, 1), toStringValue(arg(args, 0))),
  type: (args) => (arity('type', args, 1), typeName(arg(args, 0))),
  upper: (args) => (arity('upper', args, 1), str(arg(args, 0)).toUpperCase()),
  lower: (args) => (arity('lower', args, 1), str(arg(args, 0)).toLowerCase()),
  trim: (args) => {
    arity('trim', args, 1, 2);
    const s = str(arg(args, 0));
    if (args.length === 1) return s.trim();
    const cut = new Set(str(arg(args, 1)));
    let a = 0;
    let b = s.length;
    while (a < b && cut.has(s.charAt(a))) a++;
    while (b > a && cut.has(s.charAt(b - 1))) b--;
    return s.slice(a, b);
  },
  trimPrefix: (args) => {
    arity('trimPrefix', args, 2);
    const [s, p] = [str(arg(args, 0)), str(arg(args, 1))];
    return s.startsWith(p) ? s.slice(p.length) : s;
  },
  trimSuffix: (args) => {
    arity('trimSuffix', args, 2);
    const [s, p] = [str(arg(args, 0)), str(arg(args, 1))];
    return s.endsWith(p) && p !== '' ? s.slice(0, s.length - p.length) : s;
  },
  hasPrefix: (args) => (arity('hasPrefix', args, 2), str(arg(args, 0)).startsWith(str(arg(args, 1)))),
  hasSuffix: (args) => (arity('hasSuffix', args, 2), str(arg(args, 0)).endsWith(str(arg(args, 1)))),
  indexOf: (args) => (arity('indexOf', args, 2), BigInt(str(arg(args, 0)).indexOf(str(arg(args, 1))))),
  split: (args, ctx) => {
    arity('split', args, 2);
    const parts = str(arg(args, 0)).split(str(arg(args, 1)));
    ctx.charge(parts.length);
    return parts;
  },
  join: (args) => {
    arity('join', args, 1, 2);
    const sep = args.length === 2 ? str(arg(args, 1)) : '';
    return arr('join', arg(args, 0)).map((v) => str(v)).join(sep);
  },
  first: (args) => (arity('first', args, 1), arr('first', arg(args, 0))[0] ?? null),
  last: (args) => {
    arity('last', args, 1);
    const a = arr('last', arg(args, 0));
    return a[a.length - 1] ?? null;
  },
  take: (args) => {
    arity('take', args, 2);
    const n = arg(args, 1);
    if (!isInt(n)) throw exprError(`cannot take ${goTypeName(n)} elements`);
    return arr('take', arg(args, 0)).slice(0, Number(n < 0n ? 0n : n));
  },
  reverse: (args) => (arity('reverse', args, 1), [...arr('reverse', arg(args, 0))].reverse()),
  uniq: (args) => {
    arity('uniq', args, 1);
    const out: Value[] = [];
    for (const v of arr('uniq', arg(args, 0))) if (!out.some((o) => valuesEqual(o, v))) out.push(v);
    return out;
  },
  concat: (args, ctx) => {
    const out: Value[] = [];
    for (const a of args) out.push(...arr('concat', a));
    ctx.charge(out.length);
    return out;
  },
  keys: (args) => {
    arity('keys', args, 1);
    const m = arg(args, 0);
    if (!isRecord(m)) throw invalid('keys', m);
    return Object.keys(m);
  },
  values: (args) => {
    arity('values', args, 1);
    const m = arg(args, 0);
    if (!isRecord(m)) throw invalid('values', m);
    return Object.keys(m).map((k) => ownProperty(m, k));
  },
  get: (args) => (arity('get', args, 2), index(arg(args, 0), arg(args, 1))),
  now: (args, ctx) => {
    if (args.length !== 0) throw exprError(`invalid number of arguments (expected 0, got ${args.length})`);
    if (ctx.now === undefined) throw exprError('now() is unavailable: no clock was injected (pass opts.now)');
    return ctx.now;
  },
  duration: (args) => (arity('duration', args, 1), parseGoDuration(str(arg(args, 0)))),
  date: (args) => date(args),
});
