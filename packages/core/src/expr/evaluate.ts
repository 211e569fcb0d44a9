import { ARGO_FUNCTIONS } from './argo-env.js';
import type { Node, NodeOf } from './ast.js';
import { BUILTINS } from './builtins.js';
import type { CallContext } from './builtins.js';
import { EXPR_LIMITS, exprError } from './errors.js';
import { callMethod } from './methods.js';
import { asBool, binaryOp, unaryOp } from './operators.js';
import type { GoTime, Value } from './values.js';
import { FORBIDDEN_KEYS, floatToInt, formatValue, goTypeName, isArray, isInt, isNumber, isRecord, ownProperty, toFloat, toValue, wrapInt } from './values.js';

// parity: expr-lang/expr vm/vm.go + vm/runtime/runtime.go (Fetch, Slice) — a tree-walking interpreter with the
// same observable results. Names resolve only in `variables` (a Map) and the two null-prototype function tables;
// property reads go through ownProperty (own data properties only, forbidden keys refused).

export interface EvalScope {
  /** Environment variables (`result`). */
  readonly variables: ReadonlyMap<string, Value>;
  /** The raw provider value that `isNil`/`default` consult. */
  readonly result: Value;
  readonly now?: GoTime;
}

interface Frame {
  readonly item: Value;
  readonly index: number;
  readonly acc: Value;
}

export function evaluateNode(node: Node, scope: EvalScope): Value {
  return new Interpreter(scope).run(node);
}

class Interpreter implements CallContext {
  private steps = 0;
  private readonly frames: Frame[] = [];
  readonly now: GoTime | undefined;

  constructor(private readonly scope: EvalScope) {
    this.now = scope.now;
  }

  readonly charge = (n: number): void => {
    this.steps += n;
    if (this.steps > EXPR_LIMITS.maxSteps) throw exprError('memory budget exceeded');
  };

  run(node: Node): Value {
    this.charge(1);
    switch (node.type) {
      case 'Nil': return null;
      case 'Bool': case 'Integer': case 'Float': case 'String': return node.value;
      case 'Array': this.charge(node.items.length); return node.items.map((n) => this.run(n));
      case 'Map': return this.mapLiteral(node);
      case 'Identifier': {
        if (!this.scope.variables.has(node.name)) throw exprError(`unknown name ${node.name}`);
        return this.scope.variables.get(node.name) ?? null;
      }
      case 'Pointer': return this.pointer(node.name);
      case 'Unary': return unaryOp(node.op, this.run(node.operand));
      case 'Binary': return this.binary(node);
      case 'Member': {
        const object = this.run(node.object);
        if (node.optional && object === null) return null;
        return fetch(object, this.run(node.property));
      }
      case 'Slice': return this.slice(node);
      case 'Method': {
        const object = this.run(node.object);
        return callMethod(object, node.name, node.args.map((a) => this.run(a)));
      }
      case 'Call': return this.call(node);
      case 'Predicate': return this.run(node.body);
      case 'Conditional': return asBool(this.run(node.test)) ? this.run(node.consequent) : this.run(node.alternate);
    }
  }

  private mapLiteral(node: NodeOf<'Map'>): Value {
    const out = Object.create(null) as Record<string, Value>;
    for (const [k, v] of node.pairs) {
      const key = this.run(k);
      if (typeof key !== 'string') throw exprError(`cannot use ${goTypeName(key)} as map key`);
      if (FORBIDDEN_KEYS.has(key)) throw exprError(`access to property ${JSON.stringify(key)} is not allowed`);
      Object.defineProperty(out, key, { value: this.run(v), enumerable: true, writable: false, configurable: false });
    }
    return out;
  }

  private pointer(name: string): Value {
    const frame = this.frames[this.frames.length - 1];
    if (frame === undefined) throw exprError('cannot use pointer accessor outside predicate');
    if (name === 'index') return BigInt(frame.index);
    if (name === 'acc') return frame.acc;
    return frame.item;
  }

  private binary(node: NodeOf<'Binary'>): Value {
    switch (node.op) {
      case '&&': case 'and':
        return asBool(this.run(node.left)) && asBool(this.run(node.right));
      case '||': case 'or':
        return asBool(this.run(node.left)) || asBool(this.run(node.right));
      case '??': {
        const left = this.run(node.left);
        return left === null ? this.run(node.right) : left;
      }
      case '..': {
        const from = this.run(node.left);
        const to = this.run(node.right);
        const lo = toGoInt(from);
        const hi = toGoInt(to);
        const size = hi >= lo ? Number(hi - lo) + 1 : 0;
        this.charge(size);
        return Array.from({ length: size }, (_, i) => lo + BigInt(i));
      }
      default:
        return binaryOp(node.op, this.run(node.left), this.run(node.right));
    }
  }

  private slice(node: NodeOf<'Slice'>): Value {
    const object = this.run(node.object);
    if (!isArray(object) && typeof object !== 'string') throw exprError(`cannot slice ${formatValue(object)}`);
    const length = object.length;
    const bound = (n: Node | undefined, fallback: number): number => {
      if (n === undefined) return fallback;
      const v = this.run(n);
      if (!isNumber(v)) throw exprError(`invalid operation: int(${goTypeName(v)})`);
      const i = Math.trunc(toFloat(v));
      return Math.min(Math.max(i < 0 ? length + i : i, 0), length);
    };
    const to = bound(node.to, length);
    const from = Math.min(bound(node.from, 0), to);
    return object.slice(from, to);
  }

  private call(node: NodeOf<'Call'>): Value {
    const name = node.name;
    if (Object.hasOwn(ARGO_FUNCTIONS, name)) {
      const fn = ARGO_FUNCTIONS[name];
      if (fn !== undefined) return fn.call(node.args.map((a) => this.run(a)), this.scope.result);
    }
    if (Object.hasOwn(PREDICATES, name)) return this.predicateCall(name, node.args);
    if (Object.hasOwn(BUILTINS, name)) {
      const fn = BUILTINS[name];
      if (fn !== undefined) return fn(node.args.map((a) => this.run(a)), this);
    }
    throw exprError(`unknown name ${name}`);
  }

  /** Runs `body` once per element with `#`, `#index` (and `#acc`) bound. */
  private each(items: readonly Value[], body: Node | undefined, visit: (value: Value, item: Value, index: number) => boolean | void): void {
    for (let i = 0; i < items.length; i++) {
      const item = toValue(items[i]);
      this.frames.push({ item, index: i, acc: null });
      let value: Value;
      try {
        value = body === undefined ? item : this.run(body);
      } finally {
        this.frames.pop();
      }
      if (visit(value, item, i) === false) return;
    }
  }

  private predicateCall(name: string, args: readonly Node[]): Value {
    const collection = this.run(args[0] ?? { type: 'Nil' });
    if (!isArray(collection)) {
      // parity: vm OpBegin falls back to reflect.Value.Len, which panics on non-collections.
      throw exprError(`reflect: call of reflect.Value.Len on ${collection === null ? 'zero' : goTypeName(collection)} Value`);
    }
    const body = args[1];
    this.charge(collection.length);
    switch (name) {
      case 'all': case 'any': case 'none': case 'one': case 'count': {
        let hits = 0;
        const stopOn = name === 'all' ? false : name === 'any' || name === 'none' ? true : undefined;
        let stopped = false;
        this.each(collection, body, (v) => {
          const b = asBool(v);
          if (b) hits++;
          if (stopOn !== undefined && b === stopOn) {
            stopped = true;
            return false;
          }
          return undefined;
        });
        if (name === 'all') return !stopped;
        if (name === 'any') return stopped;
        if (name === 'none') return !stopped;
        return name === 'one' ? hits === 1 : BigInt(hits);
      }
      case 'filter': {
        const out: Value[] = [];
        this.each(collection, body, (v, item) => void (asBool(v) && out.push(item)));
        return out;
      }
      case 'map': {
        const out: Value[] = [];
        this.each(collection, body, (v) => void out.push(v));
        return out;
      }
      case 'find': case 'findIndex': case 'findLast': case 'findLastIndex': {
        let found: { item: Value; index: number } | undefined;
        const last = name.startsWith('findLast');
        this.each(collection, body, (v, item, index) => {
          if (!asBool(v)) return undefined;
          found = { item, index };
          return last;
        });
        if (name.endsWith('Index')) return BigInt(found?.index ?? -1);
        return found?.item ?? null;
      }
      case 'sum': {
        let total: number | bigint = 0n;
        this.each(collection, body, (v) => {
          if (!isNumber(v)) throw exprError(`invalid operation: ${goTypeName(total)} + ${goTypeName(v)}`);
          total = isInt(total) && isInt(v) ? wrapInt(total + v) : toFloat(total) + toFloat(v);
        });
        return total;
      }
      case 'reduce': {
        const initial = args[2];
        let acc: Value = initial === undefined ? (collection[0] ?? null) : this.run(initial);
        const start = initial === undefined ? 1 : 0;
        if (initial === undefined && collection.length === 0) throw exprError('reduce of empty array with no initial value');
        for (let i = start; i < collection.length; i++) {
          this.frames.push({ item: toValue(collection[i]), index: i, acc });
          try {
            acc = this.run(body ?? { type: 'Nil' });
          } finally {
            this.frames.pop();
          }
        }
        return acc;
      }
      default:
        throw exprError(`unknown builtin ${name}`);
    }
  }
}

/** runtime.ToInt: ints as is, floats truncated, anything else `invalid operation: int(<type>)`. */
function toGoInt(v: Value): bigint {
  if (isInt(v)) return v;
  if (typeof v === 'number') return floatToInt(v);
  throw exprError(`invalid operation: int(${goTypeName(v)})`);
}

const PREDICATES: Readonly<Record<string, true>> = {
  all: true, any: true, none: true, one: true, filter: true, map: true, count: true, sum: true,
  find: true, findIndex: true, findLast: true, findLastIndex: true, reduce: true,
};

/**
 * `object[key]` / `object.key`: arrays and strings by (negative-capable) integer index, maps by own string key
 * (missing → nil), nothing else. Messages are expr's runtime ones.
 */
export function fetch(object: Value, key: Value): Value {
  if (isArray(object) || typeof object === 'string') {
    if (!isNumber(key)) throw exprError(`invalid operation: int(${goTypeName(key)})`);
    let i = Math.trunc(toFloat(key));
    const length = object.length;
    if (i < 0) i += length;
    if (i < 0 || i >= length) throw exprError(`index out of range: ${i} (array length is ${length})`);
    return typeof object === 'string' ? BigInt(object.charCodeAt(i)) : toValue(object[i]);
  }
  if (isRecord(object)) {
    if (typeof key !== 'string') {
      throw exprError(`reflect.Value.MapIndex: value of type ${goTypeName(key)} is not assignable to type string`);
    }
    return ownProperty(object, key);
  }
  throw exprError(`cannot fetch ${formatValue(key)} from ${goTypeName(object)}`);
}
