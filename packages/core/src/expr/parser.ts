import type { Node } from './ast.js';
import { EXPR_LIMITS, exprError } from './errors.js';
import { TOKEN_KIND, formatToken, tokenize } from './lexer.js';
import type { Token, TokenKind } from './lexer.js';

// parity: expr-lang/expr parser/parser.go and parser/operator/operator.go (v1.17.8, as vendored by argo-rollouts)

interface OperatorInfo {
  readonly precedence: number;
  readonly rightAssoc?: boolean;
}

/** Binary precedence table (higher binds tighter). `**`/`^` are right-associative. */
const BINARY: Readonly<Record<string, OperatorInfo>> = {
  '|': { precedence: 0 },
  or: { precedence: 10 }, '||': { precedence: 10 },
  and: { precedence: 15 }, '&&': { precedence: 15 },
  '==': { precedence: 20 }, '!=': { precedence: 20 }, '<': { precedence: 20 }, '>': { precedence: 20 },
  '>=': { precedence: 20 }, '<=': { precedence: 20 }, in: { precedence: 20 }, matches: { precedence: 20 },
  contains: { precedence: 20 }, startsWith: { precedence: 20 }, endsWith: { precedence: 20 },
  '..': { precedence: 25 },
  '+': { precedence: 30 }, '-': { precedence: 30 },
  '*': { precedence: 60 }, '/': { precedence: 60 }, '%': { precedence: 60 },
  '**': { precedence: 100, rightAssoc: true }, '^': { precedence: 100, rightAssoc: true },
  '??': { precedence: 500 },
};
/** Unary operators: `!`/`not` bind looser than comparison operands' arithmetic but tighter than `==`. */
const UNARY: Readonly<Record<string, number>> = { not: 50, '!': 50, '-': 90, '+': 90 };
const COMPARISON = new Set(['<', '>', '<=', '>=']);
const NEGATABLE = new Set(['in', 'matches', 'contains', 'startsWith', 'endsWith']);

/** Builtins whose arguments after the first are predicates: name → [predicate count, optional tail args]. */
export const PREDICATE_BUILTINS: Readonly<Record<string, { readonly required: number; readonly optional: number }>> = {
  all: { required: 2, optional: 0 }, none: { required: 2, optional: 0 }, any: { required: 2, optional: 0 },
  one: { required: 2, optional: 0 }, filter: { required: 2, optional: 0 }, map: { required: 2, optional: 0 },
  find: { required: 2, optional: 0 }, findIndex: { required: 2, optional: 0 }, findLast: { required: 2, optional: 0 },
  findLastIndex: { required: 2, optional: 0 }, count: { required: 1, optional: 1 }, sum: { required: 1, optional: 1 },
  reduce: { required: 2, optional: 1 },
};

const has = (table: object, key: string): boolean => Object.hasOwn(table, key);

class Parser {
  private pos = 0;
  private nodes = 0;
  private depth = 0;
  private predicateDepth = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  parse(): Node {
    const node = this.expression(0);
    if (this.current.kind !== TOKEN_KIND.EOF) this.fail();
    return node;
  }

  private get current(): Token {
    return this.tokens[this.pos] ?? this.tokens[this.tokens.length - 1] ?? { kind: TOKEN_KIND.EOF, value: '', pos: 0 };
  }

  private is(kind: TokenKind, value?: string): boolean {
    const t = this.current;
    return t.kind === kind && (value === undefined || t.value === value);
  }

  private next(): void {
    if (this.pos < this.tokens.length - 1) this.pos++;
  }

  private fail(token: Token = this.current): never {
    throw exprError(`unexpected token ${formatToken(token)}`);
  }

  private expect(kind: TokenKind, value: string): void {
    if (!this.is(kind, value)) this.fail();
    this.next();
  }

  private node(n: Node): Node {
    if (++this.nodes > EXPR_LIMITS.maxNodes) throw exprError('compilation failed: expression exceeds maximum allowed nodes');
    return n;
  }

  private expression(precedence: number): Node {
    if (++this.depth > EXPR_LIMITS.maxDepth) throw exprError(`expression nesting exceeds ${EXPR_LIMITS.maxDepth} levels`);
    try {
      return this.expressionBody(precedence);
    } finally {
      this.depth--;
    }
  }

  private expressionBody(precedence: number): Node {
    if (this.is(TOKEN_KIND.Operator, 'let') || this.is(TOKEN_KIND.Operator, 'if')) {
      throw exprError(`'${this.current.value}' is not supported in conditions`);
    }
    let left = this.primary();
    let previous = '';
    for (;;) {
      let op = this.current;
      if (op.kind !== TOKEN_KIND.Operator) break;
      const negate = op.value === 'not';
      if (negate) {
        const after = this.tokens[this.pos + 1];
        if (after === undefined || !NEGATABLE.has(after.value) || after.kind !== TOKEN_KIND.Operator) this.fail(after);
        const info = BINARY[after.value];
        if (info === undefined || info.precedence < precedence) break;
        this.next();
        op = this.current;
      }
      const info = has(BINARY, op.value) ? BINARY[op.value] : undefined;
      if (info === undefined || info.precedence < precedence) break;
      this.next();
      if (op.value === '|') {
        const fn = this.current;
        if (fn.kind !== TOKEN_KIND.Identifier) this.fail();
        this.next();
        left = this.call(fn.value, [left]);
      } else {
        if (previous === '??' && op.value !== '??') {
          throw exprError(`Operator (${op.value}) and coalesce expressions (??) cannot be mixed. Wrap either by parentheses.`);
        }
        if (COMPARISON.has(op.value)) {
          left = this.comparison(left, op.value, info.precedence);
        } else {
          const right = this.expression(info.rightAssoc === true ? info.precedence : info.precedence + 1);
          left = this.node({ type: 'Binary', op: op.value, left, right });
          if (negate) left = this.node({ type: 'Unary', op: 'not', operand: left });
        }
      }
      previous = op.value;
    }
    return precedence === 0 ? this.conditional(left) : left;
  }

  /** `a < b < c` → `a < b && b < c` (expr-lang chains comparisons). */
  private comparison(first: Node, firstOp: string, precedence: number): Node {
    let left = first;
    let op = firstOp;
    let root: Node | undefined;
    for (;;) {
      const right = this.expression(precedence + 1);
      const cmp = this.node({ type: 'Binary', op, left, right });
      root = root === undefined ? cmp : this.node({ type: 'Binary', op: '&&', left: root, right: cmp });
      left = right;
      if (!(this.current.kind === TOKEN_KIND.Operator && COMPARISON.has(this.current.value))) return root;
      op = this.current.value;
      this.next();
    }
  }

  private conditional(test: Node): Node {
    let node = test;
    while (this.is(TOKEN_KIND.Operator, '?')) {
      this.next();
      let consequent: Node;
      let alternate: Node;
      if (this.is(TOKEN_KIND.Operator, ':')) {
        this.next();
        consequent = node;
        alternate = this.expression(0);
      } else {
        consequent = this.expression(0);
        this.expect(TOKEN_KIND.Operator, ':');
        alternate = this.expression(0);
      }
      node = this.node({ type: 'Conditional', test: node, consequent, alternate });
    }
    return node;
  }

  private primary(): Node {
    const token = this.current;
    if (token.kind === TOKEN_KIND.Operator && has(UNARY, token.value)) {
      this.next();
      const operand = this.expression(UNARY[token.value] ?? 0);
      return this.postfix(this.node({ type: 'Unary', op: token.value, operand }));
    }
    if (this.is(TOKEN_KIND.Bracket, '(')) {
      this.next();
      const inner = this.expression(0);
      this.expect(TOKEN_KIND.Bracket, ')');
      return this.postfix(inner);
    }
    if (this.predicateDepth > 0 && token.kind === TOKEN_KIND.Operator && (token.value === '#' || token.value === '.')) {
      let name = '';
      if (token.value === '#') {
        this.next();
        if (this.is(TOKEN_KIND.Identifier)) {
          name = this.current.value;
          this.next();
        }
        return this.postfix(this.node({ type: 'Pointer', name }));
      }
      // `.field` inside a predicate is `#.field`: leave the `.` for postfix().
      return this.postfix(this.node({ type: 'Pointer', name }));
    }
    return this.postfix(this.secondary());
  }

  private secondary(): Node {
    const token = this.current;
    switch (token.kind) {
      case TOKEN_KIND.Identifier:
        this.next();
        if (token.value === 'true' || token.value === 'false') return this.node({ type: 'Bool', value: token.value === 'true' });
        if (token.value === 'nil') return this.node({ type: 'Nil' });
        if (this.is(TOKEN_KIND.Bracket, '(')) return this.call(token.value, []);
        return this.node({ type: 'Identifier', name: token.value });
      case TOKEN_KIND.Number:
        this.next();
        return this.node(numberLiteral(token.value));
      case TOKEN_KIND.String:
        this.next();
        return this.node({ type: 'String', value: token.value });
      default:
        if (this.is(TOKEN_KIND.Bracket, '[')) return this.arrayLiteral();
        if (this.is(TOKEN_KIND.Bracket, '{')) return this.mapLiteral();
        return this.fail();
    }
  }

  private call(name: string, leading: Node[]): Node {
    const spec = has(PREDICATE_BUILTINS, name) ? PREDICATE_BUILTINS[name] : undefined;
    if (spec === undefined) return this.node({ type: 'Call', name, args: this.argumentList(leading) });
    this.expect(TOKEN_KIND.Bracket, '(');
    const args = [...leading];
    const total = spec.required + spec.optional;
    for (let i = leading.length; i < total; i++) {
      if (this.is(TOKEN_KIND.Bracket, ')')) {
        if (i < spec.required) throw exprError(`expected at least ${spec.required - leading.length} arguments`);
        break;
      }
      if (i > leading.length) this.expect(TOKEN_KIND.Operator, ',');
      args.push(i === 1 ? this.predicate() : this.expression(0));
    }
    if (this.is(TOKEN_KIND.Operator, ',')) this.next();
    this.expect(TOKEN_KIND.Bracket, ')');
    return this.node({ type: 'Call', name, args });
  }

  private argumentList(leading: Node[]): Node[] {
    const args = [...leading];
    this.expect(TOKEN_KIND.Bracket, '(');
    while (!this.is(TOKEN_KIND.Bracket, ')')) {
      if (args.length > leading.length) {
        this.expect(TOKEN_KIND.Operator, ',');
        if (this.is(TOKEN_KIND.Bracket, ')')) break;
      }
      args.push(this.expression(0));
    }
    this.expect(TOKEN_KIND.Bracket, ')');
    return args;
  }

  /** `{# > 1}` or, braces omitted, `# > 1`; `.field` means `#.field` inside. */
  private predicate(): Node {
    const braces = this.is(TOKEN_KIND.Bracket, '{');
    if (braces) this.next();
    this.predicateDepth++;
    const body = this.expression(0);
    this.predicateDepth--;
    if (!braces && this.is(TOKEN_KIND.Operator, ';')) throw exprError('wrap predicate with brackets { and }');
    if (braces) this.expect(TOKEN_KIND.Bracket, '}');
    return this.node({ type: 'Predicate', body });
  }

  private arrayLiteral(): Node {
    this.expect(TOKEN_KIND.Bracket, '[');
    const items: Node[] = [];
    while (!this.is(TOKEN_KIND.Bracket, ']')) {
      if (items.length > 0) {
        this.expect(TOKEN_KIND.Operator, ',');
        if (this.is(TOKEN_KIND.Bracket, ']')) break;
      }
      items.push(this.expression(0));
    }
    this.expect(TOKEN_KIND.Bracket, ']');
    return this.node({ type: 'Array', items });
  }

  private mapLiteral(): Node {
    this.expect(TOKEN_KIND.Bracket, '{');
    const pairs: (readonly [Node, Node])[] = [];
    while (!this.is(TOKEN_KIND.Bracket, '}')) {
      if (pairs.length > 0) {
        this.expect(TOKEN_KIND.Operator, ',');
        if (this.is(TOKEN_KIND.Bracket, '}')) break;
      }
      const t = this.current;
      let key: Node;
      if (t.kind === TOKEN_KIND.Number || t.kind === TOKEN_KIND.String || t.kind === TOKEN_KIND.Identifier) {
        key = this.node({ type: 'String', value: t.value });
        this.next();
      } else if (this.is(TOKEN_KIND.Bracket, '(')) {
        key = this.expression(0);
      } else {
        throw exprError(
          `a map key must be a quoted string, a number, a identifier, or an expression enclosed in parentheses (unexpected token ${formatToken(t)})`,
        );
      }
      this.expect(TOKEN_KIND.Operator, ':');
      pairs.push([key, this.expression(0)]);
    }
    this.expect(TOKEN_KIND.Bracket, '}');
    return this.node({ type: 'Map', pairs });
  }

  private postfix(start: Node): Node {
    let node = start;
    for (;;) {
      const t = this.current;
      const optional = t.kind === TOKEN_KIND.Operator && t.value === '?.';
      if (t.kind === TOKEN_KIND.Operator && (t.value === '.' || optional)) {
        this.next();
        if (optional && this.is(TOKEN_KIND.Bracket, '[')) {
          node = this.index(node, true);
          continue;
        }
        const prop = this.current;
        const nameLike = prop.kind === TOKEN_KIND.Identifier || (prop.kind === TOKEN_KIND.Operator && /^[A-Za-z_]\w*$/.test(prop.value));
        if (!nameLike) throw exprError('expected name');
        this.next();
        if (this.is(TOKEN_KIND.Bracket, '(')) {
          node = this.node({ type: 'Method', object: node, name: prop.value, args: this.argumentList([]) });
        } else {
          node = this.node({ type: 'Member', object: node, property: this.node({ type: 'String', value: prop.value }), optional });
        }
      } else if (t.kind === TOKEN_KIND.Bracket && t.value === '[') {
        node = this.index(node, false);
      } else {
        return node;
      }
    }
  }

  private index(object: Node, optional: boolean): Node {
    this.expect(TOKEN_KIND.Bracket, '[');
    if (this.is(TOKEN_KIND.Operator, ':')) {
      this.next();
      const to = this.is(TOKEN_KIND.Bracket, ']') ? undefined : this.expression(0);
      this.expect(TOKEN_KIND.Bracket, ']');
      return this.node(to === undefined ? { type: 'Slice', object } : { type: 'Slice', object, to });
    }
    const from = this.expression(0);
    if (this.is(TOKEN_KIND.Operator, ':')) {
      this.next();
      const to = this.is(TOKEN_KIND.Bracket, ']') ? undefined : this.expression(0);
      this.expect(TOKEN_KIND.Bracket, ']');
      return this.node(to === undefined ? { type: 'Slice', object, from } : { type: 'Slice', object, from, to });
    }
    this.expect(TOKEN_KIND.Bracket, ']');
    return this.node({ type: 'Member', object, property: from, optional });
  }
}

const INT64_MAX = (1n << 63n) - 1n;

/** Number literal: `0x`/`0o`/`0b`/decimal integers are int (int64); anything with `.` or `e` is float64. */
function numberLiteral(text: string): Node {
  const clean = text.replaceAll('_', '');
  const lower = clean.toLowerCase();
  if (!lower.startsWith('0x') && (lower.includes('.') || lower.includes('e'))) {
    const value = Number(clean.startsWith('.') ? `0${clean}` : clean);
    if (Number.isNaN(value)) throw exprError(`invalid float literal: strconv.ParseFloat: parsing ${JSON.stringify(clean)}: invalid syntax`);
    if (!Number.isFinite(value)) throw exprError('float literal is too large');
    return { type: 'Float', value };
  }
  let value: bigint;
  try {
    value = /^0[0-7]+$/.test(clean) ? BigInt(`0o${clean.slice(1)}`) : BigInt(clean);
  } catch {
    throw exprError(`invalid integer literal: strconv.ParseInt: parsing ${JSON.stringify(clean)}: invalid syntax`);
  }
  if (value > INT64_MAX) throw exprError('integer literal is too large');
  return { type: 'Integer', value };
}

/** Parses an expression into a syntax tree, or throws ExprError with expr-lang's message. */
export function parseExpression(source: string): Node {
  return new Parser(tokenize(source)).parse();
}
