// Go encoding/json text primitives: string escaping and untyped (raw) JSON values.
// parity: Go src/encoding/json/encode.go appendString with escapeHTML=true (Go ≥ 1.22, which writes \b and \f)

const HEX = '0123456789abcdef';

const SHORT_ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

function unicodeEscape(code: number): string {
  return `\\u${HEX[(code >> 12) & 0xf] ?? ''}${HEX[(code >> 8) & 0xf] ?? ''}${HEX[(code >> 4) & 0xf] ?? ''}${HEX[code & 0xf] ?? ''}`;
}

/**
 * A JSON string literal exactly as Go's json.Marshal writes it:
 * `"` `\` and \n \r \t \b \f use short escapes; other C0 controls, `<` `>` `&`, U+2028 and U+2029 use
 * lower-case `\u00XX`; all else is literal. A lone UTF-16 surrogate (only possible from a `\ud800`-style JSON
 * escape) is written as a literal U+FFFD: Go's decoder replaces it with that rune before the encoder sees it.
 */
export function goJsonString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] ?? '';
    const code = s.charCodeAt(i);
    const short = SHORT_ESCAPES[ch];
    if (short !== undefined) out += short;
    else if (code < 0x20 || ch === '<' || ch === '>' || ch === '&' || code === 0x2028 || code === 0x2029) out += unicodeEscape(code);
    else if (code >= 0xd800 && code <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += ch + (s[i + 1] ?? '');
        i++;
      } else out += '\ufffd';
    } else if (code >= 0xdc00 && code <= 0xdfff) out += '\ufffd';
    else out += ch;
  }
  return `${out}"`;
}

/** Orders strings by Unicode code point, which is the byte order of their UTF-8 form (Go's sort). */
export function compareCodePoints(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = (x[i]?.codePointAt(0) ?? 0) - (y[i]?.codePointAt(0) ?? 0);
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/** A JSON number as Go writes a float64: like JS, but exponents keep at least two digits only when Go does. */
export function goJsonNumber(n: number): string {
  if (!Number.isFinite(n)) throw new TypeError(`json: unsupported value: ${String(n)}`);
  // Go uses %f for 1e-6 ≤ |n| < 1e21 and %e otherwise, trimming "e-07" to "e-7" — the same text JS prints.
  return String(n);
}

/**
 * Compact JSON of an untyped value (json.RawMessage, FieldsV1): object keys keep their given order,
 * strings get Go's HTML-safe escaping.
 */
export function goRawJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return goJsonString(value);
  if (typeof value === 'number') return goJsonNumber(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) return `[${value.map((v: unknown) => goRawJson(v)).join(',')}]`;
  if (typeof value === 'object') {
    const parts = Object.entries(value).map(([k, v]) => `${goJsonString(k)}:${goRawJson(v)}`);
    return `{${parts.join(',')}}`;
  }
  throw new TypeError(`json: unsupported type: ${typeof value}`);
}
