import { ARGO_FUNCTIONS, ARGO_RETURN_TYPES, argoArgumentCountError } from './argo-env.js';
import type { Node, NodeOf } from './ast.js';
import { BUILTINS } from './builtins.js';
import { exprError } from './errors.js';
import { compileRegexp } from './regexp.js';

// parity: expr-lang/expr checker/checker.go — the compile-time checks whose messages Argo users see.
// A static type is a Go type name (`int`, `float64`, `string`, `bool`, `nil`, `[]interface {}`,
// `map[string]interface {}`, `time.Time`, `time.Duration`) or `undefined` for `interface {}` (unknown until run
// time). Only when both sides are known does a mismatch fail at compile time, exactly like upstream.

export type StaticType = string | undefined;

/** expr builtins Serin deliberately does not implement (named so the error says so rather than `unknown name`). */
const UNSUPPORTED_BUILTINS = new Set([
  'groupBy', 'sortBy', 'sort', 'flatten', 'toJSON', 'fromJSON', 'toBase64', 'fromBase64', 'toPairs', 'fromPairs',
  'timezone', 'repeat', 'replace', 'lastIndexOf', 'splitAfter', 'bitand', 'bitor', 'bitxor', 'bitnand', 'bitnot',
  'bitshl', 'bitshr', 'bitushr',
]);

const INTEGER = new Set(['int', 'int64']);
const isInteger = (t: StaticType): boolean => t !== undefined && INTEGER.has(t);
const isNumeric = (t: StaticType): boolean => isInteger(t) || t === 'float64';
const isArrayType = (t: StaticType): boolean => t !== undefined && t.startsWith('[]');
const isMapType = (t: StaticType): boolean => t !== undefined && t.startsWith('map[');
/** Nature.String(): unknown → `interface {}`, the nil nature → `unknown` (it has no Go type). */
const show = (t: StaticType): string => (t === undefined ? 'interface {}' : t === 'nil' ? 'unknown' : t);

type Check = (t: StaticType) => boolean;
const NUMBER: Check = isNumeric;
const STRING: Check = (t) => t === 'string';
const TIME: Check = (t) => t === 'time.Time';
const DURATION: Check = (t) => t === 'time.Duration';
const BOOL: Check = (t) => t === 'bool';

/** Both sides are unknown or pass the same check. */
const maybe = (l: StaticType, r: StaticType, ...checks: Check[]): boolean =>
  checks.some((c) => (l === undefined || c(l)) && (r === undefined || c(r)));
const comparable = (l: StaticType, r: StaticType): boolean =>
  l === undefined || r === undefined || l === 'nil' || r === 'nil' || l === r || (isNumeric(l) && isNumeric(r)) || (isArrayType(l) && isArrayType(r));
const promote = (l: StaticType, r: StaticType): StaticType => (isInteger(l) && isInteger(r) ? 'int' : 'float64');

/** Names visible to an expression and their static types (`result` → the Go type of its value). */
export interface CheckEnv {
  readonly variables: ReadonlyMap<string, StaticType>;
}

export function checkExpression(node: Node, env: CheckEnv): StaticType {
  return new Checker(env).visit(node);
}

class Checker {
  private predicateDepth = 0;

  constructor(private readonly env: CheckEnv) {}

  visit(node: Node): StaticType {
    switch (node.type) {
      case 'Nil': return 'nil';
      case 'Bool': return 'bool';
      case 'Integer': return 'int';
      case 'Float': return 'float64';
      case 'String': return 'string';
      case 'Array': node.items.forEach((n) => this.visit(n)); return '[]interface {}';
      case 'Map': node.pairs.forEach(([k, v]) => { this.visit(k); this.visit(v); }); return 'map[string]interface {}';
      case 'Identifier': return this.identifier(node.name);
      case 'Pointer':
        if (this.predicateDepth === 0) throw exprError('cannot use pointer accessor outside predicate');
        if (node.name === 'index') return 'int';
        if (node.name !== '' && node.name !== 'acc') throw exprError(`unknown pointer #${node.name}`);
        return undefined;
      case 'Unary': return this.unary(node);
      case 'Binary': return this.binary(node);
      case 'Member': return this.member(node);
      case 'Slice': {
        const base = this.visit(node.object);
        for (const bound of [node.from, node.to]) {
          if (bound === undefined) continue;
          const t = this.visit(bound);
          if (t !== undefined && !isInteger(t)) throw exprError(`non-integer slice index ${t}`);
        }
        if (base !== undefined && !isArrayType(base) && base !== 'string') throw exprError(`cannot slice ${base}`);
        return base;
      }
      case 'Method': {
        const base = this.visit(node.object);
        node.args.forEach((a) => this.visit(a));
        if (base !== undefined && base !== 'time.Time' && base !== 'time.Duration') throw exprError(`type ${base} has no method ${node.name}`);
        return undefined;
      }
      case 'Call': return this.call(node);
      case 'Predicate': {
        this.predicateDepth++;
        try {
          return this.visit(node.body);
        } finally {
          this.predicateDepth--;
        }
      }
      case 'Conditional': {
        const test = this.visit(node.test);
        if (test !== undefined && test !== 'bool') throw exprError(`non-bool expression (type ${test}) used as condition`);
        const a = this.visit(node.consequent);
        const b = this.visit(node.alternate);
        return a === b ? a : undefined;
      }
    }
  }

  private identifier(name: string): StaticType {
    if (this.env.variables.has(name)) return this.env.variables.get(name);
    if (Object.hasOwn(ARGO_FUNCTIONS, name)) throw exprError(`cannot use function ${name} as a value`);
    throw exprError(`unknown name ${name}`);
  }

  private unary(node: NodeOf<'Unary'>): StaticType {
    const t = this.visit(node.operand);
    if (node.op === '!' || node.op === 'not') {
      if (t === undefined || t === 'bool') return 'bool';
    } else if (t === undefined || isNumeric(t) || (node.op === '-' && t === 'time.Duration')) {
      return t;
    }
    throw exprError(`invalid operation: ${node.op} (mismatched type ${show(t)})`);
  }

  private binary(node: NodeOf<'Binary'>): StaticType {
    const l = this.visit(node.left);
    const r = this.visit(node.right);
    const fail = (): never => {
      throw exprError(`invalid operation: ${node.op} (mismatched types ${show(l)} and ${show(r)})`);
    };
    switch (node.op) {
      case '==': case '!=':
        return comparable(l, r) ? 'bool' : fail();
      case 'or': case '||': case 'and': case '&&':
        return maybe(l, r, BOOL) ? 'bool' : fail();
      case '<': case '>': case '<=': case '>=':
        return maybe(l, r, NUMBER, STRING, TIME, DURATION) ? 'bool' : fail();
      case '+':
        if (isNumeric(l) && isNumeric(r)) return promote(l, r);
        if (l === 'string' && r === 'string') return 'string';
        if ((l === 'time.Time' && r === 'time.Duration') || (l === 'time.Duration' && r === 'time.Time')) return 'time.Time';
        if (l === 'time.Duration' && r === 'time.Duration') return 'time.Duration';
        return maybe(l, r, NUMBER, STRING, TIME, DURATION) ? undefined : fail();
      case '-':
        if (isNumeric(l) && isNumeric(r)) return promote(l, r);
        if (l === 'time.Time' && r === 'time.Time') return 'time.Duration';
        if (l === 'time.Time' && r === 'time.Duration') return 'time.Time';
        if (l === 'time.Duration' && r === 'time.Duration') return 'time.Duration';
        return maybe(l, r, NUMBER, TIME, DURATION) ? undefined : fail();
      case '*':
        if (isNumeric(l) && isNumeric(r)) return promote(l, r);
        if ((isNumeric(l) || l === 'time.Duration') && (isNumeric(r) || r === 'time.Duration')) return 'time.Duration';
        return maybe(l, r, NUMBER, DURATION) ? undefined : fail();
      case '/': case '**': case '^':
        return maybe(l, r, NUMBER) ? 'float64' : fail();
      case '%':
        return maybe(l, r, isInteger) ? 'int' : fail();
      case 'in':
        if (isMapType(r)) {
          if (l !== undefined && l !== 'string') throw exprError(`cannot use ${l} as type string in map key`);
          return 'bool';
        }
        if (isArrayType(r) || r === undefined) return 'bool';
        if (l === undefined && r === 'string') return 'bool';
        return fail();
      case 'matches':
        if (node.right.type === 'String') compileRegexp(node.right.value);
        return maybe(l, r, STRING) ? 'bool' : fail();
      case 'contains': case 'startsWith': case 'endsWith':
        return maybe(l, r, STRING) ? 'bool' : fail();
      case '..':
        return maybe(l, r, isInteger) ? '[]int' : fail();
      case '??':
        if (l === 'nil') return r;
        if (r === 'nil' || l === r) return l;
        return undefined;
      default:
        throw exprError(`unknown operator (${node.op})`);
    }
  }

  private member(node: NodeOf<'Member'>): StaticType {
    const base = this.visit(node.object);
    const prop = this.visit(node.property);
    if (base === undefined) return undefined;
    const name = node.property.type === 'String' ? node.property.value : undefined;
    if (base === 'nil' && name !== undefined) throw exprError(`type nil has no field ${name}`);
    if (isMapType(base)) {
      if (prop !== undefined && prop !== 'string') throw exprError(`cannot use ${prop} to get an element from ${base}`);
      return undefined;
    }
    if (isArrayType(base)) {
      if (prop !== undefined && !isInteger(prop)) throw exprError(`array elements can only be selected using an integer (got ${prop})`);
      return base === '[]int' ? 'int' : undefined;
    }
    if (base === 'string' && (prop === undefined || isInteger(prop))) return 'uint8';
    if (name !== undefined) throw exprError(`type ${base} has no field ${name}`);
    throw exprError(`type ${base}[${show(prop)}] is undefined`);
  }

  private call(node: NodeOf<'Call'>): StaticType {
    const types = node.args.map((a) => this.visit(a));
    const name = node.name;
    if (Object.hasOwn(ARGO_FUNCTIONS, name)) {
      const fn = ARGO_FUNCTIONS[name];
      if (fn !== undefined && node.args.length !== fn.params) throw argoArgumentCountError(name, node.args.length, fn.params);
      if ((name === 'isNaN' || name === 'isInf') && types[0] !== undefined && !isNumeric(types[0])) {
        throw exprError(`cannot use ${types[0]} as argument (type float64) to call ${name}`);
      }
      return ARGO_RETURN_TYPES[name];
    }
    if (this.env.variables.has(name)) throw exprError(`${show(this.env.variables.get(name))} is not callable`);
    if (Object.hasOwn(PREDICATE_RESULT, name)) {
      const collection = types[0];
      if (collection !== undefined && !isArrayType(collection)) throw exprError(`builtin ${name} takes only array (got ${collection})`);
      const predicate = types[1];
      if (BOOLEAN_PREDICATES.has(name) && predicate !== undefined && predicate !== 'bool') {
        throw exprError(`predicate should return boolean (got ${predicate})`);
      }
      return PREDICATE_RESULT[name];
    }
    if (Object.hasOwn(BUILTINS, name)) return BUILTIN_RESULT[name];
    if (UNSUPPORTED_BUILTINS.has(name)) throw exprError(`builtin ${name} is not supported by Serin`);
    throw exprError(`unknown name ${name}`);
  }
}

const BOOLEAN_PREDICATES = new Set(['all', 'any', 'none', 'one', 'filter', 'count', 'find', 'findIndex', 'findLast', 'findLastIndex']);

const PREDICATE_RESULT: Readonly<Record<string, StaticType>> = {
  all: 'bool', any: 'bool', none: 'bool', one: 'bool', filter: '[]interface {}', map: '[]interface {}',
  count: 'int', sum: undefined, find: undefined, findIndex: 'int', findLast: undefined, findLastIndex: 'int', reduce: undefined,
};

const BUILTIN_RESULT: Readonly<Record<string, StaticType>> = {
  len: 'int', ceil: 'float64', floor: 'float64', round: 'float64', mean: 'float64', median: 'float64', int: 'int',
  float: 'float64', string: 'string', type: 'string', upper: 'string', lower: 'string', trim: 'string', trimPrefix: 'string',
  trimSuffix: 'string', hasPrefix: 'bool', hasSuffix: 'bool', indexOf: 'int', split: '[]string', join: 'string',
  take: '[]interface {}', reverse: '[]interface {}', uniq: '[]interface {}', concat: '[]interface {}', keys: '[]string',
  values: '[]interface {}', now: 'time.Time', duration: 'time.Duration', date: 'time.Time',
};
