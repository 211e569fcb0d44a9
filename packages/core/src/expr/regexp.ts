import { exprError } from './errors.js';

// `matches` uses Go's RE2 syntax, which runs in linear time. JavaScript's engine backtracks, so a pattern like
// `(a+)+$` could stall the controller. Serin accepts the RE2 subset that maps 1:1 onto JavaScript and refuses
// the constructs that cause catastrophic backtracking (a quantified group that itself contains a quantifier)
// and those RE2 does not have (backreferences, lookaround).

const MAX_PATTERN_LENGTH = 512;
const cache = new Map<string, RegExp>();

/** Leading RE2 flag group `(?i)`, `(?s)`, `(?m)`, `(?is)` → JavaScript flags. */
function splitFlags(pattern: string): { body: string; flags: string } {
  const m = /^\(\?([ims]+)\)/.exec(pattern);
  if (m === null) return { body: pattern, flags: '' };
  return { body: pattern.slice(m[0].length), flags: [...new Set(m[1] ?? '')].join('') };
}

/** True when a quantified group contains another quantifier: `(a+)+`, `(a|b*)*`, `(x{2,})+`. */
function hasNestedQuantifier(body: string): boolean {
  const stack: boolean[] = [];
  let escaped = false;
  let inClass = false;
  for (let i = 0; i < body.length; i++) {
    const c = body.charAt(i);
    if (escaped) {
      escaped = false;
      continue;
    }
    if (c === '\\') escaped = true;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') stack.push(false);
    else if (c === ')') {
      const innerQuantified = stack.pop() ?? false;
      const next = body.charAt(i + 1);
      const quantified = next === '*' || next === '+' || next === '{' || next === '?';
      if (innerQuantified && quantified && next !== '?') return true;
      if (stack.length > 0 && (innerQuantified || quantified)) stack[stack.length - 1] = true;
    } else if ((c === '*' || c === '+' || c === '{') && stack.length > 0) stack[stack.length - 1] = true;
  }
  return false;
}

/** Compiles a `matches` pattern (cached). Errors start with `error parsing regexp:` like Go's regexp.Compile. */
export function compileRegexp(pattern: string): RegExp {
  const hit = cache.get(pattern);
  if (hit !== undefined) return hit;
  if (pattern.length > MAX_PATTERN_LENGTH) throw exprError(`error parsing regexp: expression too large`);
  const { body, flags } = splitFlags(pattern);
  if (/\\[1-9]|\(\?[=!<]/.test(body.replace(/\(\?P?<[A-Za-z_]\w*>/g, ''))) {
    throw exprError(`error parsing regexp: invalid or unsupported Perl syntax: ${JSON.stringify(pattern)}`);
  }
  if (hasNestedQuantifier(body)) {
    throw exprError(`error parsing regexp: nested quantifiers are not supported (catastrophic backtracking): ${JSON.stringify(pattern)}`);
  }
  let re: RegExp;
  try {
    re = new RegExp(body.replace(/\(\?P</g, '(?<').replace(/\\z/g, '$(?![\\s\\S])'), `${flags}u`);
  } catch (e) {
    throw exprError(`error parsing regexp: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (cache.size > 256) cache.clear();
  cache.set(pattern, re);
  return re;
}
