import { EXPR_LIMITS, exprError } from './errors.js';

// parity: expr-lang/expr parser/lexer (token kinds, operator words, `not in` fusion, number syntax)

export const TOKEN_KIND = {
  Identifier: 'Identifier',
  Number: 'Number',
  String: 'String',
  Operator: 'Operator',
  Bracket: 'Bracket',
  EOF: 'EOF',
} as const;
export type TokenKind = (typeof TOKEN_KIND)[keyof typeof TOKEN_KIND];

export interface Token {
  readonly kind: TokenKind;
  readonly value: string;
  readonly pos: number;
}

/** Words the lexer emits as operators rather than identifiers. */
const OPERATOR_WORDS = new Set(['in', 'or', 'and', 'matches', 'contains', 'startsWith', 'endsWith', 'let', 'if', 'else']);
/** Words that fuse with a preceding `not` into one operator token (`not in` …). */
const NEGATABLE = new Set(['in', 'matches', 'contains', 'startsWith', 'endsWith']);

const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v';
/** Letters, digits, `_` and `$` (as in `$env`). */
const isAlphaNumeric = (c: string): boolean => c === '_' || c === '$' || /^[\p{L}\p{Nd}]$/u.test(c);

/** Token text as Go's `%v` of a lexer token prints it: `Number("10.000000")`, `EOF`. */
export function formatToken(token: Token): string {
  return token.value === '' ? token.kind : `${token.kind}(${JSON.stringify(token.value)})`;
}

/**
 * Splits an expression into tokens. Strings are unescaped (Go escapes); numbers keep their source text.
 * Throws ExprError with upstream's lexer messages (`unrecognized character: U+0040 '@'`, `literal not terminated`).
 */
export function tokenize(source: string): Token[] {
  if (source.length > EXPR_LIMITS.maxExpressionLength) {
    throw exprError(`expression is too long (${source.length} > ${EXPR_LIMITS.maxExpressionLength} characters)`);
  }
  const tokens: Token[] = [];
  const chars = Array.from(source);
  let i = 0;
  const at = (k: number): string => chars[k] ?? '';
  const push = (kind: TokenKind, value: string, pos: number): void => {
    tokens.push({ kind, value, pos });
  };
  while (i < chars.length) {
    const c = at(i);
    const start = i;
    if (isSpace(c)) {
      i++;
    } else if (c === '"' || c === "'") {
      const end = scanQuoted(chars, i, c);
      push(TOKEN_KIND.String, unescape(chars.slice(i + 1, end).join('')), start);
      i = end + 1;
    } else if (c === '`') {
      let end = i + 1;
      while (end < chars.length && at(end) !== '`') end++;
      if (end >= chars.length) throw exprError('literal not terminated');
      push(TOKEN_KIND.String, chars.slice(i + 1, end).join(''), start);
      i = end + 1;
    } else if (isDigit(c) || (c === '.' && isDigit(at(i + 1)))) {
      i = scanNumber(chars, i);
      push(TOKEN_KIND.Number, chars.slice(start, i).join(''), start);
    } else if (c === '/' && at(i + 1) === '/') {
      while (i < chars.length && at(i) !== '\n') i++;
    } else if (c === '/' && at(i + 1) === '*') {
      i += 2;
      while (i < chars.length && !(at(i) === '*' && at(i + 1) === '/')) i++;
      if (i >= chars.length) throw exprError('unclosed comment');
      i += 2;
    } else if (c === '?') {
      i += at(i + 1) === '.' || at(i + 1) === '?' ? 2 : 1;
      push(TOKEN_KIND.Operator, chars.slice(start, i).join(''), start);
    } else if (c === '#') {
      i += at(i + 1) === '#' ? 2 : 1;
      push(TOKEN_KIND.Operator, chars.slice(start, i).join(''), start);
      const nameStart = i;
      while (i < chars.length && isAlphaNumeric(at(i))) i++;
      if (i > nameStart) push(TOKEN_KIND.Identifier, chars.slice(nameStart, i).join(''), nameStart);
    } else if (c === '|' || c === ':') {
      i += at(i + 1) === c ? 2 : 1;
      push(TOKEN_KIND.Operator, chars.slice(start, i).join(''), start);
    } else if ('([{)]}'.includes(c)) {
      i++;
      push(TOKEN_KIND.Bracket, c, start);
    } else if (',;%+-^/'.includes(c)) {
      i++;
      push(TOKEN_KIND.Operator, c, start);
    } else if ('&!=*<>'.includes(c)) {
      i += '&=*'.includes(at(i + 1)) ? 2 : 1;
      push(TOKEN_KIND.Operator, chars.slice(start, i).join(''), start);
    } else if (c === '.') {
      i += at(i + 1) === '.' ? 2 : 1;
      push(TOKEN_KIND.Operator, chars.slice(start, i).join(''), start);
    } else if (isAlphaNumeric(c)) {
      while (i < chars.length && isAlphaNumeric(at(i))) i++;
      const word = chars.slice(start, i).join('');
      if (word === 'not') {
        push(TOKEN_KIND.Operator, word, start);
        let j = i;
        while (j < chars.length && isSpace(at(j))) j++;
        const wordStart = j;
        while (j < chars.length && isAlphaNumeric(at(j))) j++;
        const next = chars.slice(wordStart, j).join('');
        if (NEGATABLE.has(next)) {
          push(TOKEN_KIND.Operator, next, wordStart);
          i = j;
        }
      } else {
        push(OPERATOR_WORDS.has(word) ? TOKEN_KIND.Operator : TOKEN_KIND.Identifier, word, start);
      }
    } else {
      const code = c.codePointAt(0) ?? 0;
      throw exprError(`unrecognized character: U+${code.toString(16).toUpperCase().padStart(4, '0')} '${c}'`);
    }
  }
  push(TOKEN_KIND.EOF, '', chars.length);
  return tokens;
}

function scanQuoted(chars: readonly string[], open: number, quote: string): number {
  let i = open + 1;
  while (i < chars.length) {
    const c = chars[i];
    if (c === '\\') i += 2;
    else if (c === quote) return i;
    else if (c === '\n') break;
    else i++;
  }
  throw exprError('literal not terminated');
}

function scanNumber(chars: readonly string[], start: number): number {
  const at = (k: number): string => chars[k] ?? '';
  let i = start;
  let digits = '0123456789_';
  if (at(i) === '0') {
    i++;
    const p = at(i);
    if (p === 'x' || p === 'X') digits = '0123456789abcdefABCDEF_';
    else if (p === 'o' || p === 'O') digits = '01234567_';
    else if (p === 'b' || p === 'B') digits = '01_';
    if (digits !== '0123456789_') i++;
  }
  while (digits.includes(at(i)) && at(i) !== '') i++;
  if (at(i) === '.' && at(i + 1) !== '.') {
    i++;
    while (digits.includes(at(i)) && at(i) !== '') i++;
  }
  if (at(i) === 'e' || at(i) === 'E') {
    i++;
    if (at(i) === '+' || at(i) === '-') i++;
    while (digits.includes(at(i)) && at(i) !== '') i++;
  }
  if (at(i) !== '' && isAlphaNumeric(at(i))) {
    throw exprError(`bad number syntax: ${JSON.stringify(chars.slice(start, i + 1).join(''))}`);
  }
  return i;
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', "'": "'", '"': '"', '`': '`',
};

/** Go string-literal escapes: `\n`, `\t`, `\\`, `\'`, `\"`, `\xNN`, `\uNNNN`, `\UNNNNNNNN`, `\NNN` (octal). */
function unescape(body: string): string {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body.charAt(i);
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body.charAt(i + 1);
    const simple = Object.hasOwn(SIMPLE_ESCAPES, e) ? SIMPLE_ESCAPES[e] : undefined;
    if (simple !== undefined) {
      out += simple;
      i++;
      continue;
    }
    const width = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : /[0-7]/.test(e) ? 3 : 0;
    const digits = e >= '0' && e <= '7' ? body.slice(i + 1, i + 4) : body.slice(i + 2, i + 2 + width);
    const radix = e >= '0' && e <= '7' ? 8 : 16;
    const valid = width > 0 && digits.length === width && (radix === 8 ? /^[0-7]+$/ : /^[0-9a-fA-F]+$/).test(digits);
    const code = valid ? Number.parseInt(digits, radix) : Number.NaN;
    if (!valid || code > 0x10ffff) throw exprError('invalid syntax');
    out += String.fromCodePoint(code);
    i += radix === 8 ? 3 : 1 + width;
  }
  return out;
}
