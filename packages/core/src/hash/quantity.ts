// Kubernetes resource.Quantity as Go's encoding/json writes it after a decode → encode round trip.
// parity: k8s.io/apimachinery pkg/api/resource quantity.go (ParseQuantity, CanonicalizeBytes, MarshalJSON)
//
// A quantity is `<sign><digits>[.<digits>]<suffix>`, suffix ∈ {n u m "" k M G T P E} (decimal SI),
// {Ki Mi Gi Ti Pi Ei} (binary SI) or `e<int>`/`E<int>` (decimal exponent).
// Output rules, in order:
//  1. "0" stays "0"; any zero value prints "0".
//  2. The original text is kept verbatim when it "looks canonical" (upstream caches it):
//     decimal/exponent forms that fit an int64 with scale ≥ -9, whose scale (suffix exponent minus
//     fraction digits) is a multiple of 3, whose digits (integer ++ fraction, leading zeros removed
//     from the integer part) do not start with 0 and do not end in "000" — e.g. "100m", "1.500", "1e3", "+1";
//     binary forms with an integer mantissa not divisible by 8 — e.g. "100Mi", "1Gi".
//  3. Otherwise the value is printed canonically. Binary SI with |v| ≥ 1024 and an integral value:
//     strip factors of 1024 (1024Mi → 1Gi, 8Ki → 8Ki). Anything else: strip trailing decimal zeros
//     from the mantissa, lower the exponent to a multiple of 3 (0.5 → 500m, 1000 → 1k, 1.5e3 → 1500,
//     2e4 → 20e3), and print the SI suffix (decimal SI) or `e<exp>` (exponent form).
//  Values finer than 1n round away from zero to 1n; binary SI values below 1 print as decimal SI.

const DECIMAL_SUFFIX: Readonly<Record<string, number>> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIX: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const FORMAT = { decimalSI: 'DecimalSI', binarySI: 'BinarySI', decimalExponent: 'DecimalExponent' } as const;
type Format = (typeof FORMAT)[keyof typeof FORMAT];

const MAX_INT64 = (1n << 63n) - 1n;
const SUFFIX_CHARS = 'eEinumkKMGTP';

export class QuantityError extends Error {
  constructor(input: string) {
    super(`quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$': ${JSON.stringify(input)}`);
    this.name = 'QuantityError';
  }
}

interface Parsed {
  readonly positive: boolean;
  /** Integer digits with leading zeros removed ("0" when none). */
  readonly num: string;
  readonly denom: string;
  readonly suffix: string;
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

function parseQuantityText(str: string): Parsed {
  let pos = 0;
  let positive = true;
  if (str[0] === '-' || str[0] === '+') {
    positive = str[0] === '+';
    pos++;
  }
  while (str[pos] === '0') pos++;
  if (pos >= str.length) return { positive, num: '0', denom: '', suffix: '' };
  let start = pos;
  while (isDigit(str[pos])) pos++;
  const num = str.slice(start, pos) === '' ? '0' : str.slice(start, pos);
  let denom = '';
  if (str[pos] === '.') {
    start = ++pos;
    while (isDigit(str[pos])) pos++;
    denom = str.slice(start, pos);
  }
  const suffixStart = pos;
  while (pos < str.length && SUFFIX_CHARS.includes(str[pos] ?? '')) pos++;
  if (str[pos] === '-' || str[pos] === '+') pos++;
  while (isDigit(str[pos])) pos++;
  if (pos < str.length) throw new QuantityError(str);
  return { positive, num, denom, suffix: str.slice(suffixStart) };
}

function interpretSuffix(suffix: string, input: string): { base: 2 | 10; exponent: number; format: Format } {
  const dec = DECIMAL_SUFFIX[suffix];
  if (dec !== undefined) return { base: 10, exponent: dec, format: FORMAT.decimalSI };
  const bin = BINARY_SUFFIX[suffix];
  if (bin !== undefined) return { base: 2, exponent: bin, format: FORMAT.binarySI };
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E') && /^[+-]?\d+$/.test(suffix.slice(1))) {
    return { base: 10, exponent: Number.parseInt(suffix.slice(1), 10), format: FORMAT.decimalExponent };
  }
  throw new QuantityError(input);
}

/** An exact value `mantissa × 10^-scale`. */
interface Dec {
  readonly mantissa: bigint;
  readonly scale: number;
}

const abs = (v: bigint): bigint => (v < 0n ? -v : v);
const pow10 = (n: number): bigint => 10n ** BigInt(n);

function isIntegral(d: Dec): boolean {
  return d.scale <= 0 || d.mantissa % pow10(d.scale) === 0n;
}

function toInteger(d: Dec): bigint {
  return d.scale <= 0 ? d.mantissa * pow10(-d.scale) : d.mantissa / pow10(d.scale);
}

function compareAbs(d: Dec, n: bigint): number {
  const lhs = d.scale >= 0 ? abs(d.mantissa) : abs(d.mantissa) * pow10(-d.scale);
  const rhs = d.scale >= 0 ? n * pow10(d.scale) : n;
  return lhs < rhs ? -1 : lhs > rhs ? 1 : 0;
}

function canonicalDecimal(d: Dec, format: Format): string {
  let m = d.mantissa;
  let exp = -d.scale;
  while (abs(m) >= 10n && m % 10n === 0n) {
    m /= 10n;
    exp++;
  }
  while (exp % 3 !== 0) {
    m *= 10n;
    exp--;
  }
  if (format === FORMAT.decimalExponent) return exp === 0 ? `${m}` : `${m}e${exp}`;
  // Upstream prints no suffix when the exponent has no SI name (only reachable beyond 999E).
  const suffix = Object.entries(DECIMAL_SUFFIX).find(([, e]) => e === exp)?.[0] ?? '';
  return `${m}${suffix}`;
}

function canonicalize(d: Dec, format: Format): string {
  if (d.mantissa === 0n) return '0';
  if (format === FORMAT.binarySI) {
    if (compareAbs(d, 1024n) < 0 || !isIntegral(d)) return canonicalDecimal(d, FORMAT.decimalSI);
    let v = toInteger(d);
    let times = 0;
    while (abs(v) >= 1024n && v % 1024n === 0n) {
      v /= 1024n;
      times++;
    }
    const suffix = Object.entries(BINARY_SUFFIX).find(([, e]) => e === times * 10)?.[0] ?? '';
    return `${v}${suffix}`;
  }
  return canonicalDecimal(d, format);
}

/** The int64 fast path of upstream's parser: returns the text to print, or undefined when not taken. */
function fastPath(str: string, p: Parsed, exponent: number, format: Format): string | undefined {
  const sign = p.positive ? 1n : -1n;
  if (format === FORMAT.binarySI) {
    if (p.denom !== '') return undefined;
    const precision = 15 - p.num.length - Math.trunc(Math.fround((Math.fround(exponent) * 3) / 10)) - 1;
    if (precision < 0) return undefined;
    const value = BigInt(p.num);
    const result = value << BigInt(exponent);
    if (result > MAX_INT64) return undefined;
    if (value % 8n !== 0n) return str;
    return canonicalize({ mantissa: sign * result, scale: 0 }, format);
  }
  if (18 - (p.num.length + p.denom.length) < 0) return undefined;
  const scale = exponent - p.denom.length;
  if (scale < -9) return undefined;
  const shifted = p.num + p.denom;
  if (scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0') return str;
  return canonicalize({ mantissa: sign * BigInt(shifted), scale: -scale }, format);
}

/** Rounds |d| up to a multiple of 1e-9 (upstream rounds tiny requests up, never to zero). */
function roundUpToNano(d: Dec): Dec {
  if (d.mantissa === 0n || d.scale <= 9) return d;
  const div = pow10(d.scale - 9);
  const q = abs(d.mantissa) / div;
  const up = abs(d.mantissa) % div === 0n ? q : q + 1n;
  return { mantissa: d.mantissa < 0n ? -up : up, scale: 9 };
}

/**
 * The JSON string Go writes for a quantity that arrived as `input` (a JSON string or number).
 * Throws QuantityError where Go's decoder would reject the object.
 */
export function goQuantityString(input: string | number): string {
  const str = (typeof input === 'number' ? String(input) : input).trim();
  if (str === '') throw new QuantityError(str);
  if (str === '0') return '0';
  const p = parseQuantityText(str);
  const { base, exponent, format } = interpretSuffix(p.suffix, str);
  const fast = fastPath(str, p, exponent, format);
  if (fast !== undefined) return fast;
  const sign = p.positive ? 1n : -1n;
  let d: Dec = { mantissa: sign * BigInt(p.num + p.denom), scale: p.denom.length };
  d = base === 10 ? { mantissa: d.mantissa, scale: d.scale - exponent } : { mantissa: d.mantissa << BigInt(exponent), scale: d.scale };
  d = roundUpToNano(d);
  let fmt: Format = format;
  if (fmt === FORMAT.binarySI && compareAbs(d, MAX_INT64) > 0) d = { mantissa: d.mantissa < 0n ? -MAX_INT64 : MAX_INT64, scale: 0 };
  if (fmt === FORMAT.binarySI && compareAbs(d, 1n) < 0) fmt = FORMAT.decimalSI;
  return canonicalize(d, fmt);
}

/** Exact value of a quantity as `mantissa × 10^-scale`, for semantic comparison (upstream Cmp). */
export function quantityValue(input: string | number): Dec {
  const canonical = goQuantityString(input);
  const p = parseQuantityText(canonical);
  const { base, exponent } = interpretSuffix(p.suffix, canonical);
  const sign = p.positive ? 1n : -1n;
  const d: Dec = { mantissa: sign * BigInt(p.num + p.denom), scale: p.denom.length };
  return base === 10 ? roundUpToNano({ mantissa: d.mantissa, scale: d.scale - exponent }) : { mantissa: d.mantissa << BigInt(exponent), scale: d.scale };
}

/** True when two quantities denote the same amount ("1Gi" and "1073741824" do). */
export function quantitiesEqual(a: string | number, b: string | number): boolean {
  const x = quantityValue(a);
  const y = quantityValue(b);
  const s = Math.max(x.scale, y.scale);
  return x.mantissa * pow10(s - x.scale) === y.mantissa * pow10(s - y.scale);
}

/**
 * Upstream SetDefaults_ResourceList: a quantity rounded up (away from zero) to a multiple of 1m.
 * Returned as a string that denotes the rounded value (format is irrelevant for semantic equality).
 */
export function roundQuantityUpToMilli(input: string | number): string {
  const d = quantityValue(input);
  if (d.scale <= 3) return goQuantityString(input);
  const div = pow10(d.scale - 3);
  const q = abs(d.mantissa) / div;
  const up = abs(d.mantissa) % div === 0n ? q : q + 1n;
  return `${d.mantissa < 0n ? -up : up}m`;
}

/** Canonical text of a quantity's exact value (`<integer>e<exp>`), equal for equal amounts. */
export function quantityValueKey(input: string | number): string {
  const d = quantityValue(input);
  let m = d.mantissa;
  let exp = -d.scale;
  while (m !== 0n && m % 10n === 0n) {
    m /= 10n;
    exp++;
  }
  return m === 0n ? '0' : `${m}e${exp}`;
}
