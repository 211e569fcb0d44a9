// The Go strconv behaviour pflag relies on for bool and int flag values, with strconv's error texts.
// parity: Go strconv.ParseBool, strconv.ParseInt(s, 0, 64) (base prefixes, `_` separators), strconv.Quote;
// spf13/pflag boolValue.Set / intValue.Set / int64Value.Set.

const escapes: Readonly<Record<string, string>> = { '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v', '"': '\\"', '\\': '\\\\' };

/** `%q` / strconv.Quote for the texts a flag value can hold: `\"`, `\\`, C escapes, other control bytes `\xhh`. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    out += escapes[ch] ?? (cp < 0x20 || cp === 0x7f ? `\\x${cp.toString(16).padStart(2, '0')}` : ch);
  }
  return `${out}"`;
}

export type Parsed<T> = { readonly value: T } | { readonly error: string };

const syntaxError = (fn: string, s: string) => ({ error: `strconv.${fn}: parsing ${goQuote(s)}: invalid syntax` });

/** strconv.ParseBool: 1 t T TRUE true True / 0 f F FALSE false False; anything else is a syntax error. */
export function parseGoBool(s: string): Parsed<boolean> {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return { value: true };
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return { value: false };
  return syntaxError('ParseBool', s);
}

/**
 * Go's rule for `_` in a base-0 literal (checked on the unsigned text): only between digits, or between a
 * `0b`/`0o`/`0x` prefix and a digit — never doubled, leading (without prefix) or trailing.
 */
function underscoresOk(unsigned: string): boolean {
  const prefix = /^0[box]/i.exec(unsigned)?.[0];
  const digit = prefix?.toLowerCase() === '0x' ? '[0-9a-fA-F]' : '[0-9]';
  const body = prefix === undefined ? unsigned : unsigned.slice(2);
  return new RegExp(`^${prefix === undefined ? '' : '_?'}${digit}+(_${digit}+)*$`).test(body);
}

/**
 * strconv.ParseInt(s, 0, 64): optional sign; `0b`/`0o`/`0x` prefixes (case-insensitive, only with at least one
 * more character), otherwise a leading `0` means octal; `_` separators as Go allows them. A bad digit →
 * `invalid syntax`; beyond int64 → `value out of range`. The value is returned as a JS number.
 */
export function parseGoInt64(s: string): Parsed<number> {
  const negative = s.startsWith('-');
  const unsigned = negative || s.startsWith('+') ? s.slice(1) : s;
  if (unsigned === '') return syntaxError('ParseInt', s);
  const rangeError = { error: `strconv.ParseInt: parsing ${goQuote(s)}: value out of range` };
  const letter = unsigned[1]?.toLowerCase();
  const prefixed = unsigned.startsWith('0') && unsigned.length >= 3 && (letter === 'b' || letter === 'o' || letter === 'x');
  const base = !unsigned.startsWith('0') ? 10 : !prefixed ? 8 : letter === 'b' ? 2 : letter === 'o' ? 8 : 16;
  const digits = !unsigned.startsWith('0') ? unsigned : prefixed ? unsigned.slice(2) : unsigned.slice(1);
  let value = 0n;
  for (const ch of digits) {
    if (ch === '_') continue;
    const d = Number.parseInt(ch, 36);
    if (Number.isNaN(d) || d >= base) return syntaxError('ParseInt', s);
    value = value * BigInt(base) + BigInt(d);
    if (value >= 1n << 64n) return rangeError;
  }
  if (digits.includes('_') && !underscoresOk(unsigned)) return syntaxError('ParseInt', s);
  if (negative ? value > 1n << 63n : value >= 1n << 63n) return rangeError;
  return { value: Number(negative ? -value : value) };
}
